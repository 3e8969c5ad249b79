"""Analysts' merges and splits: replayed in order on linked groups, kept in the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import CorrectionError, StoreError
from eventwire.linking.corrections import (
    apply_corrections,
    apply_field_corrections,
    check_value,
    stale_corrections,
)
from eventwire.linking.stage import link_stage
from eventwire.records import Article, Correction, DateSpan, FieldCorrection, Mention, Place
from eventwire.settings import Settings
from eventwire.store.corrections import merge_events, set_field, split_mention
from eventwire.store.database import Store
from eventwire.store.identity import article_hash

KHERSON = Place("Kherson", "Khersonska", "Ukraine", 46.64, 32.61, 1, "city", "UA")
ODESA = Place("Odesa", "Odeska", "Ukraine", 46.48, 30.73, 1, "city", "UA")


def m(mid: str, article: str = "a", place: Place = KHERSON, day: int = 3) -> Mention:
    return Mention(mid, article, f"{article}.txt", f"Russian shelling hit {place.name}.", 0, 10,
                   "Explosions/Remote violence", "Shelling/artillery/missile attack", "Military Forces of Russia",
                   "Civilians (Ukraine)", place, DateSpan.day(dt.date(2023, 6, day)), None,
                   published=dt.date(2023, 6, day + 1))


def c(n: int, kind: str, a: str, b: str | None = None) -> Correction:
    return Correction(f"c{n}", kind, a, b, dt.datetime(2024, 1, 1, 12, n))


def ids(groups):
    return sorted(sorted(x.mention_id for x in g) for g in groups)


def test_corrections_merge_joins_two_groups():
    groups = [[m("1"), m("2", "b")], [m("3", "c", ODESA)]]
    assert ids(apply_corrections(groups, [c(1, "merge", "1", "3")])) == [["1", "2", "3"]]


def test_corrections_split_takes_one_mention_out():
    groups = [[m("1"), m("2", "b"), m("3", "c")]]
    assert ids(apply_corrections(groups, [c(1, "split", "2")])) == [["1", "3"], ["2"]]


def test_corrections_later_correction_wins():
    groups = [[m("1"), m("2", "b")]]
    replayed = apply_corrections(groups, [c(2, "merge", "1", "2"), c(1, "split", "2")])
    assert ids(replayed) == [["1", "2"]]  # split at 12:01, merged back at 12:02


def test_corrections_naming_unknown_mentions_are_skipped_and_reported():
    groups = [[m("1")]]
    stale = [c(1, "merge", "1", "gone"), c(2, "split", "gone")]
    assert ids(apply_corrections(groups, stale)) == [["1"]]
    assert stale_corrections(stale, {"1"}) == stale


def _store_with(tmp_path: Path, reports: list[Mention]) -> Store:
    store = Store.open(tmp_path / "c.duckdb")
    for article_id in sorted({r.article_id for r in reports}):
        article = Article(article_id, f"{article_id}.txt", f"Text of {article_id} about shelling.",
                          published=dt.date(2023, 6, 4))
        store.save_article(article, [r for r in reports if r.article_id == article_id],
                           content_hash=article_hash(article))
    link_stage(store, (), (), settings=Settings())
    return store


def test_corrections_merge_and_split_survive_relinking(tmp_path: Path):
    store = _store_with(tmp_path, [m("k1", "a"), m("k2", "b"), m("o1", "c", ODESA)])
    try:
        kherson = next(e for e in store.events() if e.place == KHERSON)
        odesa = next(e for e in store.events() if e.place == ODESA)
        merged = merge_events(store, kherson.event_id, odesa.event_id, settings=Settings())
        assert {x.mention_id for x in merged.mentions} == {"k1", "k2", "o1"}
        _rest, alone = split_mention(store, merged.event_id, "k2", settings=Settings())
        assert [x.mention_id for x in alone.mentions] == ["k2"]
        link_stage(store, (), (), settings=Settings())  # the next run relinks everything
        groups = sorted(sorted(x.mention_id for x in e.mentions) for e in store.events())
        assert groups == [["k1", "o1"], ["k2"]]
        assert store.resolve_event_id(odesa.event_id) is not None  # the old id still leads somewhere
    finally:
        store.close()


@pytest.mark.parametrize(("call", "message"), [
    (lambda s, e: merge_events(s, e, e, settings=Settings()), "already the same event"),
    (lambda s, e: merge_events(s, e, "ew-nope", settings=Settings()), "no event 'ew-nope'"),
    (lambda s, e: split_mention(s, e, "nope", settings=Settings()), "is not part of event"),
])
def test_corrections_bad_requests_are_clear_errors(tmp_path: Path, call, message):
    store = _store_with(tmp_path, [m("k1", "a"), m("k2", "b")])
    try:
        event_id = store.events()[0].event_id
        with pytest.raises(CorrectionError, match=message):
            call(store, event_id)
    finally:
        store.close()


def test_corrections_store_rejects_unknown_mentions(tmp_path: Path):
    store = _store_with(tmp_path, [m("k1", "a")])
    try:
        with pytest.raises(StoreError, match="no mention 'zz'"):
            store.add_correction("split", mention_a="zz")
        with pytest.raises(StoreError, match="unknown correction"):
            store.add_correction("join", mention_a="k1")
    finally:
        store.close()


def f(n: int, mention_id: str, field: str, value: str) -> FieldCorrection:
    return FieldCorrection(f"f{n}", mention_id, field, value, dt.datetime(2024, 1, 1, 12, n))


def test_corrections_field_values_replayed_on_the_event_holding_the_mention():
    from eventwire.linking.merge import build_events

    events = build_events([[m("k1", "a"), m("k2", "b")], [m("o1", "c", ODESA)]])
    fixes = [f(1, "k2", "fatalities", "7"), f(2, "k2", "sub_event_type", "Air/drone strike"),
             f(3, "k1", "date", "2023-06-01"), f(4, "k1", "actor2", ""), f(5, "k1", "fatalities", "9"),
             f(6, "gone", "fatalities", "1")]
    kherson, odesa = apply_field_corrections(events, fixes)
    assert kherson.fatalities == 9  # the later correction of a field wins
    assert (kherson.event_type, kherson.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert kherson.dates == DateSpan.day(dt.date(2023, 6, 1), text="2023-06-01") and kherson.actor2 is None
    assert ("fatalities", "f5") in kherson.provenance and ("dates", "f3") in kherson.provenance
    assert odesa == events[1]  # an event no correction names is untouched


@pytest.mark.parametrize(("field", "value", "message"), [
    ("colour", "red", "cannot set 'colour'"),
    ("type", "Picnic", "unknown sub-event type 'Picnic'"),
    ("date", "5 June 2023", "not an ISO date"),
    ("date", "2023-02-30", "not an ISO date"),
    ("fatalities", "-1", "not a whole number"),
    ("fatalities", "three", "not a whole number"),
    ("place", "  ", "a place needs a name"),
])
def test_corrections_field_values_checked(field: str, value: str, message: str):
    with pytest.raises(CorrectionError, match=message):
        check_value(field, value)


def test_corrections_field_values_normalised():
    assert check_value("TYPE", "air/drone strike") == ("sub_event_type", "Air/drone strike")
    assert check_value("place", "Kherson") == ("location", "Kherson")
    assert check_value("fatalities", "007") == ("fatalities", "7")
    assert check_value("date", "2023-06-05") == ("date", "2023-06-05")


def test_corrections_set_field_survives_relinking(tmp_path: Path):
    store = _store_with(tmp_path, [m("k1", "a"), m("k2", "b")])
    try:
        event = store.events()[0]
        fixed = set_field(store, event.event_id, "fatalities", "12", settings=Settings(), note="hospital count")
        assert fixed.fatalities == 12
        link_stage(store, (), (), settings=Settings())  # the next run relinks everything
        again = store.events()[0]
        assert again.fatalities == 12 and [x.note for x in store.field_corrections()] == ["hospital count"]
        with pytest.raises(CorrectionError, match="no event 'ew-nope'"):
            set_field(store, "ew-nope", "fatalities", "1", settings=Settings())
    finally:
        store.close()
