"""Triggers: the words that report an event, their kind and their arguments.

A trigger is a verb ("captured", "shelled"), a noun ("airstrikes", "the fall of
X") or a phrasal verb ("took over", "opened fire"). Its *kind* comes from
:mod:`eventwire.analysis.lexicon` (:func:`trigger_kind`); its arguments (who acts, what is hit) from
:func:`arguments`. The sub-event type they give is :mod:`.classify`'s decision.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.analysis.eventwords import WOUNDING_VERBS, event_lemma, event_lemmas, is_event_noun
from eventwire.extraction.actors import Actor, ActorContext, resolve
from eventwire.records import named

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Kinds that only stand for an event when no stronger trigger in the sentence does.
WEAK_KINDS = frozenset({"kill", "shoot", "attack", "raid", "fight", "offensive", "explode", "burn", "blockade"})


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    kind: str
    agent: Actor | None
    patient: Actor | None
    agent_span: Span | None
    patient_span: Span | None


def trigger_kind(tok: Token) -> str | None:
    """The kind of event word ``tok`` is, if it is one."""
    lemma = event_lemma(tok)
    if lemma not in event_lemmas() and tok.lower_ not in lx.NOUN_KINDS:
        return None  # no rule below gives this word a kind (most words: checked first, for speed)
    if tok.ent_type_ in {"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME", "WORK_OF_ART", "LAW"}:
        return None  # part of a name ("Operation Storm", "Strike Brigade"), not an event word
    if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        if tok.dep_ == "amod" and tok.tag_ == "VBN" and lx.definite(tok.head):
            return None  # "the detained facilitator": an arrest already told, named by its result
        for child in tok.children:
            if child.dep_ in {"prt", "dobj", "advmod"} and (lemma, child.lower_) in lx.PHRASAL:
                return lx.PHRASAL[(lemma, child.lower_)]
        if lemma == "take":
            return "take"
        if lemma == "come":
            return "attack" if came_under_fire(tok) else None  # "a patrol came under fire": others attacked it
        weapons = weapon_words()
        if lemma in lx.IMPACT_VERBS and any(c.dep_ == "nsubj" and c.lower_ in weapons for c in tok.children):
            return "strike"  # "a missile hit the building"; "the drought hit Kansas" is no event
        if lemma in WOUNDING_VERBS:
            if any(c.dep_ == "nsubj" and c.lower_ in lx.ARMED_GENERIC_WORDS | lx.TROOP_WORDS | lx.POLICE_WORDS
                   for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children):
                return "shoot"  # "gunmen firing from the hills wounded four farmers": armed men hurt people
            by = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return "strike" if any(g.lower_ in weapons for g in by) else None  # "wounded by a drone"
        if lemma in lx.LAUNCH_VERBS and tok.dep_ not in {"acl", "relcl"} and any(
                c.dep_ in {"nsubj", "dobj"} and c.lower_ in weapons for c in tok.children):
            # ("missiles fired at the city were intercepted" is told by its main verb)
            return "strike"  # "artillery fired at the town", "Russia launched 40 missiles"
        if lemma in lx.LIGHT_VERBS and any(c.dep_ == "dobj" and is_event_noun(c) for c in tok.children):
            return None  # "executed IED attacks", "carried out raids": the noun is the event word
        return lx.VERB_KINDS.get(lemma)
    if tok.pos_ in {"NOUN", "PROPN"}:
        if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"} and \
                lx.NOUN_KINDS.get(tok.head.lemma_.lower()) is None:
            return None  # "a detention centre", "an attack helicopter", "bomb shelters": a thing, no event
        if lemma == "death" and _reports_a_death(tok):
            return "kill"
        if lemma in {"strike", "attack", "raid", "bombing"}:
            mods = {w.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}
                    for w in c.subtree}  # "a drone and missile attack"
            if mods & {"air", "drone", "aerial"}:
                return "air"
            if mods & {"missile", "rocket", "artillery", "mortar"}:
                return "shell"
            if mods & {"suicide"}:
                return "suicide"
            if mods & {"grenade"}:
                return "grenade"
            if mods & {"chemical", "gas"}:
                return "chemical"
            if mods & {"hunger", "general", "labor", "labour", "worker", "union", "teacher", "heart", "panic",
                       "asthma"}:
                return None  # a hunger strike, a general strike; a heart or panic attack
        return lx.NOUN_KINDS.get(lemma) or lx.NOUN_KINDS.get(tok.lower_)
    return None


def came_under_fire(verb: Token) -> bool:
    """"A patrol came under fire (from insurgents)", "the base came under attack": its subject is
    the side attacked, the "from" the attacker."""
    return verb.lemma_ == "come" and any(c.dep_ == "prep" and c.lower_ == "under" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in lx.UNDER_FIRE_NOUNS for g in c.children) for c in verb.children)


def fired_from(verb: Token) -> list[Token]:
    """Who fired on a side that "came under fire from" them: the "from" of the verb or of "fire"."""
    fire = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "under" for g in c.children
            if g.dep_ == "pobj"]
    return [g for h in (verb, *fire) for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children if g.dep_ == "pobj"]


def opens_with_when(tok: Token) -> bool:
    """Whether a verb heads a "when" clause ("... were killed when two car bombs exploded")."""
    return any(c.dep_ == "advmod" and c.lower_ == "when" for c in tok.children)


def _reports_a_death(tok: Token) -> bool:
    """"resulted in the death of X", "confirmed the death of X", "caused the deaths of": a death
    reported as the outcome of an act, not a death toll, sentence or threat."""
    if not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in {"in", "to"}:
        head = head.head
    return head.lemma_.lower() in {"result", "confirm", "cause", "lead"} and tok.dep_ in {"dobj", "pobj"}


def phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, without relative clauses or long modifiers."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ == "prep" and tok.pos_ == "PROPN" and child.ent_type_ and child.ent_iob_ == "I":
            right = child.right_edge.i  # "Islamic Movement of Uzbekistan": the "of" is part of a name
            continue
        if child.dep_ in {"relcl", "acl", "advcl", "punct", "prep", "appos"}:
            break
        right = child.right_edge.i
    return doc[left:right + 1]


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, including those a parse hung on its auxiliary ("forces have ... conducted")."""
    found = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if not found:
        found = [g for a in verb.children if a.dep_ in {"aux", "auxpass"} for g in a.children
                 if g.dep_ == "nsubj"]
    return found


