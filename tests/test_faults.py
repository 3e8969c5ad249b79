"""The faults users actually hit, each driven through the command line.

Every test here runs ``eventwire`` as a user would (a subprocess, or Click's runner
where a process of its own adds nothing) and checks the promise of the README's
"What eventwire guarantees": the good articles are kept, nothing is doubled, and a
fault is one line naming the file and the reason, never a traceback.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.store.database import Store

from .test_crash import environment

GOOD = {
    "good-1.txt": ("MOGADISHU, Somalia (March 3, 2021) - Militants attacked an army base near Afgoye on "
                   "Tuesday, killing five soldiers, a regional official said.\n\n"
                   "The army said it repelled the attack after a two-hour gunfight."),
    "good-2.txt": ("KHARTOUM, Sudan (May 2, 2023) - Fighting between the army and the Rapid Support Forces "
                   "killed 1,500 people in the city of Nyala last week, a medical group said."),
}
SENTENCE = "Gunmen attacked a police post near the town of Example on Monday, killing two officers."

# Any code point at all, lone surrogates included (hypothesis leaves them out by default).
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
KEYS = ["text", "body", "content", "id", "title", "date", "source", "url", "articles"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), ANY_TEXT, st.just(SENTENCE),
                    st.builds(lambda a, b: a + SENTENCE + b, ANY_TEXT, ANY_TEXT))
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.sampled_from(KEYS), ANY_TEXT), inner, max_size=5)),
    max_leaves=10)
MARKUP = st.lists(st.one_of(st.sampled_from(["<p>", "</p>", "<div>", "<nav>", "<script>", "<title>", "&#xD800;",
                                             "&#0;", "<meta charset='utf-16'>", SENTENCE]), ANY_TEXT),
                  max_size=12).map("".join)
# A string that surely holds a lone surrogate somewhere (the case that used to stop the run).
SURROGATED = st.builds(lambda a, c, b: a + c + b, ANY_TEXT, st.characters(categories=["Cs"]), ANY_TEXT)
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".md"]


def eventwire(*args: str, timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``eventwire ARGS`` in a process of its own (in folder ``cwd``)."""
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], env=environment(), capture_output=True,
                          text=True, timeout=timeout, check=False, cwd=cwd)


def one_line_error(stderr: str) -> str:
    """The message of a CLI error: exactly one line, "eventwire: error: ..." (or Click's "Error: ...")."""
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    for prefix in ("eventwire: error: ", "Error: "):
        if stderr.startswith(prefix):
            return stderr[len(prefix):].rstrip("\n")
    raise AssertionError(f"not an error line: {stderr!r}")


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def _encoded(value: object) -> bytes:
    # ensure_ascii: a lone surrogate is written as its \\udXXX escape, which Python's json reads back
    return json.dumps(value, ensure_ascii=True).encode("ascii")


HOSTILE_FILE = st.one_of(
    st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=300)),
    st.tuples(st.just(".json"), JSON_VALUES.map(_encoded)),
    st.tuples(st.just(".json"), st.lists(st.fixed_dictionaries({"text": SCALARS, "title": SCALARS, "id": SCALARS}),
                                         min_size=1, max_size=3).map(_encoded)),
    st.tuples(st.just(".jsonl"), st.lists(JSON_VALUES.map(_encoded), max_size=3).map(b"\n".join)),
    st.tuples(st.sampled_from([".html", ".txt"]), MARKUP.map(lambda s: s.encode("utf-8", "surrogatepass"))),
)


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(HOSTILE_FILE, min_size=5, max_size=14),
       surrogated=st.fixed_dictionaries({"title": SURROGATED, "text": SURROGATED.map(lambda s: s + SENTENCE)},
                                        optional={"id": SURROGATED, "source": SURROGATED, "url": SURROGATED}))
