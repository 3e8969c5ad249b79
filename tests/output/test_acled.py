"""Tests of eventwire.output.acled: ACLED's columns and codes, on typed records and a table of our own cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire import taxonomy
from eventwire.output import acled
from eventwire.output.acled import (
    ACLED_COLUMNS,
    acled_row,
    civilian_targeting,
    event_id_cnty,
    inter_code,
    interaction,
    region,
    source_scale,
    time_precision,
)
from eventwire.records import DateSpan, Event, Mention, Place

KABUL = Place("Kabul", "Kabul", "Afghanistan", 34.52813, 69.17233, 1, "city", "AF")
NIMROZ_TOWN = Place("Zaranj", "Nīmrōz", "Afghanistan", 30.95962, 61.86037, 1, "city", "AF")
GAO = Place("Gao", "Gao", "Mali", 16.27167, -0.04472, 1, "city", "ML")


def mention(**values: Any) -> Mention:
    base: dict[str, Any] = {
        "sentence": "A sentence.", "start": 0, "end": 11, "event_type": taxonomy.BATTLES,
        "sub_event_type": "Armed clash", "actor1": None, "actor2": None, "place": None,
        "dates": DateSpan.unknown(), "fatalities": None,
    }
    base.update(values)
    return Mention("m1", "a1", "a1.txt", **base)


def event(sub_event_type: str = "Armed clash", *, actor1: str | None = None, actor2: str | None = None,
          place: Place | None = KABUL, dates: DateSpan | None = None, fatalities: int | None = None,
          changed_at: dt.datetime | None = None) -> Event:
    dates = dates or DateSpan.day(dt.date(2011, 3, 4))
    m = mention(sub_event_type=sub_event_type, event_type=taxonomy.event_type(sub_event_type), actor1=actor1,
                actor2=actor2, place=place, dates=dates, fatalities=fatalities)
    return Event("ew-0123456789ab", taxonomy.event_type(sub_event_type), sub_event_type, dates, actor1, actor2,
                 place, fatalities, mentions=(m,), changed_at=changed_at)


def test_acled_columns_are_acleds_31_in_order() -> None:
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS)) == 31
    assert ACLED_COLUMNS[:5] == ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type")
    assert ACLED_COLUMNS[-4:] == ("notes", "fatalities", "tags", "timestamp")
    assert ACLED_COLUMNS.index("inter1") == ACLED_COLUMNS.index("assoc_actor_1") + 1
    assert ACLED_COLUMNS.index("admin3") + 1 == ACLED_COLUMNS.index("location")


# (actor name as eventwire writes it, the event's country, ACLED inter code)
INTER_CASES = [
    ("Military Forces of Afghanistan", "Afghanistan", 1),
    ("Police Forces of Afghanistan", "Afghanistan", 1),
    ("Military Forces", "Afghanistan", 1),  # no nationality said: the home state's forces
    ("Military Forces of the United States", "Afghanistan", 8),  # a state's forces abroad: external
    ("Military Forces of Russia", "Ukraine", 8),
    ("Military Forces of the United States", "United States", 1),
    ("NATO", "Afghanistan", 8),
    ("Saudi-led Coalition", "Yemen", 8),
    ("Taliban", "Afghanistan", 2),
    ("Islamic State West Africa Province", "Nigeria", 2),
    ("Kachin Independence Army", "Myanmar", 2),
    ("Balochistan Liberation Army", "Pakistan", 2),  # a movement name the fixed list does not hold
    ("Unidentified Armed Group (Mali)", "Mali", 3),
    ("Unidentified Armed Group", None, 3),
    ("Fano Militia", "Ethiopia", 4),
    ("Wagner Group", "Mali", 8),
    ("Rioters (Kenya)", "Kenya", 5),
    ("Protesters (Iran)", "Iran", 6),
    ("Civilians (Sudan)", "Sudan", 7),
    ("Civilians", None, 7),
    ("Some Analyst's Free Text", "Sudan", None),  # a name eventwire does not give: unknown
    (None, "Sudan", None),
]


@pytest.mark.parametrize(("name", "country", "code"), INTER_CASES)
def test_acled_inter_code_table(name: str | None, country: str | None, code: int | None) -> None:
    assert inter_code(name, country=country) == code


@pytest.mark.parametrize(("inter1", "inter2", "code"), [
    (1, 7, 17), (7, 1, 17), (2, 1, 12), (1, 1, 11), (3, 3, 33), (8, 2, 28), (6, 1, 16),
    (1, None, 10), (None, 2, 20), (6, None, 60), (None, None, None),
])
def test_acled_interaction_lower_code_first(inter1: int | None, inter2: int | None, code: int | None) -> None:
    assert interaction(inter1, inter2) == code


@pytest.mark.parametrize(("sub_event_type", "actor1", "actor2", "expected"), [
    ("Attack", "Taliban", "Civilians (Afghanistan)", "Civilian targeting"),
    ("Abduction/forced disappearance", "Taliban", None, "Civilian targeting"),  # VAC: always
    ("Air/drone strike", "Military Forces of the United States", "Civilians (Afghanistan)", "Civilian targeting"),
    ("Remote explosive/landmine/IED", "Taliban", "Civilians (Afghanistan)", "Civilian targeting"),
    ("Mob violence", "Rioters (Afghanistan)", "Civilians (Afghanistan)", "Civilian targeting"),
    ("Armed clash", "Taliban", "Military Forces of Afghanistan", ""),
    ("Air/drone strike", "Military Forces of the United States", "Taliban", ""),
    ("Peaceful protest", "Protesters (Afghanistan)", None, ""),
    ("Arrests", "Police Forces of Afghanistan", "Civilians (Afghanistan)", ""),  # not violent
    ("Violent demonstration", "Rioters (Afghanistan)", "Civilians (Afghanistan)", "Civilian targeting"),
])
def test_acled_civilian_targeting_table(sub_event_type: str, actor1: str, actor2: str | None,
                                         expected: str) -> None:
    e = event(sub_event_type, actor1=actor1, actor2=actor2)
    codes = {"inter1": inter_code(actor1, country="Afghanistan"), "inter2": inter_code(actor2, country="Afghanistan")}
    assert civilian_targeting(e, **codes) == expected


@pytest.mark.parametrize(("sub_event_type", "disorder"), [
    ("Armed clash", "Political violence"),
    ("Air/drone strike", "Political violence"),
    ("Attack", "Political violence"),
    ("Mob violence", "Political violence"),
    ("Peaceful protest", "Demonstrations"),
    ("Protest with intervention", "Demonstrations"),
    ("Violent demonstration", "Demonstrations"),
    ("Excessive force against protesters", "Political violence; Demonstrations"),
    ("Arrests", "Strategic developments"),
    ("Looting/property destruction", "Strategic developments"),
])
def test_acled_disorder_type_table(sub_event_type: str, disorder: str) -> None:
    row = acled_row(event(sub_event_type), {"mentions": [], "latitude": None, "longitude": None,
                                             "geo_precision": None})
    assert row["disorder_type"] == disorder


D = dt.date


@pytest.mark.parametrize(("dates", "precision"), [
    (DateSpan.day(D(2011, 3, 4)), 1),
    (DateSpan(D(2011, 3, 4), D(2011, 3, 4), "range"), 1),
    (DateSpan(D(2011, 3, 4), D(2011, 3, 6), "range"), 2),
    (DateSpan(D(2011, 3, 1), D(2011, 3, 7), "week"), 2),
    (DateSpan(D(2011, 3, 1), D(2011, 3, 7), "range"), 2),
    (DateSpan(D(2011, 3, 1), D(2011, 3, 12), "range"), 3),
    (DateSpan(D(2011, 3, 1), D(2011, 3, 31), "month"), 3),
    (DateSpan(D(2011, 1, 1), D(2011, 12, 31), "year"), 3),
    (DateSpan.unknown(), None),
])
def test_acled_time_precision_table(dates: DateSpan, precision: int | None) -> None:
    assert time_precision(dates) == precision


def test_acled_region_iso_and_country_id() -> None:
    assert [region(c) for c in ("AF", "ML", "UA", "IQ", "AM", "MX", "SD", "CD", "MM", "IR", "XX", None)] == [
        "South Asia", "Western Africa", "Europe", "Middle East", "Caucasus and Central Asia", "Central America",
        "Northern Africa", "Middle Africa", "Southeast Asia", "Middle East", None, None]
    first, again = event_id_cnty(event()), event_id_cnty(event())
    assert first == again and first is not None and first.startswith("AFG") and first[3:].isdigit()
    assert event_id_cnty(event(place=None)) is None


def test_acled_source_scale_only_where_known() -> None:
    assert source_scale(["Reuters", "AFP"]) == "International"
    assert source_scale(["Reuters", "Some Local Paper"]) is None
    assert source_scale([]) is None


def test_acled_row_typed_values() -> None:
    changed = dt.datetime(2026, 11, 30, 12, 0, 0)
    e = event("Attack", actor1="Taliban", actor2="Civilians (Afghanistan)", place=NIMROZ_TOWN, fatalities=2,
              changed_at=changed)
    record = {"mentions": [{"sentence": "First."}, {"sentence": "Second."}, {"sentence": "First."}],
              "latitude": 30.96, "longitude": 61.86, "geo_precision": 1}
    row = acled_row(e, record, admin=("Zaranj", None), outlets=["Reuters"])
    assert tuple(row) == ACLED_COLUMNS
    assert row["event_date"] == D(2011, 3, 4) and row["year"] == 2011 and row["time_precision"] == 1
    assert (row["inter1"], row["inter2"], row["interaction"]) == (2, 7, 27)
    assert row["civilian_targeting"] == "Civilian targeting" and row["iso"] == 4 and row["region"] == "South Asia"
    assert row["admin1"] == "Nimroz" and row["admin2"] == "Zaranj" and row["admin3"] is None  # plain ASCII
    assert row["source"] == "Reuters" and row["source_scale"] == "International"
    assert row["notes"] == "First. Second." and row["fatalities"] == 2 and row["tags"] is None
    assert row["timestamp"] == int(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC).timestamp())
    assert all(isinstance(row[c], int) for c in acled.INTEGER_COLUMNS if row[c] is not None)
