"""Which words may report an event: the first, cheapest test of a trigger.

It reads a token's lemma and part of speech only, so it runs before the entity recogniser:
analysis uses it to run the recogniser only on the sentences that may tell an event
(:mod:`eventwire.analysis.scoped_ner`), and extraction to look for triggers
(:func:`eventwire.extraction.triggers.trigger_kind` gives the words it accepts a kind).
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def event_lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if lemma == tok.lower_ and tok.pos_ == "VERB":
        lemma = lx.IRREGULAR_PAST.get(lemma, lemma)  # "retook" left as it is by the lemmatizer
    return lemma


def is_event_noun(tok: Token) -> bool:
    """"airstrike", "raid", "bombing": a noun that names an event (not "fighters who led attacks")."""
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in lx.NOUN_KINDS or tok.lower_ in lx.NOUN_KINDS)


def may_trigger(tok: Token) -> bool:
    """Whether any rule of :func:`trigger_kind` can give ``tok`` a kind (it reads the lemma and
    part of speech only, so it can run before the entity recogniser)."""
    return event_lemma(tok) in event_lemmas() or tok.lower_ in lx.NOUN_KINDS


#: Where :func:`candidates` keeps a document's answer (its lemmas and tags do not change after
#: the lemmatizer; the recogniser and the place component only set entities).
_CANDIDATES_KEY = "eventwire_trigger_candidates"
#: Distinct (lemma, lower-case form, part of speech) answers kept before the memory is cleared.
MAX_REMEMBERED = 100_000
_remembered: dict[tuple[int, int, int], bool] = {}


def candidates(doc: Doc) -> list[int]:
    """The indices of the tokens :func:`may_trigger` accepts, in order (computed once per
    document from its attribute arrays: most words are not event words, and making a
    ``Token`` for each to ask costs more than the answer)."""
    known = doc.user_data.get(_CANDIDATES_KEY)
    if known is None:
        from spacy.attrs import LEMMA, LOWER, POS
        from spacy.parts_of_speech import VERB

        strings = doc.vocab.strings
        lemmas = event_lemmas()
        known = []
        rows = doc.to_array([LEMMA, LOWER, POS]).tolist() if len(doc) else []
        for i, row in enumerate(rows):
            key = (row[0], row[1], row[2])
            accepted = _remembered.get(key)
            if accepted is None:
                lemma, lower = strings[row[0]].lower(), strings[row[1]]
                if lemma == lower and row[2] == VERB:
                    lemma = lx.IRREGULAR_PAST.get(lemma, lemma)
                accepted = lemma in lemmas or lower in lx.NOUN_KINDS
                if len(_remembered) >= MAX_REMEMBERED:
                    _remembered.clear()
                _remembered[key] = accepted
            if accepted:
                known.append(i)
        doc.user_data[_CANDIDATES_KEY] = known
    return known


def candidates_in(span: Span) -> list[int]:
    """:func:`candidates` of the span's document that lie inside it."""
    found = candidates(span.doc)
    return found[bisect.bisect_left(found, span.start):bisect.bisect_left(found, span.end)]


@functools.cache
def event_lemmas() -> frozenset[str]:
    """Every lemma for which :func:`trigger_kind` can return a kind."""
    return frozenset({*(lemma for lemma, _ in lx.PHRASAL), "take", "come", *lx.IMPACT_VERBS, *lx.LAUNCH_VERBS,
                      *lx.VERB_KINDS, "death", "strike", "attack", "raid", "bombing", *lx.NOUN_KINDS,
                      *WOUNDING_VERBS})


#: Verbs of wounding: an event word only when a weapon did it ("two men were wounded by a drone").
WOUNDING_VERBS = frozenset({"wound", "injure"})
