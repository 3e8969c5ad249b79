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

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.analysis.lexicon import definite
from eventwire.extraction import actors as actor_mod
from eventwire.extraction import harmed, hits, sides, speakers
from eventwire.extraction.actor_context import dominant_group
from eventwire.extraction.candidates import Evidence
from eventwire.extraction.triggers import arguments, phrase, told_by_pronoun, trigger_kind
from eventwire.records import named

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.triggers import Trigger
    from eventwire.records import Mention


#: Actor kinds that are a crowd's people, not an armed or state side.
CROWD_KINDS = frozenset({"civilian", "protester", "rioter"})


def unnamed(actor: str | None) -> bool:
    return named(actor) is None


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
    family = tx.event_type(sub)
    country = ctx.country
    civilians = f"Civilians ({country})" if country else "Civilians"
    speaker = speakers.reports(trig.token)
    speaker_tok = trig.token
    unarmed_doer = False  # the doer the parse found is unarmed people, coded as an unnamed armed group
    if speaker:
        # "a crowd beat two men to death, police said", coded from "said": who tells it is no side
        reported = next((c for c in trig.token.children if c.dep_ in {"ccomp", "parataxis"}
                         and c.pos_ in {"VERB", "AUX"}), None)
        if reported is None:
            # a parse that hung the report on its speaker ("X killed two, police said" as a
            # parataxis) or took the act for an adjective ("shot dead a cleric": "dead")
            reported = trig.token.head if trig.token.dep_ == "parataxis" else next(
                (c for c in trig.token.children if c.dep_ == "ccomp"), None)
        # the roles are those of the act it reports ("the army opened a camp, officers said")
        trig = arguments(reported, ctx) if reported is not None else replace(
            trig, agent=None, patient=None, agent_span=None, patient_span=None)
    # "set fire to the homes of two families": the homes; "MP arrested in Kasama": the MP;
    # "a police pickup hit a device": the police, hit
    trig = hits.mine_victim(hits.headline_passive(hits.set_alight(trig, ctx)))
    a1, a2 = trig.agent, trig.patient
    if a1 is not None and a1.kind == "civilian" and (family in {tx.VAC, tx.REMOTE, tx.BATTLES} or (
            trig.agent_span is not None and _dressed_as_armed(trig.agent_span.root))):
        # "a man in uniform", "men in hoods"; "a man threw a grenade", "two men shot a trader":
        # whoever attacks or fights is armed, and nobody names the group, unless the doer is told
        # as the country's dominant group's kind of fighter ("a man wearing an explosive vest")
        root = trig.agent_span.root if trig.agent_span is not None else None
        group = dominant_group(root.doc[root.left_edge.i:root.right_edge.i + 1].text, country) if root else None
        a1, unarmed_doer = (actor_mod.Actor(group, "nonstate", country), False) if group else (
            actor_mod.unidentified(country), True)
    if family == tx.REMOTE and a1 is not None and a1.name == ctx.main_group and trig.agent_span is not None \
            and actor_mod.named_group(trig.agent_span.text, country) is None \
            and (aimed := hits.armed_target(trig.token, ctx, None)) is not None and aimed[0].name == a1.name:
        # "a suicide bomber struck a gathering of SDF fighters": the article's main group is the
        # one the blast was aimed at, so an unnamed bomber is not of it
        a1 = actor_mod.unidentified(country)
    if a1 is not None and a2 is not None and a1.name == a2.name and family != tx.RIOTS:
        a2 = None  # (a mob's victims are its own kind of people: "villagers beat two villagers")
    phrase1 = trig.agent_span.text if a1 is not None and trig.agent_span is not None else None
    phrase2 = trig.patient_span.text if a2 is not None and trig.patient_span is not None else None
    name1, rule1 = (a1.name, "the trigger's doer") if a1 else (
        None, "no doer named in what the speaker reports" if speaker else "no doer named")
    if a1 is not None and speaker:
        rule1 = "the doer of the act a speaker reports"
    name2, rule2 = (a2.name, "the trigger's target") if a2 else (None, "no target named")
    if a2 is None and (family == tx.VAC or sub in {tx.MOB_VIOLENCE, tx.ARRESTS}) \
            and trig.patient_span is not None and hits.people(trig.patient_span.root):
        # "gunmen seized two elders": whoever a violence against civilians hits, unarmed, is civilians
        name2, rule2 = civilians, "the unarmed people it hit"
        phrase2 = trig.patient_span.text
    elif a2 is None and sub == tx.MOB_VIOLENCE and trig.patient_span is not None \
            and trig.patient_span.root.lower_ in lx.CIVILIAN_PLACES | {"home", "house", "shop", "store"}:
        # "a mob torched several homes", "attacked a shop": the people whose homes and shops they are
        name2, rule2 = civilians, "the people whose homes a mob attacked"
        phrase2 = trig.patient_span.text
    elif a2 is None and sub == tx.MOB_VIOLENCE and (beaten := hits.people_done_to(trig.token, ctx)) is not None:
        # "villagers beat two men accused of theft; one died": told by another verb than the trigger
        name2, rule2, phrase2 = civilians, "the people a verb of the mob's sentence did something to", beaten.text
    name1, rule1, phrase1, name2, rule2, phrase2 = sides.told_apart(trig, sub, ctx, (name1, rule1, phrase1),
                                                                    (name2, rule2, phrase2))
    when = hits.when_doer(trig.token, ctx) if name1 is None else None
    if when is not None:  # "two were killed when unknown gunmen fired on a bus": the gunmen
        name1, rule1, phrase1 = when[0].name, "the doer of the act's 'when' clause", when[1].text
    elif name1 is None and family == tx.REMOTE and (threw := hits.weapon_user(trig.token, sub, ctx)) is not None:
        name1, rule1, phrase1 = threw[0].name, threw[2], threw[1].text
    elif name1 is None and _unidentified_told(trig.token):
        name1, rule1 = actor_mod.unidentified(country).name, "an attacker the sentence says nobody identified"
    if name1 is None and not speaker and trig.token.pos_ in {"VERB", "AUX"} and trig.agent_span is not None \
            and trig.agent_span.root.lower_ in speakers.SPEAKERS_OWN and (own := speakers.speaker_of(trig.token, ctx)) is not None:
        # "the army said it had arrested five men": the speaker's own act
        name1, rule1, phrase1 = own[0].name, "the speaker that tells its own act ('X said it ...')", own[1].text
    if name1 is None and trig.token.pos_ in {"NOUN", "PROPN"} and not speaker:
        doer = _governing_doer(trig.token, ctx)
        if doer is not None:
            name1, rule1, phrase1 = doer[0].name, "the doer of the verb the event word hangs on", doer[1].text
    if family == tx.VAC and (name1 is None or unarmed_doer) \
            and (armed := hits.armed_subject(trig.token, ctx, speakers.speakers_words(trig.token.sent))) is not None:
        # "a detainee died ... after officers beat him", "not seen since security officers took him"
        name1, rule1, phrase1 = armed[0].name, "the armed subject of another verb of the sentence", armed[1].text
    if family == tx.REMOTE and name1 is None and (armed := hits.armed_subject(
            trig.token, ctx, speakers.speakers_words(trig.token.sent), verbs=hits.DELIVERY_VERBS)) is not None:
        # "rockets fell near the airstrip as rebels targeted the camp" (not "officers were escorting
        # a convoy when the device went off": who it hit)
        name1, rule1, phrase1 = armed[0].name, "the armed subject of a verb that delivers a weapon", armed[1].text
    if name1 is None and speaker and sub in speakers.ANNOUNCED_BY_THEIR_DOER \
            and (announcer := speakers.armed_speaker(speaker_tok, ctx)) is not None:
        # "the CRP announced that its military leader had been replaced": a group tells its own change
        name1, rule1, phrase1 = announcer[0].name, "the armed side that announces its own change", announcer[1].text
    if name1 is None:
        if sub in _PLANTED and ctx.main_group is None and (a2 is None or a2.kind != "nonstate"):
            # "a bomb attached to a motorbike went off": who planted or threw it, nobody says
            name1, rule1 = actor_mod.unidentified(country).name, "a bomb's doer nobody names: an unidentified armed group"
        elif sub == tx.NON_STATE_OVERTAKES or (family in {tx.BATTLES, tx.REMOTE}
                                               and sub not in {tx.AIR_STRIKE, tx.SHELLING}
                                               and (a2 is None or a2.kind != "nonstate")):
            name1, rule1 = ctx.main_group, "the article's main armed group"
        elif sub in {tx.ARRESTS} or (family == tx.BATTLES and a2 is not None and a2.kind == "nonstate"):
            name1, rule1 = actor_mod._military(country) if country else None, "the country's military"
        elif family == tx.VAC:  # violence against civilians has a doer, armed: the article's group, else unnamed
            name1, rule1 = ctx.main_group or actor_mod.unidentified(country).name, "an armed doer nobody names"
    if name1 is None and sub == tx.DISRUPTED_WEAPONS_USE and (force := _other_side(trig, sub, None, ctx, _HIT)):
        # "police in Ismailia found a bomb ... and a disposal team detonated it": the force named
        name1, rule1, phrase1 = force[0].name, "the state force the sentence names", force[1].text
    hit = harmed.victims(trig.token, ctx) if name2 is None and family in tx.VIOLENT_EVENT_TYPES else None
    told_by = "the act's participle"
    if hit is None and name2 is None and family in tx.VIOLENT_EVENT_TYPES:
        # "a drone strike destroyed a car", "the attack wounded three staff": the verb the event word leads
        hit, told_by = hits.governing_target(trig.token, ctx), "the verb the event word is the subject of"
    if hit is None and name2 is None and family in tx.VIOLENT_EVENT_TYPES:
        # "two men were killed when a bomb exploded": the killing its "when" clause explains
        hit, told_by = hits.killed_when(trig.token, ctx), "the act of a 'when' clause"
    # the armed side a blast was aimed at ("among soldiers", "at an SDF checkpoint"), read once
    aimed = hits.armed_target(trig.token, ctx, name1) if family == tx.REMOTE and name2 is None else None
    if hit is not None and hit[0] is not None and hit[0].name != name1:
        name2, rule2, phrase2 = hit[0].name, f"who {told_by} killed or wounded", hit[1].text
    elif hit is not None and aimed is not None and not hits.unarmed(hit[1].root):
        # "detonated it among soldiers queuing for their pay, killing six": the six are soldiers
        name2, rule2, phrase2 = aimed[0].name, "the armed side the blast was aimed at", aimed[1].text
    elif hit is not None and family in {tx.VAC, tx.REMOTE} and hits.people(hit[1].root):
        name2, rule2 = civilians, f"the people {told_by} killed"
        phrase2 = hit[1].text
    if name2 is None and aimed is not None:
        # "fired mortar rounds at a Turkish military base", "dropped bombs on a camp of MPC fighters"
        name2, rule2, phrase2 = aimed[0].name, "the armed side the blast was aimed at", aimed[1].text
    if name2 is None and family == tx.REMOTE and trig.patient_span is not None and hits.unarmed(trig.patient_span.root):
        # "a shepherd was killed when a bomb exploded", "a grenade thrown at a group of students"
        name2, rule2 = civilians, "the unarmed people the blast hit"
        phrase2 = trig.patient_span.text
    if name2 is None and family == tx.REMOTE and country and harmed.civilians_hit(trig.token):
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
    named_beside = False
    if name2 is None and sub in _SIDES_MET:
        other = _other_side(trig, sub, name1, ctx, _SIDES_MET[sub])
        if other is not None:
            name2, rule2, phrase2 = other[0].name, "the armed side the sentence names beside the doer", other[1].text
            named_beside = True
    if name1 is None and named_beside and sub == tx.ARMED_CLASH:
        # "five suspected hitmen were killed in a shootout with police": with no doer, the one armed
        # side the sentence names is actor1 (every event has one), and a second side, if named, actor2;
        # not a side told as hit ("soldiers came under fire": actor2)
        name1, rule1, phrase1 = name2, "the armed side the sentence names, with no doer told", phrase2
        other = _other_side(trig, sub, name1, ctx, _SIDES_MET[sub])
        name2, rule2, phrase2 = (other[0].name, "the armed side the sentence names beside the doer", other[1].text) \
            if other is not None else (None, "no second armed side named", None)
    if name2 is None and family == tx.VAC:  # done to civilians, by its type, though the parse found no one
        name2, rule2 = civilians, "the civilians violence against civilians hit"
    if name1 == name2 and name1 is not None:
        name2, rule2 = None, "the same as actor1"
    rule1, rule2 = _unfilled(name1, rule1), _unfilled(name2, rule2)
    return Evidence("actor1", name1, phrase1 if name1 else None, rule1), \
        Evidence("actor2", name2, phrase2 if name2 else None, rule2)


