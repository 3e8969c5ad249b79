"""The places an article names (which of them an event happened at is :mod:`.place`'s choice).

:func:`place_refs` finds every place the text names (entities, "X province",
"the city" pointing back), geocodes it in the article's country or in the
country its own phrase names ("the Yemeni city of Saada"), and keeps the
article's spelling. :func:`article_country` votes on the article's country.

Needs a spaCy ``Doc`` with entities from :mod:`eventwire.analysis.analyse`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.extraction.areas import (
    AREA_KIND,
    anchor_after,
    area_around,
    district_in,
    enclosing_province,
    locality_in,
    own_kind,
    somewhere_in,
)
from eventwire.extraction.countries import article_country, common_word
from eventwire.extraction.localities import (
    joined_names,
    modifies_a_person,
    names_a_people,
    told_districts,
    unknown_localities,
)
from eventwire.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ANAPHORA", "AREA_KIND", "MAX_PLACE_DISTANCE", "PlaceRef", "article_country", "common_word",
           "names_an_institution", "place_refs", "stated_country", "vague", "where_the_source_is"]

ANAPHORA = {"city": "city", "town": "city", "village": "city", "province": "admin1", "region": "admin1",
            "district": "district", "capital": "city", "area": None, "governorate": "admin1"}
#: Places further than this (dependency steps plus penalties) from a trigger are not its scene.
MAX_PLACE_DISTANCE = 13


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place named (or referred back to) in the text, geocoded."""

    start: int  # token index
    end: int
    place: Place
    sent_index: int


