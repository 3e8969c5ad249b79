"""Scenes: the operations an article tells with their place and day, and the sentences that point back.

Press releases and wire stories set the scene first ("forces conducted an operation in X
district yesterday") and tell what happened in it later ("during the operation, the force
detained two"). :func:`scenes_of` finds the scenes, :func:`points_back` the sentences that
refer to one; :mod:`.place` decides which place a report takes from them.

Needs: the article's place references (:mod:`.places`) and time references (:mod:`.time`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.analysis.lexicon import definite
from eventwire.extraction.places import PlaceRef, names_an_institution
from eventwire.extraction.time import TimeRef, clause_verb, date_for
from eventwire.records import DateSpan

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(frozen=True, slots=True)
class Scene:
    """An operation told with its place and day ("forces searched a compound in X district today")."""

    sent_index: int
    place: PlaceRef
    dates: DateSpan


#: How many sentences back a report that points back may find its scene (a press release
#: tells the operation, the target's record and then what happened in it).
SCENE_REACH = 6


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
                 and not names_an_institution(sent.doc, r)]
        if not local:
            continue
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.SCENE_NOUNS:
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


def points_back(sent: Span) -> bool:
    """Whether a sentence refers to an operation already told: "the raid", "the patrol"."""
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.OPERATION_NOUNS and definite(tok):
            return True
    return False


def scene_told(sent: Span, si: int, scenes: list[Scene]) -> Scene | None:
    """The operation a sentence that points back refers to ("during the operation", "the
    force"): the last one told within :data:`SCENE_REACH` sentences before it."""
    return last_scene(si, scenes) if points_back(sent) else None


def last_scene(si: int, scenes: list[Scene]) -> Scene | None:
    """The last operation told within :data:`SCENE_REACH` sentences before sentence ``si``."""
    return next((s for s in reversed(scenes) if si - SCENE_REACH <= s.sent_index < si), None)
