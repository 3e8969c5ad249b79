"""The run: streaming, articles.jsonl spooled in id order, reuse of stored articles, engines."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.linking.link import words_of
from eventwire.linking.stage import link_stage
from eventwire.output.export import sort_events
from eventwire.pipeline import run
from eventwire.records import Article, DateSpan, Mention, Place, Problem, article_to_dict
from eventwire.settings import Settings


class CountingEngine:
    """Codes nothing (no model): every article has no mentions; remembers what it saw."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def code(self, articles, *, settings):
        for article in articles:
            self.seen.append(article.article_id)
            yield article, []

    def link(self, store, reports, words, *, settings, keep=True):
        return link_stage(store, reports, words, settings=settings, keep=keep)


def _report(mention_id: str, article_id: str) -> Mention:
    place = Place("Marib", "Marib", "Yemen", 15.46, 45.32, 1, "city", "YE")
    return Mention(mention_id, article_id, f"{article_id}.txt", "A strike hit Marib.", 0, 19,
                   "Explosions/Remote violence", "Air/drone strike", "Saudi-led Coalition", None, place,
                   DateSpan.day(dt.date(2021, 3, 7)), None, published=dt.date(2021, 3, 8))


def _articles(ids):
    return [Article(article_id=i, file=f"in/{i}.txt", text=f"Text of {i}.", title=f"Title {i}") for i in ids]


IDS = ["m-3", "a-1", "z-9", "b-2"]


@pytest.mark.parametrize("db", [False, True])
def test_pipeline_run_spools_articles_in_id_order(tmp_path, db):
    source = [*_articles(IDS[:2]), Problem("in/bad.json", "invalid JSON: oops"), *_articles(IDS[2:])]
    engine = CountingEngine()
    result = run(["stream"], out_dir=tmp_path / "out", db=tmp_path / "e.duckdb" if db else None,
                 source=iter(source), engine=engine)
    lines = (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [article_to_dict(a) for a in
                                                     sorted(_articles(IDS), key=lambda a: a.article_id)]
    assert engine.seen == IDS
    assert result.article_ids == frozenset(IDS) and result.article_count == 4
    assert result.problems == (Problem("in/bad.json", "invalid JSON: oops"),)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert (summary["articles"], summary["problems"], summary["inputs"]) == (4, 1, ["stream"])
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"articles.jsonl", "events.jsonl", "summary.json"} <= names
    assert not [name for name in names if name.startswith(".")]  # no spool or temporary file left


def test_pipeline_stored_articles_are_not_coded_again(tmp_path):
    first = CountingEngine()
    run(["x"], db=tmp_path / "e.duckdb", source=_articles(IDS), engine=first)
    again = CountingEngine()
    changed = [*_articles(IDS[:3]), Article("b-2", "in/b-2.txt", "A new text of b-2.")]
    result = run(["x"], out_dir=tmp_path / "out", db=tmp_path / "e.duckdb", source=changed, engine=again)
    assert again.seen == ["b-2"]
    assert result.summary["articles_reused"] == 3 and result.summary["articles"] == 4


def test_pipeline_progress_counts_every_item(tmp_path):
    ticks: list[int] = []
    source = [*_articles(IDS), Problem("in/x.txt", "empty file")]
    run(["x"], source=source, engine=CountingEngine(), progress=ticks.append)
    assert sum(ticks) == 5


def test_pipeline_without_output_folder_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["x"], source=_articles(IDS), engine=CountingEngine())
    assert result.outputs == {} and list(tmp_path.iterdir()) == []


@given(st.text(alphabet=st.sampled_from("abcdefghij klmno-'\nXYZ.,"), max_size=300))
def test_pipeline_link_stage_links_with_the_words_given(text):
    from eventwire.linking.link import link

    reports = [_report("r1", "a1"), _report("r2", "a2")]
    words = {"a1": words_of(text), "a2": words_of(text + " strike")}
    expected = [[m.mention_id for m in g] for g in link(reports, article_words=words)]
    got = [[m.mention_id for m in e.mentions] for e in link_stage(None, reports, words, settings=Settings())]
    assert sorted(map(sorted, got)) == sorted(map(sorted, expected))


# -- with the model ----------------------------------------------------------------------------------