def _speaker_of(tok: Token) -> Token | None:
    """The subject of the reporting verb whose complement holds ``tok``: "the army said it ..."."""
    node = tok
    for _ in range(4):
        if node.dep_ in {"ccomp", "conj", "xcomp"} and node.head is not node:
            node = node.head
            if node.lemma_ in lx.SPEECH_VERBS:
                return next((c for c in node.children if c.dep_ == "nsubj"), None)
        else:
            return None
    return None


def _owned_by_pronoun(tok: Token) -> bool:
    """"its soldiers", "their fighters": a body of fighters owned by a pronoun."""
    return tok.lower_ in lx.TROOP_WORDS | {"fighters", "forces", "men", "units", "aircraft", "jets"} and any(
        c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in tok.children)


def _agent_tokens(tok: Token) -> list[Token]:
    found = _subjects(tok)
    if found and all(s.lower_ in {"it", "they"} or _owned_by_pronoun(s) for s in found):
        # "the army said it had regained control", "... said its soldiers had retaken": the army
        speaker = _speaker_of(tok)
        if speaker is not None and speaker.lower_ not in {"it", "they"}:
            found = [speaker]
        elif tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
            # "the army pushed the rebels back, and it retook the port": the first clause's subject
            first = [s for s in _subjects(tok.head) if s.lower_ not in {"it", "they"}]
            found = first or found
    if tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN"}:
        # "gunmen who attacked": the relative pronoun stands for the noun it hangs on
        found = [tok.head if s.lower_ in {"who", "which", "that"} else s for s in found]
    if not found:
        for child in tok.children:
            if child.dep_ == "agent":
                found += [g for g in child.children if g.dep_ == "pobj"]
    if tok.pos_ in {"NOUN", "PROPN"}:
        found += [c for c in tok.children if c.dep_ in {"poss", "compound", "amod"} and
                  (c.ent_type_ in {"GPE", "NORP", "ORG"} or c.pos_ == "PROPN" or c.lower_ in {"u.s.", "us"})]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                found += [g for g in child.children if g.dep_ == "pobj"]
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in {"in", "for"} and head.head.lemma_ in lx.LIGHT_VERBS:
            head = head.head  # "troops called in an airstrike", "called for air support"
        if not found and tok.dep_ in {"dobj", "pobj"} and head.lemma_ in lx.LIGHT_VERBS:
            found = _subjects(head)
            if not found and head.dep_ == "conj":
                found = _subjects(head.head)
    node = tok
    for _ in range(3):  # "crowds attacked the embassies, setting fires and looting offices": the crowds
        if not found and node.dep_ == "pcomp" and node.pos_ == "VERB" and node.head.dep_ == "prep" \
                and node.head.head.pos_ in {"VERB", "AUX"}:
            node = node.head.head  # "troops retook the prison after storming it": the troops
            found = [c for c in node.children if c.dep_ in {"nsubj"}]
            continue
        if found or node.dep_ not in {"conj", "advcl", "xcomp"} or node.head.pos_ not in {"VERB", "AUX"}:
            break
        node = node.head
        found = [c for c in node.children if c.dep_ in {"nsubj"}]
    if not found and tok.dep_ in {"relcl", "acl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        # "the gunmen who attacked" / "gunmen attacking": the noun acts; in "the people killed"
        # (a past participle) the noun is the victim, not the agent.
        if any(c.dep_ == "nsubj" and c.lower_ in {"that", "which", "who"} for c in tok.children) \
                or (tok.dep_ == "acl" and tok.tag_ != "VBN"):
            found = [tok.head]
    return found


def _patient_tokens(tok: Token) -> list[Token]:
    found = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
    if not found and any(c.dep_ == "auxpass" for c in tok.children):
        found = _stranded_subject(tok)
    if not found and tok.pos_ == "VERB":
        # "intercepted and destroyed two missiles": the object the coordinated verbs share
        found = [g for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                 and not any(x.dep_ == "nsubj" for x in c.children)  # not "police arrested five"
                 for g in c.children if g.dep_ == "dobj"][:1]
    sides = {"with"} if tok.lemma_ in {"clash", "fight", "battle", "skirmish"} else set()
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "against", "of", "at", "upon", "targeting"} | sides:
            found += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        found.append(tok.head)  # "the areas taken by the group"
    return found


