"""Borrowed places: the place a report takes from its context when its sentence names none.

:func:`from_context` gives a placeless report the scene it points back to ("during the
operation", :mod:`.scenes`), else the place of the sentences just before (:data:`~.time.LOOKBACK`),
for a new, anchored report only; :func:`same_scene` gives a second telling of an event
(:func:`.retelling.earlier_telling`) the first one's place, and a follow-up report of the same
force ("during the search, the force killed two") its last scene. :mod:`.place` chooses the
places a sentence names itself and re-exports these two.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.analysis.lexicon import definite
from eventwire.extraction.candidates import Candidate, Evidence
from eventwire.extraction.places import ANAPHORA, PlaceRef, names_an_institution, vague
from eventwire.extraction.retelling import earlier_telling
from eventwire.extraction.scenes import Scene, points_back, scene_told
from eventwire.extraction.time import LOOKBACK
from eventwire.extraction.time import evidence as time_evidence
from eventwire.extraction.unknown_scenes import put_in_its_province
from eventwire.records import told_in_a_headline

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.triggers import Trigger
    from eventwire.records import Mention, Place


def evidence(ref: PlaceRef | None, doc_span: Span | None, rule: str) -> Evidence:
    """The place evidence of a reference of the text (``doc_span``: its words)."""
    if ref is None:
        return Evidence("place", None, None, rule)
    return Evidence("place", ref.place.name, doc_span.text if doc_span is not None else None, rule)


def borrowed(place: Place | None, rule: str) -> Evidence:
    return Evidence("place", place.name if place else None, None, rule)


def from_context(cand: Candidate, trig: Trigger, sent: Span, si: int, *, anchored: bool,
                 refs: list[PlaceRef], scenes: list[Scene], earlier: list[Mention],
                 dateline: PlaceRef | None = None) -> Candidate:
    """A place for a candidate whose sentence names none: the scene it points back to
    ("during the operation"), else the place named in the sentences just before, else the
    dateline's town (:func:`~.places.dateline_place`) when the text names no other place (nor
    another country) up to :data:`~.time.LOOKBACK` sentences after the report (a press release's
    "KABUL -" heads news of the provinces it names later)."""
    if points_back(sent):
        scened = same_scene(cand, sent, earlier)
        if scened.record.place is None:
            scened = _told_operation(scened, sent, si, scenes)
        if scened.record.place is not None:
            return scened
    mention = cand.record
    kinds = mention.event_type in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} or mention.sub_event_type == tx.ARRESTS
    if not (_may_look_back(trig.token, anchored) and kinds):
        return cand
    back = _lookback_place(trig, si, refs)
    own = _unknown_town_told(trig.token, si, refs)
    if own is not None and back and back[0].place.country_code == own.place.country_code:
        placed = put_in_its_province(own, [back[0]])
        if placed is not own:
            # "bombed the market in Nasir town" after "Ulang ... in Upper Nile state": Nasir, in Upper Nile
            return cand.given(replace(mention, place=placed.place), evidence(
                placed, trig.token.doc[own.start:own.end],
                f"a town the gazetteer lacks, in the province of the place named {back[1]} "
                f"sentence{'s' if back[1] > 1 else ''} before"))
    if not _names_an_unknown_town(trig.token, sent, refs):
        if back:
            ref, n = back
            return cand.given(replace(mention, place=ref.place),
                              evidence(ref, trig.token.doc[ref.start:ref.end],
                                       f"named {n} sentence{'s' if n > 1 else ''} before"))
        if dateline is not None and dateline.sent_index < si and not _somewhere_of_its_own(sent, dateline) \
                and not any(dateline.sent_index < r.sent_index <= si + LOOKBACK and _elsewhere(r.place, dateline.place)
                            for r in refs):
            return cand.given(replace(mention, place=dateline.place),
                              evidence(dateline, trig.token.doc[dateline.start:dateline.end],
                                       "the dateline's town: the text names no other place before this report "
                                       "or just after it"))
    return cand


def _somewhere_of_its_own(sent: Span, dateline: PlaceRef) -> bool:
    """Whether the report's sentence tells a place of its own that the gazetteer could not place:
    a locality ("a village", "two districts", "the town of X"), a quarter of the country ("in the
    north"), or a place name; the dateline's town would be a guess ("the city", "the capital" and
    streets or buildings of the town, and its country, are its own)."""
    own = {dateline.place.name.lower(), (dateline.place.country or "").lower()}
    for tok in sent:
        low = tok.lower_
        if low in (lx.LOCALITY_WORDS | lx.PLACE_NOUNS) - {"city", "capital"} and tok.pos_ == "NOUN" \
                and (not definite(tok) or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)):
            return True
        if low in lx.QUARTER_WORDS and (tok.dep_ == "pobj" or tok.head.lower_ in lx.PLACE_NOUNS):
            return True
    return any(e.label_ in {"GPE", "LOC"} and e.text.lower().removeprefix("the ") not in own
               for e in sent.ents)


def _elsewhere(place: Place, town: Place) -> bool:
    """Whether a place the text names is not the dateline's town: another town or area, or
    another country ("NAIROBI - Gunmen attacked a convoy in Somalia")."""
    if place.country_code != town.country_code:
        return True
    return place.kind != "country" and place.name != town.name


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
    entity, or any name after "the town of") that :func:`~.places.place_refs` could
    not place; the place named in the sentences before would be another one."""
    placed = {r.start for r in refs if not vague(r)}  # a town known only at the country level is not placed
    first, last = tok.left_edge.i, tok.right_edge.i
    for ent in sent.ents:
        if not (first <= ent.start and ent.end <= last + 1 and any(ch.isupper() for ch in ent.text)):
            continue
        root = ent.root
        if root.dep_ != "pobj":
            continue  # "M23 rebels": a name used as a modifier is no place the clause names
        named_area = root.head.lower_ == "of" and root.head.head.lower_ in ANAPHORA
        at_place = ent.label_ == "GPE" and root.head.lower_ in lx.PLACE_PREPOSITIONS
        if (named_area or at_place) and ent.start not in placed:
            return True
    return False


