"""Hits: who an act hit when the trigger's own object does not say it plainly.

:mod:`.roles` reads the trigger's target first (:func:`.triggers.arguments`); some phrasings
put the one hit elsewhere, and this module finds them:

* :func:`set_alight`: "set fire to the houses of two traders" (the object is the fire; what
  burnt is the object of "to");
* :func:`governing_target`: "a drone strike destroyed a car", "the grenade attack wounded three
  staff" (an event told by a noun, subject of the verb that says what it hit);
* :func:`when_doer`: "two were killed when gunmen fired on a bus" (a passive act's doer, told
  by its "when" clause);
* :func:`weapon_user`: "assailants threw a grenade at the office; nobody was hurt", "shells
  fired from M23 positions hit the market" (who threw or sent the blast's weapon);
* :func:`headline_passive`: "opposition MP arrested in Kasama" (a headline's participle is done
  to its noun);
* :func:`people`: whether a phrase's head is people ("two elders", "four", "three of them"),
  not a thing or a place.

Each reads the trigger's own dependents or the verb it hangs on (spaCy tokens), never the
sentence as a whole.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.extraction import actors as actor_mod
from eventwire.extraction.harmed import victims
from eventwire.extraction.triggers import actor_of, arguments, opens_with_when, phrase

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.triggers import Trigger

#: Pronouns that stand for people hit ("beat him", "they were raped").
_PERSONAL = frozenset({"him", "her", "them", "he", "she", "they"})


def people(head: Token) -> bool:
    """A noun for people, or a number of them ("two elders", "three", "five of them", "a
    Palestinian"), not a thing or a place."""
    if head.ent_type_ == "NORP" and head.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ in {"det", "nummod"} for c in head.children):
        return True  # "a 16-year-old Palestinian", "two Afghans": people of a nation
    if head.ent_type_ in {"GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}:
        return False
    if head.lower_ in lx.PERSON_WORDS | lx.UNARMED_PEOPLE or head.ent_type_ == "PERSON" \
            or head.lower_ in _PERSONAL:
        return True
    if head.pos_ == "NUM" and head.ent_type_ in {"", "CARDINAL"} and head.dep_ in {"dobj", "nsubjpass", "pobj"}:
        # "gunmen killed four", "five of them were raped": a count of people the verb hit
        return all(c.dep_ != "prep" or any(g.lower_ in _PERSONAL or g.lower_ in lx.PERSON_WORDS
                                           for g in c.children if g.dep_ == "pobj") for c in head.children)
    return head.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in head.children) and head.tag_ == "NNS"


def people_done_to(trigger: Token, ctx: actor_mod.ActorContext) -> Span | None:
    """"A crowd beat two men; one died", "residents set upon a suspected thief": the unarmed
    people that a verb of the trigger's sentence (not a speaker's) has for object, when the
    trigger is another word of the same act (not "stoned two police officers": a force)."""
    for tok in trigger.sent:
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and tok.head.lemma_ not in lx.SPEECH_VERBS and people(tok):
            actor, span = actor_of([tok], ctx)
            if span is not None and (actor is None or actor.kind == "civilian"):
                return span
    return None


def unarmed(head: Token) -> bool:
    """People no side arms: "a shepherd", "seven customers", "a group of students" (not the
    guards or officers a blast may hit, whose side the sentence may not say)."""
    if head.lemma_.lower() in lx.COLLECTIVES:
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"), head)
    return head.lower_ in lx.UNARMED_PEOPLE | lx.CIVILIAN_VICTIMS


def set_alight(trig: Trigger, ctx: actor_mod.ActorContext) -> Trigger:
    """"Villagers set fire to the homes of two families": with the fire for object, what was
    hit is the object of the verb's "to" (the trigger unchanged otherwise)."""
    span = trig.patient_span
    if trig.patient is not None or span is None or span.root.lemma_ != "fire" or span.root.dep_ != "dobj":
        return trig
    to = [g for c in span.root.head.children if c.dep_ == "prep" and c.lower_ == "to"
          for g in c.children if g.dep_ == "pobj"]
    actor, hit = actor_of(to, ctx)
    if hit is None:
        return trig
    return replace(trig, patient=actor, patient_span=hit)