def test_faults_run_survives_arbitrary_input(files: list[tuple[str, bytes]], surrogated: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_good(root / "in")
        files = [*files, (".jsonl", _encoded(surrogated))]
        for n, (suffix, data) in enumerate(files):
            (root / "in" / f"hostile-{n}{suffix}").write_bytes(data)
        done = eventwire("run", str(root / "in"), "--out", str(root / "out"), "--db", str(root / "e.duckdb"), "-q")
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "Error:" not in done.stderr.replace("error:", ""), done.stderr
        articles = [json.loads(line) for line in (root / "out" / "articles.jsonl").read_text("utf-8").splitlines()]
        ids = {a["article_id"] for a in articles}
        good = {str(root / "in" / name) for name in GOOD}
        assert good <= ids
        with Store.open(root / "e.duckdb", read_only=True) as store:
            stored = {a.article_id for a in store.articles()}
            assert stored == ids, "every article read is stored"
            with_mentions = {m.article_id for m in store.mentions()}
        assert good <= with_mentions, "the good articles are coded as they are alone"


@pytest.mark.slow
def test_faults_lone_surrogates_are_replaced_and_counted(tmp_path: Path) -> None:
    write_good(tmp_path / "in")
    # Python's json reads these escapes as lone surrogates, which no UTF-8 output can hold.
    (tmp_path / "in" / "feed.json").write_text(
        '[{"id": "s\\ud800", "title": "Base \\udfff attacked", "source": "Wire \\ud83d", '
        f'"text": "{SENTENCE} \\ud800\\udc00 \\udc00"}}]', encoding="ascii")
    done = eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "e.duckdb"))
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert summary["articles"] == 3 and summary["problems"] == 0
    assert summary["characters_replaced"] == 4  # the pair \\ud800\\udc00 is one real character
    articles = {a["article_id"]: a for a in map(json.loads, (tmp_path / "out" / "articles.jsonl").open(encoding="utf-8"))}
    assert articles["s\ufffd"]["title"] == "Base \ufffd attacked"
    assert articles["s\ufffd"]["source"] == "Wire \ufffd"
    with Store.open(tmp_path / "e.duckdb", read_only=True) as store:
        (feed,) = store.articles(ids=["s\ufffd"])
    assert feed.text.endswith("\U00010000 \ufffd")


