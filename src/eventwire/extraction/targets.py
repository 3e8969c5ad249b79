"""Who or what a trigger hit, as the type rules of :mod:`eventwire.extraction.classify` ask it:
a protest met by force, people rather than a force.

Each function reads the trigger's own dependents (spaCy tokens), never the sentence as a whole,
so that a protest or a camp named in another clause does not retype the event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def at_a_protest(tok: Token, patient_words: set[str]) -> bool:
    """Whether the people hit or the trigger's circumstances name a protest: "arrested students
    who had staged a sit-in", "detained workers at a sit-in", "shot a man during a march"."""
    around = " ".join(w.lower_ for c in tok.children if c.dep_ in _CIRCUMSTANCES for w in c.subtree)
    return bool((patient_words | set(around.replace(" - ", "-").split())) & lx.PROTEST_WORDS)


#: The dependents of a trigger that tell its circumstances: "at a sit-in", "as they tried to march".
_CIRCUMSTANCES = frozenset({"prep", "advcl", "dobj", "nsubjpass"})


def counted_people(tok: Token) -> bool:
    """"Killed five shepherds": a counted group the actor table does not know is people, not a force
    ("killing four suspects" may be a fight)."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "NOUN" and _not_fighters(c.lower_)
               and any(g.dep_ == "nummod" for g in c.children) for c in tok.children)


def _not_fighters(word: str) -> bool:
    """"Shepherds", "passengers": not a force, nor a word for people who may be fighting ("suspects")."""
    return word in lx.CIVILIAN_VICTIMS or not (word in lx.PERSON_WORDS or word in lx.TROOP_WORDS)


def people(span: Span | None) -> bool:
    """Whether a phrase names people ("armed herders", "a young man"), not a war or a blast."""
    if span is None:
        return False
    root = span.root
    return root.lower_ in lx.PERSON_WORDS or root.ent_type_ == "PERSON" or any(
        c.dep_ == "amod" and c.lower_ in lx.ARMED_DRESS for c in root.children)
