"""The sub-event type of a trigger: one small rule per kind of event word.

:func:`classify` reads the trigger's arguments once (:class:`Reading`: who acts, what is hit,
the words of its clause) and asks the rule of its kind (:data:`RULES`), which returns a
sub-event type of :mod:`eventwire.taxonomy` or None when the word is not used about political
violence ("drought strikes Kansas", "prices fell", "leadership was demonstrated").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.extraction.actors import Actor
from eventwire.extraction.targets import at_a_protest, counted_people, people
from eventwire.extraction.territory import territory
from eventwire.extraction.triggers import Trigger, came_under_fire, opens_with_when, told_by_pronoun

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_ARMED = frozenset({"state", "nonstate", "police"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What the type rules read of one trigger and its sentence."""

    trig: Trigger
    tok: Token
    agent: Actor | None
    patient: Actor | None
    patient_words: set[str]
    agent_words: set[str]
    near: set[str]  # the words of the trigger's clause
    sent_low: str
    armed_agent: bool

    @classmethod
    def of(cls, trig: Trigger, sentence: Span) -> Reading:
        agent = trig.agent
        return cls(trig, trig.token, agent, trig.patient, _words(trig.patient_span), _words(trig.agent_span),
                   _clause_words(trig.token), sentence.text.lower(),
                   agent is not None and agent.kind in _ARMED)


def classify(kind: str, trig: Trigger, *, sentence: Span) -> str | None:
    """The sub-event type for a trigger of ``kind`` with its arguments, or None."""
    rule = RULES.get(kind)
    return rule(kind, Reading.of(trig, sentence)) if rule is not None else None


def weapon_type(words: set[str]) -> str | None:
    if words & lx.SUICIDE_WORDS:
        return tx.SUICIDE_BOMB
    if words & lx.GRENADE_WORDS:
        return tx.GRENADE
    if words & lx.CHEMICAL_WORDS and words & {"attack", "weapon", "weapons", "gas", "agent", "agents"}:
        return tx.CHEMICAL_WEAPON
    if words & lx.AIR_WORDS:
        return tx.AIR_STRIKE
    if words & lx.SHELL_WORDS:
        return tx.SHELLING
    if words & lx.EXPLOSIVE_WORDS:
        return tx.REMOTE_EXPLOSIVE
    return None


_NAMED_WEAPON = {"air": tx.AIR_STRIKE, "suicide": tx.SUICIDE_BOMB, "grenade": tx.GRENADE,
                 "chemical": tx.CHEMICAL_WEAPON, "shell": tx.SHELLING}


def _named_weapon(kind: str, r: Reading) -> str | None:
    """"an air strike", "a suicide attack", "shelling": the word names the weapon."""
    return _NAMED_WEAPON[kind]


def _strike(kind: str, r: Reading) -> str | None:
    """"struck", "bombed": the weapon named near it, else who did it."""
    tok = r.tok
    by_weapon = weapon_type(r.agent_words | r.near | _shared_weapon_words(tok))
    if by_weapon:
        return by_weapon
    if kind == "strike" and tok.pos_ == "VERB" and not r.armed_agent:
        return None  # "drought strikes Kansas"
    if r.agent is not None and r.agent.kind == "state":
        return tx.AIR_STRIKE
    if kind == "bomb":
        return tx.REMOTE_EXPLOSIVE if r.armed_agent or tok.pos_ == "NOUN" else None
    return tx.AIR_STRIKE if tok.pos_ == "NOUN" and "air" in r.sent_low else None


def _explode(kind: str, r: Reading) -> str | None:
    """"exploded", "blew himself up": the blast of the weapon named near it."""
    if any(c.dep_ == "dobj" and c.lower_ in {"himself", "herself", "themselves"} for c in r.tok.children):
        return tx.SUICIDE_BOMB  # "a bomber blew himself up at the gate"
    by_weapon = weapon_type(r.agent_words | r.patient_words | r.near)
    if by_weapon in {tx.AIR_STRIKE, tx.SHELLING}:
        return by_weapon  # "the second missile exploded above the street": the strike's own blast
    if by_weapon in {tx.SUICIDE_BOMB, tx.GRENADE, tx.REMOTE_EXPLOSIVE, tx.CHEMICAL_WEAPON}:
        return by_weapon
    if by_weapon is None and "suicide" in r.sent_low:
        return tx.SUICIDE_BOMB
    return tx.REMOTE_EXPLOSIVE if by_weapon else None


