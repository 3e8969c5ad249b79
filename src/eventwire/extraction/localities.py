"""Localities the gazetteer lacks, and names the entity recogniser cut in two.

:func:`joined_names`: "Mocimboa da Praia" tagged as two places (Mocimboa, Praia) is the one
town the gazetteer knows under the whole name, not Praia in Cabo Verde.

:func:`unknown_localities`: "raided Widhu village in Lamu county", "near Mbau, Mocimboa da
Praia district", "at Lokitelaebu, Kotido district": a proper noun the gazetteer does not know
(the recogniser may call it a person, a body or nothing at all), told as a locality (a place
preposition before it, "the village of" or a locality noun after it) and anchored by a known
area named right after it, is the place: the text's name at the area's coordinates, ACLED's
precision 2. :mod:`.places` adds these to the places it found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.extraction.actor_tables import any_name
from eventwire.extraction.areas import AREA_KIND, anchor_after, area_around, locality_in, somewhere_in
from eventwire.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["joined_names", "modifies_a_person", "names_a_people", "told_districts", "unknown_localities"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity types a name of a locality is never given (dates, numbers, amounts).
_NEVER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW", "LANGUAGE"})


def joined_names(doc: Doc, ents_at: dict[int, Span]) -> dict[int, Span]:
    """``ents_at`` with a place's name the tagger cut made whole: two places side by side
    ("Debre Elias"), a place and the untagged proper nouns after it when the gazetteer knows the
    whole ("Puli Khumri"), and two places joined by lower-case particles ("Mocimboa da Praia")
    when the gazetteer knows a town of the whole name."""
    from spacy.tokens import Span

    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    out = dict(ents_at)
    for start in sorted(ents_at):
        first = out.get(start)
        if first is None or first.label_ not in _PLACE_LABELS:
            continue
        second = out.get(first.end)
        if second is not None and second.label_ in _PLACE_LABELS and second.sent.start == first.sent.start \
                and doc[first.end - 1].lower_ not in {"'s", "\u2019s"} and not _an_area(first) and not _an_area(second):
            # "Debre Elias" tagged as two places side by side: one name (a list has commas between;
            # "Amhara Fano" and "Sindh Rangers" are an area and what is in it)
            out[start] = first = Span(doc, first.start, second.end, label=first.label_)
            del out[second.start]
        rest = first.end
        while rest < len(doc) and doc[rest].pos_ == "PROPN" and doc[rest].text[:1].isupper() \
                and not doc[rest].ent_type_ and doc[rest].sent.start == first.sent.start:
            rest += 1
        if rest > first.end and gaz.candidates(doc[first.start:rest].text):
            # "Puli Khumri" of which the tagger took "Puli" alone: the whole name the gazetteer knows
            out[start] = first = Span(doc, first.start, rest, label=first.label_)
        for gap in (1, 2):
            second = out.get(first.end + gap)
            if second is None or second.label_ not in _PLACE_LABELS:
                continue
            if not all(t.is_lower and t.is_alpha for t in doc[first.end:second.start]):
                continue
            if doc[first.start].sent.start != doc[second.start].sent.start:
                continue
            whole = doc[first.start:second.end].text
            after = doc[second.end].lower_ if second.end < len(doc) else ""
            told = "district" if after in _DISTRICT_WORDS else "admin1" if AREA_KIND.get(after) == "admin1" else "city"
            if any(p.kind == told for p in gaz.candidates(whole)):
                # a town, or a district or province the text calls one ("Shigal wa Sheltan
                # district", "Valle del Cauca department"); else a province's parts still say where
                out[start] = Span(doc, first.start, second.end, label=first.label_)
                del out[second.start]
            break
    return out


#: The words after a name that say it is a district.
_DISTRICT_WORDS = frozenset({"district", "districts"})


def told_districts(doc: Doc, ents_at: dict[int, Span], code: str | None) -> dict[int, Span]:
    """``ents_at`` with the districts the tagger missed in a spelling of their own: "Qal’ eh ye
    Zal district", "Dasht-i-Archi district" (capitalised words, apostrophes, hyphens and the short
    particles between them, right before "district") when the gazetteer knows a district of the
    country under a loose spelling of the words (:meth:`~eventwire.geo.gazetteer.Gazetteer.district_ids_loose`)."""
    if code is None:
        return ents_at
    from spacy.tokens import Span

    from eventwire.geo.geocode import geocode

    out = dict(ents_at)
    for tok in doc:
        if tok.lower_ != "district" or tok.i == 0:
            continue
        start = tok.i
        while start > tok.sent.start and tok.i - start < _MOST_NAME_TOKENS and _name_part(doc[start - 1]):
            start -= 1
        while start < tok.i and not doc[start].text[:1].isupper():
            start += 1  # the name begins with a capital
        inside = [e for e in out.values() if e.start < tok.i and e.end > start]
        if tok.i - start < 2 or any(e.start < start or e.end > tok.i for e in inside) \
                or any(e.start == start and e.end == tok.i for e in inside):
            continue  # one word, a name the tagger found whole, or an entity reaching outside
        place = geocode(doc[start:tok.i].text, kind="district", country_code=code)
        if place is not None and place.kind == "district":
            for s in [s for s, e in out.items() if e.start < tok.i and e.end > start]:
                del out[s]
            out[start] = Span(doc, start, tok.i, label="GPE")
    return out


#: The most tokens of a district's name told in a spelling of its own.
_MOST_NAME_TOKENS = 7
#: Lower-case words inside a Persian or Arabic place name ("Qal'eh-ye Zal", "Shigal wa Sheltan").
_NAME_PARTICLES = frozenset({"e", "i", "ye", "eh", "ah", "wa", "al", "el", "-", "’", "'", "‘"})


def _name_part(tok: Token) -> bool:
    return tok.lower_ in _NAME_PARTICLES or (tok.is_alpha and tok.text[:1].isupper())


def _an_area(ent: Span) -> bool:
    """Whether the gazetteer knows the name as a country or a province."""
    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    return gaz.country_code(ent.text) is not None or bool(gaz.admin1_ids(ent.text, fuzzy=False))


def unknown_localities(doc: Doc, sents: list[Span], sent_index: dict[int, int], code: str | None,
                       ents_at: dict[int, Span], taken: set[int]) -> list[tuple[int, int, Place]]:
    """(start, end, place) of each unknown locality anchored by a known area (module doc);
    ``taken``: the tokens of the places already found."""
    from spacy.tokens import Span

    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    runs = _name_runs(doc, taken)
    # "Bariire in Lower Shabelle" tagged as one body: a known area inside it can still anchor
    anchors = dict(ents_at)
    for start, end in runs:
        if start not in anchors and gaz.is_place(doc[start:end].text):
            anchors[start] = Span(doc, start, end, label="LOC")
    found: list[tuple[int, int, Place]] = []
    for start, end in runs:
        span = Span(doc, start, end, label="LOC")
        told = _told_as_a_locality(doc, span)
        if not _may_be_a_place(span) or not told and doc[start].ent_type_ == "PERSON":
            continue  # "liberated Awdheegle in Lower Shabelle" is told by its area; a person's name is not
        sent = sents[sent_index[start]] if start in sent_index else span.sent
        area = area_around(doc, span, code, sent=sent, ents_at=anchors)
        if area is None and told:
            area = anchor_after(doc, span, code, sent=sent, ents_at=anchors)
        if area is None:
            if code and _right_after_a_preposition(doc, span):
                # "a checkpoint at Garni": a scene the text names but no area places, known at the
                # country level (:mod:`.place` puts it in a province the sentence names)
                found.append((start, end, somewhere_in(span.text, code)))
            continue
        found.append((start, end, _known_in(span.text, area) or locality_in(span.text, area)))
    return found


def _name_runs(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised proper nouns outside the places found, split where
    an entity begins or ends."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _name_word(doc[i], taken):
            i += 1
            continue
        j = i + 1
        while j < n:
            if doc[j].text == "-" and not doc[j - 1].whitespace_ and j + 1 < n and _name_word(doc[j + 1], taken):
                j += 2  # "Al-Hamadi"
                continue
            if not _name_word(doc[j], taken) or doc[j].ent_iob_ == "B" or doc[j].ent_type_ != doc[i].ent_type_:
                break
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _name_word(tok: Token, taken: set[int]) -> bool:
    """A capitalised word of a name: a proper noun, or any word capitalised inside the sentence
    ("torched Kwabeni village", tagged as an adjective)."""
    if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
        return False
    if tok.ent_type_ in _NEVER or tok.ent_type_ in _PLACE_LABELS:
        return False
    return tok.pos_ == "PROPN" or tok.pos_ in {"NOUN", "ADJ"} and not tok.is_sent_start


def _told_as_a_locality(doc: Doc, span: Span) -> bool:
    """"in X", "at X", "near X", "the village of X", "control of X", "X village"."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return _right_after_a_preposition(doc, span) or after in lx.LOCALITY_WORDS


