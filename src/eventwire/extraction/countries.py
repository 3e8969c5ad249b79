"""The article's country: a vote over the places and nationalities it names.

:func:`article_country` is the country actors default to and places are geocoded in;
:func:`common_word` tells a common noun the tagger took for a place ("Artillery fire hit ..."),
which neither votes nor is geocoded.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.analysis.prefilter import fold
from eventwire.extraction import actor_tables
from eventwire.extraction.areas import AREA_KIND
from eventwire.extraction.localities import joined_names, names_a_people
from eventwire.geo import gazetteer_data

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def article_country(doc: Doc) -> str | None:
    """The country an article is about: a vote in which towns and provinces weigh more than
    country names and nationality words, so a report on Afghanistan from Washington is about
    Afghanistan.

    A place name votes for every country that has a place of that name, by how well it fits
    there (:func:`~eventwire.geo.geocode.country_weights`), so the names agree on the country
    they share rather than each taking its most populous namesake abroad. A name counts at
    most twice however often it recurs, so one ambiguous name cannot outvote the article's
    other places; a short all-capitals name ("IMU", "ALP") only votes when it is a country's
    abbreviation, and a common word the tagger took for a place ("Artillery") not at all.
    A named group or force that acts almost only at home ("Fano", "FARDC") votes for its home
    country with :data:`HOME_WEIGHT`: more than a hamlet's name, less than a town's.
    The headline and the lead say where the story is: their names count double.
    """
    from collections import Counter

    from eventwire.geo.gazetteer import default_gazetteer, name_key
    from eventwire.geo.geocode import country_weights, infer_country

    gaz = default_gazetteer()
    votes: dict[str, float] = {}
    seen: Counter[str] = Counter()
    lead = _lead_end(doc)
    joined = joined_names(doc, {e.start: e for e in doc.ents})  # "Mocimboa da Praia", not Praia
    place_ends = {e.end for e in joined.values() if e.label_ in {"GPE", "LOC"}}
    for ent in (_without_possessive(joined[k]) for k in sorted(joined)):
        if ent.label_ in {"ORG", "FAC", "PERSON"} and _a_place_that_modifies_a_force(ent):
            for town_country, weight in _town_weights(ent.text).items():  # "..., Lusaka police said"
                votes[town_country] = votes.get(town_country, 0.0) + weight
            continue
        if ent.label_ not in {"GPE", "LOC", "NORP"} or common_word(ent):
            continue
        key = name_key(ent.text)
        seen[key] += 1
        if seen[key] > 2:
            continue
        if ent.label_ == "NORP" or names_a_people(doc, ent):  # "Somali forces": the nationality, not Ethiopia's region
            code = gaz.demonym_country(ent.text)
            if code:
                votes[code] = votes.get(code, 0.0) + (2 if ent.start < lead else 1)
            continue
        country = gaz.country(ent.text)
        if country is not None and country.country_code:
            votes[country.country_code] = votes.get(country.country_code, 0.0) + (2 if ent.start < lead else 1)
            continue
        if ent.text.isupper() and len(ent.text.strip()) <= 4:
            continue
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        around = CONTAINER_WEIGHT if _holds_the_place_before(doc, ent, place_ends) else 0.0
        for code, weight in country_weights(ent.text, kind=AREA_KIND.get(after)).items():
            votes[code] = votes.get(code, 0.0) + (weight + around) * (2 if ent.start < lead else 1)
    for code, weight in _home_votes(doc, lead).items():
        votes[code] = votes.get(code, 0.0) + weight
    if not votes:
        votes = _untagged_votes(doc)
    if votes:
        return max(votes, key=lambda c: votes[c])
    return infer_country([e.text for e in doc.ents if e.label_ in {"GPE", "NORP", "LOC"} and not common_word(e)
                          and not (e.label_ != "NORP" and names_a_people(doc, e))])


#: The least weight a name the tagger did not take for a place needs to vote (a town of
#: 5,000 people or a province: not a hamlet's name, nor an alternate spelling's).
UNTAGGED_MIN_WEIGHT = 2.0


def _untagged_votes(doc: Doc) -> dict[str, float]:
    """The vote of a text in which the tagger found no place: the names right after a place
    preposition that it took for a facility, an organisation or a person, or missed ("rallied in
    Pointe-Noire", "a crowd in Kakamega's Lurambi area"), each for the towns and provinces of
    that name (:data:`UNTAGGED_MIN_WEIGHT`)."""
    votes: dict[str, float] = {}
    seen: set[str] = set()
    for tok in doc:
        if tok.lower_ not in lx.PLACE_PREPOSITIONS or tok.i + 1 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and doc[end].ent_type_ not in _NOT_PLACES:
            end += 1
        name = doc[tok.i + 1:end].text
        if end == tok.i + 1 or name in seen or end < len(doc) and (
                doc[end].text in {"-", "'", "\u2019"} and not doc[end - 1].whitespace_
                or doc[end].lower_ in _NAME_PARTICLES):
            continue  # "Bir al-Abd", "Kaga-Bandoro": not Bir nor Kaga, names of their own
        seen.add(name)
        for code, weight in _town_weights(name).items():
            votes[code] = votes.get(code, 0.0) + weight
    return votes


def _town_weights(name: str) -> dict[str, float]:
    """The countries with a town or province called ``name`` weighing at least
    :data:`UNTAGGED_MIN_WEIGHT`: the vote of a name the tagger did not take for a place."""
    from eventwire.geo.geocode import country_weights

    return {code: weight for code, weight in country_weights(name).items() if weight >= UNTAGGED_MIN_WEIGHT}


def _a_place_that_modifies_a_force(ent: Span) -> bool:
    """A name the tagger took for an organisation that stands before a force or officials
    ("Lusaka police", "Kismayo officials"): a town's people, told by their town."""
    root = ent[-1]
    return len(ent) <= 3 and root.dep_ in {"compound", "det", "nmod", "amod", "poss"} and root.head.i == ent.end \
        and root.head.lower_ in _FORCE_HEADS


#: The people a town's name may stand before ("Lusaka police", "Goma residents").
_FORCE_HEADS = lx.POLICE_WORDS | lx.TROOP_WORDS | frozenset({"officials", "authorities", "residents"})


#: Lower-case words inside a place name ("Bir al-Abd", "Foz do Iguacu", "Dar es Salaam").
_NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "es", "de", "da", "do", "du", "la", "le", "di"})
#: Entity labels a word of a place name never carries.
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "NORP"})


