"""Where a mention happened when its sentence does not say: the scene already told.

Press releases and wire stories set the scene first ("forces conducted an operation in X
district yesterday") and tell what happened in it later ("during the operation, the force
detained two"); they retell an event ("the unit was engaged, resulting in 18 killed") and
name a second place for the same kind of event ("others were in Helmand"). These rules
give such mentions the place (and, failing their own, the date) of what they point back to.

Needs: the mentions found so far in the article, its place references
(:mod:`eventwire.extraction.places`) and time references (:mod:`eventwire.extraction.timing`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis.lexicon import TERRITORY_WORDS, definite
from eventwire.extraction.places import ANAPHORA, PlaceRef
from eventwire.extraction.timing import LOOKBACK, TimeRef, clause_verb, date_for
from eventwire.records import DateSpan, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.extraction.triggers import Trigger

#: Nouns by which a sentence points back at an operation already told ("during the raid").
OPERATION_NOUNS = frozenset({"operation", "raid", "search", "patrol", "force", "forces", "unit", "team",
                             "assault", "offensive", "attack", "strike", "clash", "fighting", "ambush",
                             "engagement", "mission", "battle", "troops", "soldiers", "convoy", "scene",
                             "firefight", "gunfight", "gunbattle", "shootout", "exchange"})


def place_from_context(mention: Mention, trig: Trigger, sent: Span, si: int, *, anchored: bool,
                        refs: list[PlaceRef], scenes: list[Scene], earlier: list[Mention]) -> Mention:
    """A place for a mention whose sentence names none: the scene it points back to
    ("during the operation"), else the place named in the sentences just before."""
    if points_back(sent):
        mention = same_scene(mention, sent, earlier)
        if mention.place is None:
            mention = _told_operation(mention, sent, si, scenes)
        if mention.place is not None:
            return mention
    if _may_look_back(trig.token, anchored) and not _names_an_unknown_town(trig.token, sent, refs) and (
            mention.event_type in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} or mention.sub_event_type == tx.ARRESTS):
        back = _lookback_place(trig, si, refs)
        if back:
            return replace(mention, place=back[0].place)
    return mention


def _may_look_back(tok: Token, anchored: bool) -> bool:
    """Only a new, anchored report borrows the place of the sentences before it.

    "The strikes" or "this week's airstrikes" refer back to events already placed
    (they are merged with them later); a headline has no sentences before it; and
    a report with neither a date nor a toll is too loose to place by proximity.
    """
    if tok.pos_ in {"NOUN", "PROPN"} and (definite(tok) or any(c.dep_ == "poss" for c in tok.children)):
        return False
    if not tok.sent.text.rstrip().endswith((".", "!", '"', "”", "'")):
        return False
    if tok.pos_ in {"VERB", "AUX"}:
        return True  # a clause that reports its own action: the scene is the one just named
    return anchored


def _names_an_unknown_town(tok: Token, sent: Span, refs: list[PlaceRef]) -> bool:
    """"The rebels captured the town of Walikale": the clause names its own town (a place
    entity, or any name after "the town of") that :func:`~eventwire.extraction.places.place_refs` could
    not place; the place named in the sentences before would be another one."""
    placed = {r.start for r in refs}
    first, last = tok.left_edge.i, tok.right_edge.i
    for ent in sent.ents:
        if not (first <= ent.start and ent.end <= last + 1 and any(ch.isupper() for ch in ent.text)):
            continue
        root = ent.root
        if root.dep_ != "pobj":
            continue  # "M23 rebels": a name used as a modifier is no place the clause names
        named_area = root.head.lower_ == "of" and root.head.head.lower_ in ANAPHORA
        at_place = ent.label_ == "GPE" and root.head.lower_ in _PLACE_PREPOSITIONS
        if (named_area or at_place) and ent.start not in placed:
            return True
    return False


#: Prepositions that put an event at a place: "in Walikale", "near Rubaya".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "around", "outside", "into", "inside", "on"})


def same_scene(mention: Mention, sent: Span, earlier: list[Mention]) -> Mention:
    """A follow-up report of the operation just told takes its scene.

    "During the search, the force killed two gunmen" names neither place nor day: when
    the same force acts and the sentence points back with a definite noun ("the
    search", "the patrol", "the force"), the place and date are those of the last
    placed report by that force. A new place or a date of its own is kept. (A sentence
    that names no actor is left alone: on other conflicts' wire stories that carried
    background sentences to the wrong scene.)
    """
    family = mention.event_type
    retold = retelling(mention, earlier)
    if retold is not None:
        return replace(mention, place=retold.place,
                       dates=mention.dates if mention.dates.known else retold.dates)
    if mention.place is not None and mention.dates.known:
        return mention
    if family not in tx.VIOLENT_EVENT_TYPES and mention.sub_event_type not in tx.SCENE_TYPES:
        return mention
    if mention.actor1 is None or not points_back(sent):
        return mention
    scene = next((m for m in reversed(earlier) if m.actor1 == mention.actor1 and m.place is not None
                  and m.place.kind != "country"), None)
    if scene is None:
        return mention
    assert scene.place is not None  # chosen above for having a place
    if mention.place is None:
        mention = replace(mention, place=scene.place)
    elif mention.place.admin1 != scene.place.admin1:
        return mention
    if not mention.dates.known and scene.dates.known:
        mention = replace(mention, dates=scene.dates)
    return mention


@dataclass(frozen=True, slots=True)
class Scene:
    """An operation told with its place and day ("forces searched a compound in X district today")."""

    sent_index: int
    place: PlaceRef
    dates: DateSpan


#: How many sentences back a report that points back may find its scene (a press release
#: tells the operation, the target's record and then what happened in it).
SCENE_REACH = 6
#: Nouns that tell an operation as a scene, before anything happens in it.
SCENE_NOUNS = frozenset({"operation", "raid", "search", "patrol", "mission", "assault", "offensive",
                         "sweep", "clearance", "ambush", "engagement", "battle", "fighting", "clash"})


def scenes_of(sents: list[Span], refs: list[PlaceRef], times: list[TimeRef]) -> list[Scene]:
    """Every sentence that introduces an operation at a place below the country level.

    Press releases and wire stories often set the scene first ("Security forces conducted
    an operation in X district, Y province, yesterday") and tell what happened in it later
    ("During the operation, the force detained two suspects"): the later report has
    neither place nor day of its own.
    """
    found: list[Scene] = []
    for si, sent in enumerate(sents):
        local = [r for r in refs if r.sent_index == si and r.place.kind != "country"
                 and not _names_an_institution(sent.doc, r)]
        if not local:
            continue
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SCENE_NOUNS:
                continue
            if definite(tok):
                continue  # "the operation" looks back; it introduces nothing
            inside = [r for r in local if tok.left_edge.i <= r.start and r.end - 1 <= tok.right_edge.i]
            place = (inside or local)[0]
            dates = date_for(tok, si, times)
            if not dates.known:
                dates = date_for(clause_verb(tok), si, times)
            found.append(Scene(si, place, dates))
            break
    return found


def _told_operation(mention: Mention, sent: Span, si: int, scenes: list[Scene]) -> Mention:
    """A placeless report that points back ("during the operation") takes the scene last told;
    the caller checks that it points back."""
    if mention.event_type not in tx.VIOLENT_EVENT_TYPES and mention.sub_event_type not in tx.SCENE_TYPES:
        return mention
    scene = next((s for s in reversed(scenes) if si - SCENE_REACH <= s.sent_index < si), None)
    if scene is None:
        return mention
    dates = mention.dates if mention.dates.known else scene.dates
    return replace(mention, place=scene.place.place, dates=dates)


def retelling(mention: Mention, earlier: list[Mention]) -> Mention | None:
    """An earlier report of the same event: same type and toll in the same province.

    Stories tell an event twice, in the lede and in the detail ("killed 18 fighters in
    Kunar ... the unit was engaged, resulting in 18 fighters killed"); the second
    telling takes the first one's place so that the article's event is counted once.
    """
    if mention.fatalities is None or mention.place is None:
        return None
    for m in reversed(earlier):
        if m.sub_event_type == mention.sub_event_type and m.fatalities == mention.fatalities \
                and m.place is not None and m.place.admin1 == mention.place.admin1 \
                and (m.actor1 is None or mention.actor1 is None or m.actor1 == mention.actor1) \
                and (not m.dates.known or not mention.dates.known or m.dates == mention.dates):
            return m
    return None


def points_back(sent: Span) -> bool:
    """Whether a sentence refers to an operation already told: "the raid", "the patrol"."""
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in OPERATION_NOUNS and definite(tok):
            return True
    return False


def that_of(sent: Span, si: int, found: list, refs: list[PlaceRef], out: list[Mention]) -> list[Mention]:
    """"The fall of X followed that of Y": the same kind of event at Y."""
    nouns = [t for t, _ in found if t.token.pos_ == "NOUN"]
    if not nouns or not out:
        return []
    model = next((m for m in reversed(out) if m.start == sent.start_char), None)
    if model is None:
        return []
    extra = []
    for tok in sent:
        if tok.lower_ not in {"that", "those"} or tok.pos_ != "PRON":
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                ref = next((r for r in refs if r.start <= obj.i < r.end and r.sent_index == si), None)
                if ref is None or ref.place.kind == "country":
                    continue
                key = f"{model.mention_id}|that-of|{ref.place.name}"
                extra.append(replace(model, mention_id=hashlib.sha1(key.encode()).hexdigest()[:16],
                                     place=ref.place, dates=DateSpan.unknown(), fatalities=None,
                                     trigger=tok.text))
    return extra


def _names_an_institution(doc: Doc, ref: PlaceRef) -> bool:
    """"the Kabul administration", "U.S. Forces Afghanistan": a place naming a body, not a scene."""
    root = doc[ref.start:ref.end].root
    if ref.end - ref.start == 1 and doc[ref.start].i != root.i:
        return False
    return root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"} \
        and root.head.lower_ not in TERRITORY_WORDS


def _lookback_place(trig: Trigger, si: int, refs: list[PlaceRef]) -> list[PlaceRef]:
    """A place from the sentences just before, for mentions whose sentence names none."""
    for back in range(1, LOOKBACK + 1):
        prior = [r for r in refs if r.sent_index == si - back and r.place.kind != "country"
                 and not _names_an_institution(trig.token.doc, r)]
        if prior:
            # the first town or district told there: "a church in the town of X, in Y state" is
            # placed at X, not across the state
            local = [r for r in prior if r.place.kind in {"city", "district"}]
            return [local[0] if local else prior[-1]]
    return []


def elliptical(sent: Span, si: int, last: Mention, refs: list[PlaceRef]) -> list[Mention]:
    """"Others were in Helmand", "that of Ghazni": the previous event's kind at a new place."""
    subjects = [t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.lemma_.lower() in
                {"other", "another", "some", "one", "rest", "several", "more"}]
    if not subjects:
        return []
    in_sent = [r for r in refs if r.sent_index == si and r.place.kind != "country"]
    if not in_sent:
        return []
    ref = in_sent[0]
    key = f"{last.mention_id}|{sent.start_char}|{ref.place.name}"
    return [replace(last, mention_id=hashlib.sha1(key.encode()).hexdigest()[:16], sentence=sent.text.strip(),
                    start=sent.start_char, end=sent.end_char, place=ref.place, fatalities=None,
                    trigger=subjects[0].text)]