def place_refs(doc: Doc, sents: list[Span], code: str | None) -> list[PlaceRef]:
    """Places named in the text, and "the city"/"the province" resolved to the last one named.

    The dateline ("KABUL, Afghanistan -") says where the reporter was, not where an
    event happened, so its places are left out.
    """
    from eventwire.analysis.analyse import doc_text
    from eventwire.geo.geocode import capital_of, geocode
    from eventwire.ingest.pubdate import dateline_span

    dateline = dateline_span(doc_text(doc)) or (0, 0)

    sent_index: dict[int, int] = {}
    for i, s in enumerate(sents):
        sent_index.update(dict.fromkeys(range(s.start, s.end), i))
    refs: list[PlaceRef] = []
    cache: dict[tuple[str, str | None, str | None, str | None], Place | None] = {}
    recent: dict[str, Place] = {}
    people: list[PlaceRef] = []
    # "Mocimboa da Praia": one town; "Qal' eh ye Zal district": a district in a spelling of its own
    all_ents = told_districts(doc, joined_names(doc, {e.start: e for e in doc.ents}), code)
    ent_at = {start: e for start, e in all_ents.items()
              if e.label_ in _PLACE_LABELS or _after_a_locality_noun(doc, e)}
    # only places and the anaphora words can give a reference: the other tokens are not visited
    for tok_i in sorted({*ent_at, *_anaphora_at(doc)}):
        tok = doc[tok_i]
        ent = ent_at.get(tok_i)
        if ent is not None and (dateline[0] <= ent.start_char < dateline[1] or common_word(ent)):
            continue
        if ent is not None:
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            kind = AREA_KIND.get(after)
            name = ent.text
            for lead in ("the ", "The "):
                name = name.removeprefix(lead)
            if not any(ch.isupper() for ch in name):
                continue  # "the west bank of the river": a place name is capitalised in English
            kind = kind or own_kind(name)
            province = None
            if kind in {"district", None}:
                sent = sents[sent_index[ent.start]] if ent.start in sent_index else ent.sent
                province = enclosing_province(doc, ent, code, sent=sent, ents_at=all_ents)
            stated = stated_country(doc, ent.start)  # "the Yemeni city of Saada", "Yemen's Red Sea coast"
            where = stated or code
            inside = stated if stated and _said_to_lie_in(doc, ent) else None
            cache_key = (name, kind, province.admin1 if province else None, where)
            if cache_key not in cache:
                cache[cache_key] = geocode(name, country_code=where, kind=kind,
                                           admin1_hint=province.admin1 if province else None)
            place = cache[cache_key]
            if place is not None and _acronym(name) and place.kind != "country" and place.country_code != code:
                place = None  # "NISA officers", "OLA fighters": a body's initials, not a town abroad
            if place is not None and inside and place.country_code and place.country_code != inside:
                place = None  # the text says which country it lies in: a namesake elsewhere is not it
            if province is not None and kind == "district" and (place is None or place.admin1 != province.admin1):
                place = None  # "Khugyani district, Nangarhar province": not the Khugyani elsewhere
            if place is None and kind == "district" and province is not None:
                place = district_in(ent, province)
            if kind is None and (place is None or place.kind != "country"):
                # "the town of Moqokori in the Hiiraan region", "Marani, Kisii county": a locality
                # the gazetteer lacks (or knows only in another area: "Tiaty, Baringo County"), in an area it knows
                sent = sents[sent_index[ent.start]] if ent.start in sent_index else ent.sent
                area = area_around(doc, ent, code, sent=sent, ents_at=all_ents)
                if area is not None and (place is None or place.name.casefold() != name.casefold()
                                         and (place.admin1, place.country_code) != (area.admin1, area.country_code)):
                    place = locality_in(name, area)
                near = None if area is not None or place is not None or _acronym(name) else \
                    anchor_after(doc, ent, code, sent=sent, ents_at=all_ents)
                if near is not None:
                    place = locality_in(name, near)  # "Abu Shouk camp outside El Fasher": near the town
            if place is None and kind in {None, "district"} and where and not _acronym(name) \
                    and _put_at_a_place(doc, ent):
                place = somewhere_in(name, where)
            if place is None:
                continue
            if place.kind in {"city", "district"} and name != place.name and name[:1].isupper():
                # the article's spelling ("Gondar", "Kryvyi Rih"), not the gazetteer's ("Gonder"):
                # every value traces to the text; the coordinates say which place it is
                place = replace(place, name=name)
            ref = PlaceRef(ent.start, ent.end, place, sent_index.get(ent.start, 0))
            if names_a_people(doc, ent) or modifies_a_person(ent):
                people.append(ref)  # "Fano fighters": a group, not the town in Italy, unless nothing else is told
                continue
            refs.append(ref)
            recent[place.kind] = place
            if place.kind in {"city", "district"} and place.admin1:
                recent.setdefault("admin1", place)
            continue
        low = tok.lower_
        if low in ANAPHORA and tok_i > 0 and doc[tok_i - 1].lower_ in {"the", "that", "this"} \
                and tok.dep_ not in {"compound"} and not tok.ent_type_:
            want = ANAPHORA[low]
            target = recent.get(want or "city") if want else recent.get("city") or recent.get("district")
            before = doc[tok_i - 2].lower_ if tok_i > 1 else ""  # the word before "the"
            if low == "capital" and code and before not in _LOCAL_CAPITAL:
                # "the capital", "the national capital": the country's, not the town told last
                target = capital_of(code) or (None if before == "national" else target)
            if target is not None and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                refs.append(PlaceRef(tok_i, tok_i + 1, target, sent_index.get(tok_i, 0)))
    told = {r.sent_index for r in refs}
    refs += [r for r in people if r.sent_index not in told]
    taken = {i for r in refs for i in range(r.start, r.end)}
    # "raided Widhu village in Lamu county": a locality the gazetteer lacks, by the area it lies in
    for start, end, place in unknown_localities(doc, sents, sent_index, code, all_ents, taken):
        refs.append(PlaceRef(start, end, place, sent_index.get(start, 0)))
    return sorted(_told_again(doc, refs, sent_index), key=lambda r: r.start)


