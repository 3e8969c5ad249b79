"""Areas: the province or district a text says a place lies in, and places built inside one.

"Gelan district, Ghazni province", "Moqokori in the Hiiraan region", "Kabkabiya, North Darfur":
:func:`enclosing_province` and :func:`area_around` read the area named right after a place;
:func:`district_in` and :func:`locality_in` make the place the gazetteer lacks, at its area's
coordinates. :mod:`.places` uses them while it geocodes the article's names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


AREA_KIND = {"province": "admin1", "provinces": "admin1", "region": "admin1", "state": "admin1",
             "governorate": "admin1", "oblast": "admin1", "prefecture": "admin1", "district": "district",
             "districts": "district", "county": "district", "department": "admin1", "territory": "district",
             "township": "district"}

def enclosing_province(doc: Doc, ent: Span, code: str | None, *, sent: Span,
                        ents_at: dict[int, Span]) -> Place | None:
    """The province a place is said to lie in: "Gelan district, Ghazni province",
    "Marka district of Lower Shabelle region", "a village in Bakhmut district, Donetsk oblast".

    ``sent`` is the sentence ``ent`` starts in and ``ents_at`` the document's entities by
    first token (``Span.sent`` and ``Span.ents`` scan the whole document at every call).
    """
    from eventwire.geo.geocode import geocode

    i = ent.end
    if i < len(doc) and doc[i].lower_ in AREA_KIND:
        i += 1
    if i < len(doc) and doc[i].lower_ in {",", "of", "in"}:
        i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    other = ents_at.get(i)
    if other is None or other.label_ not in {"GPE", "LOC"}:
        return None
    if not sent.start <= other.start < other.end <= sent.end:
        return None  # only an entity inside the sentence counts (as in ``ent.sent.ents``)
    after = doc[other.end].lower_ if other.end < len(doc) else ""
    if AREA_KIND.get(after) != "admin1" and not other.text.lower().endswith(
            ("province", "region", "state", "governorate", "oblast")):
        return None
    place = geocode(other.text, country_code=code, kind="admin1")
    return place if place is not None and place.admin1 else None


def area_around(doc: Doc, ent: Span, code: str | None, *, sent: Span, ents_at: dict[int, Span]) -> Place | None:
    """The province or district a place is said to lie in, named right after it: "Moqokori in
    the Hiiraan region", "Mayadin, in Deir ez-Zor province", "Widhu village in Lamu county",
    "Saut-d'Eau in Haiti's Centre department", "Kabkabiya, North Darfur", "Um Rawaba in North
    Kordofan" (a name the gazetteer knows as a province, with no kind word)."""
    from eventwire.geo.geocode import geocode

    i = ent.end
    if i < len(doc) and doc[i].lower_ in lx.LOCALITY_WORDS:
        i += 1
    comma = i < len(doc) and doc[i].text == ","
    i += comma
    said_in = i < len(doc) and doc[i].lower_ == "in"
    if i < len(doc) and doc[i].lower_ in {"in", "of"}:
        i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    i = _past_a_direction(doc, i, ent.end)  # "in rural Hama", "Tafas, in western Daraa"
    if i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "’s"} and doc[i].ent_type_ == "GPE":
        i += 2  # "in Haiti's Centre department"
    other = ents_at.get(i)
    if (other is None or i == ent.end) and comma:
        # "Ulang, a county headquarters on the Sobat river in Upper Nile state": the town, then
        # what it is, then where that lies
        at = _area_in_an_apposition(doc, ent)
        other = ents_at.get(at) if at is not None else None
        i = at if at is not None else i
        said_in = other is not None
    if other is None or other.label_ not in {"GPE", "LOC", "FAC"} or i == ent.end:
        return None
    if not sent.start <= other.start < other.end <= sent.end:
        return None
    after = doc[other.end].lower_ if other.end < len(doc) else ""
    kind = AREA_KIND.get(after) or own_kind(other.text)
    if kind is None and (comma or said_in):
        kind = "admin1"  # "Kabkabiya, North Darfur", "Um Rawaba in North Kordofan": a name then its province
    if kind not in {"admin1", "district"}:
        return None
    place = geocode(other.text, country_code=code, kind=kind)
    if place is None and kind == "district" and (comma or said_in):
        place = geocode(other.text, country_code=code, kind="admin1")  # as for a name with no kind word
    if place is None and kind == "district":
        place = _province_after(doc, other, code, sent=sent, ents_at=ents_at)
    return place if place is not None and place.admin1 and place.kind in {"admin1", "district"} else None


#: Nouns by which an apposition says that a name is a town ("X, a county headquarters ...").
_TOWN_NOUNS = frozenset({"headquarters", "seat", "hub", "capital"})