def test_faults_sqlite_file_as_db_is_one_line_and_loads_nothing(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE t (a)")
    write_good(tmp_path / "in")
    for args in (["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(db)],
                 ["events", "--db", str(db)], ["serve", "--db", str(db), "--port", "1"]):
        done = eventwire(*args, timeout=120)
        assert done.returncode == 1
        assert one_line_error(done.stderr) == (f"{db} is not a DuckDB database (it is a SQLite database); "
                                               "move it aside or use another --db"), args
    assert not (tmp_path / "out" / "events.jsonl").exists()


def test_faults_store_never_installs_or_loads_extensions(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.duckdb") as store:
        rows = store.query("SELECT current_setting('autoinstall_known_extensions'), "
                           "current_setting('autoload_known_extensions')")
    assert rows == [(False, False)]


# -- one article, however its path is typed; one report, however many names it has ---------------------


def _run(folder: Path, given: str, out: str, *, db: str = "e.duckdb") -> dict:
    """``eventwire run GIVEN`` from ``folder``; the run's summary."""
    done = eventwire("run", given, "--out", out, "--db", db, "-q", cwd=folder)
    assert done.returncode == 0, done.stderr
    return json.loads((folder / out / "summary.json").read_text("utf-8"))


def _stored(db: Path) -> tuple[int, int, list[str]]:
    """Articles and mentions stored, and the event ids."""
    with Store.open(db, read_only=True) as store:
        return len(store.articles()), len(store.mentions()), sorted(e.event_id for e in store.events())


def _files(out: Path) -> dict[str, str]:
    """``articles.jsonl``: each article's id -> its ``file``."""
    return {a["article_id"]: a["file"] for a in map(json.loads, (out / "articles.jsonl").open(encoding="utf-8"))}


def test_faults_same_files_by_another_path_add_nothing(tmp_path: Path) -> None:
    write_good(tmp_path / "in")
    (tmp_path / "in" / "feed.jsonl").write_text(json.dumps({"title": "Clash near Afgoye", "text": GOOD["good-1.txt"]
                                                            .replace("five", "six")}) + "\n", "utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "in")
    first = _run(tmp_path, "in", "out1")
    assert first["articles"] == 3 and first["articles_reused"] == 0 and first["mentions"] > 0
    stored = _stored(tmp_path / "e.duckdb")
    assert set(_files(tmp_path / "out1").values()) == {"in/good-1.txt", "in/good-2.txt", "in/feed.jsonl"}
    for typed, out in ((str(tmp_path / "in"), "out2"), ("link", "out3"), ("./link/../in/", "out4")):
        again = _run(tmp_path, typed, out)
        assert (again["articles"], again["articles_reused"]) == (3, 3), typed
        assert (again["events"], again["mentions"]) == (first["events"], first["mentions"]), typed
        assert _stored(tmp_path / "e.duckdb") == stored, f"{typed}: an article, mention or event was added"
        files = _files(tmp_path / out)
        assert files.keys() == _files(tmp_path / "out1").keys()
        assert all(Path(f).name in {"good-1.txt", "good-2.txt", "feed.jsonl"} for f in files.values())
    assert set(_files(tmp_path / "out3").values()) == {"link/good-1.txt", "link/good-2.txt", "link/feed.jsonl"}, \
        "the outputs name each file as it was given"
    # A changed file is coded again under its identity, whatever path names it.
    (tmp_path / "in" / "good-2.txt").write_text(GOOD["good-2.txt"].replace("1,500", "1,600"), "utf-8")
    changed = _run(tmp_path, "link", "out5")
    assert (changed["articles"], changed["articles_reused"]) == (3, 2)
    assert _stored(tmp_path / "e.duckdb")[:2] == stored[:2]


def test_faults_one_report_under_two_names_is_stored_once(tmp_path: Path) -> None:
    write_good(tmp_path / "in")
    (tmp_path / "in" / "good-1 (copy).txt").write_text(GOOD["good-1.txt"], "utf-8")  # saved twice
    first = _run(tmp_path, "in", "out1")
    assert (first["articles"], first["articles_reused"]) == (2, 1)
    stored = _stored(tmp_path / "e.duckdb")
    assert stored[0] == 2
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "renamed.txt").write_text(GOOD["good-1.txt"], "utf-8")  # and once more, later
    later = _run(tmp_path, "later", "out2")
    assert (later["articles"], later["articles_reused"]) == (1, 1)
    assert _stored(tmp_path / "e.duckdb") == stored
    assert list(_files(tmp_path / "out2").values()) == ["later/renamed.txt"]


def test_faults_pages_giving_their_site_home_as_url_stay_apart(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name, text in GOOD.items():  # a misconfigured og:url: every page claims the home page
        (tmp_path / "in" / f"{name}.html").write_text(
            "<html><head><meta property='og:url' content='https://news.example.org/'></head>"
            f"<body><p>{text}</p></body></html>", "utf-8")
    (tmp_path / "in" / "story.html").write_text(
        "<html><head><link rel='canonical' href='https://news.example.org/2021/03/base-attack'></head>"
        "<body><p>Gunmen attacked a police post near Baidoa on Monday, killing two officers.</p></body></html>",
        "utf-8")
    summary = _run(tmp_path, "in", "out")
    assert (summary["articles"], summary["problems"]) == (3, 0)
    assert set(_files(tmp_path / "out")) == {*(str(tmp_path / "in" / f"{n}.html") for n in GOOD),
                                             "https://news.example.org/2021/03/base-attack"}


def test_faults_two_outlets_printing_one_story_are_two_reports_of_one_event(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    wire = {"title": "Militants attack army base", "text": GOOD["good-1.txt"]}
    (tmp_path / "in" / "wire.jsonl").write_text("".join(json.dumps({**wire, "source": outlet}) + "\n"
                                                        for outlet in ("Daily One", "Evening Two", "Daily One")),
                                                "utf-8")
    summary = _run(tmp_path, "in", "out")
    assert (summary["articles"], summary["articles_reused"]) == (2, 1), "the outlet's second copy is its first"
    with Store.open(tmp_path / "e.duckdb", read_only=True) as store:
        assert sorted(a.source or "" for a in store.articles()) == ["Daily One", "Evening Two"]
        events = store.events()
    both = [e for e in events if {m.source for m in e.mentions} == {"Daily One", "Evening Two"}]
    assert both, "one event, reported by both outlets"
    assert all(len({m.article_id for m in e.mentions}) == len(e.mentions) for e in events)


@pytest.mark.parametrize("depth", [300, 1000])
def test_faults_html_nested_deeper_than_the_parser_reads_is_kept(tmp_path: Path, depth: int) -> None:
    (tmp_path / "in").mkdir()
    story = GOOD["good-1.txt"].split("\n\n")
    for tag in ("div", "blockquote"):  # layout taken out; then, still too deep, the page read as plain text
        page = (f"<html><head><title>Base attacked ({tag})</title></head><body><nav><a href='/'>Home</a></nav>"
                + f"<{tag} class='x'>" * depth + f"<p>{story[0]}</p>" + f"</{tag}>" * depth
                + f"<p>{story[1]} It was the {tag} report.</p></body></html>")
        (tmp_path / "in" / f"{tag}.html").write_text(page, "utf-8")
    done = eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "e.duckdb"),
                     "-q")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert (summary["articles"], summary["problems"]) == (2, 0)
    with Store.open(tmp_path / "e.duckdb", read_only=True) as store:
        texts = {Path(a.file).stem: a.text for a in store.articles()}
        coded = {Path(m.file).stem for m in store.mentions() if "Afgoye" in m.sentence}
    for tag in ("div", "blockquote"):
        assert texts[tag].startswith(story[0]) and texts[tag].endswith(f"It was the {tag} report."), texts[tag]
        assert "Home" not in texts[tag]
    assert coded == {"div", "blockquote"}


def _feed_with_a_long_line(folder: Path, *, megabytes: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "g1", "text": GOOD["good-1.txt"]}) + "\n")
        out.write('{"id": "long", "text": "' + "word " * (megabytes * 200_000) + '"}\n')
        out.write(json.dumps({"id": "g2", "text": GOOD["good-2.txt"]}) + "\n")
    return feed


@pytest.mark.slow
def test_faults_jsonl_line_over_the_limit_is_refused_and_the_rest_coded(tmp_path: Path) -> None:
    feed = _feed_with_a_long_line(tmp_path / "in", megabytes=50)
    done = eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "e.duckdb"),
                     "-q", "--set", "max_file_bytes=100000000")
    assert done.returncode == 0
    assert done.stderr == (f"eventwire: skipped {feed}:2: line is over the limit of 1,000,000 characters "
                           "(max_line_chars); skipped without reading it whole\n")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert (summary["articles"], summary["problems"]) == (2, 1)
    with Store.open(tmp_path / "e.duckdb", read_only=True) as store:
        assert {m.article_id for m in store.mentions()} == {"g1", "g2"}


