"""Tests of eventwire.store.database: round trips, transactions, idempotence, locking, bad files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.errors import StoreError, StoreLocked
from eventwire.records import Article, DateSpan, Event, Mention, Place, Problem
from eventwire.store.database import Store
from eventwire.store.identity import article_hash

KHARKIV = Place("Kharkiv", "Kharkivska", "Ukraine", 49.9935, 36.2304, 1, "city", "UA")
MARIB = Place("Marib", "Marib", "Yemen", 15.4629, 45.3253, 1, "city", "YE")

ARTICLE_UA = Article(
    article_id="ua-1",
    file="in/ukraine.txt",
    text="Russian artillery shelled a residential district of Kharkiv on Tuesday, killing three people.",
    title="Shelling hits Kharkiv",
    source="Example Wire",
    published=dt.date(2024, 5, 15),
    published_origin="meta",
    url="https://example.org/ua-1",
)
ARTICLE_YE = Article(
    article_id="ye-1",
    file="in/yemen.jsonl",
    text="A drone strike hit a vehicle near Marib city on Sunday. No casualties were reported.",
    source="Gulf Daily Example",
    published=dt.date(2023, 3, 6),
    year_hint=2023,
)


def mention_ua(**changes: object) -> Mention:
    values: dict[str, object] = {
        "mention_id": "ua-1:0", "article_id": "ua-1", "file": "in/ukraine.txt", "sentence": ARTICLE_UA.text,
        "start": 0, "end": len(ARTICLE_UA.text), "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Military Forces of Russia",
        "actor2": "Civilians (Ukraine)", "place": KHARKIV,
        "dates": DateSpan.day(dt.date(2024, 5, 14), "on Tuesday"), "fatalities": 3, "trigger": "shelled",
        "source": "Example Wire", "published": dt.date(2024, 5, 15),
    }
    values.update(changes)
    return Mention(**values)  # type: ignore[arg-type]


def mention_ye(**changes: object) -> Mention:
    values: dict[str, object] = {
        "mention_id": "ye-1:0", "article_id": "ye-1", "file": "in/yemen.jsonl",
        "sentence": "A drone strike hit a vehicle near Marib city on Sunday.", "start": 0, "end": 55,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "actor1": None,
        "actor2": None, "place": MARIB, "dates": DateSpan(dt.date(2023, 3, 5), dt.date(2023, 3, 5), "day", None),
        "fatalities": 0, "trigger": "strike", "source": None, "published": None,
    }
    values.update(changes)
    return Mention(**values)  # type: ignore[arg-type]


def event_of(*mentions: Mention, event_id: str = "ev-1", place: Place | None = KHARKIV) -> Event:
    first = mentions[0]
    return Event(
        event_id=event_id, event_type=first.event_type, sub_event_type=first.sub_event_type,
        dates=first.dates, actor1=first.actor1, actor2=first.actor2, place=place,
        fatalities=first.fatalities, mentions=tuple(mentions),
        provenance=(("fatalities", first.mention_id), ("place", first.mention_id)),
        disagreements=({"field": "fatalities", "values": [3, 4], "mentions": ["ua-1:0", "ua-2:0"]},),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "sub" / "events.duckdb"


def save(store: Store, article: Article, mentions: list[Mention]) -> None:
    store.save_article(article, mentions, content_hash=article_hash(article))


@pytest.mark.parametrize("article,mentions", [
    (ARTICLE_UA, [mention_ua()]),
    (ARTICLE_YE, [mention_ye(), mention_ye(mention_id="ye-1:1", place=None, dates=DateSpan.unknown(),
                                           fatalities=None, start=56, end=85)]),
    (ARTICLE_YE, []),
])
def test_store_article_round_trip(db: Path, article: Article, mentions: list[Mention]) -> None:
    with Store.open(db) as store:
        save(store, article, mentions)
    with Store.open(db) as store:
        assert store.articles() == [article]
        assert store.mentions() == mentions
        assert store.stored_hashes([article.article_id]) == {article.article_id: article_hash(article)}
        assert store.stored_hashes([article.article_id])[article.article_id] != "another-hash"


def test_store_stored_hashes_answers_for_many_articles_at_once(db: Path) -> None:
    with Store.open(db) as store:
        assert store.stored_hashes([ARTICLE_YE.article_id]) == {}
        save(store, ARTICLE_YE, [])
        found = store.stored_hashes([ARTICLE_YE.article_id, "not-stored", ARTICLE_UA.article_id])
        assert found == {ARTICLE_YE.article_id: article_hash(ARTICLE_YE)}
        assert store.stored_hashes([]) == {}


def test_store_event_round_trip(db: Path) -> None:
    second = mention_ua(mention_id="ua-2:0", article_id="ua-2", file="in/other.html", fatalities=4,
                        source="Another Example", published=dt.date(2024, 5, 16))
    events = [
        event_of(mention_ua(), second),
        event_of(mention_ye(), event_id="ev-2", place=MARIB),
        event_of(mention_ye(mention_id="ye-1:1", place=None, dates=DateSpan.unknown()),
                 event_id="ev-0", place=None),
    ]
    with Store.open(db) as store:
        store.replace_events(events)
    with Store.open(db, read_only=True) as store:
        assert store.events() == events


def test_store_replace_events_replaces_all(db: Path) -> None:
    with Store.open(db) as store:
        store.replace_events([event_of(mention_ua(), event_id="old")])
        new = [event_of(mention_ye(), event_id="new", place=MARIB)]
        store.replace_events(new)
        assert store.events() == new


def test_store_events_survive_article_resave(db: Path) -> None:
    with Store.open(db) as store:
        save(store, ARTICLE_UA, [mention_ua()])
        events = [event_of(mention_ua())]
        store.replace_events(events)
        changed = Article(**{**{f: getattr(ARTICLE_UA, f) for f in ARTICLE_UA.__slots__},
                             "text": ARTICLE_UA.text + " Rescue work went on overnight."})
        save(store, changed, [])
        assert store.mentions() == []
        assert store.events() == events


def test_store_save_article_is_idempotent(db: Path) -> None:
    with Store.open(db) as store:
        save(store, ARTICLE_UA, [mention_ua()])
        saved_at = store._query("SELECT saved_at FROM articles")
        save(store, ARTICLE_UA, [mention_ua()])
        assert store._query("SELECT saved_at FROM articles") == saved_at
        assert store.mentions() == [mention_ua()]
        assert len(store.articles()) == 1


def test_store_changed_hash_replaces_mentions(db: Path) -> None:
    with Store.open(db) as store:
        save(store, ARTICLE_UA, [mention_ua(), mention_ua(mention_id="ua-1:1", start=5)])
        new_text = Article(ARTICLE_UA.article_id, ARTICLE_UA.file, "Two shells fell on Kharkiv.")
        replacement = mention_ua(mention_id="ua-1:9", sentence=new_text.text, end=27)
        save(store, new_text, [replacement])
        assert store.articles() == [new_text]
        assert store.mentions() == [replacement]


def test_store_save_article_is_one_transaction(db: Path) -> None:
    duplicate = [mention_ua(), mention_ua()]  # same mention_id twice: the second insert fails
    with Store.open(db) as store:
        with pytest.raises(StoreError):
            save(store, ARTICLE_UA, duplicate)
        assert store.articles() == []
        assert store.mentions() == []
        assert store.stored_hashes([ARTICLE_UA.article_id]).get(ARTICLE_UA.article_id) != article_hash(ARTICLE_UA)


def test_store_failed_resave_keeps_old_article(db: Path) -> None:
    with Store.open(db) as store:
        save(store, ARTICLE_UA, [mention_ua()])
        changed = Article(ARTICLE_UA.article_id, ARTICLE_UA.file, "A changed text.")
        with pytest.raises(StoreError):
            store.save_article(changed, [mention_ua(mention_id="x"), mention_ua(mention_id="x")],
                               content_hash="new")
        assert store.articles() == [ARTICLE_UA]
        assert store.mentions() == [mention_ua()]


def test_store_rejects_mention_of_another_article(db: Path) -> None:
    with Store.open(db) as store, pytest.raises(StoreError, match="belongs to article"):
        save(store, ARTICLE_YE, [mention_ua()])


def test_store_runs_and_problems(db: Path) -> None:
    with Store.open(db) as store:
        run_id = store.start_run(inputs=["in/ukraine.txt", "in/yemen.jsonl"])
        store.save_problem(Problem("in/yemen.jsonl", "not JSON", line=3), run_id=run_id)
        store.save_problem(Problem("in/empty.txt", "no article text"), run_id=run_id)
        store.finish_run(run_id, summary={"articles": 2, "events": 1, "day": dt.date(2024, 1, 2)})
        with pytest.raises(StoreError, match="no run"):
            store.finish_run("missing", summary={})
    with Store.open(db) as store:
        [run] = store.runs()
        assert run.run_id == run_id
        assert run.inputs == ("in/ukraine.txt", "in/yemen.jsonl")
        assert run.summary == {"articles": 2, "events": 1, "day": "2024-01-02"}
        assert run.finished_at is not None and run.finished_at >= run.started_at
        assert store.problems(run_id=run_id) == [Problem("in/yemen.jsonl", "not JSON", line=3),
                                                 Problem("in/empty.txt", "no article text")]
        assert store.problems(run_id="other") == []


def test_store_read_only_refuses_writes(db: Path) -> None:
    Store.open(db).close()
    with Store.open(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        save(store, ARTICLE_UA, [])


def test_store_closed_store_raises(db: Path) -> None:
    store = Store.open(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.articles()


@pytest.mark.parametrize("content", [b"this is plain text, not a database\n" * 200, b"\x00" * 8192])
def test_store_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        Store.open(path)
    assert not isinstance(info.value, StoreLocked)


@pytest.mark.parametrize("read_only", [False, True])
def test_store_folder_is_clear_error(tmp_path: Path, read_only: bool) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path, read_only=read_only)


def test_store_missing_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open(tmp_path / "absent.duckdb", read_only=True)


HOLDER = textwrap.dedent("""
    import sys
    from eventwire.store.database import Store
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
    store.close()