#: Verbs by which a vehicle or a walker meets a mine ("a pickup hit a device", "rolled over it",
#: "stepped on a landmine"), and the prepositions of the mine they meet.
_MEETS_A_MINE = frozenset({"hit", "strike", "roll", "run", "drive", "step", "tread"})
_ONTO = frozenset({"over", "on", "onto", "upon"})


def meets_a_mine(subject: Token) -> bool:
    """Whether ``subject`` is the subject of a verb that meets an explosive: "a police pickup hit
    an explosive device", "when a Taliban pickup rolled over it", "a herder stepped on a mine".
    Who meets a mine is what the blast hit, not its doer (who planted it is someone else)."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ not in _MEETS_A_MINE:
        return False
    met = [(c, False) for c in verb.children if c.dep_ == "dobj"] + [
        (g, True) for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ in _ONTO
        for g in c.children if g.dep_ == "pobj"]
    return any((o.lower_ == "it" and onto) or (o.pos_ == "NOUN" and o.lower_ in _MINES) for o, onto in met)


#: What a vehicle meets on a road and blows up under it (not "car": "a truck hit a car" is a crash).
_MINES = lx.EXPLOSIVE_WORDS - {"car", "roadside", "booby"}


def mine_victim(trig: Trigger) -> Trigger:
    """"A FACA vehicle struck an explosive device": the vehicle (its force) is what the blast
    hit, and the blast's doer is not told by that verb."""
    span = trig.agent_span
    if span is None:
        return trig
    root = span.root  # (or the vehicle the force is told by: "a vehicle of the UN mission struck a mine")
    owner = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if not meets_a_mine(root) and not (owner is not None and meets_a_mine(owner)):
        return trig
    if trig.patient is not None:
        return replace(trig, agent=None, agent_span=None)
    return replace(trig, agent=None, agent_span=None, patient=trig.agent, patient_span=span)


def governing_target(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor | None, Span] | None:
    """"A drone strike destroyed a car", "the attack wounded three staff": an event told by a
    noun, subject of a verb, hit what that verb's object or its participle names (the actor,
    None when the phrase names none, and the phrase)."""
    verb = trigger.head
    if trigger.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_ in lx.SPEECH_VERBS:
        return None
    if verb.lemma_ not in lx.STRIKING_VERBS | lx.IMPACT_VERBS and verb.lower_ not in lx.KILLING_FORMS:
        return None
    told = arguments(verb, ctx)
    if told.patient_span is not None and told.patient_span.root.i != trigger.i:
        return told.patient, told.patient_span
    return victims(verb, ctx)


def killed_when(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor | None, Span] | None:
    """"A shepherd and his son were killed when an old bomb exploded": the act of a "when" clause hit
    the people a passive killing of its sentence names (the actor, None when the phrase names none,
    and the phrase); the parser may hang the clause on another verb."""
    if not opens_with_when(trigger):
        return None
    for verb in trigger.sent:
        if verb.pos_ == "VERB" and verb.lemma_ in {"kill", "wound", "injure"} and verb.i < trigger.i \
                and not any(c.dep_ == "agent" for c in verb.children):
            dead = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if dead and people(dead[0]):
                return actor_of(dead, ctx)[0], verb.doc[dead[0].left_edge.i:dead[0].right_edge.i + 1]
    return None