def _fight(kind: str, r: Reading) -> str | None:
    """"attacked", "raided", "fought", "shot", "killed": by weapon, target and doer."""
    tok, agent, patient = r.tok, r.agent, r.patient
    mods = {w.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} for w in c.subtree}
    by_weapon = weapon_type(r.agent_words | mods | _when_words(tok))  # "a drone and missile attack"
    if by_weapon and kind in {"attack", "kill"}:
        return by_weapon
    if kind == "kill" and agent is None and r.trig.agent_span is not None and not told_by_pronoun(r.trig) \
            and not people(r.trig.agent_span):
        return None  # "the war has killed...": an abstract killer is no event (not "armed herders killed...")
    if kind == "kill" and agent is None and r.trig.agent_span is None and _killed_by_a_mishap(tok):
        return None  # "nine people were killed when their homes collapsed": no one did it
    if agent is not None and agent.kind in {"rioter", "protester"} and kind in {"attack", "raid"}:
        return tx.VIOLENT_DEMONSTRATION  # "angry crowds attacked the embassies"
    if agent is not None and agent.kind in {"state", "police"} and (patient is None or patient.kind == "civilian") \
            and kind in {"shoot", "kill", "attack"} and at_a_protest(r.tok, r.patient_words):
        return tx.EXCESSIVE_FORCE  # "gendarmes shot dead a young man during a peaceful march"
    if patient is not None and patient.kind in {"civilian"}:
        return tx.ATTACK
    if patient is not None and (patient.kind == "protester" or (
            patient.kind == "rioter" and agent is not None and agent.kind in {"state", "police"}
            and re.search(r"\bprotest", r.sent_low))):
        return tx.EXCESSIVE_FORCE  # "police opened fire on crowds of protesters"
    if kind == "shoot" and patient is None and people(r.trig.patient_span) \
            and any(c.dep_ == "nsubjpass" for c in tok.children):
        return tx.ATTACK  # "a man was gunned down outside a bar": whoever shot him
    if kind in {"kill", "shoot"} and patient is None and not r.armed_agent:
        return None
    if patient is None and r.armed_agent and kind in {"kill", "shoot"} and counted_people(tok):
        return tx.ATTACK  # "gunmen killed five shepherds"
    if kind == "attack" and tok.pos_ == "VERB" and agent is None and not any(
            c.dep_ in {"dobj", "nsubjpass"} for c in tok.children) and not (patient and came_under_fire(tok)):
        return None  # "futures stormed past $10,000": nobody armed, nothing attacked
    if kind == "offensive" and not (r.armed_agent or patient):
        return None
    return tx.ARMED_CLASH


def _harm(kind: str, r: Reading) -> str | None:
    """"Three masked men beat a reporter", "a man stabbed two worshippers": violence done to people
    by hand or blade, an attack by the doer's kind; done to no one ("beat the odds") it is none."""
    if r.patient is None or r.patient.kind not in {"civilian", "protester"}:
        return None
    if r.agent is not None and r.trig.agent_span is not None and (r.agent.kind in {"rioter", "protester"} or (
            r.agent.kind == "civilian" and (r.trig.agent_span.root.tag_ in {"NNS", "NNPS"}
                                            or r.trig.agent_span.root.lower_ in {"group", "crowd", "mob"}))):
        return tx.MOB_VIOLENCE  # "residents beat to death two men", "a group of people beat two men"
    return _fight("attack", r)