""")


@pytest.mark.parametrize("read_only", [False, True])
def test_store_locked_by_another_process(db: Path, read_only: bool) -> None:
    Store.open(db).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match="in use by another eventwire process") as info:
            Store.open(db, read_only=read_only)
        assert f"pid {holder.pid}" in str(info.value)
        assert str(db) in str(info.value)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store.open(db) as store:  # free again once the holder is gone
        assert store.articles() == []


def test_store_many_events_bulk(db: Path) -> None:
    events = [event_of(mention_ua(mention_id=f"m{n}"), event_id=f"e{n:05d}") for n in range(3000)]
    with Store.open(db) as store:
        store.replace_events(events)
        assert store.events() == events


def test_store_memory_database() -> None:
    with Store.open(":memory:") as store:
        save(store, ARTICLE_YE, [mention_ye()])
        assert store.mentions() == [mention_ye()]


def test_store_default_path_is_in_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open() as store:
        assert store.path == "eventwire.duckdb"
    assert (tmp_path / "eventwire.duckdb").is_file()
    duckdb.connect(str(tmp_path / "eventwire.duckdb")).close()


def test_store_article_words_only_for_articles_with_mentions(db: Path) -> None:
    with Store.open(db) as store:
        store.save_article(ARTICLE_UA, [mention_ua()], content_hash=article_hash(ARTICLE_UA))
        store.save_article(ARTICLE_YE, [], content_hash=article_hash(ARTICLE_YE))
        assert set(store.article_words()) == {"ua-1", "ye-1"}
        words = store.article_words(with_mentions=True)
    assert set(words) == {"ua-1"} and {"shelled", "kharkiv", "residential"} <= words["ua-1"]


def test_store_vanished_event_id_resolves_to_its_successor(db: Path) -> None:
    with Store.open(db) as store:
        store.replace_events([event_of(mention_ua(), event_id="ew-old")])
        store.replace_events([event_of(mention_ua(), event_id="ew-new")])
        assert store.resolve_event_id("ew-old") == "ew-new"
        assert store.event("ew-old").event_id == "ew-new"
        assert store.resolve_event_id("ew-unknown") is None


def _stored(store: Store) -> tuple[list[Any], list[Mention]]:
    rows = store._query("SELECT article_id, content_hash, text FROM articles ORDER BY article_id")
    return rows, store.mentions()


ARTICLE_UA_CHANGED = Article(ARTICLE_UA.article_id, ARTICLE_UA.file, "Two shells fell on Kharkiv overnight.")
_UA2 = mention_ua(mention_id="ua-1:7", sentence=ARTICLE_UA_CHANGED.text, end=36)


@pytest.mark.parametrize("before,batch", [
    ([], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_YE, [mention_ye()])]),
    ([], []),
    # the same article twice in one batch, then changed, then changed back
    ([], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_UA, [mention_ua()])]),
    ([], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_UA_CHANGED, [_UA2])]),
    ([], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_UA_CHANGED, [_UA2]), (ARTICLE_UA, [mention_ua()])]),
    # already stored: left alone; stored with another hash: replaced with its mentions
    ([(ARTICLE_UA, [mention_ua()])], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_YE, [])]),
    ([(ARTICLE_UA, [mention_ua()]), (ARTICLE_YE, [mention_ye()])], [(ARTICLE_UA_CHANGED, [_UA2])]),
    ([(ARTICLE_UA_CHANGED, [_UA2])], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_UA_CHANGED, [])]),
])
def test_store_save_articles_equals_saving_one_by_one(tmp_path: Path, before: list[Any],
                                                       batch: list[Any]) -> None:
    with Store.open(tmp_path / "one.duckdb") as one, Store.open(tmp_path / "batch.duckdb") as together:
        for article, mentions in before:
            save(one, article, mentions)
            save(together, article, mentions)
        for article, mentions in batch:
            save(one, article, mentions)
        together.save_articles([(a, m, article_hash(a)) for a, m in batch])
        assert _stored(together) == _stored(one)
        assert together.articles() == one.articles()


def test_store_save_articles_is_one_transaction(db: Path) -> None:
    duplicate = [mention_ye(), mention_ye()]  # the second insert of one mention id fails
    with Store.open(db) as store:
        save(store, ARTICLE_UA, [mention_ua()])
        with pytest.raises(StoreError):
            store.save_articles([(ARTICLE_UA_CHANGED, [_UA2], article_hash(ARTICLE_UA_CHANGED)),
                                 (ARTICLE_YE, duplicate, article_hash(ARTICLE_YE))])
        assert store.articles() == [ARTICLE_UA]  # nothing of the batch, the old article intact
        assert store.mentions() == [mention_ua()]


def test_store_save_articles_rejects_mention_of_another_article(db: Path) -> None:
    with Store.open(db) as store, pytest.raises(StoreError, match="belongs to article"):
        store.save_articles([(ARTICLE_UA, [mention_ua()], "h1"), (ARTICLE_YE, [mention_ua()], "h2")])
    with Store.open(db) as store:
        assert store.articles() == []


@pytest.mark.parametrize("before,batch,expected", [
    ([], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_YE, [mention_ye()])],
     {ARTICLE_UA.article_id: (ARTICLE_UA.text, [mention_ua().mention_id]),
      ARTICLE_YE.article_id: (ARTICLE_YE.text, [mention_ye().mention_id])}),
    # changed, then changed back within one batch: the last version wins
    ([], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_UA_CHANGED, [_UA2]), (ARTICLE_UA, [mention_ua()])],
     {ARTICLE_UA.article_id: (ARTICLE_UA.text, [mention_ua().mention_id])}),
    # already stored with the same text: kept; a new article with no mentions: stored
    ([(ARTICLE_UA, [mention_ua()])], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_YE, [])],
     {ARTICLE_UA.article_id: (ARTICLE_UA.text, [mention_ua().mention_id]),
      ARTICLE_YE.article_id: (ARTICLE_YE.text, [])}),
    # stored with another text: replaced, and its old mentions go with it
    ([(ARTICLE_UA_CHANGED, [_UA2])], [(ARTICLE_UA, [mention_ua()]), (ARTICLE_UA_CHANGED, [])],
     {ARTICLE_UA.article_id: (ARTICLE_UA_CHANGED.text, [])}),
])
def test_store_save_articles_final_state(db: Path, before: list[Any], batch: list[Any],
                                         expected: dict[str, Any]) -> None:
    with Store.open(db) as store:
        for article, mentions in before:
            save(store, article, mentions)
        store.save_articles([(a, m, article_hash(a)) for a, m in batch])
        stored = store.mentions()
        got = {a.article_id: (a.text, [m.mention_id for m in stored if m.article_id == a.article_id])
               for a in store.articles()}
    assert got == expected


# -- reading for linking in parts, and events in the exports' order ------------------------------

SHELLING = "Explosions/Remote violence"


def test_store_link_blocks_and_their_mentions(db: Path) -> None:
    placeless = mention_ye(mention_id="ye-1:1", place=None, start=56, end=85)
    with Store.open(db) as store:
        save(store, ARTICLE_UA, [mention_ua()])
        save(store, ARTICLE_YE, [mention_ye(), placeless])
        assert store.link_blocks() == {(SHELLING, "UA"): 1, (SHELLING, "YE"): 1, (SHELLING, ""): 1}
        assert store.block_mentions([(SHELLING, "YE"), (SHELLING, "")]) == [mention_ye(), placeless]
        assert store.block_mentions([("Battles", "YE")]) == []
        assert store.block_mentions([("Battles", "UA"), (SHELLING, "FR")]) == []  # pairs, not every combination
        assert store.mention_blocks(["ye-1:1", "ua-1:0", "gone:0"]) == {"ye-1:1": (SHELLING, ""),
                                                                       "ua-1:0": (SHELLING, "UA")}
        assert set(store.article_words(ids=["ye-1"])) == {"ye-1"}
        assert store.article_words(ids=[]) == {}


def _three_events() -> list[Event]:
    second = mention_ua(mention_id="ua-2:0", article_id="ua-2", file="in/other.html", fatalities=4,
                        published=dt.date(2024, 5, 16))
    return [
        event_of(mention_ua(), second),
        event_of(mention_ye(), event_id="ev-2", place=MARIB),
        event_of(mention_ye(mention_id="ye-1:1", place=None, dates=DateSpan.unknown()), event_id="ev-0",
                 place=None),
    ]


@pytest.mark.parametrize("chunk", [1, 2, 2000])
def test_store_events_in_export_order(db: Path, chunk: int) -> None:
    events = _three_events()
    with Store.open(db) as store:
        store.replace_events(events)
        # by date: Marib (2023) before Kharkiv (2024), the undated event last
        assert list(store.events_in_export_order(chunk=chunk)) == [events[1], events[0], events[2]]
        assert list(store.events_in_export_order(touching=["ye-1"], chunk=chunk)) == [events[1], events[2]]
        assert list(store.events_in_export_order(touching=["ua-2", "nope"], chunk=chunk)) == [events[0]]
        assert list(store.events_in_export_order(touching=[])) == []
        assert store.event_totals(touching=["ye-1", "ua-1"]) == (3, 4)
        assert store.event_totals(touching=["ua-2"]) == (1, 2)
        assert store.event_totals(touching=[]) == (0, 0)


def test_store_replace_events_in_parts_keeps_the_old_events_if_a_part_fails(db: Path) -> None:
    old = _three_events()

    def parts():
        yield [event_of(mention_ua(), event_id="ew-new")]
        raise RuntimeError("linking failed")

    with Store.open(db) as store:
        store.replace_events(old)
        with pytest.raises(RuntimeError, match="linking failed"):
            store.replace_events_in_parts(parts())
        assert store.events() == old
        assert store.resolve_event_id("ev-1") == "ev-1"
        assert store.replace_events_in_parts([old[:1], [], old[1:]]) == 3
        assert store.events() == old


def test_store_vanished_id_goes_where_most_of_its_mentions_went(db: Path) -> None:
    ua1, ua2, ua3 = (mention_ua(mention_id=f"ua-{n}:0", article_id=f"ua-{n}") for n in (1, 2, 3))
    with Store.open(db) as store:
        store.replace_events([event_of(ua1, ua2, ua3, event_id="ew-old")])
        store.replace_events([event_of(ua1, event_id="ew-a"), event_of(ua2, ua3, event_id="ew-b")])
        assert store.resolve_event_id("ew-old") == "ew-b"  # two of its three mentions
        store.replace_events([event_of(ua1, ua2, event_id="ew-d"), event_of(ua3, event_id="ew-c")])
        # ew-b split evenly: the smaller id wins the tie, and ew-old follows ew-b there
        assert store.resolve_event_id("ew-b") == "ew-c"
        assert store.resolve_event_id("ew-old") == "ew-c"
        assert store.resolve_event_id("ew-a") == "ew-d"
        store.replace_events([event_of(ua1, event_id="ew-a"), event_of(ua2, ua3, event_id="ew-e")])
        assert store.resolve_event_id("ew-a") == "ew-a"  # an id that came back is itself again


def test_store_export_order_puts_unknown_places_last_like_sort_events(db: Path) -> None:
    from eventwire.output.export import sort_events

    day = DateSpan.day(dt.date(2024, 2, 1))
    places = [MARIB, None, Place("Ōsaka", None, "Japan", 34.7, 135.5, 1, "city", "JP"),
              Place("Aden", "Aden", None, 12.8, 45.0, 1, "city", None), KHARKIV,
              Place("Élisabethville", "Haut-Katanga", "DR Congo", -11.7, 27.5, 1, "city", "CD")]
    events = [replace(event_of(mention_ye(mention_id=f"ye-1:{n}", dates=day), event_id=f"ev-{n}", place=p),
                      dates=day)
              for n, p in enumerate(places)]
    with Store.open(db) as store:
        store.replace_events(events)
        assert list(store.events_in_export_order(chunk=4)) == sort_events(events)


def test_store_a_new_database_is_created_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    half = tmp_path / f".new.duckdb.{gone}.abcd1234.tmp"  # a creation killed half way
    half.write_bytes(b"DUCK")
    db = tmp_path / "new.duckdb"
    with Store.open(db) as store:
        save(store, ARTICLE_YE, [])
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".wal")) == ["new.duckdb"]
    with Store.open(db) as store:
        assert store.stored_hashes([ARTICLE_YE.article_id]) == {ARTICLE_YE.article_id: article_hash(ARTICLE_YE)}


def test_store_event_changed_at_kept_while_the_content_stays(db: Path) -> None:
    import dataclasses

    events = [event_of(mention_ua()), event_of(mention_ye(), event_id="ev-2", place=MARIB)]
    with Store.open(db) as store:
        store.replace_events(events)
        first = {e.event_id: e.changed_at for e in store.events()}
        assert all(isinstance(t, dt.datetime) for t in first.values())
        store.replace_events(events)  # linked the same way again: the rows did not change
        assert {e.event_id: e.changed_at for e in store.events()} == first
        store.replace_events([dataclasses.replace(events[0], fatalities=9), events[1]])
        again = {e.event_id: e.changed_at for e in store.events()}
        assert again["ev-2"] == first["ev-2"] and again["ev-1"] > first["ev-1"]  # ev-1 changed: new time
