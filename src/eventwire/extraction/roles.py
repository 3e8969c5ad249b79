"""Roles: who acted (actor1) and who was acted on (actor2).

The trigger's arguments (:func:`.triggers.arguments`, the doer and the one hit, resolved by
:mod:`.actors`) are read first; :func:`actors` fills what they leave open from the article
(its main armed group, the country's military, the civilians a blast hit) and puts protest
events the way the coding wants them (the protesters first, the force that met them
second). :func:`claimed_by` reads a claim of responsibility, which names the doer of an
event told before; :func:`pronoun_doer` gives "They killed five" the doer of the act just
told. Each value comes with its :class:`~.candidates.Evidence`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.analysis.lexicon import definite
from eventwire.extraction import actors as actor_mod
from eventwire.extraction.candidates import Evidence
from eventwire.extraction.triggers import arguments, told_by_pronoun, trigger_kind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.triggers import Trigger
    from eventwire.records import Mention


#: Actor kinds that are a crowd's people, not an armed or state side.
CROWD_KINDS = frozenset({"civilian", "protester", "rioter"})


def unnamed(actor: str | None) -> bool:
    return actor is None or actor.startswith("Unidentified Armed Group")


def claimed_by(sent: Span, ctx: actor_mod.ActorContext) -> tuple[str, str] | None:
    """The armed group that claims an event already told in this sentence, and the claiming
    word: "Al-Shabaab claimed responsibility for the attack", "the BLA said it carried out the
    bombing"."""
    for tok in sent:
        verb = None
        if tok.lemma_ == "claim" and tok.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_ in {"responsibility", "credit"} for c in tok.children):
            verb = tok
        elif tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_ in {"carry", "conduct"} \
                and definite(tok) and trigger_kind(tok) is not None:
            verb = tok.head  # "carried out the attack": a definite event, told before
        if verb is None or any(c.dep_ == "neg" for c in verb.children):
            continue  # "no group claimed responsibility", "did not claim the attack"
        agent = arguments(verb, ctx).agent
        if agent is not None and agent.kind == "nonstate" and not unnamed(agent.name):
            return agent.name, verb.text
    return None


def claims(mention: Mention) -> bool:
    """Whether a claim may name the doer of ``mention``: a violent event by no one named
    (a state's weapon, an air strike, is never a group's claim)."""
    return mention.event_type in tx.VIOLENT_EVENT_TYPES and unnamed(mention.actor1) \
        and mention.sub_event_type not in tx.STATE_WEAPONS


def pronoun_doer(trig: Trigger, actor1: str | None, last: Mention | None, previous_start: int) -> bool:
    """"Gunmen stormed a camp. They killed five": a report whose doer is only a pronoun takes
    the doer of the report just told (in this sentence or the one before, from
    ``previous_start``)."""
    return actor1 is None and last is not None and told_by_pronoun(trig) and last.start >= previous_start


