"""Fusing the learned recogniser with the trigger rules, one sentence at a time.

The recogniser decides whether a sentence tells an event and of which types; the rules
give the trigger word, and from it the actors, place, date and toll. For one sentence,
with ``p`` the recogniser's probability of each type and ``none`` its probability that
the sentence tells no event:

- a rule trigger whose type has ``p >= accept`` is kept as it is;
- otherwise, when the recogniser accepts another type no kept trigger has and gives the
  rule's type under :data:`RETYPE_BELOW`, the trigger takes that type (the rules found the
  event word, the recogniser its type), except that an act against an armed side is never
  made violence against civilians (who was hit is the rules' reading);
- otherwise, when ``none >= reject`` and no type is accepted, it is dropped: the
  recogniser confidently says the sentence tells no event (a strike, a match, a plan);
  but not when the sentence tells its event through the ones before it (a pronoun doer,
  "the strikes"), which a one-sentence reader cannot judge;
- otherwise it is kept (the rules' word is the evidence; a low score on a sentence unlike
  the corpus is no rejection);
- a sentence with no rule trigger left whose types reach ``accept`` becomes one event
  of each such type (at most :data:`MAX_LEARNED`), anchored on the sentence's first
  asserted event word or verb (:func:`_anchors`), from which the arguments are read as for
  any trigger; a sentence whose words are all planned, denied or otherwise unasserted
  gives none.

``accept`` and ``reject`` above 1 turn the recogniser off (the rules alone).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from eventwire.analysis import lexicon as lx
from eventwire.analysis.eventwords import candidates_in
from eventwire.extraction.actors import ARMED_KINDS
from eventwire.extraction.assertion import assertion_blocker
from eventwire.extraction.triggers import Trigger, arguments, trigger_kind, weapon_words
from eventwire.taxonomy import BY_NAME, NAMES, VAC

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.actors import ActorContext

#: Most learned events one sentence may give when no rule trigger is in it.
MAX_LEARNED = 2
#: The kind given to a trigger the recogniser found and no rule did.
LEARNED = "learned"
#: A rule's type scored under this is replaced by a type the recogniser accepts.
RETYPE_BELOW = 0.1
#: Verbs that describe how things are, not what happened ("the camp lies near Laiza, the
#: rebels' headquarters"): never the anchor of a learned event.
STATIVE = frozenset({"be", "lie", "remain", "stand", "sit", "have", "belong", "border", "house", "host",
                     "contain", "consist", "include", "overlook", "neighbour", "neighbor", "resemble"})

_INDEX = {name: j for j, name in enumerate(NAMES)}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """``accept`` 0 stands for the threshold the model was trained with (:meth:`resolved`)."""

    accept: float
    reject: float

    def resolved(self, model_threshold: float) -> Thresholds:
        return self if self.accept > 0 else replace(self, accept=model_threshold)

    @property
    def off(self) -> bool:
        return self.accept > 1.0 and self.reject > 1.0


@dataclass(frozen=True, slots=True)
class Dropped:
    """A candidate the fusion dropped, and why (for ``explain`` and the tests)."""

    token: int
    sub_event_type: str
    reason: str
    code: str  # "no event", "no anchor" or "not asserted"


@dataclass(frozen=True, slots=True)
class Fused:
    found: list[tuple[Trigger, str]]
    scores: list[float | None]
    dropped: list[Dropped]


def fuse(found: Sequence[tuple[Trigger, str]], row: np.ndarray | None, sent: Span, ctx: ActorContext,
         limits: Thresholds) -> Fused:
    """The sentence's triggers after the recogniser's say (``row``: its 25 type probabilities,
    then that of none)."""
    if row is None or limits.off:
        return Fused(list(found), [_p(row, sub) for _, sub in found], [])
    types = row[:len(NAMES)]
    none = float(row[len(NAMES)])
    accepted = [(NAMES[j], float(types[j])) for j in np.argsort(-types, kind="stable")
                if types[j] >= limits.accept]
    kept: list[tuple[Trigger, str]] = []
    scores: list[float | None] = []
    dropped: list[Dropped] = []
    covered = {sub for _, sub in found if row[_INDEX[sub]] >= limits.accept}
    for trig, sub in found:
        p = float(row[_INDEX[sub]])
        if p >= limits.accept:
            kept.append((trig, sub))
            scores.append(p)
            continue
        other = next(((name, q) for name, q in accepted if name not in covered and _may_retype(trig, name)),
                     None)
        if other is not None and p < RETYPE_BELOW:
            covered.add(other[0])
            kept.append((trig, other[0]))
            scores.append(other[1])
        elif none >= limits.reject and not accepted and not _needs_context(trig):
            dropped.append(Dropped(trig.token.i, sub, f"the recogniser says no event: none {none:.2f}, "
                                                      f"{sub} {p:.2f}", "no event"))
        else:
            kept.append((trig, sub))
            scores.append(p)
    if not kept and accepted:
        anchors = _anchors(sent)
        if not anchors:
            dropped.extend(Dropped(sent.start, name, "no word to anchor the event on", "no anchor") for name, _ in accepted)
        else:
            blockers = [(tok, assertion_blocker(tok)) for tok in anchors]
            anchor = next((tok for tok, why in blockers if why is None), None)
            if anchor is None:
                tok, why = blockers[0]
                dropped.extend(Dropped(tok.i, name, f"not asserted: {why}", "not asserted") for name, _ in accepted)
            else:
                trig = replace(arguments(anchor, ctx), kind=LEARNED)
                for name, q in accepted[:MAX_LEARNED]:
                    kept.append((trig, name))
                    scores.append(q)
    return Fused(kept, scores, dropped)


def _may_retype(trig: Trigger, name: str) -> bool:
    """Who was hit is the rules' reading: an act against an armed side ("gunmen killed four police
    officers") is never retyped into violence against civilians."""
    patient = trig.patient
    return not (BY_NAME[name].event_type == VAC and patient is not None and patient.kind in ARMED_KINDS)


