"""Scenes the gazetteer lacks (extraction/unknown_scenes.py), on sentences of our own."""

from __future__ import annotations

import pytest

from eventwire.extraction.places import place_refs
from eventwire.extraction.unknown_scenes import put_in_its_province, unknown_scenes

pytestmark = pytest.mark.slow


def _refs(nlp, text: str, code: str):
    doc = nlp(text)
    return doc, place_refs(doc, list(doc.sents), code)


def test_unknown_scenes_a_name_told_at_a_place_beside_a_known_town(nlp):
    doc, refs = _refs(nlp, "Militiamen burned houses at Tumbura Wells on Saturday and then drove off towards "
                           "Kadugli, residents said.", "SD")
    unknown = [r for r in refs if r.start in unknown_scenes(doc, refs)]
    assert [doc[r.start:r.end].text for r in unknown] == ["Tumbura Wells"]
    placed = put_in_its_province(unknown[0], [r for r in refs if r not in unknown])
    assert (placed.place.name, placed.place.admin1, placed.place.geo_precision) == ("Tumbura Wells", "South Kordofan", 3)


def test_unknown_scenes_a_building_is_not_one(nlp):
    doc, refs = _refs(nlp, "Nurses in Pietermaritzburg picketed outside Sibusiso Hospital on Thursday.", "ZA")
    assert not unknown_scenes(doc, refs)