def _told_again(doc: Doc, refs: list[PlaceRef], sent_index: dict[int, int]) -> list[PlaceRef]:
    """"Mbau, in Mocimboa da Praia District" ... "clearance operations in and around Mbau": a
    locality the gazetteer lacks, once placed by the area the text names, is the same place when
    its name is told again without it (the article's own spelling, word for word). Returns the
    references with those tellings placed."""
    placed: dict[tuple[str, ...], Place] = {}
    for r in refs:
        words = tuple(t.text for t in doc[r.start:r.end])
        if r.place.kind == "city" and r.place.geo_precision == 2 and r.place.latitude is not None \
                and words[0][:1].isupper() and r.place.name == " ".join(words):  # a name, not "the city"
            placed.setdefault(words, r.place)
    if not placed:
        return refs
    # a telling known only at the country level ("in and around Mbau") takes the place told before
    found = [replace(r, place=placed[words]) if vague(r) and (words := tuple(t.text for t in doc[r.start:r.end]))
             in placed else r for r in refs]
    taken = {i for r in refs for i in range(r.start, r.end)}
    for words, place in placed.items():
        n = len(words)
        for i in range(len(doc) - n + 1):
            if doc[i].text != words[0] or any(j in taken for j in range(i, i + n)):
                continue
            whole = i + n == len(doc) or not doc[i + n].text[:1].isupper()  # not "Mbau Road"
            if whole and tuple(t.text for t in doc[i:i + n]) == words:
                found.append(PlaceRef(i, i + n, place, sent_index.get(i, 0)))
                taken.update(range(i, i + n))
    return found


#: Words that make "the capital" a province's or a district's ("the provincial capital").
_LOCAL_CAPITAL = frozenset({"provincial", "regional", "state", "district", "county", "departmental", "local",
                            "province", "region", "governorate"})


def _anaphora_at(doc: Doc) -> list[int]:
    """Indices of the tokens whose lower-case form is one of :data:`ANAPHORA`."""
    from spacy.attrs import LOWER

    if not len(doc):
        return []
    wanted = _anaphora_ids()
    return [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in wanted]


@functools.cache
def _anaphora_ids() -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in ANAPHORA)


def _after_a_locality_noun(doc: Doc, ent: Span) -> bool:
    """"the town of Galcad": a place, whatever type the entity recogniser gave the name."""
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in lx.LOCALITY_WORDS


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def vague(ref: PlaceRef) -> bool:
    """Whether a reference is a place known only at the country level (:func:`.areas.somewhere_in`)."""
    return ref.place.kind == "country" and ref.place.latitude is None and ref.place.country != ref.place.name \
        and ref.place.geo_precision is None and ref.place.admin1 is None and _somewhere(ref.place)


def _somewhere(place: Place) -> bool:
    from eventwire.geo.gazetteer import default_gazetteer

    return default_gazetteer().country_code(place.name) is None


def _put_at_a_place(doc: Doc, ent: Span) -> bool:
    """Whether the text puts something at ``ent``: "in central Sinai", "south of Kufra", "near
    X", "the town of X", "X village"; or a force enters it ("soldiers entered Mboki")."""
    if _told_as_a_locality(doc, ent):
        return True
    if ent.label_ == "GPE" and ent.root.dep_ == "dobj" and ent.root.head.lemma_ in lx.ARRIVING_VERBS:
        return True
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and i > ent.start - 3:
        i -= 1  # "in central Sinai", "in the remote northern"
    if i >= 0 and doc[i].lower_ in lx.PLACE_PREPOSITIONS:
        return True
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in lx.RELATIVE_WORDS


def _acronym(name: str) -> bool:
    """A short name in capitals ("NISA", "OLA"): a body's initials more often than a place."""
    return name.isupper() and len(name) <= 5 and " " not in name


def _told_as_a_locality(doc: Doc, ent: Span) -> bool:
    """Whether the text says a name is a place: "the town of X", "in X", "near X", "X village"."""
    if _after_a_locality_noun(doc, ent):
        return True
    before = doc[ent.start - 1].lower_ if ent.start >= 1 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return before in lx.PLACE_PREPOSITIONS or after in lx.LOCALITY_WORDS


#: Words after "Country's X" that make X a place in that country, besides the place nouns ("Yemen's Red Sea coast"), where
#: "Ukraine's Kursk incursion" or "Israel's Rafah offensive" only say whose act it was.
_LIES_IN = frozenset({"coast", "valley", "island"})