def when_doer(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span] | None:
    """"Two people were killed when gunmen fired on a bus", "six were hurt when shells fired by
    the RSF hit the market": a passive act with no doer of its own, whose "when" clause tells
    who did it (the subject of that clause, or what sent its weapon)."""
    if not any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children) or any(
            c.dep_ == "agent" for c in trigger.children):
        return None
    # (also the clause of a participle joined to it: "two were killed and nine wounded when ...")
    heads = [trigger, *(c for c in trigger.children if c.dep_ == "conj" and c.tag_ == "VBN")]
    for clause in (c for h in heads for c in h.children if c.dep_ == "advcl" and c.pos_ == "VERB"):
        if not any(m.dep_ in {"advmod", "mark"} and m.lower_ == "when" for m in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if any(meets_a_mine(c) for c in subjects):
            continue  # "three were killed when a pickup rolled over it": the pickup was hit
        actor, span = actor_of(subjects, ctx)
        if actor is not None and span is not None:
            return actor, span
    return None


def thrower(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span] | None:
    """"Unknown assailants threw a grenade at the office; nobody was injured", "a man hurled a
    grenade into the tent, killing two": who threw or planted the sentence's bomb or grenade,
    when the trigger is another word of the blast. Only people no state arms: a man nobody names
    is an armed group nobody names (a state's force defuses bombs more often than it throws them)."""
    for tok in trigger.sent:
        if tok.pos_ != "VERB" or tok.lemma_ not in lx.THROWING_VERBS or not any(
                c.dep_ == "dobj" and c.lemma_ in lx.GRENADE_WORDS | lx.EXPLOSIVE_WORDS for c in tok.children):
            continue
        told = arguments(tok, ctx)
        if told.agent is None or told.agent_span is None or told.agent.kind not in {"nonstate", "civilian"}:
            continue
        doer = actor_mod.unidentified(ctx.country) if told.agent.kind == "civilian" else told.agent
        return doer, told.agent_span
    return None


def weapon_user(trigger: Token, sub: str, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span, str] | None:
    """Who used a blast's weapon, when the trigger's own clause names no doer: who threw or
    planted a bomb or grenade (:func:`thrower`), else who sent the weapon the trigger tells of
    (:func:`sender`); with the phrase and the rule."""
    threw = thrower(trigger, ctx) if sub in _THROWN else None
    if threw is not None:
        return (*threw, "who threw or planted the blast's weapon")
    sent = sender(trigger, ctx)
    return (*sent, "who sent the weapon ('fired from X', 'a strike by X')") if sent is not None else None


#: Blasts whose doer may be told by who threw or planted the weapon.
_THROWN = frozenset({tx.GRENADE, tx.REMOTE_EXPLOSIVE, tx.SUICIDE_BOMB})


def sender(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span] | None:
    """"Shells fired from M23 positions hit the market", "rockets fired by militants slammed into",
    "drone strikes by the police hit": the armed side a weapon came from, told by "by" or "from"
    on the weapon or on the verb that sent it (a place it came from names no side: "from Crimea")."""
    weapons = [trigger, *(c for c in trigger.children if c.dep_ == "nsubj")]
    senders = [*weapons, *(a for w in weapons for a in w.children if a.dep_ == "acl" and a.tag_ == "VBN")]
    found = [g for h in senders for c in h.children if (c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"by", "from"}))
             for g in c.children if g.dep_ == "pobj" and (g.ent_type_ not in {"GPE", "LOC", "FAC"}
                                                          or actor_mod.named_group(phrase(g).text) is not None)]
    for tok in found:
        actor, span = actor_of([tok], ctx)
        if actor is not None and span is not None and actor.kind in actor_mod.ARMED_KINDS and not _ground(tok):
            return actor, span
    return _whose_weapon(trigger, ctx)


def _whose_weapon(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span] | None:
    """"after army shells landed", "rebel artillery shelled", "bombs dropped by government
    aircraft": a weapon the sentence names whose own modifier names an armed side."""
    weapons = lx.SHELL_WORDS | lx.AIR_WORDS
    for tok in trigger.sent:
        if tok.pos_ != "NOUN" or tok.lower_ not in weapons:
            continue
        mods = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i
                and c.lower_ not in weapons and c.ent_type_ not in {"GPE", "LOC", "FAC"}]
        if not mods:
            continue
        span = trigger.doc[mods[0].i:tok.i + 1]
        actor = actor_mod.resolve(span.text, ctx=ctx, words=[w.text for w in span])
        if actor is not None and actor.kind in actor_mod.ARMED_KINDS:
            return actor, span
    return None