def test_faults_jsonl_line_over_the_limit_is_never_held_whole(tmp_path: Path) -> None:
    import tracemalloc

    from eventwire.ingest import iter_inputs
    from eventwire.settings import Settings

    feed = _feed_with_a_long_line(tmp_path / "in", megabytes=20)
    tracemalloc.start()
    try:
        items = list(iter_inputs([str(feed)], settings=Settings(max_file_bytes=100_000_000, max_line_chars=100_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [getattr(i, "article_id", None) or i.line for i in items] == ["g1", 2, "g2"]
    # a line is read up to 4 bytes a character of max_line_chars (UTF-8), not whole
    assert peak < 4_000_000, f"reading the file took {peak:,} bytes at its peak: the 20 MB line was held"


# A sentence that never ends: its extraction takes many seconds (about 8 s for 300 clauses here, more than
# linearly longer for more), its parse about two.
ENDLESS = ("KABUL, Afghanistan (March 3, 2021) - "
           + "Gunmen attacked a police post near Kabul on Monday, killing five officers, and " * 500
           + "police said.")


def _budget_run(folder: Path, *, with_endless: bool) -> tuple[subprocess.CompletedProcess[str], float, dict]:
    import time

    write_good(folder / "in")
    for n in range(8):  # short articles sharing the batch with the endless one
        (folder / "in" / f"short-{n}.txt").write_text(GOOD["good-1.txt"].replace("five", str(n + 2)), "utf-8")
    if with_endless:
        (folder / "in" / "endless.txt").write_text(ENDLESS, "utf-8")
    started = time.monotonic()
    done = eventwire("run", str(folder / "in"), "--out", str(folder / "out"), "--db", str(folder / "e.duckdb"),
                     "-q", "--set", "article_seconds=2", "--set", "batch_size=16", "--set", "workers=1")
    took = time.monotonic() - started
    return done, took, json.loads((folder / "out" / "summary.json").read_text("utf-8"))


@pytest.mark.slow
def test_faults_time_budget_holds_per_article_whatever_the_batch(tmp_path: Path) -> None:
    alone, alone_took, alone_summary = _budget_run(tmp_path / "alone", with_endless=False)
    mixed, mixed_took, summary = _budget_run(tmp_path / "mixed", with_endless=True)
    assert alone.returncode == 0 and mixed.returncode == 0, mixed.stderr
    assert mixed.stderr == (f"eventwire: skipped {tmp_path / 'mixed' / 'in' / 'endless.txt'}: analysis of the "
                            "article took longer than the time budget of 2 s per article and was stopped "
                            "(article_seconds)\n")
    assert summary["articles"] == alone_summary["articles"] + 1 and summary["problems"] == 1
    assert (summary["events"], summary["mentions"]) == (alone_summary["events"], alone_summary["mentions"])
    # The endless article costs its own budget (2 s) and its reading and parse, not its whole extraction,
    # the batch's budget (22 s) or a recoding of the batch.
    assert mixed_took - alone_took < 2 + 6, (alone_took, mixed_took)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(port: int, path: str, method: str = "GET") -> tuple[int, bytes]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _total(port: int) -> int:
    status, body = _request(port, "/api/events?limit=1")
    assert status == 200, body
    return int(json.loads(body)["total"])


@pytest.mark.slow
def test_faults_serve_beside_run_keeps_answering_and_shows_new_events(tmp_path: Path) -> None:
    import shutil
    import threading
    import time

    from .test_crash import ROOT

    first, second, db = tmp_path / "first", tmp_path / "second", tmp_path / "e.duckdb"
    first.mkdir()
    second.mkdir()
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.name != "README.md")
    for n, path in enumerate(examples):
        shutil.copy(path, (first if n < 3 else second) / path.name)
    assert eventwire("run", str(first), "--out", str(tmp_path / "out1"), "--db", str(db), "-q").returncode == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                              env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    answers: list[tuple[str, int, int]] = []
    stop = threading.Event()

    def steady_requests() -> None:  # about 20 a second, bounded
        for n in range(3000):
            if stop.is_set():
                return
            method, path = [("GET", "/api/events?limit=5"), ("GET", "/api/facets"), ("HEAD", "/")][n % 3]
            status, body = _request(port, path, method)
            answers.append((method, status, len(body)))
            time.sleep(0.05)

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                before = _total(port)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.1)
        assert before > 0
        requester = threading.Thread(target=steady_requests)
        requester.start()
        try:
            run = eventwire("run", str(second), "--out", str(tmp_path / "out2"), "--db", str(db), "-q")
            time.sleep(1)  # requests after the run's end
        finally:
            stop.set()
            requester.join(timeout=60)
        assert run.returncode == 0, run.stderr
        with Store.open(db, read_only=True) as store:
            stored = len(store.events())
        assert stored > before
        assert _total(port) == stored, "the server shows the new events without a restart"
        status, body = _request(port, "/", "HEAD")
        assert (status, body) == (200, b"")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert len(answers) > 20
    assert {(method, status) for method, status, _ in answers} == {("GET", 200), ("HEAD", 200)}, \
        sorted(set(answers))[:5]
    assert all(size == 0 for method, _, size in answers if method == "HEAD")
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")


# -- the operating system says no: a read-only folder, a full disk, a file that is no database --------


@pytest.fixture
def mounts(tmp_path: Path):
    """``mount(kind, folder, size)``: a small tmpfs, or a read-only bind mount of an empty folder
    (as root, like CI; chmod would stop nothing). Unmounted at the end."""
    made: list[Path] = []

    def mount(kind: str, name: str, size: str = "64k") -> Path:
        target = tmp_path / name
        target.mkdir()
        if kind == "tmpfs":
            command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)]
        else:
            source = tmp_path / f"{name}-source"
            source.mkdir()
            command = ["mount", "--bind", "-o", "ro", str(source), str(target)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount here ({done.stderr.strip()}); these tests run as root")
        made.append(target)
        return target

    yield mount
    for target in reversed(made):
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_faults_new_db_in_a_read_only_folder_is_one_line(tmp_path: Path, mounts) -> None:
    folder = mounts("ro", "readonly")
    write_good(tmp_path / "in")
    for args in (["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")],
                 ["watch", str(tmp_path / "in"), "--once", "-q", "--out", str(tmp_path / "out")]):
        done = eventwire(*args, "--db", str(folder / "new.duckdb"), timeout=120)
        assert done.returncode == 1, done.stderr
        assert one_line_error(done.stderr) == f"cannot create database {folder / 'new.duckdb'}: read-only file system"
    assert not (tmp_path / "out" / "events.jsonl").exists()