def _said_to_lie_in(doc: Doc, ent: Span) -> bool:
    """Whether the phrase that names ``ent``'s country says the place lies in it: "the Yemeni
    city of Saada" always, "Yemen's Red Sea coast" when a place noun follows the name."""
    if ent.start >= 1 and doc[ent.start - 1].lower_ == "of":
        return True
    return ent.end < len(doc) and doc[ent.end].lower_ in lx.PLACE_NOUNS | _LIES_IN


def stated_country(doc: Doc, start: int) -> str | None:
    """The country a place's own phrase names: "the Yemeni city of Saada", "Syria's Idlib"."""
    from eventwire.geo.gazetteer import default_gazetteer

    i = start - 1
    if i >= 1 and doc[i].lower_ in {"'s", "’s"}:
        i -= 1
    elif i >= 2 and doc[i].lower_ == "of" and doc[i - 1].lower_ in lx.PLACE_NOUNS:
        i -= 2
        if i >= 0 and doc[i].pos_ == "ADJ" and doc[i].ent_type_ != "NORP":
            i -= 1  # "the northern Yemeni city of"
    else:
        return None
    if i < 0 or not doc[i].text[:1].isupper():
        return None
    gaz = default_gazetteer()
    found = gaz.demonym_country(doc[i].text)
    if found is None:
        country = gaz.country(doc[i].text)
        found = country.country_code if country is not None else None
    return found


def names_an_institution(doc: Doc, ref: PlaceRef) -> bool:
    """"the Kabul administration", "U.S. Forces Afghanistan": a place naming a body, not a scene."""
    root = doc[ref.start:ref.end].root
    if ref.end - ref.start == 1 and doc[ref.start].i != root.i:
        return False
    return root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"} \
        and root.head.lower_ not in lx.TERRITORY_WORDS


def dateline_place(doc: Doc, sents: list[Span], code: str | None) -> PlaceRef | None:
    """The town of the article's dateline ("TBILISI -", "KABUL, Afghanistan -"), when it lies in
    the article's country: where the reporter filed from, which :mod:`.borrowed` lends to the
    first reports when the text has named no place yet ("Riot police cleared the avenue outside
    parliament"). A dateline abroad ("MOSCOW -" over a story of Ukraine) is never lent."""
    from eventwire.analysis.analyse import doc_text
    from eventwire.geo.geocode import geocode
    from eventwire.ingest.pubdate import dateline_span

    span = dateline_span(doc_text(doc))
    if span is None or code is None:
        return None
    head = _DATELINE_END.split(doc_text(doc)[span[0]:span[1]], maxsplit=1)[0].rstrip()
    if not head[:1].isalpha():
        return None
    town = " ".join(w.capitalize() if w.isupper() else w for w in head.split())
    place = geocode(town, country_code=code)
    if place is None or place.kind == "country" or place.country_code != code:
        return None
    at = doc.char_span(span[0], span[0] + len(head), alignment_mode="expand")
    if at is None:
        return None
    sent_index = next((i for i, s in enumerate(sents) if s.start <= at.start < s.end), 0)
    return PlaceRef(at.start, at.end, place, sent_index)


#: Where the town that opens a dateline ends: its comma, parenthesis or dash ("Bab-el-Oued" is one name).
_DATELINE_END = re.compile(r",|\(|\u2013|\u2014|\s-|\n")


def where_the_source_is(root: Token, trigger: Token) -> bool:
    """"Police in Kampala confirmed that ...", "residents of Gao said", "Mandera police said": the
    place of whoever tells of the event (the subject of a speech verb that is not the trigger)."""
    if root.dep_ == "compound" and root.head.lower_ in AREA_KIND:
        root = root.head  # "villagers in Leilek district said"
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ in {"in", "of", "from"} else \
        root.head if root.dep_ == "compound" else None
    if noun is None or noun.dep_ != "nsubj" or noun.head.i == trigger.i:
        return False
    return noun.head.lemma_.lower() in lx.SPEECH_VERBS
