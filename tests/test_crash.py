"""Crash safety: ``eventwire run`` killed with SIGKILL at random moments, then run again.

A clean run of a small corpus gives the reference database, its duration T and
its number of commits C (seen as the write-ahead log changing). Then :data:`KILLS`
runs are killed at seeded random points: half spread evenly in time over 0..1.1 T
(Python starting, the model loading, articles coded and stored, events linked,
files exported), half spread over 1..C commits, right where a kill could split an
article from its mentions. Kills
come in short chains on one database (a run killed, the next killed too, ...) and
each chain ends with a run that completes. After every kill the database must:

- open (DuckDB replays or drops its write-ahead log);
- hold no duplicate key in any table;
- hold no half-written article: every stored article has exactly the mentions the
  clean run stored for it, and no mention lacks its article;
- hold no dangling event: every event has its mention copies, each a stored mention.

After every completing re-run, articles, mentions and events equal the clean run's.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.store.database import Store

ROOT = Path(__file__).resolve().parents[1]
KILLS = 20
SEED = 20240611
CHAIN = (3, 4, 5)  # kills on one database before a run is let complete
BATCH = 3  # articles per batch (and per store commit)

MENTION_COLUMNS = ("mention_id, article_id, file, sentence, start, \"end\", event_type, sub_event_type, "
                   "actor1, actor2, place_name, date_start, date_end, date_precision, fatalities, trigger")
EVENT_COLUMNS = ("event_id, event_type, sub_event_type, actor1, actor2, place_name, date_start, date_end, "
                 "date_precision, fatalities")
KEYS = {"articles": "article_id", "mentions": "mention_id", "events": "event_id", "runs": "run_id",
        "event_mentions": "event_id, position", "schema_migrations": "name"}


def corpus_copy(folder: Path, *, files: int | None = None) -> Path:
    """The project's examples (our own articles): text, markdown, HTML, JSON and JSONL.

    ``files`` keeps only the first few (in name order).
    """
    corpus = folder / "corpus"
    shutil.copytree(ROOT / "examples", corpus)
    if files is not None:
        for path in sorted(corpus.iterdir())[files:]:
            path.unlink()
    return corpus


def run_command(corpus: Path, db: Path, out: Path) -> list[str]:
    # Small batches: articles are committed one batch at a time, and the examples must
    # give several article commits for kills to fall between.
    return [sys.executable, "-m", "eventwire.cli", "run", str(corpus), "--db", str(db), "--out", str(out),
            "-q", "--set", f"batch_size={BATCH}"]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _complete(corpus: Path, db: Path, out: Path) -> float:
    """Run to the end; return the seconds it took."""
    started = time.monotonic()
    done = subprocess.run(run_command(corpus, db, out), env=environment(), capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def _watch(corpus: Path, db: Path, out: Path, *, delay: float | None = None,
           writes: int | None = None) -> tuple[int | None, int]:
    """Start a run; SIGKILL it after ``delay`` seconds or after its ``writes``-th commit.

    Commits are seen as changes of the database's write-ahead log (every stored
    batch of articles is one). Returns the exit code (None when killed) and the commits seen.
    """
    wal = Path(f"{db}.wal")
    process = subprocess.Popen(run_command(corpus, db, out), env=environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    started, seen, last = time.monotonic(), 0, 0
    while process.poll() is None:
        try:
            size = wal.stat().st_size
        except FileNotFoundError:  # not yet made, or just checkpointed away
            size = 0
        if size and size != last:
            seen += 1
        last = size
        late = delay is not None and time.monotonic() - started >= delay
        if late or (writes is not None and seen >= writes):
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            return None, seen
        assert time.monotonic() - started < 300, "run did not finish"
        time.sleep(0.002)
    return process.returncode, seen


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def snapshot(db: Path) -> dict[str, Any]:
    """Check the database's integrity; return what a complete run must reproduce."""
    Store.open(db).close()  # opens, and applies migrations a killed first run left pending
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, key in KEYS.items():
            total, distinct = _rows(con, f"SELECT count(*), count(DISTINCT ({key})) FROM {table}")[0]
            assert total == distinct, f"duplicate keys in {table}"
        orphans = _rows(con, "SELECT mention_id FROM mentions WHERE article_id NOT IN "
                             "(SELECT article_id FROM articles)")
        assert orphans == [], "mentions without their article"
        loose = _rows(con, "SELECT event_id FROM event_mentions WHERE event_id NOT IN (SELECT event_id FROM events)"
                           " OR mention_id NOT IN (SELECT mention_id FROM mentions)")
        assert loose == [], "event mentions without their event or mention"
        empty = _rows(con, "SELECT event_id FROM events WHERE event_id NOT IN (SELECT event_id FROM event_mentions)")
        assert empty == [], "events without mentions"
        articles = dict(_rows(con, "SELECT article_id, content_hash FROM articles"))
        mentions: dict[str, list[tuple[Any, ...]]] = {aid: [] for aid in articles}
        for row in _rows(con, f"SELECT {MENTION_COLUMNS} FROM mentions ORDER BY article_id, ordinal"):
            mentions[row[1]].append(row)
        events = sorted(_rows(con, f"SELECT {EVENT_COLUMNS} FROM events"), key=repr)
        links = sorted(_rows(con, "SELECT event_id, position, mention_id FROM event_mentions"), key=repr)
        runs = _rows(con, "SELECT count(*), count(finished_at) FROM runs")[0]
        latest = _rows(con, "SELECT finished_at IS NOT NULL FROM runs ORDER BY started_at DESC LIMIT 1")
    finally:
        con.close()
    return {"articles": articles, "mentions": mentions, "events": events, "links": links, "runs": runs,
            "latest_finished": bool(latest and latest[0][0])}