def _right_after_a_preposition(doc: Doc, span: Span) -> bool:
    """"at Garni", "near Kazgil", "the village of Menkao", "control of Largu"."""
    before = doc[span.start - 1].lower_ if span.start >= 1 else ""
    return before in lx.PLACE_PREPOSITIONS or before == "of" and span.start >= 2 \
        and doc[span.start - 2].lower_ in lx.LOCALITY_WORDS | lx.CONTROL_NOUNS


def _may_be_a_place(span: Span) -> bool:
    """Not a body's initials, a country, a people or an actor the tables name."""
    from eventwire.geo.gazetteer import default_gazetteer

    name = span.text
    if name.isupper() or name[-1:] == "s" and name[:-1].isupper() or len(name) < 3:  # "NISA", "IEDs"
        return False
    gaz = default_gazetteer()
    if gaz.country_code(name) is not None or gaz.demonym_country(name) is not None or gaz.is_stopword(name):
        return False
    return not any_name().search(name)


def names_a_people(doc: Doc, ent: Span) -> bool:
    """"Fano fighters", "Nuer youths", "Somali National Army": a group the actor tables know, a
    people or a nationality word, not told as a place ("in Fano", "the Somali region")."""
    from eventwire.geo.gazetteer import default_gazetteer

    name = ent.text
    if name in lx.ETHNIC_GROUPS and ent.start >= 1 and doc[ent.start - 1].lower_ in {"a", "an"}:
        return True  # "a Kuki village", "a Fulani settlement": a village of that people
    if _told_as_a_locality(doc, ent) or ent.end < len(doc) and doc[ent.end].lower_ in AREA_KIND:
        return False
    if name in lx.ETHNIC_GROUPS or name.lower() in lx.ARMED_GENERIC_WORDS \
            or default_gazetteer().demonym_country(name) is not None:
        return True  # "Gang members" too
    return any_name().fullmatch(name) is not None


def modifies_a_person(ent: Span) -> bool:
    """"an Amhara opposition lawmaker", "a Kandahar police chief": the name says whose the person
    is, not where the event happened (unless the sentence names no other place)."""
    root = ent.root
    heads = [root.head] + ([root.head.head] if root.head.dep_ == "compound" else [])
    return root.dep_ in {"compound", "amod"} and any(h.lower_ in lx.PERSON_WORDS for h in heads)


def _known_in(name: str, area: Place) -> Place | None:
    """The gazetteer's own town of that name inside the area, when it has one."""
    from eventwire.geo.geocode import geocode

    place = geocode(name, country_code=area.country_code, kind="city", admin1_hint=area.admin1)
    if place is None or place.admin1 != area.admin1 or place.latitude is None:
        return None
    return place
