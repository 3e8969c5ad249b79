"""Sides: the two sides of acts told between two, and the doer a speaker blames.

:mod:`.roles` reads the trigger's doer and target first (:func:`.triggers.arguments`); some
phrasings name the sides elsewhere in the sentence, and this module finds them:

* :func:`pair`: "fighting between X and Y", "X and Y clashed", "X and Y signed a truce" (the
  first named is actor1, the second actor2);
* :func:`transfer`: "X withdrew from the town and Y moved in", "X handed the base to Y" (the
  side that takes the place over is actor1, the one that gives it up actor2);
* :func:`taken_from`: "retook the town from X", "after battles with X" (the side that lost it);
* :func:`blamed`: "residents blamed X", "accused X of shelling", "blaming X" (the doer a
  speaker names when the act's own clause names none);

:func:`told_apart` applies the first four to a trigger's actor1 and actor2.

Each returns the resolved actor with the phrase that named it, for the Evidence roles records.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.extraction import actors as actor_mod
from eventwire.extraction.triggers import actor_of, arguments, came_under_fire, phrase
from eventwire.records import named

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.triggers import Trigger

Side = tuple[actor_mod.Actor, str]
"""A resolved actor and the words that named it."""


def _resolve(text: str, ctx: actor_mod.ActorContext) -> actor_mod.Actor | None:
    return actor_mod.resolve(text, ctx=ctx, words=text.split())


def _alone(tok: Token) -> Span:
    """The noun phrase of ``tok`` without what is joined to it by "and" ("SSPDF troops" of
    "SSPDF troops and NAS rebels")."""
    span = phrase(tok)
    stop = next((c.i for c in tok.rights if c.dep_ in {"cc", "conj"}), None)
    return span.doc[span.start:stop] if stop is not None and stop > span.start else span


def _two(first: Token, ctx: actor_mod.ActorContext) -> tuple[Side, Side] | None:
    """The two sides of "X and Y" headed by ``first``, also "Dinka and Nuer armed youths"
    (two names sharing one noun)."""
    other = next((c for c in first.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}), None)
    if other is not None:
        # "a faction of the OLA", "a group of armed smugglers": what the second stands for, too
        a, span = _resolve(_alone(first).text, ctx), _alone(first)
        generic = a is not None and a.name == ctx.main_group and first.lower_ in lx.ARMED_GENERIC_WORDS
        if a is None or generic:  # "fighters of the SDF and ...": whose fighters, not the main group
            of, found = actor_of([g for c in first.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for g in c.children if g.dep_ == "pobj"], ctx)
            if of is not None or a is None:
                a, span = of, found or span
        b, second_span = actor_of([other], ctx)
        if a is None or b is None or second_span is None or a.name == b.name:
            return None
        return (a, span.text), (b, second_span.text)
    else:
        mod = next((c for c in first.children if c.dep_ in {"nmod", "compound", "amod"}
                    and any(g.dep_ == "conj" for g in c.children)), None)
        if mod is None:
            return _two_behind_a_noun(first, ctx)
        second = next(g for g in mod.children if g.dep_ == "conj")
        rest = " ".join(t.text for t in first.doc[mod.right_edge.i + 1:first.i + 1])
        one, two = f"{mod.text} {rest}", f"{second.text} {rest}"
        alone = _resolve(mod.text, ctx)
        if alone is not None and alone.kind in {"state", "police"}:
            one = mod.text  # "Army and ADF rebels": the army, not army rebels
    a, b = _resolve(one, ctx), _resolve(two, ctx)
    if a is None or b is None or a.name == b.name:
        return None
    return (a, one), (b, two)


def _two_behind_a_noun(first: Token, ctx: actor_mod.ActorContext) -> tuple[Side, Side] | None:
    """"Fighters of the 444 Brigade and the SSA", "armed groups from Zawiya and Warshefana": the
    parse joined the second side to the name after "of" or "from"; the first side is the whole
    phrase up to that name, the second the name joined to it (or the noun with that name)."""
    for prep in (c for c in first.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
        pobjs = [g for g in prep.children if g.dep_ == "pobj"]
        for k, pobj in enumerate(pobjs):
            other = next((c for c in pobj.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}), None)
            if other is None and k + 1 < len(pobjs) and any(c.dep_ == "cc" for c in pobj.children):
                other = pobjs[k + 1]  # a parse that made both names objects of the "of"
            if other is None:
                continue
            one = first.doc[first.left_edge.i:_alone(pobj).end]
            a = _resolve(one.text, ctx)
            b, second = actor_of([other], ctx)
            two = second.text if second is not None else ""
            if b is None:
                two = f"{first.text} {prep.text} {phrase(other).text}"  # "groups from Warshefana"
                b = _resolve(two, ctx)
            if a is None or b is None or a.name == b.name:
                return None
            return (a, one.text), (b, two)
    return None


def pair(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[Side, Side] | None:
    """The two sides told together with the trigger, the first named first: "fighting between
    X and Y", "clashes broke out between X and Y", "X and Y clashed", "X and Y agreed to a truce".
    When generic words make both sides the article's main group ("fighters from Zintan and a
    Warshefana militia"), they are read again without it: an armed group nobody names."""
    found = _pair(trigger, ctx)
    if found is None and ctx.main_group is not None:
        found = _pair(trigger, dataclasses.replace(ctx, main_group=None))
    return found