def _assert_whole_articles(got: dict[str, Any], clean: dict[str, Any]) -> None:
    for article_id, digest in got["articles"].items():
        assert clean["articles"].get(article_id) == digest, f"article {article_id} differs from the clean run"
        assert got["mentions"][article_id] == clean["mentions"][article_id], f"article {article_id} half-written"


@pytest.mark.slow
def test_crash_sigkill_at_random_points_then_rerun(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path)
    clean_db = tmp_path / "clean.duckdb"
    started = time.monotonic()
    code, commits = _watch(corpus, clean_db, tmp_path / "clean-out")
    seconds = time.monotonic() - started
    assert code == 0
    clean = snapshot(clean_db)
    assert len(clean["articles"]) >= 10 and clean["events"], "the corpus must give work to interrupt"
    assert commits >= 5, "the write-ahead log was not seen growing"
    rng = random.Random(SEED)
    # Half the kills spread evenly in time over the whole run (start-up, model load,
    # coding, linking, export), half spread over its commits (between two articles).
    half = KILLS // 2
    slots: list[dict[str, float]] = [{"delay": (n + rng.random()) / half * 1.1 * seconds} for n in range(half)]
    slots += [{"writes": 1 + int((n + rng.random()) / (KILLS - half) * commits)} for n in range(KILLS - half)]
    rng.shuffle(slots)  # a chain mixes early and late kills
    stages = {"nothing stored": 0, "some articles": 0, "all articles": 0, "finished": 0}
    chain = 0
    while slots:
        chain += 1
        db, out = tmp_path / f"chain{chain}.duckdb", tmp_path / f"chain{chain}-out"
        for _ in range(rng.choice(CHAIN)):
            if not slots:
                break
            plan = slots.pop()
            code, _ = _watch(corpus, db, out, **plan)  # type: ignore[arg-type]
            assert code in (None, 0), f"run ended with exit code {code} ({plan})"
            if not db.exists():
                stages["nothing stored"] += 1
                continue
            got = snapshot(db)
            _assert_whole_articles(got, clean)
            stored = len(got["articles"])
            stage = ("finished" if got["latest_finished"] else "all articles" if stored == len(clean["articles"])
                     else "some articles" if stored else "nothing stored")
            stages[stage] += 1
        _complete(corpus, db, out)
        again = snapshot(db)
        assert {k: again[k] for k in ("articles", "mentions", "events", "links")} == \
               {k: clean[k] for k in ("articles", "mentions", "events", "links")}
        assert again["runs"][1] >= 1
    assert sum(stages.values()) == KILLS
    assert stages["some articles"] + stages["all articles"] >= 2, stages  # kills did land mid-run