# Articles written for these tests, about real events, in our own words.
ARTICLES = [
    {"id": "t1", "published": "2024-02-17", "source": "Test Wire",
     "text": "AVDIIVKA, Ukraine - Russian forces captured the town of Avdiivka in Donetsk region on "
             "Saturday after Ukrainian troops withdrew, the defence ministry in Moscow said."},
    {"id": "t2", "published": "2023-12-19", "source": "Test Wire",
     "text": "PORT SUDAN, Sudan - The Rapid Support Forces seized Wad Madani, the capital of Gezira "
             "state, on Monday after the army pulled out, residents said."},
    {"id": "t3", "published": "2021-06-06", "source": "Other Desk",
     "text": "MARIB, Yemen - A missile struck a petrol station in the city of Marib on Saturday, "
             "killing 14 people including a child, local officials said."},
    {"id": "t4", "published": "2024-02-18", "source": "Other Desk",
     "text": "Ukrainian troops withdrew from Avdiivka in the Donetsk region on Saturday, and "
             "Russian forces captured the town, officials in Kyiv confirmed a day later."},
]


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2])
def test_pipeline_workers_give_the_same_events_as_one_process(tmp_path, workers):
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES * 1), encoding="utf-8")
    one = run([str(data)], out_dir=tmp_path / "one", settings=Settings(workers=1, batch_size=2))
    many = run([str(data)], out_dir=tmp_path / "many", settings=Settings(workers=workers, batch_size=1))
    assert one.summary["events"] >= 3
    assert (tmp_path / "many" / "events.jsonl").read_text() == (tmp_path / "one" / "events.jsonl").read_text()
    assert many.summary["articles"] == 4