def _area_in_an_apposition(doc: Doc, ent: Span) -> int | None:
    """The start of the area named by "in" inside an apposition that tells what the name is, a
    town ("Ulang, a county headquarters on the Sobat river in Upper Nile state", "Kauda, a
    village in the Nuba Mountains")."""
    for appos in ent.root.children:
        if appos.dep_ != "appos" or appos.lower_ not in lx.LOCALITY_WORDS | _TOWN_NOUNS:
            continue
        for tok in appos.subtree:
            if tok.lower_ == "in" and tok.i + 1 < len(doc):
                j = tok.i + 1
                return j + 1 if doc[j].lower_ == "the" and j + 1 < len(doc) else j
    return None


def _past_a_direction(doc: Doc, i: int, start: int) -> int:
    """The token after one or two lower-case adjectives at ``i`` ("rural", "northern", "south-western")
    that say which part of an area is meant, when a name follows them; ``start`` ends the name before."""
    j = i
    while j < len(doc) and j < start + 6 and doc[j].pos_ == "ADJ" and doc[j].is_lower and j - i < 2:
        j += 1
    return j if j > i and j < len(doc) and doc[j].text[:1].isupper() else i


def _province_after(doc: Doc, district: Span, code: str | None, *, sent: Span,
                    ents_at: dict[int, Span]) -> Place | None:
    """"Kitshanga in Masisi territory, North Kivu": a district the gazetteer lacks, then the
    province it lies in, which says where the locality is."""
    from eventwire.geo.geocode import geocode

    i = district.end + (district.end < len(doc) and doc[district.end].lower_ in AREA_KIND)
    if i >= len(doc) or doc[i].text != ",":
        return None
    other = ents_at.get(i + 1)
    if other is None or other.label_ not in {"GPE", "LOC"} or other.end > sent.end:
        return None
    place = geocode(other.text, country_code=code, kind="admin1")
    return place if place is not None and place.admin1 else None


def anchor_after(doc: Doc, ent: Span, code: str | None, *, sent: Span, ents_at: dict[int, Span]) -> Place | None:
    """The town a place is said to lie near or in, named right after it: "Abu Shouk camp outside
    El Fasher", "Al-Kadaro, north of Khartoum", "the village of Lodjo near Bunia", "control of
    Nyangaray in Djugu"."""
    from eventwire.geo.geocode import geocode

    i = ent.end
    if i < len(doc) and doc[i].lower_ in lx.LOCALITY_WORDS | lx.TERRITORY_WORDS:
        i += 1
    i += i < len(doc) and doc[i].text == ","
    if i < len(doc) and doc[i].lower_ == "in" and ent.label_ != "FAC":
        # "Nyangaray in Djugu", "a neighbourhood in southern Tripoli" (a building in a town is the town)
        i = _past_a_direction(doc, i + 1, ent.end)
    elif i < len(doc) and doc[i].lower_ in lx.RELATIVE_WORDS:
        i += 1
        i += i < len(doc) and doc[i].lower_ == "of"
    else:
        return None
    other = ents_at.get(i)
    if other is None or other.label_ not in {"GPE", "LOC", "FAC"} or not sent.start <= other.start < other.end <= sent.end:
        return None
    place = geocode(other.text, country_code=code, kind="city")
    return place if place is not None and place.latitude is not None and (code is None or place.country_code == code) \
        else None


def locality_in(name: str, area: Place) -> Place:
    """A locality the gazetteer lacks, at its area's coordinates: the text's name, precision 2."""
    from eventwire.geo.geocode import split_kind

    return Place(name=split_kind(name)[0], admin1=area.admin1, country=area.country, latitude=area.latitude,
                 longitude=area.longitude, geo_precision=2, kind="city", country_code=area.country_code)


def somewhere_in(name: str, code: str) -> Place:
    """"pounded hideouts in central Sinai", "strikes south of Kufra": a place the text tells
    as one that the gazetteer lacks in the article's country (or has only abroad), known only
    at the country level: the text's name, the country's record (no coordinates), so the
    linking stage keeps the event at the country unless the article places it better."""
    from eventwire.geo.geocode import country_name, split_kind

    return Place(name=split_kind(name)[0], admin1=None, country=country_name(code), latitude=None, longitude=None,
                 geo_precision=None, kind="country", country_code=code)


def own_kind(name: str) -> str | None:
    """"district" for a name that carries its kind word ("Ghormach district")."""
    from eventwire.geo.geocode import split_kind

    said = split_kind(name)[1]
    return said if said in {"district", "admin1"} else None


def district_in(ent: Span, province: Place) -> Place:
    """A district the gazetteer lacks (or places elsewhere), placed in the province the text names."""
    from eventwire.geo.geocode import split_kind

    return Place(name=split_kind(ent.text)[0], admin1=province.admin1, country=province.country,
                 latitude=province.latitude, longitude=province.longitude, geo_precision=2, kind="district",
                 country_code=province.country_code)
