"""Extraction on our own sentences from several conflicts: type, actors, place, date, deaths."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract import extract
from eventwire.ingest import parse_text
from eventwire.link import consolidate

pytestmark = pytest.mark.slow


def events_of(nlp, text: str, published: str = "2023-04-12"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return consolidate(extract(nlp(article.text), article))


def test_extract_air_strike_with_actor_place_date_and_toll(nlp):
    found = events_of(nlp, "Myanmar military jets bombed a village gathering in Kanbalu township, Sagaing "
                           "region, on Tuesday, killing at least 100 people, witnesses said.")
    strike = [m for m in found if m.sub_event_type == "Air/drone strike"]
    assert strike, found
    m = strike[0]
    assert m.actor1 == "Military Forces of Myanmar"
    assert m.place is not None and m.place.admin1 == "Sagaing"
    assert m.dates.start == dt.date(2023, 4, 11)
    assert m.fatalities == 100


def test_extract_capture_by_armed_group(nlp):
    found = events_of(nlp, "Rapid Support Forces fighters seized Wad Madani, the capital of Gezira state, "
                           "on Monday after the army withdrew.", published="2023-12-19")
    captures = [m for m in found if m.sub_event_type == "Non-state actor overtakes territory"]
    assert captures and captures[0].actor1 == "Rapid Support Forces"
    assert captures[0].dates.start == dt.date(2023, 12, 18)


@pytest.mark.parametrize("text", [
    "Analysts warned that the city could fall to the rebels within weeks.",
    "The militia denied that it had shelled the market in Aden.",
    "There were no air strikes on Sanaa on Sunday, residents said.",
    "If the insurgents attack Mogadishu again, the army will respond.",
])
def test_extract_non_events_are_not_coded(nlp, text):
    assert events_of(nlp, text) == []


def test_extract_two_places_two_events(nlp):
    found = events_of(nlp, "Russian missiles struck Kharkiv and Odesa overnight, regional governors said.")
    places = {m.place.name for m in found if m.sub_event_type == "Shelling/artillery/missile attack"}
    assert len(places) == 2


def test_extract_offsets_point_at_the_sentence(nlp):
    text = "Gunmen abducted 12 students from a school in Kaduna state on Thursday, police said."
    article = parse_text(f" date 2024-03-08\n{text}", file="t.txt")
    for m in consolidate(extract(nlp(article.text), article)):
        assert article.text[m.start:m.end].strip() == m.sentence