#: What a place said to hold the place before it ("Bagan in lower Kurram", "Delft, Cape Town")
#: adds to its vote: the text itself says the smaller place lies in the larger one's country.
CONTAINER_WEIGHT = 1.0


def _holds_the_place_before(doc: Doc, ent: Span, place_ends: set[int]) -> bool:
    """Whether ``ent`` follows another place (with its kind word, if any) after "in" or a comma
    and at most two lower-case adjectives ("in lower Kurram", "Kani township, Sagaing Region"), or
    after "of" and the other place's own noun ("the Tirah valley of Khyber district", "the
    Endulen area of Ngorongoro": not "the village of Kuryan", which names the village)."""
    i = ent.start
    while i > 0 and ent.start - i < 2 and doc[i - 1].pos_ == "ADJ" and doc[i - 1].is_lower:
        i -= 1
    if i >= 3 and doc[i - 1].lower_ == "of" and doc[i - 2].pos_ == "NOUN" and doc[i - 2].is_lower:
        return i - 2 in place_ends
    if i < 2 or doc[i - 1].lower_ not in {"in", ","}:
        return False
    before = i - 1
    return before in place_ends or (doc[before - 1].lower_ in _KIND_WORDS and before - 1 in place_ends)


#: The words that say what kind of place a name is ("township", "county", "region").
_KIND_WORDS = frozenset(gazetteer_data.ADMIN1_SUFFIXES + gazetteer_data.DISTRICT_SUFFIXES)


def _without_possessive(ent: Span) -> Span:
    """"Addis Ababa's" as the tagger took it: the name without its possessive ending."""
    from spacy.tokens import Span

    if len(ent) > 1 and ent[-1].lower_ in {"'s", "\u2019s"}:
        return Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)
    return ent


#: The vote of one naming of a group or force that acts at home: above a hamlet's (1) or an
#: alternate spelling's (0.5), below a town of 5,000 people's (2) or a province's.
HOME_WEIGHT = 2.5


def _home_votes(doc: Doc, lead: int) -> dict[str, float]:
    """Each naming of a home-bound group or force votes for its home country; one country's
    namings count at most twice, as a place name does."""
    from eventwire.geo.gazetteer import default_gazetteer

    text = doc.text
    folded = fold(text)
    lead_char = doc[lead].idx if 0 < lead < len(doc) else 0
    starts: dict[str, set[int]] = {}
    for rule, home in actor_tables.home_rules():
        if rule.rule.may_match(folded):
            starts.setdefault(home, set()).update(hit.start() for hit in rule.rule.regex.finditer(text))
    votes: dict[str, float] = {}
    gaz = default_gazetteer()
    for home, found in starts.items():
        country = gaz.country(home)
        if found and country is not None and country.country_code:
            votes[country.country_code] = sum(HOME_WEIGHT * (2 if start < lead_char else 1)
                                              for start in sorted(found)[:2])
    return votes


def _lead_end(doc: Doc) -> int:
    """The first token after the article's first two sentences (its headline and lead), or 0
    for a one- or two-sentence text, where no part of it is the lead of more."""
    if not doc.has_annotation("SENT_START"):
        return 0
    ends = []
    for sent in doc.sents:
        ends.append(sent.end)
        if len(ends) > 2:
            return ends[1]
    return 0


def common_word(ent: Span) -> bool:
    """A common noun the tagger took for a place, capitalised only by its place in the sentence
    ("Artillery fire hit ...", "Drone strikes on ..."): a word of the weapon, force and
    event vocabularies is never a place name on its own."""
    return ent.end - ent.start == 1 and ent.text.lower() in _common_nouns()


@functools.cache
def _common_nouns() -> frozenset[str]:
    return frozenset().union(lx.AIR_WORDS, lx.SHELL_WORDS, lx.GRENADE_WORDS, lx.EXPLOSIVE_WORDS, lx.CHEMICAL_WORDS,
                             lx.WEAPON_CACHE_WORDS, lx.TROOP_WORDS, lx.PERSON_WORDS, lx.FIGHTING_UNITS,
                             lx.GENERIC_EVENT_NOUNS, lx.NOUN_KINDS, lx.SCENE_NOUNS, lx.OPERATION_NOUNS,
                             lx.CIVILIAN_VICTIMS, lx.COLLECTIVES, lx.ARMED_DRESS)