def actors(trig: Trigger, sub: str, ctx: actor_mod.ActorContext) -> tuple[Evidence, Evidence]:
    """actor1 and actor2 of a trigger of type ``sub``, each with the phrase and rule that gave it."""
    a1 = trig.agent
    a2 = trig.patient
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    phrase1 = trig.agent_span.text if a1 is not None and trig.agent_span is not None else None
    phrase2 = trig.patient_span.text if a2 is not None and trig.patient_span is not None else None
    name1, rule1 = (a1.name, "the trigger's doer") if a1 else (None, "no doer named")
    name2, rule2 = (a2.name, "the trigger's target") if a2 else (None, "no target named")
    family = tx.event_type(sub)
    country = ctx.country
    if name1 is None:
        if sub == tx.NON_STATE_OVERTAKES or (family in {tx.BATTLES, tx.REMOTE}
                                             and sub not in {tx.AIR_STRIKE, tx.SHELLING}
                                             and (a2 is None or a2.kind != "nonstate")):
            name1, rule1 = ctx.main_group, "the article's main armed group"
        elif sub in {tx.ARRESTS} or (family == tx.BATTLES and a2 is not None and a2.kind == "nonstate"):
            name1, rule1 = actor_mod._military(country) if country else None, "the country's military"
    if name2 is None and family == tx.REMOTE and country and _civilians_hit(trig.token):
        # "missiles hit the city centre, killing 21 people"
        name2, rule2 = f"Civilians ({country})", "civilians hit by the blast"
    if name2 is None and sub in {tx.AIR_STRIKE, tx.SHELLING, tx.ARMED_CLASH, tx.ARRESTS,
                                 tx.GOVERNMENT_REGAINS} and a1 is not None and a1.kind == "state":
        name2, rule2 = ctx.main_group, "the article's main armed group, against the state"
    if name2 is None and sub in {tx.NON_STATE_OVERTAKES}:
        name2, rule2 = actor_mod._military(country) if country else None, "the country's military, which lost it"
    if sub in {tx.EXCESSIVE_FORCE, tx.PROTEST_WITH_INTERVENTION} and a1 is not None \
            and a1.kind in {"state", "police"}:
        # protest events are the protesters' (actor1); the force that met them is actor2
        met = a2 is not None and a2.kind in {"protester", "rioter"}
        crowd = a2.name if met and a2 is not None else (f"Protesters ({country})" if country else "Protesters")
        name1, name2 = crowd.replace("Rioters", "Protesters", 1), a1.name
        phrase1, phrase2 = (phrase2 if met else None), (trig.agent_span.text if trig.agent_span else None)
        rule1, rule2 = "the crowd the force met", "the force that met the crowd"
    elif family in {tx.PROTESTS, tx.RIOTS} and (a1 is None or a1.kind in CROWD_KINDS):
        # a crowd that demonstrates or riots is coded by what it does, whoever its people are:
        # "hundreds of doctors marched" (Protesters), "villagers beat a man to death" (Rioters)
        where = (a1.country if a1 is not None else None) or country
        crowd = "Protesters" if family == tx.PROTESTS else "Rioters"
        name1 = f"{crowd} ({where})" if where else crowd
        rule1 = f"a crowd that {'demonstrates' if family == tx.PROTESTS else 'riots'}: {crowd.lower()}"
        if a2 is not None and a2.kind in CROWD_KINDS and family == tx.PROTESTS:
            name2, rule2 = None, "the crowd itself, told as the object ('a march of doctors')"
    if sub == tx.VIOLENT_DEMONSTRATION and a2 is not None and a2.kind not in {"police", "civilian"}:
        name2, rule2 = None, "a building hit by rioters, not its country's forces"
    if sub in {tx.PEACEFUL_PROTEST, tx.PROTEST_WITH_INTERVENTION} and name1 and name1.startswith("Rioters"):
        name1 = "Protesters" + name1.removeprefix("Rioters")  # crowds that rally peacefully protest
        rule1 += " (a crowd that rallies: protesters)"
    if name1 == name2:
        name2, rule2 = None, "the same as actor1"
    rule1, rule2 = _unfilled(name1, rule1), _unfilled(name2, rule2)
    return Evidence("actor1", name1, phrase1 if name1 else None, rule1), \
        Evidence("actor2", name2, phrase2 if name2 else None, rule2)


def _unfilled(name: str | None, rule: str) -> str:
    """A default the article could not fill ("the article's main armed group" in an article that
    names none) says so."""
    if name is None and rule.startswith(("the article's", "the country's")):
        return f"none: {rule}, but the article gives none"
    return rule


def _civilians_hit(trigger: Token) -> bool:
    """Whether the trigger's sentence says the blast killed or wounded people, not fighters."""
    for tok in trigger.sent:
        if tok.lemma_ in {"kill", "wound", "injure", "hurt"} and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in lx.CIVILIAN_VICTIMS for c in tok.children):
            return True
    hit = [c for c in trigger.head.children if c.dep_ == "dobj"] if trigger.dep_ == "nsubj" else []
    hit += [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "the barrage struck the children's hospital", "shells hit a market", "targets including a
    # school": a civilian place (not "the barracks near the school")
    heads = hit + [c for h in hit for c in h.children if c.dep_ == "conj"]
    heads += [g for h in hit for c in h.children if c.dep_ == "prep" and c.lower_ == "including"
              for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        mods = {c.lower_ for c in h.children if c.dep_ in {"compound", "amod"}}
        if h.lower_ in lx.CIVILIAN_PLACES or mods & {"residential", "civilian"} or (
                h.lower_ in {"camp", "camps", "shelter", "shelters"} and mods & {"displacement", "refugee",
                                                                                  "displaced", "idp"}):
            return True
    return False