@pytest.mark.slow
def test_faults_disk_full_while_spooling_is_one_line_and_leaves_nothing(tmp_path: Path, mounts) -> None:
    out = mounts("tmpfs", "full", size="4k")
    write_good(tmp_path / "in")
    (tmp_path / "in" / "many.jsonl").write_text("\n".join(json.dumps(
        {"id": f"quiet-{n}", "title": f"A quiet day number {n} " + "in the market town " * 20,
         "url": f"https://example.org/{'quiet/' * 30}{n}", "text": "Shops opened as usual and the market was busy."})
        for n in range(60)), "utf-8")
    done = eventwire("run", str(tmp_path / "in"), "--out", str(out), "--db", str(tmp_path / "e.duckdb"), "-q")
    assert done.returncode == 1
    assert one_line_error(done.stderr) == f"cannot write {out}: no space left on device"
    assert list(out.iterdir()) == [], "no output and no temporary file is left behind"
    with Store.open(tmp_path / "e.duckdb", read_only=True) as store:  # what was stored is whole
        assert {m.article_id for m in store.mentions()} <= {a.article_id for a in store.articles()}


def test_faults_new_db_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path, mounts) -> None:
    folder = mounts("tmpfs", "fulldb", size="64k")
    write_good(tmp_path / "in")
    done = eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(folder / "e.duckdb"),
                     timeout=120)
    assert done.returncode == 1
    assert one_line_error(done.stderr) == f"cannot create database {folder / 'e.duckdb'}: no space left on device"
    assert list(folder.iterdir()) == []


