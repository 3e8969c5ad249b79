"""Find: the candidate events of one sentence, from the trigger rules and the learned recogniser.

:func:`rule_candidates` reads every event word of the sentence (:mod:`.triggers` gives its
kind and arguments, :mod:`.classify` its sub-event type); :func:`one_per_act` keeps one
candidate per act when several words tell it ("attacked a post, killing five"; "killed in
the raids"; a weak "attack" beside an "air strike"); :func:`recognise` lets the recogniser
(:mod:`.recogniser.fuse`) confirm, retype or reject them, or add the types it finds in a
sentence the rules read nothing in. Between the first two, :mod:`.assertion` drops what the
article does not assert and :mod:`.retelling` what names an event told before.

Each function returns new candidates (kept) and the dropped ones with their
:class:`~.candidates.Reason`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis.eventwords import candidates_in
from eventwire.extraction.actors import ARMED_KINDS
from eventwire.extraction.candidates import Candidate, Reason
from eventwire.extraction.classify import classify
from eventwire.extraction.recogniser.fuse import LEARNED, Thresholds, fuse
from eventwire.extraction.triggers import WEAK_KINDS, arguments, opens_with_when, trigger_kind

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span, Token

    from eventwire.extraction.actors import ActorContext
    from eventwire.extraction.triggers import Trigger

Found = tuple[list[Candidate], list[Candidate]]
"""The candidates a step keeps, and those it drops (each with its reason)."""


def rule_candidates(sent: Span, si: int, ctx: ActorContext) -> Found:
    """Every event word of the sentence with a kind and a sub-event type; the words of a kind
    whose arguments give no type are dropped (:attr:`Reason.UNTYPED`)."""
    kept: list[Candidate] = []
    dropped: list[Candidate] = []
    doc = sent.doc
    text = sent.text.strip()
    for i in candidates_in(sent):
        tok = doc[i]
        kind = trigger_kind(tok)
        if not kind:
            continue
        trig = arguments(tok, ctx)
        sub = classify(kind, trig, sentence=sent)
        cand = Candidate(si, text, replace(trig, kind=kind), sub or "", kind, rule_type=sub)
        if sub is None:
            dropped.append(cand.drop(Reason.UNTYPED, f"{kind} '{tok.text}'"))
        else:
            kept.append(cand)
    return kept, dropped


def one_per_act(found: list[Candidate]) -> Found:
    """One candidate per act of the sentence (the order of the rules below matters)."""
    dropped: list[Candidate] = []
    tokens = {_tok(c).i for c in found}
    when = {_tok(c).i for c in found if c.kind in _WHEN_KINDS and _told_by_when(_tok(c))}
    kept = []
    for c in found:
        if c.kind == "kill" and (_killed_in(_tok(c)) & tokens or (when and _passive_and_doerless(c))):
            dropped.append(c.drop(Reason.TOLL_OF_ANOTHER_WORD))
        else:
            kept.append(c)
    kept, merged = _one_with_its_toll(kept)
    dropped += merged
    if any(tx.event_type(c.sub_event_type) == tx.RIOTS for c in kept):
        # "crowds attacked the embassy, looting offices"
        dropped += [c.drop(Reason.LOOTING_OF_A_RIOT) for c in kept
                    if c.sub_event_type == tx.LOOTING and _trig(c).agent is None]
        kept = [c for c in kept if c.sub_event_type != tx.LOOTING or _trig(c).agent is not None]
    strong_violent = [c for c in kept if c.kind not in WEAK_KINDS
                      and tx.event_type(c.sub_event_type) in tx.VIOLENT_EVENT_TYPES]
    out: list[Candidate] = []
    seen_weak: set[str] = set()
    arrests = any(c.sub_event_type in tx.SCENE_TYPES for c in kept)
    for c in kept:
        if c.kind == "raid" and arrests and _tok(c).pos_ == "NOUN":
            dropped.append(c.drop(Reason.RAID_IS_THE_ARREST))  # "in a raid near Kismayo, two were captured"
            continue
        if c.kind in WEAK_KINDS and tx.event_type(c.sub_event_type) in tx.VIOLENT_EVENT_TYPES:
            if strong_violent or c.sub_event_type in seen_weak:
                stronger = strong_violent[0].trigger if strong_violent else c.sub_event_type
                dropped.append(c.drop(Reason.WEAKER_WORD, f"beside '{stronger}'"))
                continue
            seen_weak.add(c.sub_event_type)
        out.append(c)
    return out, dropped


def recognise(found: list[Candidate], row: np.ndarray | None, sent: Span, si: int, ctx: ActorContext,
              limits: Thresholds) -> Found:
    """The recogniser's say on the rules' candidates (``row``: its probabilities of each type,
    then of none; None when it is off)."""
    pairs = [(_trig(c), c.sub_event_type) for c in found]
    fused = fuse(pairs, row, sent, ctx, limits)
    by_trigger = {id(c.found): c for c in found}
    text = sent.text.strip()
    kept: list[Candidate] = []
    for (trig, sub), p in zip(fused.found, fused.scores, strict=True):
        cand = by_trigger.get(id(trig))
        if cand is None:  # a type the recogniser found where the rules found none
            cand = Candidate(si, text, trig, sub, LEARNED)
        kept.append(replace(cand, sub_event_type=sub, score=p))
    dropped: list[Candidate] = []
    by_token = {(_tok(c).i, c.sub_event_type): c for c in found}
    for d in fused.dropped:
        cand = by_token.get((d.token, d.sub_event_type))
        if cand is None:
            cand = Candidate(si, text, None, d.sub_event_type, LEARNED, score=type_score(row, d.sub_event_type))
        reason = {"no event": Reason.RECOGNISER_NO_EVENT, "no anchor": Reason.NO_ANCHOR}.get(
            d.code, Reason.LEARNED_UNASSERTED)
        dropped.append(cand.drop(reason, d.reason))
    return kept, dropped


def type_score(row: np.ndarray | None, sub: str) -> float | None:
    """The recogniser's probability of type ``sub`` in a sentence (None: the recogniser is off)."""
    return None if row is None else float(row[tx.NAMES.index(sub)])


