"""Scenes: mentions whose sentence names no place take the scene they point back to."""

from __future__ import annotations

import pytest

from eventwire.extraction.retelling import earlier_telling as retelling
from eventwire.extraction.scenes import points_back
from eventwire.records import DateSpan, Mention, Place


def test_scenes_retelling_takes_the_first_telling_place() -> None:
    def mention(place: Place, deaths: int | None) -> Mention:
        return Mention(mention_id="m", article_id="a", file="f", sentence="s", start=0, end=1,
                       event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Nigeria",
                       actor2=None, place=place, dates=DateSpan.unknown(), fatalities=deaths, trigger="killed",
                       source=None, published=None)

    town = Place(name="Gwoza", admin1="Borno", country="Nigeria", latitude=11.08, longitude=13.69,
                 geo_precision=1, kind="city", country_code="NG")
    state = Place(name="Borno", admin1="Borno", country="Nigeria", latitude=11.5, longitude=13.0,
                  geo_precision=3, kind="admin1", country_code="NG")
    first = mention(town, 12)
    assert retelling(mention(state, 12), [first]) is first
    assert retelling(mention(state, 3), [first]) is None  # another toll: another event


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), [
    ("During the operation, the soldiers detained four suspects.", True),
    ("Suspects were detained after initial questioning at the scene.", True),
    ("Soldiers detained four suspects in a raid on Tuesday.", False),  # a new raid, told here
])
def test_scenes_points_back(bare_nlp, sentence: str, expected: bool) -> None:
    assert points_back(bare_nlp(sentence)[:]) is expected


@pytest.mark.slow
def test_scenes_a_firefight_is_pointed_back_to(bare_nlp) -> None:
    assert points_back(bare_nlp("Two suspects were detained following the firefight.")[:])