@pytest.mark.slow
def test_pipeline_store_and_memory_runs_agree(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    run([str(data)], out_dir=tmp_path / "mem")
    run([str(data)], out_dir=tmp_path / "db", db=tmp_path / "e.duckdb")
    stored, memory = ([json.loads(line) for line in (tmp_path / d / "events.jsonl").read_text().splitlines()]
                      for d in ("db", "mem"))
    # the same events, but for ACLED's timestamp: when the database recorded the row's last
    # change; a run without a database has no record of that
    assert all(isinstance(e.pop("timestamp"), int) for e in stored)
    assert all(e.pop("timestamp") is None for e in memory)
    assert stored == memory and stored


def test_pipeline_spool_of_a_killed_run_is_removed(tmp_path):
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    out = tmp_path / "out"
    out.mkdir()
    pid = gone.stdout.strip()
    stale = out / f".articles-spool.{pid}.abc123.tmp"
    stale.write_text("left behind", encoding="utf-8")
    older = out / f".articles.{pid}.abc123.spool"  # named as earlier versions named it
    older.write_text("left behind", encoding="utf-8")
    half = out / f".events.jsonl.{pid}.k2j4h1.tmp"  # a half-written output of the killed run
    half.write_text("{", encoding="utf-8")
    alive = out / f".events.csv.{os.getpid()}.x9y8z7.tmp"  # another run, still writing
    alive.write_text("event_id", encoding="utf-8")
    run(["x"], out_dir=out, source=_articles(IDS), engine=CountingEngine())
    assert not stale.exists() and not older.exists() and not half.exists() and alive.exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") and p != alive]


@pytest.mark.slow
def test_pipeline_article_the_store_refuses_is_reported_and_the_rest_kept(tmp_path, monkeypatch):
    from eventwire.errors import StoreError
    from eventwire.store.database import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for name, place in (("a", "Kismayo"), ("b", "Baidoa"), ("c", "Beledweyne")):
        (folder / f"{name}.txt").write_text(f" date 2024-05-14\nGunmen attacked a police post in {place} on "
                                            "Monday, killing four officers, police said.\n", encoding="utf-8")
    real = Store.save_articles

    def refuse_b(self, items):
        if any(article.article_id.endswith("b.txt") for article, _, _ in items):
            raise StoreError("the database refused a value")
        return real(self, items)

    monkeypatch.setattr(Store, "save_articles", refuse_b)
    result = run([str(folder)], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    assert [p.file.rsplit("/", 1)[-1] for p in result.problems] == ["b.txt"]
    assert "could not be stored: the database refused a value" in result.problems[0].reason
    with Store.open(tmp_path / "db.duckdb", read_only=True) as store:
        stored = {a.article_id.rsplit("/", 1)[-1] for a in store.articles()}
    assert stored == {"a.txt", "c.txt"}


# -- linking in parts ------------------------------------------------------------------------------

KHARKIV = Place("Kharkiv", "Kharkivska", "Ukraine", 49.99, 36.23, 1, "city", "UA")
IZIUM = Place("Izium", "Kharkivska", "Ukraine", 49.21, 37.26, 1, "city", "UA")
MARIB = Place("Marib", "Marib", "Yemen", 15.46, 45.32, 1, "city", "YE")


class FixedEngine(CountingEngine):
    """Codes each article into the reports given for it (no model)."""

    def __init__(self, reports: dict[str, list[Mention]]) -> None:
        super().__init__()
        self.reports = reports

    def code(self, articles, *, settings):
        for article in articles:
            self.seen.append(article.article_id)
            yield article, self.reports.get(article.article_id, [])


def _reports() -> dict[str, list[Mention]]:
    """Two outlets on each of four events in two countries and two families, and a placeless one."""
    def report(article: str, n: int, family: str, sub: str, place: Place | None, day: int) -> Mention:
        return Mention(f"{article}:{n}", article, f"{article}.txt", f"{sub} near {place.name if place else 'x'}",
                       n * 40, n * 40 + 30, family, sub, None, None, place, DateSpan.day(dt.date(2022, 9, day)),
                       None, published=dt.date(2022, 9, day + 1))
    shelling = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    clash = ("Battles", "Armed clash")
    out: dict[str, list[Mention]] = {}
    for outlet in ("p", "q"):
        out[f"{outlet}1"] = [report(f"{outlet}1", 0, *shelling, KHARKIV, 6), report(f"{outlet}1", 1, *clash, IZIUM, 6)]
        out[f"{outlet}2"] = [report(f"{outlet}2", 0, *shelling, MARIB, 9), report(f"{outlet}2", 1, *clash, MARIB, 12)]
        # a second shelling of Kharkiv, a month later: the same block, another event
        out[f"{outlet}3"] = [report(f"{outlet}3", 0, *shelling, KHARKIV, 28)]
    out["r1"] = [report("r1", 0, *clash, None, 12)]
    return out


def _event_sets(events) -> list[tuple[str, frozenset[str]]]:
    return sorted((e.event_id, frozenset(m.mention_id for m in e.mentions)) for e in events)


@pytest.mark.parametrize("part_reports", [1, 3, 10_000])
def test_pipeline_linking_in_parts_equals_linking_all_at_once(tmp_path, monkeypatch, part_reports):
    from eventwire.linking import stage

    monkeypatch.setattr(stage, "PART_REPORTS", part_reports)
    reports = _reports()
    articles = _articles(sorted(reports))
    stored = run(["x"], out_dir=tmp_path / "out", db=tmp_path / "e.duckdb", source=articles,
                 engine=FixedEngine(reports))
    words = {a.article_id: words_of(a.text) for a in articles}
    at_once = link_stage(None, [m for ms in reports.values() for m in ms], words, settings=Settings())
    assert len(at_once) == 6  # five events told by two outlets each, and the placeless clash
    assert _event_sets(stored.events) == _event_sets(at_once)
    assert sorted(stored.events, key=lambda e: e.event_id) == sorted(at_once, key=lambda e: e.event_id)
    lines = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == [e.event_id for e in sort_events(at_once)]


def test_pipeline_a_merge_across_countries_joins_their_parts(tmp_path, monkeypatch):
    from eventwire.linking import stage
    from eventwire.store.database import Store

    monkeypatch.setattr(stage, "PART_REPORTS", 1)  # every block would be a part of its own
    reports = _reports()
    run(["x"], db=tmp_path / "e.duckdb", source=_articles(sorted(reports)), engine=FixedEngine(reports))
    with Store.open(tmp_path / "e.duckdb") as store:
        store.add_correction("merge", mention_a="p1:0", mention_b="p2:0")  # Kharkiv and Marib
        events = link_stage(store, (), {}, settings=Settings())
        joined = next(e for e in events if any(m.mention_id == "p1:0" for m in e.mentions))
        assert {m.mention_id for m in joined.mentions} == {"p1:0", "q1:0", "p2:0", "q2:0"}
        assert len(store.events()) == 5  # six, two of them one now


def test_pipeline_run_can_leave_events_out_of_its_result(tmp_path):
    reports = _reports()
    result = run(["x"], out_dir=tmp_path / "out", db=tmp_path / "e.duckdb", source=_articles(sorted(reports)),
                 engine=FixedEngine(reports), keep_events=False)
    assert result.events == ()
    assert (result.summary["events"], result.summary["mentions"]) == (6, 11)
    assert len((tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()) == 6


def test_pipeline_articles_file_keeps_each_record_on_its_line_whatever_its_text_holds(tmp_path):
    # U+2028, U+2029 and NEL are legal raw in JSON, but Python's splitlines (and older JavaScript)
    # take them for line ends: found by the fault test's random ids (2026-12-03)
    odd = "Kisumu\u2028desk\u2029notes\x85end"
    item = {"id": f"a{odd}", "title": f"Clashes{odd}", "published": "2024-05-02", "source": odd,
            "text": "Gunmen attacked a police post in Mandera on Monday, killing two officers."}
    feed = tmp_path / "in.jsonl"
    feed.write_text(json.dumps(item) + "\n", encoding="utf-8")
    run([str(feed)], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    for name in ("articles.jsonl", "events.jsonl"):
        lines = (tmp_path / "out" / name).read_text("utf-8").splitlines()
        assert lines, name
        assert all(json.loads(line) for line in lines), name
    assert len((tmp_path / "out" / "articles.jsonl").read_text("utf-8").splitlines()) == 1
