"""Harmed: who an act killed or wounded, read from the words around its trigger.

* :func:`victims`: "..., killing four officers" (who the act's participle killed or wounded);
* :func:`civilians_hit`: whether a blast hit people or a civilian place, so that a bombing by
  no one named is violence against civilians rather than a remote strike on fighters.

:mod:`.roles` and :mod:`.hits` ask them when the trigger's own arguments name no target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.extraction import actors as actor_mod
from eventwire.extraction.triggers import actor_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Verbs whose participle after the act tells its victims ("..., killing four officers").
_HARM = frozenset({"kill", "wound", "injure", "hurt", "hit", "leave"})


def victims(trigger: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor | None, Span] | None:
    """Who the act's participle says it killed or wounded: "..., killing four police officers",
    "hacking three residents to death": the object's actor (None when it names none) and phrase."""
    for part in (c for c in trigger.children if c.dep_ in {"advcl", "conj"} and c.tag_ == "VBG"):
        if part.lemma_ not in _HARM and part.lower_ not in lx.KILLING_FORMS and part.lemma_ not in {"hack", "behead"}:
            continue
        objs = [c for c in part.children if c.dep_ == "dobj"]
        actor, span = actor_of(objs, ctx)
        if span is not None:
            return actor, span
    return None


def civilians_hit(trigger: Token) -> bool:
    """Whether the trigger's sentence says the blast killed or wounded people, not fighters."""
    for tok in trigger.sent:
        if tok.lemma_ in {"kill", "wound", "injure", "hurt"} and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in lx.CIVILIAN_VICTIMS for c in tok.children):
            return True
        # "17 people were treated", "two children died", "sickened residents", "a blast among worshippers"
        told = {"nsubj", "nsubjpass", "dobj"} if tok.lemma_ in lx.SUFFERING_VERBS else {"pobj"} if tok.lower_ == "among" else set()
        if any(c.dep_ in told and c.lower_ in lx.CIVILIAN_VICTIMS for c in tok.children):
            return True
    # "blew himself up as people queued", "exploded while worshippers were leaving": who was there
    scene = [c for c in trigger.children if c.dep_ in {"advcl", "relcl"} and c.pos_ == "VERB"]
    if any(g.dep_ == "nsubj" and g.lower_ in lx.CIVILIAN_VICTIMS for c in scene for g in c.children):
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
