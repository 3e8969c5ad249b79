"""Two processes on one database: the second fails fast with a clear message, nothing is corrupted.

DuckDB lets one process write a file at a time. ``eventwire run`` opens the store
before it loads the model, so a second run (or a run while another process reads
the database) stops at once with exit code 1 and names the process that holds it;
the first run completes and its database is whole.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .test_crash import corpus_copy, environment, run_command, snapshot

LOCKED = re.compile(r"eventwire: error: database (?P<db>\S+) is in use by another eventwire process "
                    r"\(pid (?P<pid>\d+)\); wait for it or use another --db\n")


def _finish(processes: list[subprocess.Popen[str]]) -> list[float]:
    """Wait for every process; the moment each ended, in seconds since now."""
    started = time.monotonic()
    ended: dict[int, float] = {}
    while len(ended) < len(processes):
        for n, process in enumerate(processes):
            if n not in ended and process.poll() is not None:
                ended[n] = time.monotonic() - started
        if time.monotonic() - started > 300:
            raise TimeoutError("runs did not finish")
        time.sleep(0.02)
    return [ended[n] for n in range(len(processes))]


def _start(corpus: Path, db: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(run_command(corpus, db, out), env=environment(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for_file(path: Path) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def _assert_one_whole_run(db: Path) -> None:
    state = snapshot(db)  # integrity checks: keys, articles with all their mentions, events
    assert state["runs"] == (1, 1), "exactly one run recorded, and finished"
    assert state["articles"] and state["events"]


@pytest.mark.slow
@pytest.mark.parametrize("together", [False, True], ids=["second-starts-later", "both-start-together"])
def test_concurrency_second_run_fails_fast(tmp_path: Path, together: bool) -> None:
    corpus, db = corpus_copy(tmp_path, files=4), tmp_path / "events.duckdb"
    first = _start(corpus, db, tmp_path / "out1")
    if not together:
        _wait_for_file(db)  # the first run has opened (and locked) the database
    second = _start(corpus, db, tmp_path / "out2")
    ended = _finish([first, second])
    results = [(p.returncode, p.stderr.read() if p.stderr else "") for p in (first, second)]
    winner, loser = (0, 1) if results[0][0] == 0 else (1, 0)
    assert (results[winner][0], results[loser][0]) == (0, 1), results
    found = LOCKED.fullmatch(results[loser][1])
    assert found, results[loser][1]
    assert found["db"] == str(db) and int(found["pid"]) == (first, second)[winner].pid
    assert ended[loser] < ended[winner], "the second run must fail at once, not after coding"
    assert not (tmp_path / f"out{loser + 1}" / "events.jsonl").exists()
    _assert_one_whole_run(db)


READER = textwrap.dedent("""
    import sys
    from eventwire.store.database import Store
    store = Store.open(sys.argv[1], read_only=True)
    print("ready", flush=True)
    sys.stdin.read()
    store.close()
""")


@pytest.mark.slow
def test_concurrency_run_while_a_reader_holds_the_database(tmp_path: Path) -> None:
    corpus, db = corpus_copy(tmp_path, files=4), tmp_path / "events.duckdb"
    done = subprocess.run(run_command(corpus, db, tmp_path / "out1"), env=environment(), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db)], env=environment(), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
        blocked = subprocess.run(run_command(corpus, db, tmp_path / "out2"), env=environment(),
                                 capture_output=True, text=True, timeout=300, check=False)
    finally:
        assert reader.stdin is not None
        reader.stdin.close()
        reader.wait(timeout=60)
    assert blocked.returncode == 1
    found = LOCKED.fullmatch(blocked.stderr)
    assert found and int(found["pid"]) == reader.pid, blocked.stderr
    _assert_one_whole_run(db)