def _trig(c: Candidate) -> Trigger:
    if c.found is None:
        raise ValueError("a candidate without a trigger word")
    return c.found


def _tok(c: Candidate) -> Token:
    return _trig(c).token


def _one_with_its_toll(found: list[Candidate]) -> Found:
    """"Attacked a police post, killing five people" ("shooting dead two drivers"): a killing told
    as an act's participle is that act's toll, one event. Against an armed side it stays the clash; an attack or raid on no
    armed side is the attack on those it killed ("stormed a displacement camp, killing 300
    people", "opened fire on a lorry, killing the driver"). Fighting ("clashed, killing five civilians") keeps both."""
    by_token = {_tok(c).i: c for c in found}
    dropped: dict[int, Reason] = {}
    for c in found:
        tok = _tok(c)
        if c.kind not in {"kill", "shoot"} or tok.dep_ != "advcl" or tok.tag_ != "VBG":
            continue
        head = by_token.get(tok.head.i)
        if head is None or head is c or head.sub_event_type != tx.ARMED_CLASH:
            continue
        patient = _trig(head).patient
        if patient is not None and patient.kind in ARMED_KINDS:
            dropped[tok.i] = Reason.KILLING_IN_A_CLASH
        elif patient is None and head.kind in {"attack", "raid", "shoot"} and c.sub_event_type == tx.ATTACK:
            dropped[_tok(head).i] = Reason.ATTACK_TOLD_BY_ITS_KILLING
    return ([c for c in found if _tok(c).i not in dropped],
            [c.drop(dropped[_tok(c).i]) for c in found if _tok(c).i in dropped])


#: Kinds of event word whose act, told in a "when" clause, did the killing of a passive, doerless
#: "killed": a blast, a strike or shooting ("killed when a bomb exploded", "when police opened fire
#: on demonstrators"). An attack or ambush with a target of its own ("when militants ambushed their
#: patrol") leaves the killing its event, with the victims it names.
_WHEN_KINDS = frozenset({"explode", "bomb", "strike", "shell", "air", "grenade", "suicide", "chemical", "shoot"})


def _told_by_when(tok: Token) -> bool:
    """"... were killed when two car bombs exploded": the act of a "when" clause (the parser may hang
    the clause on another verb of the sentence)."""
    return tok.pos_ in {"VERB", "AUX"} and opens_with_when(tok)


def _passive_and_doerless(c: Candidate) -> bool:
    """"100 people were killed": a passive killing that names no doer (the toll of what a "when"
    clause of its sentence tells)."""
    tok = _tok(c)
    return _trig(c).agent is None and any(ch.dep_ in {"nsubjpass", "auxpass"} for ch in tok.children)


def _killed_in(tok: Token) -> set[int]:
    """The event words a killing happened in or was done by: "16 people were killed in the raids",
    "a drone attack killed three people" (the toll of the raids, of the attack)."""
    return {g.i for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "during", "by"}
            for g in c.children if g.dep_ == "pobj"} | {c.i for c in tok.children if c.dep_ == "nsubj"}