def _unknown_town_told(tok: Token, si: int, refs: list[PlaceRef]) -> PlaceRef | None:
    """A town of the trigger's clause that the gazetteer lacks, told at a place preposition ("in
    Nasir town", "near the village of Kauda", "in Chai"): a place known only at the country level."""
    first, last = tok.left_edge.i, tok.right_edge.i
    for ref in refs:
        if ref.sent_index != si or not vague(ref) or not first <= ref.start <= last:
            continue
        root = tok.doc[ref.start:ref.end].root
        noun = root.head if root.dep_ == "compound" and root.head.lower_ in lx.LOCALITY_WORDS else root
        if noun is root and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in lx.LOCALITY_WORDS:
            noun = root.head.head  # "the village of Kauda"
        if noun.dep_ == "pobj" and noun.head.lower_ in lx.PLACE_PREPOSITIONS:
            return ref  # ("beheaded four civilians ... in Chai": a name the text puts the act at)
    return None


def _lookback_place(trig: Trigger, si: int, refs: list[PlaceRef]) -> tuple[PlaceRef, int] | None:
    """A place from the sentences just before, for mentions whose sentence names none, and how
    many sentences back it was named."""
    for back in range(1, LOOKBACK + 1):
        prior = [r for r in refs if r.sent_index == si - back and r.place.kind != "country"
                 and not names_an_institution(trig.token.doc, r)]
        if prior:
            # the first town or district told there: "a church in the town of X, in Y state" is
            # placed at X, not across the state
            local = [r for r in prior if r.place.kind in {"city", "district"}]
            return (local[0] if local else prior[-1]), back
    return None


def same_scene(cand: Candidate, sent: Span, earlier: list[Mention]) -> Candidate:
    """A second telling, or a follow-up report of the operation just told, takes its scene.

    "During the search, the force killed two gunmen" names neither place nor day: when
    the same force acts and the sentence points back with a definite noun ("the
    search", "the patrol", "the force"), the place and date are those of the last
    placed report by that force. A new place or a date of its own is kept. (A sentence
    that names no actor is left alone: on other conflicts' wire stories that carried
    background sentences to the wrong scene.)
    """
    mention = cand.record
    family = mention.event_type
    retold = earlier_telling(mention, earlier)
    if retold is not None and _finer_inside(mention.place, retold):
        # "Bomb kills two rangers in Narathiwat" told again "in Rueso district of Narathiwat province":
        # the retelling's own place says more, inside the first one's province
        if mention.dates.known:
            return cand
        return cand.given(replace(mention, dates=retold.dates),
                          time_evidence(retold.dates, "the date of the event's first telling"))
    if retold is not None:
        rule = "the place of the event's first telling"
        if mention.dates.known:
            return cand.given(replace(mention, place=retold.place), borrowed(retold.place, rule))
        return cand.given(replace(mention, place=retold.place, dates=retold.dates), borrowed(retold.place, rule),
                          time_evidence(retold.dates, "the date of the event's first telling"))
    if mention.place is not None and mention.dates.known:
        return cand
    if family not in tx.VIOLENT_EVENT_TYPES and mention.sub_event_type not in tx.SCENE_TYPES:
        return cand
    if mention.actor1 is None or not points_back(sent):
        return cand
    scene = next((m for m in reversed(earlier) if m.actor1 == mention.actor1 and m.place is not None
                  and m.place.kind != "country"), None)
    where = scene.place if scene is not None else None
    if scene is None or where is None:  # (a scene is chosen for having a place)
        return cand
    if mention.place is None:
        cand = cand.given(replace(mention, place=where), borrowed(where, "the scene of the same actor's last report"))
    elif mention.place.admin1 != where.admin1:
        return cand
    mention = cand.record
    if not mention.dates.known and scene.dates.known:
        cand = cand.given(replace(mention, dates=scene.dates),
                          time_evidence(scene.dates, "the date of the same actor's last report"))
    return cand


def _finer_inside(own: Place | None, first: Mention) -> bool:
    """Whether a report's own place says more than its first telling's, in the same province: more
    precise, or told in a full sentence after a headline's short-hand ("in Narathiwat")."""
    told = first.place
    if own is None or told is None or own.kind == "country" or not own.admin1 or own.admin1 != told.admin1 \
            or own.country_code != told.country_code or own.name == told.name:
        return False
    return told_in_a_headline(first) or (own.geo_precision or 9) < (told.geo_precision or 9)


def _told_operation(cand: Candidate, sent: Span, si: int, scenes: list[Scene]) -> Candidate:
    """A placeless report that points back ("during the operation") takes the scene last told;
    the caller checks that it points back."""
    mention = cand.record
    if mention.event_type not in tx.VIOLENT_EVENT_TYPES and mention.sub_event_type not in tx.SCENE_TYPES:
        return cand
    scene = scene_told(sent, si, scenes)
    if scene is None:
        return cand
    rule = f"the operation told in sentence {scene.sent_index + 1}"
    place_ev = borrowed(scene.place.place, rule)
    if mention.dates.known:
        return cand.given(replace(mention, place=scene.place.place), place_ev)
    return cand.given(replace(mention, place=scene.place.place, dates=scene.dates), place_ev,
                      time_evidence(scene.dates, f"the date of {rule}"))