def _each(verb: Token) -> bool:
    """"Moscow and Kyiv handed over 206 prisoners each", "X and Y each freed 48 detainees": what
    two subjects do to each other."""
    return any(c.lower_ == "each" for c in verb.children) or any(
        g.lower_ == "each" for c in verb.children if c.dep_ in {"dobj", "nsubj"} for g in c.children)


def _pair(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[Side, Side] | None:
    holders = [trigger]
    if trigger.dep_ in {"nsubj", "dobj", "advcl"} and trigger.head.pos_ in {"VERB", "AUX"}:
        holders.append(trigger.head)  # "clashes broke out ... between", "broke out between ..., killing"
    for verb in (h for h in holders if h.lemma_ == "pit"):
        # "fighting pitted government troops against SPLA-IO units": the object, then whom against
        one = actor_of([c for c in verb.children if c.dep_ == "dobj"], ctx)
        against = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "against"
                   for g in c.children if g.dep_ == "pobj"]
        against += [g for d in verb.children if d.dep_ == "dobj" for c in d.children
                    if c.dep_ == "prep" and c.lower_ == "against" for g in c.children if g.dep_ == "pobj"]
        two = actor_of(against, ctx)
        if one[0] is not None and two[0] is not None and one[1] is not None and two[1] is not None \
                and one[0].name != two[0].name:
            return (one[0], one[1].text), (two[0], two[1].text)
    near = [c for h in holders for c in h.children if c.lower_ == "between"]
    # else the sentence's "between" a parse hung elsewhere ("broke out in Mogadishu between ...")
    near += [t for t in trigger.sent if t.lower_ == "between" and t.dep_ == "prep" and t not in near]
    for prep in near:
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            found = _two(pobj, ctx)
            if found is not None:
                return found
    verb = trigger.head if trigger.dep_ in {"dobj", "pobj"} and trigger.pos_ == "NOUN" else trigger
    if verb.lemma_ not in lx.MUTUAL_VERBS and trigger.dep_ == "advcl" and trigger.head.lemma_ in lx.MUTUAL_VERBS:
        verb = trigger.head  # "X and Y traded fire, killing two": the sides of the exchange
    met = actor_of([c for c in verb.children if c.dep_ == "dobj"], ctx)[0]
    if (verb.lemma_ in lx.MUTUAL_VERBS or _each(verb)) and (met is None or met.kind == "civilian"):
        # (not "troops and police engaged the rebels": allies, and the side they met; but "the
        # army and the RSF exchanged 40 prisoners", "X and Y each freed 48 detainees": two sides)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        for subj in subjects:
            found = _two(subj, ctx)
            if found is not None:
                return found
        if len(subjects) == 2:  # a parse that made both sides subjects ("X and Y signed", no conj)
            (a, span_a), (b, span_b) = ((_resolve(_alone(t).text, ctx), _alone(t)) for t in subjects)
            if a is not None and b is not None and a.name != b.name:
                return (a, span_a.text), (b, span_b.text)
    if trigger.dep_ == "ROOT" and trigger.pos_ == "NOUN":
        # a headline whose verb the tagger took for a noun ("UPC and government sign truce"):
        # the "X and Y" before that verb, hung on it or on the event word
        verbs = [c for c in trigger.children if c.dep_ == "compound" and c.lemma_ in lx.MUTUAL_VERBS]
        for holder in verbs and [trigger, *verbs]:
            for first in (c for c in holder.children if c.dep_ in {"nmod", "nsubj"} and c.i < verbs[0].i):
                found = _two(first, ctx)
                if found is not None:
                    return found
    return None


