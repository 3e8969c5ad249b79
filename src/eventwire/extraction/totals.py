"""Totals and situations, not events: the assertion checks that tell one event from many.

"The war has killed tens of thousands" (a running total), "the gang has been fighting
vigilantes for months" (a situation that went on) and "3,000 people were killed across the
country in the first half of the year" (a total over a period) each sum many events: the
assertion step (:mod:`eventwire.extraction.assertion`) drops them as background.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Token


def running_total(trigger: Token) -> bool:
    """"The violence has killed tens of thousands": a present perfect whose subject is a
    whole conflict, or that counts since a time ("have been killed since January"), sums many
    events; it is background, not an event."""
    verb = trigger
    while verb.dep_ == "conj" and verb.head is not verb:  # "has displaced and killed thousands"
        verb = verb.head
    children = [*trigger.children, *verb.children]
    if not _present_perfect(children):
        return False
    # "more than 300 people have been killed in the region since January": a count since a time
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.AGGREGATE_SUBJECTS for c in children) \
        or verb.tag_ != "VBG" and any(c.dep_ == "prep" and c.lower_ == "since" and not _days_ago(c)
                                      for c in children)  # ("have been fighting since 2019": ongoing)


#: What "since" may count from that is one recent event's span, not a running total.
_RECENT = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                     "yesterday", "morning", "night", "dawn", "weekend", "evening", "afternoon"})


def _days_ago(since: Token) -> bool:
    """"Since Saturday", "since the early hours of Monday": the days of one event (a clash that
    has gone on since Saturday), not months of a war."""
    return any(t.lower_ in _RECENT for t in since.subtree)


def _present_perfect(children: Iterable[Token]) -> bool:
    """Whether a verb's children hold the "has"/"have" of a present perfect."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBZ", "VBP"} for c in children)


def _year_number(tok: Token) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", tok.text) is not None


def ongoing(trigger: Token) -> bool:
    """"The gang has been fighting vigilantes for months", "rebels have been shelling the town
    since 2019": a perfect progressive that lasted weeks or years is a situation, not an event
    ("troops have been fighting in the town for two days" is still one)."""
    children = list(trigger.children)
    if trigger.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lower_ == "been" for c in children) \
            or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in children):
        return False
    for prep in children:
        for obj in prep.children if prep.dep_ == "prep" else ():
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ == "for" and obj.lemma_.lower() in lx.LONG_UNITS and (obj.lemma_ != "week" or obj.tag_ == "NNS"):
                return True  # "for months", "for more than two years", "for weeks" (not "for a week")
            if prep.lower_ == "since" and _year_number(obj):
                return True  # "since 2019" (not "since 0500")
    return False


#: Nouns of a span of time that only a total covers: "in the first half of the year".
_PERIOD_PARTS = frozenset({"half", "quarter"})
_DEATH_VERBS = frozenset({"kill", "die", "perish"})


def _period_units() -> frozenset[str]:
    """Units of a span only a total covers (a week can hold one event)."""
    return lx.LONG_UNITS - {"week"}


def _of_a_period(part: Token) -> bool:
    """"half of the year", "quarter of 2023" (not "the Christian quarter of the old city")."""
    return any(g.lemma_.lower() in _period_units() or _year_number(g)
               for c in part.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj")


def period_total(trigger: Token) -> bool:
    """"More than 3,000 people were killed across the country in the first half of the year",
    "thousands have died in attacks this year": deaths counted over months or over a whole
    country sum many events. A bare plural event noun ("in attacks") is judged by its verb.

    "Gunmen killed five people earlier this month" stays an event: "this month" only makes a
    total with a present perfect ("have killed ... this month").
    """
    verb = trigger
    if trigger.pos_ == "NOUN":
        prep = trigger.head
        if trigger.tag_ != "NNS" or trigger.dep_ != "pobj" or prep.dep_ != "prep" \
                or any(c.dep_ in {"det", "nummod", "poss"} for c in trigger.children):
            return False
        verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in _DEATH_VERBS:
        return False  # only deaths are summed so: "protested across the country" is one protest
    perfect = _present_perfect(verb.children)
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.lemma_.lower() in _period_units() and perfect:
            return True  # "have died ... this year"
        if child.dep_ != "prep":
            continue
        for obj in (g for g in child.children if g.dep_ == "pobj"):
            low = obj.lemma_.lower()
            if child.lower_ in {"across", "throughout"} and low in {"country", "nation", "region"}:
                return True  # "across the country"
            if child.lower_ in {"in", "during", "over", "throughout"} and (
                    (low in _PERIOD_PARTS and _of_a_period(obj)) or (low in _period_units() and (perfect or any(
                        c.lower_ in {"past", "last", "previous"} for c in obj.children)))):
                return True  # "in the first half of the year", "over the past year"
    return False