def _stranded_subject(verb: Token) -> list[Token]:
    """The people a passive verb is about when the parse hung them elsewhere.

    In "In a raid in Kunduz, a commander and two fighters were captured" the parser may
    attach "a commander" to the place before it, leaving the verb without a subject:
    the nearest person noun before the verb, in its clause, stands in for it.
    """
    for tok in reversed(verb.doc[verb.sent.start:verb.i]):
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"auxpass", "aux", "amod"}:
            return []  # another clause's verb: its nouns are not this verb's
        if tok.pos_ == "NOUN" and tok.lower_ in lx.PERSON_WORDS and tok.dep_ not in {"compound", "poss"}:
            while tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN"}:
                tok = tok.head  # "a commander and two fighters": the whole list
            return [tok]
    return []


#: Pronouns that stand for people (an earlier actor), never for an abstract killer like a war.
_PERSONAL_PRONOUNS = frozenset({"they", "he", "she", "we", "i", "you"})


def told_by_pronoun(trig: Trigger) -> bool:
    """The sentence's main verb has only a personal pronoun as its doer ("They killed five
    people."): the doer is the one of the act just told, not an abstract killer. In a clause
    inside a sentence ("since they seized the town", "the army said they killed 12") the
    pronoun more often stands for a noun of that sentence, or its owner is unclear."""
    span = trig.agent_span
    return trig.agent is None and span is not None and trig.token.dep_ == "ROOT" \
        and span.root.pos_ == "PRON" and span.root.lower_ in _PERSONAL_PRONOUNS


def _nation_of_weapon(weapon: Token, ctx: ActorContext) -> tuple[Actor, Span] | None:
    """"A Russian glide bomb", "Israeli missiles": the state forces of the nation a weapon is
    said to be of (not of the nation that made it: "Turkish-made drones")."""
    for mod in weapon.children:
        if mod.dep_ != "amod" or mod.ent_type_ != "NORP" or mod.i > weapon.i:
            continue
        if mod.i + 1 < len(mod.doc) and mod.doc[mod.i + 1].text == "-":
            continue
        actor = resolve(mod.text, ctx=ctx, words=[mod.text])
        if actor is not None and actor.kind == "state":
            return actor, phrase(weapon)  # the weapon's words stay with it: they tell the type
    return None