def armed_subject(trigger: Token, ctx: actor_mod.ActorContext, skip: set[int], *,
                  verbs: frozenset[str] | None = None) -> tuple[actor_mod.Actor, Span] | None:
    """"A detainee died ... after officers beat him", "has not been seen since security officers
    took him": the first armed side that is the subject of a verb of the trigger's sentence
    (of one of ``verbs``, when given), not of a speech verb nor among ``skip`` (who tells it)."""
    for tok in trigger.sent:
        if tok.dep_ != "nsubj" or tok.i in skip or tok.head.lemma_ in lx.SPEECH_VERBS \
                or verbs is not None and tok.head.lemma_ not in verbs or meets_a_mine(tok):
            continue
        span = phrase(tok)
        actor = actor_mod.resolve(span.text, ctx=ctx, words=[w.text for w in span])
        if actor is not None and actor.kind in {"state", "police", "nonstate"}:
            return actor, span
    return None


def armed_target(trigger: Token, ctx: actor_mod.ActorContext, doer: str | None) -> tuple[actor_mod.Actor, Span] | None:
    """"Detonated it among soldiers queuing for their pay", "went off at an SDF checkpoint", "struck
    a gathering of SDF fighters", "rammed a bus carrying soldiers": the armed side the blast was
    aimed at, told in the trigger's object or place (not ``doer``), when the toll names no one."""
    verbs = [trigger] + ([trigger.head] if trigger.dep_ in {"advcl", "xcomp"} else [])  # "rammed a bus, killing four"
    verbs += [t for t in trigger.sent if t.pos_ == "VERB" and t.lemma_ in _DELIVERY and t not in verbs]
    aimed = [c for v in verbs for c in v.children if c.dep_ == "dobj"]
    aimed += [g for v in verbs for c in v.children if c.dep_ == "prep" and c.lower_ in _AIMED_AT
              for g in c.children if g.dep_ == "pobj"]
    for head in aimed:
        if head.lower_ in lx.PROTEST_WORDS:
            continue  # "threw grenades at a rally of a party's candidate": the people at the rally
        for tok in head.subtree:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"compound", "amod", "nmod", "poss"}:
                continue  # a modifier is read with its noun ("a Kosovo police officer", "an SDF checkpoint")
            span = phrase(tok)
            actor = actor_mod.resolve(span.text, ctx=ctx, words=[w.text for w in span])
            if actor is not None and actor.kind in {"state", "police", "nonstate"} and actor.name != doer:
                return actor, span
    return None


#: The verbs whose armed subject delivered a blast told by another word ("as rebels targeted the camp").
DELIVERY_VERBS = lx.DELIVERING_VERBS | lx.THROWING_VERBS | lx.LAUNCH_VERBS
#: The verbs of the sentence whose objects a blast told by another word may have been aimed at.
_DELIVERY = DELIVERY_VERBS | lx.IMPACT_VERBS | {"strike"}
#: The prepositions that tell what a blast was aimed at.
_AIMED_AT = frozenset({"at", "among", "on", "into", "against"})


def _ground(tok: Token) -> bool:
    """"From Congolese territory", "from the Pakistani side": ground told only by a nation's
    adjective, which says where the weapon came from, not whose it was (not "from M23 lines")."""
    return tok.lemma_.lower() in lx.TERRITORY_WORDS | {"side", "soil"} and all(
        c.dep_ in {"det", "prep"} or c.ent_type_ == "NORP" for c in tok.children)


def headline_passive(trig: Trigger) -> Trigger:
    """"Opposition MP arrested in Kasama", "journalist abducted in Benghazi": a participle with
    no auxiliary and no object, a headline's passive, is done to the noun it tells of, not by it."""
    tok, span = trig.token, trig.agent_span
    participle = tok.tag_ == "VBN" or (tok.tag_ == "VBD" and tok.dep_ == "acl")  # (a past form hung on a noun)
    if not participle or span is None or any(c.dep_ in {"aux", "auxpass", "dobj"} for c in tok.children):
        return trig
    told_of = (span.root.head.i == tok.i and span.root.dep_ == "nsubj") or (
        tok.dep_ == "acl" and span.root.i == tok.head.i)
    if not told_of or trig.patient_span is not None:
        return trig
    return replace(trig, agent=None, agent_span=None, patient=trig.agent, patient_span=span)