def _detain(kind: str, r: Reading) -> str | None:
    """"detained": an arrest, or an abduction when an armed group holds them."""
    if r.agent is not None and r.agent.kind == "nonstate":
        return tx.ABDUCTION
    if at_a_protest(r.tok, r.patient_words):
        return tx.PROTEST_WITH_INTERVENTION  # "police arrested 30 students who had staged a sit-in"
    return tx.ARRESTS


_ALWAYS = {"abduct": tx.ABDUCTION, "sexual": tx.SEXUAL_VIOLENCE, "riot": tx.VIOLENT_DEMONSTRATION,
           "mob": tx.MOB_VIOLENCE}


def _always(kind: str, r: Reading) -> str | None:
    """Words that have one type whatever their arguments ("abducted", "rioted", "lynched")."""
    return _ALWAYS[kind]


def _protest(kind: str, r: Reading) -> str | None:
    """"protested", "rallied": peaceful, met by force, or violent, by the words of the sentence."""
    tok, agent = r.tok, r.agent
    if tok.pos_ == "VERB" and (any(c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in tok.children)
                               or (agent is not None and agent.kind not in {"civilian", "protester", "rioter"})):
        return None  # "leadership was demonstrated", "the army demonstrated its strength"
    return _protest_by_words(r)


def _blockade(kind: str, r: Reading) -> str | None:
    """"A crowd of 300 people blocked the main highway", "farmers blocked roads": a protest told by
    its blockade; soldiers or police who block a road ("troops blocked the road") tell none."""
    if r.agent is None or r.agent.kind not in {"civilian", "protester", "rioter"} or r.tok.dep_ in {"relcl", "acl"}:
        return None  # ("farmers who had blocked the highway": the people, named by what they did)
    sub = _protest_by_words(r)
    return None if sub == tx.EXCESSIVE_FORCE else sub  # the force that killed is told by its own verb


def _protest_by_words(r: Reading) -> str:
    """Peaceful, met by force, or violent, by the words of the sentence."""
    if any(w in r.sent_low for w in lx.PROTEST_LETHAL) and "protest" in r.sent_low:
        return tx.EXCESSIVE_FORCE
    if any(w in r.sent_low for w in lx.PROTEST_RIOT):
        return tx.VIOLENT_DEMONSTRATION
    if any(w in r.sent_low for w in lx.PROTEST_FORCE):
        return tx.PROTEST_WITH_INTERVENTION
    return tx.PEACEFUL_PROTEST


def _loot(kind: str, r: Reading) -> str | None:
    """"looted", "torched": property destroyed, by rioters or not."""
    crowd = r.agent is not None and r.agent.kind in {"rioter", "protester"}
    if kind == "burn" and not (r.patient_words & (lx.TERRITORY_WORDS | lx.BURNT_PROPERTY)) \
            and not ((crowd or r.armed_agent) and _set_fire_to_property(r.tok)):
        return None  # ("hooded men armed with rifles set fire to seven logging trucks": armed arson)
    if crowd:
        return tx.VIOLENT_DEMONSTRATION  # "protesters set fire to the offices": a riot
    return tx.LOOTING


def _set_fire_to_property(tok: Token) -> bool:
    """"Demonstrators ... set fire to a police post": what the crowd or armed men burned is told after "to"."""
    return any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children) and any(
        g.lower_ in lx.BURNT_PROPERTY | lx.TERRITORY_WORDS for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children if g.dep_ == "pobj")


def _disrupt(kind: str, r: Reading) -> str | None:
    """"defused", "intercepted": weapons kept from use."""
    if kind == "intercept" and not (r.patient_words | r.near) & (lx.WEAPON_CACHE_WORDS | lx.INTERCEPTED_WEAPONS):
        return None
    return tx.DISRUPTED_WEAPONS_USE


def _transfer(kind: str, r: Reading) -> str | None:
    """"withdrew from", "handed over": territory given up."""
    if kind == "withdraw" and not any(c.dep_ == "prep" and c.lower_ == "from" for c in r.tok.children):
        return None
    return tx.TERRITORY_TRANSFER