@pytest.mark.slow
def test_faults_serve_on_a_truncated_database_answers_without_a_traceback(tmp_path: Path) -> None:
    import time

    db = tmp_path / "e.duckdb"
    write_good(tmp_path / "in")
    assert eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(db), "-q",
                     timeout=300).returncode == 0
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                              env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:  # refused on start: one line
                assert server.returncode == 1
                one_line_error(server.stderr.read() if server.stderr else "")
                return
            try:
                status, body = _request(port, "/api/events")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server neither started nor stopped"
                time.sleep(0.1)
        assert status == 503, body
        assert f"{db.name}" in json.loads(body)["detail"] or "copy-" in json.loads(body)["detail"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")


def _fill(folder: Path, *, leave: int, name: str = "filler") -> Path:
    """Fill the file system of ``folder`` but for about ``leave`` bytes (with file ``name``)."""
    import os

    info = os.statvfs(folder)
    filler = folder / name
    filler.write_bytes(b"\0" * max(0, info.f_bavail * info.f_frsize - leave))
    return filler


def test_faults_outputs_in_a_read_only_folder_are_one_line(tmp_path: Path, mounts) -> None:
    folder = mounts("ro", "readonly")
    write_good(tmp_path / "in")
    for out in (folder, folder / "new"):
        done = eventwire("run", str(tmp_path / "in"), "--out", str(out), "--db", str(tmp_path / "e.duckdb"), "-q")
        assert done.returncode == 1
        assert one_line_error(done.stderr) == f"cannot write {out}: read-only file system"
    for fmt in ("csv", "jsonl", "geojson", "parquet"):
        done = eventwire("export", "--db", str(tmp_path / "e.duckdb"), "--format", fmt,
                         "--out", str(folder / f"events.{fmt}"))
        assert done.returncode == 1
        assert one_line_error(done.stderr) == f"cannot write {folder / f'events.{fmt}'}: read-only file system"
    assert list(folder.iterdir()) == []


@pytest.mark.slow
def test_faults_disk_full_part_way_through_the_outputs_keeps_the_previous_ones(tmp_path: Path, mounts) -> None:
    import re

    out = mounts("tmpfs", "out", size="8m")
    db = tmp_path / "e.duckdb"
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "good-1.txt").write_text(GOOD["good-1.txt"], "utf-8")
    assert eventwire("run", str(tmp_path / "one"), "--out", str(out), "--db", str(db), "-q").returncode == 0
    assert eventwire("export", "--db", str(db), "--format", "parquet", "--out", str(out / "e.parquet")).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {"events.jsonl", "events.csv", "events.geojson", "articles.jsonl", "e.parquet"} <= before.keys()
    filler = _fill(out, leave=12_000)  # room for the articles' spool, not for the events

    write_good(tmp_path / "in")
    (tmp_path / "in" / "many.jsonl").write_text("".join(json.dumps(
        {"id": f"m{n}", "text": GOOD["good-1.txt"].replace("five soldiers", f"{n + 2} soldiers")
         .replace("Afgoye", ["Afgoye", "Baidoa", "Kismayo", "Beledweyne"][n % 4])}) + "\n" for n in range(12)), "utf-8")
    done = eventwire("run", str(tmp_path / "in"), "--out", str(out), "--db", str(db), "-q")
    assert done.returncode == 1
    assert re.fullmatch(rf"cannot write {re.escape(str(out))}/(events\.(jsonl|csv|geojson)|articles\.jsonl): "
                        "no space left on device", one_line_error(done.stderr)), done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "filler"} == before, \
        "the previous outputs are whole and no temporary file is left"
    more = _fill(out, leave=0, name="more")
    for fmt in ("parquet", "geojson"):
        target = out / ("e.parquet" if fmt == "parquet" else "events.geojson")
        done = eventwire("export", "--db", str(db), "--format", fmt, "--out", str(target))
        assert done.returncode == 1
        assert one_line_error(done.stderr) == f"cannot write {target}: no space left on device"
        assert target.read_bytes() == before[target.name]
    assert {p.name for p in out.iterdir()} == {*before, "filler", "more"}
    filler.unlink()
    more.unlink()  # with room again, nothing was lost: the articles were stored
    done = eventwire("run", str(tmp_path / "in"), "--out", str(out), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["articles"] == summary["articles_reused"] == 14


@pytest.mark.slow
def test_faults_disk_full_mid_run_on_the_database_is_one_line_and_keeps_it_whole(tmp_path: Path, mounts) -> None:
    import re
    import shutil

    from .test_crash import ROOT

    folder = mounts("tmpfs", "dbdisk", size="8m")
    db = folder / "e.duckdb"
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "good-1.txt").write_text(GOOD["good-1.txt"], "utf-8")
    assert eventwire("run", str(tmp_path / "one"), "--out", str(tmp_path / "out0"), "--db", str(db),
                     "-q").returncode == 0
    shutil.copytree(ROOT / "examples", tmp_path / "in", ignore=shutil.ignore_patterns("README.md"))
    filler = _fill(folder, leave=60_000)
    done = eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(db), "-q")
    assert done.returncode == 1
    assert re.fullmatch(rf"cannot (save .+|start a run) in {re.escape(str(db))}: no space left on device",
                        one_line_error(done.stderr)), done.stderr
    assert not (tmp_path / "out" / "events.jsonl").exists()
    filler.unlink()
    with Store.open(db, read_only=True) as store:  # it opens, and what it holds is whole
        assert {m.article_id for m in store.mentions()} <= {a.article_id for a in store.articles()}
    done = eventwire("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr
    for folder_name in ("one", "in"):  # the same runs on a disk with room
        assert eventwire("run", str(tmp_path / folder_name), "--out", str(tmp_path / f"clean-{folder_name}"),
                         "--db", str(tmp_path / "c.duckdb"), "-q").returncode == 0
    assert _stored(db) == _stored(tmp_path / "c.duckdb"), "nothing lost, nothing doubled"