def _to_whom(verb: Token, ctx: actor_mod.ActorContext) -> Side | None:
    """"handed the base to the army", "handed it over to Y", "the handover of the base to Y": who
    was given the place (the "to" hung on the verb or on what it gave)."""
    givers = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    for prep in (c for g in givers for c in g.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            actor, span = actor_of([pobj], ctx)
            if actor is not None and span is not None:
                return actor, span.text
    return None


def transfer(sent: Span, ctx: actor_mod.ActorContext) -> tuple[Side | None, Side | None]:
    """Who took the place over and who gave it up, in a sentence that tells a hand-over: "X
    withdrew from the town and Y moved in", "X handed the base to Y", "after the withdrawal of X"."""
    taker: Side | None = None
    leaver: Side | None = None
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in lx.LEAVING_VERBS:
            taker = taker or _to_whom(tok, ctx)
            if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "checkpoints vacated by X"
                by = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                actor, span = actor_of(by, ctx)
            else:
                trig = arguments(tok, ctx)
                actor, span = trig.agent, trig.agent_span
            if leaver is None and actor is not None and span is not None:
                leaver = actor, span.text
        elif tok.pos_ in {"VERB", "AUX"} and lemma in lx.ARRIVING_VERBS and taker is None:
            trig = arguments(tok, ctx)
            if trig.agent is not None and trig.agent_span is not None:
                taker = trig.agent, trig.agent_span.text
        elif tok.pos_ == "NOUN" and lemma in lx.DEPARTURE_NOUNS and leaver is None:
            taker = taker or _to_whom(tok, ctx)
            of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj"]
            actor, span = actor_of(of, ctx)
            if actor is not None and span is not None:
                leaver = actor, span.text
    if taker is not None and leaver is not None and taker[0].name == leaver[0].name:
        return None, leaver  # one name for both: the one who left is the better told
    return taker, leaver


#: Verbs whose object is the side driven from a place ("after driving out X", "expelling X").
_DRIVE_OUT = frozenset({"dislodge", "drive", "expel", "oust", "push", "rout", "evict", "chase"})
#: Nouns of fighting whose "with"/"against" names the other side ("after fighting with X").
_FIGHTING = frozenset({"battle", "fighting", "fight", "clash", "gunfight", "firefight", "skirmish", "operation",
                       "offensive"})


def taken_from(trigger: Token, ctx: actor_mod.ActorContext) -> Side | None:
    """The side that lost a place the trigger tells taken: "retook the town from insurgents",
    "liberated the area after fierce battles with the rebels", "took control after driving out
    X", "after government troops abandoned their positions"."""
    taken = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]  # (also "the town from X")
    found = [g for t in taken for c in t.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
             if g.dep_ == "pobj"]
    if trigger.lemma_ in {"clear", "rid", "purge"}:  # "cleared the village of militants"
        found += [g for t in taken for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
    sent = trigger.sent
    # "previously held by X", "which had been occupied by X since May"
    found += [g for tok in sent if tok.lemma_ in {"hold", "occupy", "control"} and tok.i != trigger.i
              for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    found += [g for tok in sent if tok.lemma_ in _FIGHTING for c in tok.children
              if c.dep_ == "prep" and c.lower_ in {"with", "against"} for g in c.children if g.dep_ == "pobj"]
    found += [c for tok in sent if tok.lemma_ in _DRIVE_OUT and tok.pos_ == "VERB" for c in tok.children
              if c.dep_ == "dobj"]
    found += [s for tok in sent if tok.pos_ == "VERB" and tok.lemma_ in lx.LEAVING_VERBS | {"flee"}
              and tok.i != trigger.i for s in tok.children if s.dep_ == "nsubj"]
    for tok in found:
        actor, span = actor_of([tok], ctx)
        if actor is not None and span is not None and actor.kind != "civilian":
            return actor, span.text
    return None


def under_fire(sent: Span, ctx: actor_mod.ActorContext) -> tuple[Side | None, Side | None]:
    """"A patrol came under fire from insurgents": who fired (the "from"), and who was fired on
    (the subject of "came")."""
    for came in (t for t in sent if came_under_fire(t)):
        told = arguments(came, ctx)
        hit = (told.patient, told.patient_span.text) if told.patient and told.patient_span else None
        if told.agent is not None and told.agent_span is not None:
            return (told.agent, told.agent_span.text), hit
    return None, None


def blamed(sent: Span, ctx: actor_mod.ActorContext) -> Side | None:
    """The doer a speaker names: "residents blamed the RSF", "accused the army of using gas",
    "blaming Fano fighters", "the attack was blamed on X", "a strike attributed to US forces"."""
    for tok in sent:
        if tok.lemma_ not in lx.BLAMING_VERBS or tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
            continue
        to = "to" if tok.lemma_ == "attribute" else "on"  # what is attributed is the act, not its doer
        found = [c for c in tok.children if c.dep_ == "dobj" and to == "on"]
        found += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == to for g in c.children
                  if g.dep_ == "pobj"]
        if tok.lemma_ == "hold" and not any(c.lower_ == "responsible" for c in tok.children):
            continue  # "held talks", "held a rally": only "held X responsible" blames
        actor, span = actor_of(found, ctx)
        if actor is not None and span is not None and actor.kind not in {"civilian", "protester", "rioter"}:
            return actor, span.text
    return None


#: Verbs of giving oneself or one's weapons up, whose "to" names the other side of the agreement.
_GIVING_UP = frozenset({"surrender", "hand", "give", "defect", "submit", "turn"})

Told = tuple[str | None, str, str | None]
"""A side's name, rule and phrase."""


def told_apart(trig: Trigger, sub: str, ctx: actor_mod.ActorContext, one: Told, two: Told
                ) -> tuple[str | None, str, str | None, str | None, str, str | None]:
    """The sides the sentence names outside the trigger's own arguments (:mod:`.sides`): the
    two of a clash or agreement, who took a place over and who gave it up, who lost a place
    retaken, the doer a speaker blames."""
    family = tx.event_type(sub)
    two_sides = pair(trig.token, ctx) if family == tx.BATTLES or sub == tx.AGREEMENT else None
    if two_sides is not None:
        (s1, p1), (s2, p2) = two_sides
        one = s1.name, "the first of two sides told together ('between X and Y', 'X and Y clashed')", p1
        two = s2.name, "the second of two sides told together", p2
    if sub == tx.AGREEMENT and two[0] is None and trig.token.lemma_ in _GIVING_UP:
        given = _to_whom(trig.token, ctx)  # "surrendered to the army", "handed themselves in to the police"
        if given is not None and given[0].name != one[0]:
            two = given[0].name, "the side a group gave itself or its weapons up to", given[1]
    if sub == tx.TERRITORY_TRANSFER:
        taker, leaver = transfer(trig.token.sent, ctx)
        if taker is not None:
            one = taker[0].name, "the side that took the place over", taker[1]
        if leaver is not None:
            two = leaver[0].name, "the side that gave the place up", leaver[1]
    if family == tx.BATTLES:
        shooter, hit = under_fire(trig.token.sent, ctx)
        if shooter is not None:
            one = shooter[0].name, "who fired on the side that 'came under fire from' them", shooter[1]
            if hit is not None and hit[0].name != shooter[0].name:
                two = hit[0].name, "the side that came under fire", hit[1]
    if two[0] is None and sub in {tx.GOVERNMENT_REGAINS, tx.NON_STATE_OVERTAKES}:
        lost = taken_from(trig.token, ctx)
        if lost is not None and lost[0].name != one[0]:
            two = lost[0].name, "the side the place was taken from", lost[1]
    told_by_blame = trig.token.lemma_ in lx.BLAMING_VERBS  # the event told by "accused X of using gas"
    if (told_by_blame or named(one[0]) is None) \
            and family in tx.VIOLENT_EVENT_TYPES:
        doer = blamed(trig.token.sent, ctx)
        if doer is not None and told_by_blame:
            # the event told by the blaming word itself: its object acted, its subject only accuses
            one, two = (doer[0].name, "the doer a speaker blames ('accused X of')", doer[1]), (None, "the doer, not a target", None)
        elif doer is not None and doer[0].name != two[0]:
            one = doer[0].name, "the doer a speaker blames ('blaming X', 'accused X of')", doer[1]
    return (*one, *two)