def _deploy(kind: str, r: Reading) -> str | None:
    """"deployed troops": a strategic development."""
    if r.patient_words & lx.TROOP_WORDS or (r.agent is None and r.patient is not None
                                            and r.patient.kind == "state"):
        return tx.OTHER
    return None


def _agree(kind: str, r: Reading) -> str | None:
    """"signed a ceasefire", "agreed to a truce": an agreement."""
    tok = r.tok
    if kind == "truce":
        if tok.head.lemma_ in lx.TRUCE_HEADS and tok.dep_ in {"dobj", "nsubj", "pobj", "nsubjpass"}:
            return tx.AGREEMENT
        return None
    objs = r.patient_words | {g.lower_ for c in tok.children if c.dep_ == "prep" for g in c.subtree}
    return tx.AGREEMENT if objs & lx.AGREEMENT_WORDS else None


def _establish(kind: str, r: Reading) -> str | None:
    """"established a base": a base set up."""
    return tx.BASE_ESTABLISHED if r.patient_words & lx.BASE_WORDS else None


#: The type rule of each kind of event word (:data:`eventwire.extraction.lexicon` gives the kinds).
RULES: dict[str, Callable[[str, Reading], str | None]] = {
    **dict.fromkeys(("air", "suicide", "grenade", "chemical", "shell"), _named_weapon),
    **dict.fromkeys(("strike", "bomb"), _strike),
    "explode": _explode,
    **dict.fromkeys(("attack", "raid", "fight", "offensive", "shoot", "kill"), _fight),
    **dict.fromkeys(("capture", "take", "retake", "fall"), territory),
    "harm": _harm,
    "detain": _detain,
    **dict.fromkeys(("abduct", "sexual", "riot", "mob"), _always),
    "protest": _protest,
    "blockade": _blockade,
    **dict.fromkeys(("loot", "burn"), _loot),
    **dict.fromkeys(("defuse", "intercept"), _disrupt),
    **dict.fromkeys(("withdraw", "handover"), _transfer),
    "deploy": _deploy,
    **dict.fromkeys(("sign", "agree", "truce"), _agree),
    "establish": _establish,
}


def _words(span: Span | None) -> set[str]:
    return {t.lower_ for t in span} if span is not None else set()


def _clause_words(tok: Token) -> set[str]:
    return {t.lower_ for t in tok.subtree} | {c.lower_ for c in tok.head.children}


def _shared_weapon_words(tok: Token) -> set[str]:
    """The modifiers of what a coordinated or participle trigger's head did it with: in
    "launched a wave of missile attacks, striking a hospital" the strike is a missile's."""
    if tok.dep_ not in {"advcl", "conj"} or tok.head.lemma_ not in lx.LIGHT_VERBS | {"fire", "step"}:
        return set()  # the attack itself was launched (not "repelled a suicide attack and struck back")
    return {w.lower_ for c in tok.head.children if c is not tok and c.dep_ in {"dobj", "nsubj", "nsubjpass"}
            for w in c.subtree if w.dep_ in {"compound", "amod", "nmod"}}


def _killed_by_a_mishap(tok: Token) -> bool:
    """"Nine people were killed when their homes collapsed", "... when a wall collapsed": a killing
    whose "when" clause tells a thing that happened, not an act (no event word and no weapon in it,
    and a subject that is not people)."""
    from eventwire.extraction.triggers import trigger_kind, weapon_words

    for clause in tok.children:
        if clause.dep_ != "advcl" or not opens_with_when(clause):
            continue
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or trigger_kind(clause) is not None:
            continue
        subject = tok.doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1]
        weapons = weapon_words()
        if not people(subject) and not any(trigger_kind(w) or w.lower_ in weapons for w in clause.subtree):
            return True  # (not "when their car hit a landmine", "when shells landed on the camp")
    return False


def _when_words(tok: Token) -> set[str]:
    """Words of a "when" clause on a killing: "people were killed when shells landed on the camp"."""
    return {w.lower_ for c in tok.children if c.dep_ == "advcl"
            and opens_with_when(c) for w in c.subtree}
