"""Scenes the gazetteer lacks: a name told at a place that no area anchors ("a checkpoint at
Garni", "near Mandura"), which :mod:`.place` may choose as the scene when the sentence names a
known place of its country to put it in.

:func:`unknown_scenes` says which of a sentence's country-level references may be the scene (not
a building or landmark, not a name modifying a noun, not the area after another place);
:func:`put_in_its_province` places the chosen one in the province of the sentence's nearest
known place, at ACLED's precision 3.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.extraction.places import PlaceRef, vague

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["put_in_its_province", "unknown_scenes"]


def unknown_scenes(doc: Doc, in_sent: list[PlaceRef]) -> set[int]:
    """The starts of the sentence's places known only at the country level that may be its scene."""
    return {r.start for r in in_sent if vague(r) and _known_beside(r, in_sent) and _may_be_the_scene(doc, r)
            and not any(0 < r.start - o.end <= 3 and all(t.lower_ in {",", "in", "the"} for t in doc[o.end:r.start])
                        for o in in_sent)}  # "Kafr Batna, in Eastern Ghouta" says where Kafr Batna is


def _may_be_the_scene(doc: Doc, ref: PlaceRef) -> bool:
    """Whether an unknown place may stand for the scene: not a building or landmark ("outside
    Greys Hospital", "the Suez Canal city of Ismailia": the town is the scene), nor a name that
    modifies a noun."""
    root = doc[ref.start:ref.end].root
    return doc[ref.start].ent_type_ != "FAC" and doc[ref.end - 1].lower_ not in lx.BUILDING_WORDS \
        and not (root.dep_ in {"compound", "amod", "nmod"}
                 and root.head.lower_ not in lx.LOCALITY_WORDS | lx.TERRITORY_WORDS)  # "Tondamarka village" is one


def _known_beside(ref: PlaceRef, refs: list[PlaceRef]) -> bool:
    """Whether the sentence names a known town or province of the unknown place's country."""
    return any(r.place.kind in {"city", "district", "admin1"} and r.place.admin1
               and r.place.country_code == ref.place.country_code for r in refs)


def put_in_its_province(ref: PlaceRef, known: list[PlaceRef]) -> PlaceRef:
    """"a checkpoint at Garni", "a base at Um Sumeima to protect the road to El Obeid": a place
    the gazetteer lacks, told as the scene, in the province of the sentence's nearest known place
    of its country, at the province's coordinates and ACLED's precision 3 (only the region is known)."""
    from eventwire.geo.geocode import geocode

    for other in known:  # best first
        if other.place.country_code != ref.place.country_code or not other.place.admin1:
            continue
        province = other.place if other.place.kind == "admin1" else \
            geocode(other.place.admin1, country_code=other.place.country_code, kind="admin1")
        if province is None or province.latitude is None:
            continue
        return replace(ref, place=replace(province, name=ref.place.name, kind="city", geo_precision=3))
    return ref
