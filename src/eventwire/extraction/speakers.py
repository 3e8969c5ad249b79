"""Speakers: who tells a report, and when the teller is the doer.

A speech verb that reports a clause ("..., police said") is no side of the event it tells
(:func:`reports`, :func:`speakers_words`); but an armed side that announces its own change
("the CRP announced that its leader had been replaced") or tells its own act ("the coalition
said it conducted an air strike") is its doer (:func:`armed_speaker`, :func:`speaker_of`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.extraction import actors as actor_mod
from eventwire.extraction.triggers import phrase

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def reports(tok: Token) -> bool:
    """A speech verb that reports a clause ("..., police said", "officials said gunmen
    attacked"), not one that is the act ("the army declared a curfew")."""
    return tok.lemma_ in lx.SPEECH_VERBS and (tok.dep_ == "parataxis" or any(
        c.dep_ in {"ccomp", "parataxis"} for c in tok.children))


#: The types whose doer is who announces them ("the group said it had merged with ...").
ANNOUNCED_BY_THEIR_DOER = frozenset({tx.CHANGE_TO_GROUP, tx.BASE_ESTABLISHED})


def armed_speaker(verb: Token, ctx: actor_mod.ActorContext, kinds: frozenset[str] = frozenset({"state", "nonstate"})
                  ) -> tuple[actor_mod.Actor, Span] | None:
    """The armed side (of ``kinds``) that is the subject of the speech verb ``verb`` ("the CRP
    announced"; "the leader of the CRP announced": his group)."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        whose = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"] if subject.lower_ in lx.PERSON_WORDS else []
        for head in (subject, *whose):
            span = phrase(head)
            actor = actor_mod.resolve(span.text, ctx=ctx, words=[w.text for w in span])
            if actor is not None and actor.kind in kinds:
                return actor, span
    return None


def speakers_words(sent: Span) -> set[int]:
    """The tokens of who tells the report: "..., police said", "according to officials"."""
    out: set[int] = set()
    for tok in sent:
        if tok.dep_ == "nsubj" and tok.head.lemma_ in lx.SPEECH_VERBS:
            out.update(t.i for t in tok.subtree)
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            out.update(t.i for t in tok.subtree)
    return out


#: Pronouns by which a speaker tells its own act ("the coalition said it conducted a strike",
#: "security forces said they defused a device").
SPEAKERS_OWN = frozenset({"it", "we", "they"})
#: The speakers whose own act a pronoun tells: armed sides and the police.
_TELLS_ITS_OWN_ACT = frozenset({"state", "nonstate", "police"})


def speaker_of(verb: Token, ctx: actor_mod.ActorContext) -> tuple[actor_mod.Actor, Span] | None:
    """The armed speaker whose reported clause ``verb`` heads ("X said it ..."), if any; a verb
    joined to that clause's own ("said they found and defused a device") is in it too."""
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.lemma_ in lx.SPEECH_VERBS:
        return armed_speaker(verb.head, ctx, _TELLS_ITS_OWN_ACT)
    return None