#: The blasts whose doer plants, throws or carries the bomb: unnamed, an unidentified armed group.
_PLANTED = frozenset({tx.REMOTE_EXPLOSIVE, tx.GRENADE, tx.SUICIDE_BOMB})


def _unfilled(name: str | None, rule: str) -> str:
    """A default the article could not fill ("the article's main armed group" in an article that
    names none) says so."""
    if name is None and rule.startswith(("the article's", "the country's")):
        return f"none: {rule}, but the article gives none"
    return rule


#: Events whose second side is the armed one the sentence names besides the doer, and the
#: kinds it may be: the police a crowd stoned, the soldiers a bomb killed, the troops rebels fought.
_HIT = frozenset({"state", "police"})
_SIDES_MET: dict[str, frozenset[str]] = {
    tx.VIOLENT_DEMONSTRATION: _HIT,
    tx.MOB_VIOLENCE: _HIT,
    tx.REMOTE_EXPLOSIVE: _HIT,
    tx.SUICIDE_BOMB: _HIT,
    tx.GRENADE: _HIT,
    tx.PROTEST_WITH_INTERVENTION: frozenset({"police", "state"}),
    tx.EXCESSIVE_FORCE: frozenset({"police", "state"}),
    tx.ARMED_CLASH: frozenset({"state", "police", "nonstate"}),
}


