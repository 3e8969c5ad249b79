"""The type of a territory word ("captured", "took", "retook", "the fall of"): a place changing
hands, or people or weapons seized, decided by what was taken and by whom.

A rule of :data:`eventwire.extraction.classify.RULES`, kept apart because it reads the
trigger's objects more deeply than the other rules: whether they are places or positions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.extraction.actors import Actor, ActorContext, resolve
from eventwire.extraction.triggers import Trigger, phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.extraction.classify import Reading


def territory(kind: str, r: Reading) -> str | None:
    """"captured", "took", "retook", "the fall of": territory changing hands, or people seized."""
    trig, tok, agent, patient = r.trig, r.tok, r.agent, r.patient
    if kind == "take" and not _territorial(trig):
        if r.patient_words & lx.PERSON_WORDS and {"hostage", "captive", "custody"} & r.near:
            return tx.ARRESTS if "custody" in r.near else tx.ABDUCTION
        return None
    if kind == "fall":
        target = {c for c in tok.children if c.dep_ == "nsubj"} | _of_objects(tok)
        if not any(_is_place_like(t) for t in target):
            return None
        to_actor = _prep_actor(tok, "to")
        state = to_actor is not None and to_actor.kind == "state"
        return tx.GOVERNMENT_REGAINS if state else tx.NON_STATE_OVERTAKES
    if _territorial(trig):
        if kind == "take" and _given_up(tok) and not _FIGHTING.search(r.sent_low):
            # "took control of Mota after federal troops withdrew overnight" (not "captured ... after
            # troops withdrew": a verb of force tells a fight)
            return tx.TERRITORY_TRANSFER
        if agent is not None and agent.kind == "state":
            return tx.GOVERNMENT_REGAINS
        from_actor = _prep_actor(tok, "from")  # "troops and militias recaptured the town from Al Shabaab"
        if from_actor is not None and from_actor.kind == "nonstate" and (
                agent is None or agent.kind != "nonstate" or agent.name == from_actor.name):
            return tx.GOVERNMENT_REGAINS  # (no side takes a town from itself: a doer read as the loser is no doer)
        return tx.NON_STATE_OVERTAKES
    if tok.lemma_.lower() not in {"capture", "seize"}:
        return None  # "forces were overrun": no territory named, no event to code
    if r.patient_words & lx.WEAPON_CACHE_WORDS and not r.patient_words & lx.PERSON_WORDS:
        return tx.DISRUPTED_WEAPONS_USE if agent is None or agent.kind in {"state", "police"} else None
    if r.patient_words & lx.PERSON_WORDS or (patient is not None and patient.kind in {"nonstate", "civilian"}):
        if agent is not None and agent.kind == "nonstate":
            return tx.ABDUCTION
        return tx.ARRESTS
    return None


#: Words that say a place was fought for.
_FIGHTING = re.compile(r"\b(?:fight|fought|clash|battle|assault|attack|storm|overran|overrun|shell|kill|dead|killed)",
                       re.IGNORECASE)


def _given_up(tok: Token) -> bool:
    """"Took control of the town after federal troops withdrew": a clause of the taking tells that
    the other side left the place (a verb of leaving after "after", "as" or "when")."""
    return any(c.dep_ == "advcl" and c.lemma_ in lx.LEAVING_VERBS
               and any(m.dep_ in {"mark", "advmod"} and m.lower_ in {"after", "as", "when", "once"} for m in c.children)
               for c in tok.children)


def _of_objects(tok: Token) -> set[Token]:
    out: set[Token] = set()
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    out.add(g)
                    out.update(c for c in g.children if c.dep_ in {"conj", "appos"})
    return out


def _prep_actor(tok: Token, prep: str) -> Actor | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            for g in child.children:
                if g.dep_ == "pobj":
                    return resolve(phrase(g).text, ctx=ActorContext())
    return None


def _is_place_like(tok: Token) -> bool:
    if tok.ent_type_ in {"GPE", "LOC", "FAC"}:
        return True
    words = lx.TERRITORY_WORDS | lx.LOCALITY_WORDS  # "the locality of Largu"
    return tok.lower_ in words or tok.lemma_.lower() in words


def _territorial(trig: Trigger) -> bool:
    """Whether the trigger's object is a place or a position that can change hands."""
    tok = trig.token
    objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}] + list(_of_objects(tok))
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        objects.append(tok.head)
    for obj in list(objects):
        if obj.lower_ in lx.PARTITIVES:
            objects += [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]  # "overran most of Aleppo"
    for obj in objects:
        if obj.lower_ in lx.PERSON_WORDS:
            continue  # "captured a Haqqani leader", "a Kandahar commander": a person, whatever the place word
        if obj.lower_ == "control" or obj.lemma_ == "control":
            return True
        if _is_place_like(obj):
            return True
        if any(_is_place_like(c) for c in obj.children if c.dep_ in {"compound", "appos", "conj"}):
            return True
    return False