def actor_of(tokens: list[Token], ctx: ActorContext) -> tuple[Actor | None, Span | None]:
    """The first of ``tokens`` whose phrase (or what it stands for) names an actor, with that
    phrase; else no actor and the first one's phrase."""
    for t in tokens:
        if t.pos_ == "NOUN" and t.lower_ in weapon_words():
            for alt in _descriptions(t):  # "Turkish-made drones operated by the army": who flew them
                actor = resolve(alt.text, ctx=ctx, words=[w.text for w in alt])
                if actor is not None:
                    return actor, alt
            owner = _nation_of_weapon(t, ctx)
            if owner is not None:  # "a Russian glide bomb hit ...": the Russian forces
                return owner
        if t.lemma_.lower() in lx.COLLECTIVES and t.pos_ == "NOUN":
            for alt in _descriptions(t):  # "the same coalition of rebel groups": the rebels
                actor = resolve(alt.text, ctx=ctx, words=[w.text for w in alt])
                if actor is not None:
                    return actor, alt
        span = phrase(t) if t.pos_ in {"NOUN", "PROPN", "PRON"} else t.doc[t.i:t.i + 1]
        actor = resolve(span.text, ctx=ctx, words=[w.text for w in span])
        if actor is not None and ctx.main_group is not None and actor.name == ctx.main_group \
                and t.pos_ == "NOUN" and t.lower_ in lx.ARMED_GENERIC_WORDS:
            # "fighters of the CRP": the group the generic word is said to belong to, not the main one
            for alt in _descriptions(t):
                other = resolve(alt.text, ctx=ctx, words=[w.text for w in alt])
                if other is not None and other.kind == "nonstate" and named(other.name) and other.name != actor.name:
                    return other, alt
        if actor is not None and named(actor.name) is None:
            # "armed members of the Kuki-Chin National Front", "gunmen of the Jalisco cartel": armed
            # people nobody would name but for the group or force they are said to be of
            for alt in _members_of(t):
                other = resolve(alt.text, ctx=ctx, words=[w.text for w in alt])
                if other is not None and named(other.name) and other.kind in {"nonstate", "state", "police"}:
                    return other, alt
        if actor is not None:
            return actor, span
        for alt in _descriptions(t):
            actor = resolve(alt.text, ctx=ctx, words=[w.text for w in alt])
            if actor is not None:
                return actor, alt
    return None, (phrase(tokens[0]) if tokens else None)


#: Verbs of helping: "units supported by volunteers" are the units, not their helpers.
_SUPPORTING = frozenset({"support", "back", "assist", "aid", "accompany", "escort", "reinforce", "help",
                         "join", "arm", "train", "fund", "finance", "equip", "advise"})


@functools.cache
def weapon_words() -> frozenset[str]:
    """The words of weapons that strike from afar (air, shell and explosive words): "a missile hit
    the building" is a strike; a weapon's sender outranks its maker ("Turkish-made drones operated
    by the army")."""
    return lx.AIR_WORDS | lx.SHELL_WORDS | lx.EXPLOSIVE_WORDS


def _descriptions(tok: Token) -> list[Span]:
    """What a name or a quantity stands for: "Abdi Warsame, a senior al-Shabaab commander"
    (the apposition), "several of the gunmen" (the partitive's noun)."""
    out = [phrase(c) for c in tok.children if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"}]
    for acl in (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ not in _SUPPORTING):
        # "a drone launched by the RSF", "missiles fired by Russian forces": who sent the weapon
        # (not "units supported by volunteers": the units act)
        out += [phrase(g) for by in acl.children if by.dep_ == "agent" for g in by.children if g.dep_ == "pobj"]
    if tok.pos_ in {"NUM", "ADJ", "PRON", "DET", "NOUN"} or tok.i == tok.sent.start:
        for child in tok.children:  # (a sentence's first word is often tagged a proper noun: "Members of")
            if child.dep_ == "prep" and child.lower_ == "of":
                out += [phrase(g) for g in child.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
    return out


def _members_of(tok: Token) -> list[Span]:
    """What "of" says people are part of: "members of the KNF", "gunmen of the Jalisco cartel"."""
    return [phrase(g) for child in tok.children if child.dep_ == "prep" and child.lower_ == "of"
            for g in child.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]


#: Words that make a crowd one of protesters or rioters ("March 3" is a date, "marched" is not).
_UNREST = re.compile(r"\b(?:(?i:protest|riot|demonstrat|unrest|rall(?:y|ies)|looter)|[Mm]arch(?:ed|ers|ing)\b"
                     r"|march\b)")


def arguments(tok: Token, ctx: ActorContext) -> Trigger:
    if came_under_fire(tok):  # the subject was fired on; who fired is the "from"
        agent, agent_span = actor_of(fired_from(tok), ctx)
        # ("soldiers searching for the gunmen came under fire": a parse may make the subject a clause)
        fired_on = [next((g for g in s.children if g.dep_ == "nsubj"), s) if s.dep_ == "csubj" else s
                    for s in _subjects(tok)]
        patient, patient_span = actor_of(fired_on, ctx)
        return Trigger(tok, "", agent, patient, agent_span if agent else None, patient_span)
    agent, agent_span = actor_of(_agent_tokens(tok), ctx)
    patient, patient_span = actor_of(_patient_tokens(tok), ctx)
    if patient is not None and patient.kind == "rioter" and patient_span is not None \
            and any(t.lemma_.lower() == "crowd" for t in patient_span) and not _UNREST.search(tok.sent.text):
        # "bombs dropped on a crowd gathered for a ceremony": with no unrest told, a crowd is people
        patient = resolve("civilians", ctx=ctx) or patient
    return Trigger(tok, "", agent, patient, agent_span, patient_span)