def _other_side(trig: Trigger, sub: str, name1: str | None, ctx: actor_mod.ActorContext,
                kinds: frozenset[str]) -> tuple[actor_mod.Actor, Span] | None:
    """The first armed side of ``kinds`` the trigger's sentence names, other than actor1 and
    not the source of the report: "protesters hurled stones at police", "a mine killed two
    soldiers", "fighting between Fano and federal troops"."""
    skip = speakers.speakers_words(trig.token.sent)
    if trig.agent_span is not None:
        skip.update(t.i for t in trig.agent_span)
    crowd = sub in {tx.VIOLENT_DEMONSTRATION, tx.MOB_VIOLENCE}
    for tok in trig.token.sent:
        if tok.i in skip or tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"compound", "amod", "poss"}:
            continue
        if crowd and tok.dep_ not in {"dobj", "pobj", "nsubjpass", "conj"}:
            # the force a crowd hit, or its vehicle or station ("stoned police vehicles"): not one
            # that came ("before police dispersed them")
            continue
        span = phrase(tok)
        actor = actor_mod.resolve(span.text, ctx=ctx, words=[w.text for w in span])
        if actor is not None and actor.kind in kinds and actor.name != name1:
            return actor, span
    return None


def _governing_doer(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span] | None:
    """"The army has established a new base", "police broke up a protest": an event told by a
    noun has for doer the subject of the verb it hangs on (not a speaker's)."""
    node = trigger
    for _ in range(5):  # "pushed X out ... after two days of fighting": four steps up
        if node.dep_ not in {"dobj", "pobj", "prep", "attr", "nsubjpass"} or node.head is node:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            break
    if node.pos_ not in {"VERB", "AUX"} or node.lemma_ in lx.SPEECH_VERBS:
        return None
    if not any(c.dep_ == "nsubj" for c in node.children) and node.dep_ == "pcomp" \
            and node.head.dep_ == "prep" and node.head.head.pos_ in {"VERB", "AUX"}:
        node = node.head.head  # "soldiers are back in Kouki, after driving out X in a battle": the soldiers
    for subj in (c for c in node.children if c.dep_ == "nsubj"):
        if subj.lower_ in speakers.SPEAKERS_OWN:
            return speakers.speaker_of(node, ctx)  # "U.S. Africa Command said it carried out an air strike"
        span = phrase(subj)
        actor = actor_mod.resolve(span.text, ctx=ctx, words=[w.text for w in span])
        if actor is not None:
            return actor, span
    return None


def _dressed_as_armed(head: Token) -> bool:
    """"a man in uniform", "men in hoods": people told by what armed men wear."""
    return any(c.dep_ == "prep" and c.lower_ in {"in", "wearing"} and any(
        g.dep_ == "pobj" and g.lower_ in lx.ARMED_DRESS for g in c.children) for c in head.children)


def _unidentified_told(trigger: Token) -> bool:
    """Whether the trigger's sentence says the attackers were not identified ("unknown
    assailants", "unidentified gunmen"), so that no group the article names stands for them."""
    return any(tok.lower_ in lx.UNIDENTIFIED_MARKS and tok.head.lower_ in lx.PERSON_WORDS for tok in trigger.sent)