def _needs_context(trig: Trigger) -> bool:
    """A sentence whose event is told through the sentences before it ("They killed five people",
    "eleven people were killed in the air strikes", "six insurgents were killed"): the recogniser
    reads one sentence alone,
    so its "no event" there is no rejection."""
    tok = trig.token
    if any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "PRON" for c in tok.children):
        return True
    if tok.lemma_ in {"kill", "die"} and tok.pos_ == "VERB" and not any(c.dep_ == "agent" for c in tok.children) \
            and (tok.lemma_ == "die" or any(c.dep_ == "nsubjpass" for c in tok.children)) \
            and not any(_over_a_span(t) for t in tok.sent):
        return True  # a toll with no doer ("six insurgents were killed"): of the event told before
    # the toll of an event named as "the strikes": "... were killed in the air strikes"
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {"in", "during", "by"} \
        and tok.head.head.lemma_ in {"kill", "die", "wound", "injure"} \
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "these", "those"} for c in tok.children)


#: Words of a total over time or places ("since 2004", "across the three states", "in January alone").
_SPAN_WORDS = frozenset({"since", "across", "throughout", "alone", "so-far", "tally", "total", "year", "years",
                         "month", "months", "week", "weeks"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"})


def _over_a_span(tok: Token) -> bool:
    """A word that makes a toll a total over a span: "since", "across", a year, a month with no day."""
    if tok.lower_ in _SPAN_WORDS:
        return True
    if tok.ent_type_ != "DATE":
        return False
    if tok.like_num and len(tok.text) == 4:
        return True  # "in 2004"
    doc = tok.doc
    day = (tok.i > 0 and doc[tok.i - 1].like_num) or (tok.i + 1 < len(doc) and doc[tok.i + 1].like_num)
    return tok.lower_ in _MONTHS and not day  # "in January", not "on 20 August"


def _p(row: np.ndarray | None, sub: str) -> float | None:
    return None if row is None else float(row[_INDEX[sub]])


@functools.cache
def _handled_weapons() -> frozenset[str]:
    """The weapons a verb handles ("rolled a grenade", "fired missiles"): strike weapons and grenades."""
    return weapon_words() | lx.GRENADE_WORDS


def _anchors(sent: Span) -> list[Token]:
    """The words a learned event may hang on, best first: the sentence's event words, its main
    verb, its other verbs, never a verb of state (:data:`STATIVE`). The first one the article
    asserts is taken ("fired tear gas to scatter students": not the infinitive, the main
    verb)."""
    doc = sent.doc
    out = [doc[i] for i in candidates_in(sent) if trigger_kind(doc[i])]
    weapons = _handled_weapons()
    # "police counted two dead after an attacker rolled a grenade": the verb that handles a weapon
    out += [t for t in sent if t.pos_ == "VERB" and any(
        c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.lower_ in weapons for c in t.children)]
    root = sent.root
    if root.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}:
        out.append(root)
    out += [t for t in sent if t.pos_ == "VERB"]
    out = [t for t in out if t.lemma_.lower() not in STATIVE]
    unique: list[Token] = []
    for tok in out:
        if all(tok.i != u.i for u in unique):
            unique.append(tok)
    return unique
