"""Toll: how many people an event killed, and which event of the article a toll belongs to.

:mod:`.fatalities` reads the number of dead a sentence states; here it is given to an event:
the sentence's first violent event or protest takes it (:func:`toll_for`); a running total
("the war has killed thousands") is no event's toll (:func:`deaths_in`); a lone named victim
("killed Taliban leader Saifullah") is a toll of one; and a passive killing with no doer just
after a report without a toll is that report's toll (:func:`toll_of_the_last`), not an event of
its own. That last rule also lets the toll sentence say where, when the report did not
(the place is :mod:`.place`'s :func:`~.place.toll_place`). A report without a toll also takes
one told in the next sentence that tells no act of its own (:func:`toll_told_after`: "Nobody was
hurt.", "Six terrorists were neutralised during the assault."), and a passive killing in a sentence
that gives no event of its own ("Owing to effective engagement, four militants were killed.") is
the toll of the report before it (:func:`toll_of_no_event`); a toll that rose ("the number of dead had risen to 17") replaces the
last report's (:func:`risen_toll`). When a sentence tells several violent
acts, the one told by the killing word takes the toll (:func:`toll_taker`: "raided the village and
beheaded two men").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.extraction.assertion import running_total
from eventwire.extraction.candidates import Evidence
from eventwire.extraction.fatalities import TOLL_BROUGHT_TO, count_fatalities, told_as_a_cause
from eventwire.extraction.places import where_the_source_is
from eventwire.extraction.time import date_for
from eventwire.extraction.triggers import trigger_kind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.candidates import Candidate
    from eventwire.extraction.places import PlaceRef
    from eventwire.extraction.time import TimeRef
    from eventwire.extraction.triggers import Trigger
    from eventwire.records import DateSpan, Mention

#: How many sentences after a report its toll may come.
TOLL_SENTENCES = 2
#: The verbs of a denial ("nobody was killed", "no one was hurt"): they tell no act of their own.
_DENIED_HARM = frozenset({"kill", "die", "hurt", "injure", "wound", "harm"})


def deaths_in(sent: Span) -> tuple[int | None, str]:
    """The toll the sentence states, and the rule that read it (or set it aside)."""
    deaths = count_fatalities(sent.text)
    if deaths and any(running_total(t) for t in sent if t.pos_ == "VERB"):
        return None, "a running total, no event's toll"  # "the war has killed thousands"
    if deaths is None:
        later = died_of_wounds(sent)
        if later is not None:
            return later, "the wounded of the event who died later"
    return deaths, "the number of dead the sentence states"


#: Participles that say a person was hurt in the event before dying of it.
_HURT = frozenset({"injure", "wound", "hurt", "shoot"})


def died_of_wounds(sent: Span) -> int | None:
    """"A man injured in the clashes in Birgunj on Sunday night died in hospital on Wednesday",
    "two soldiers wounded in the ambush died": people hurt in the event (a participle on the subject
    of "died") who died of it later; their number (one for "a man"), or None."""
    from eventwire.analysis.numbers import find_numbers

    for verb in sent:
        if verb.lemma_ not in lx.DYING_VERBS or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"):
            if not any(c.dep_ == "acl" and c.lemma_ in _HURT and c.tag_ == "VBN" for c in subject.children):
                continue
            words = subject.doc[subject.left_edge.i:subject.i + 1].text
            counted = find_numbers(words)
            if counted:
                return counted[0][2]
            if subject.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in subject.children):
                return 1
    return None


def toll_for(trig: Trigger, sub: str, deaths: int | None, *, given: bool, rule: str) -> Evidence:
    """The toll of one candidate of the sentence; ``given``: an earlier one of the sentence took it."""
    family = tx.event_type(sub)
    sent = trig.token.sent
    if not given and told_as_a_cause(sent.doc.text[sent.start_char:trig.token.idx]):
        # "the swap came a day after drones killed four": this event is the act told as a cause
        deaths = count_fatalities(sent.text, causes=True)
    if deaths is not None and family in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} and not given:
        return Evidence("fatalities", deaths, trig.token.sent.text.strip(), rule)
    if deaths is None and family in tx.VIOLENT_EVENT_TYPES and not given and _one_named_victim(trig):
        return Evidence("fatalities", 1, trig.token.text, "one named victim")
    if deaths is None and not given:
        later = toll_told_after(sent)
        # "... set fire to five lorries. Nobody was hurt.": a denial is any event's toll; deaths
        # only a violent event's or a protest's
        if later is not None and (later[0] == 0 or family in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS}):
            return Evidence("fatalities", later[0], later[1], "the toll told in the next sentence")
    why = "an earlier event of the sentence took the toll" if given and deaths is not None else (
        rule if deaths is None and rule.startswith("a running") else "no toll stated")
    return Evidence("fatalities", None, None, why)


def toll_taker(found: list[Candidate]) -> int | None:
    """Which candidate of a sentence takes its toll: "raided the village and beheaded two men",
    "stormed the camp and killed ten": the act told by a killing verb of its own, when the sentence
    has one among other violent acts; else (None) the first violent one, as :func:`toll_for` does. A
    killing told as what the first act did ("a bomb struck the convoy, killing two") leaves it the toll."""
    violent = [i for i, c in enumerate(found) if tx.event_type(c.sub_event_type) in tx.VIOLENT_EVENT_TYPES]
    words = {i: found[i].found for i in violent}
    killers = [i for i, word in words.items() if word is not None and word.kind == "kill"
               and word.token.dep_ not in {"advcl", "xcomp", "acl", "pcomp"}]
    return killers[0] if len(violent) > 1 and killers else None


def toll_of_the_last(found: list[Candidate], sent: Span, si: int, last: Mention,
                     refs: list[PlaceRef], times: list[TimeRef]) -> bool:
    """"At least five people were shot dead, rights groups said": after a violent report without
    a toll, a passive killing with no one doing it, no day and no other place of its own is its toll.
    (When the report has a toll, a second one is other victims and stays an event of its own.)"""
    if len(found) != 1 or found[0].found is None or last.event_type not in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} \
            or last.sub_event_type == tx.PEACEFUL_PROTEST:
        return False
    trig = found[0].found
    if trig.kind not in {"kill", "shoot"} or trig.agent is not None:
        return False
    return _passive_toll(trig.token, sent, si, last, refs, times)


#: A toll told as having risen: "the death toll rose to 17", "the number of dead had risen to 17".
_RISEN = re.compile(r"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|victims|people\s+killed))\b"
                    r"[^.;]{0,60}?\b(?:rose|risen|climbed|increased|jumped|grew|reached)\s+to\b"
                    rf"|{TOLL_BROUGHT_TO}", re.IGNORECASE)


def risen_toll(sent: Span, told: list[Mention]) -> tuple[int, int] | None:
    """"On Monday the police said the number of dead had risen to 17": a sentence with no event
    of its own raises the toll of the last violent report of ``told`` that has one (else of the
    last violent report) to that higher number; (the report's index, the toll), or None."""
    if not _RISEN.search(sent.text):
        return None
    violent = [i for i in range(len(told) - 1, -1, -1) if told[i].event_type in tx.VIOLENT_EVENT_TYPES]
    at = next((i for i in violent if told[i].fatalities), violent[0] if violent else None)
    deaths = count_fatalities(sent.text)
    if at is None or not deaths or deaths <= (told[at].fatalities or 0):
        return None
    return at, deaths


def toll_of_no_event(sent: Span, si: int, last: Mention, refs: list[PlaceRef], times: list[TimeRef]) -> bool:
    """"... engaged a group of militants near the border. Owing to effective engagement, four
    militants were killed.": a sentence that gives no event of its own (its killing has no doer to
    type it) but tells deaths by a passive killing, with no day or other place of its own, is the
    toll of the report just before it when that report has none."""
    if last.fatalities is not None or last.event_type not in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} \
            or last.sub_event_type == tx.PEACEFUL_PROTEST:
        return False
    kills = [t for t in sent if trigger_kind(t) in {"kill", "shoot"}]
    return len(kills) == 1 and not any(c.dep_ == "agent" for c in kills[0].children) \
        and _passive_toll(kills[0], sent, si, last, refs, times)


def added_toll(found: list[Candidate], sent: Span, si: int, last: Mention, refs: list[PlaceRef],
               times: list[TimeRef]) -> int | None:
    """"Six soldiers were killed. The ministry said 11 attackers also died when troops returned
    fire.": after a violent report with a toll, deaths told as "also" (killed or died, by no doer
    named, with no day and no other place of their own, within :data:`TOLL_SENTENCES`) are more of
    that report's dead; the report's new toll, or None. The sentence may tell no event of its own,
    or only that killing and how it came ("when troops returned fire": the report's fight again)."""
    if not last.fatalities or last.event_type not in tx.VIOLENT_EVENT_TYPES:
        return None
    also = [t for t in sent if t.lower_ == "also" and t.dep_ == "advmod" and t.head.pos_ == "VERB"
            and (t.head.lemma_ in lx.DYING_VERBS or trigger_kind(t.head) == "kill")
            and not any(c.dep_ == "agent" for c in t.head.children)]
    if len(also) != 1 or any(c.found is None or not also[0].head.is_ancestor(c.found.token)
                             and c.found.token != also[0].head for c in found):
        return None  # (the sentence may tell how they died: "... also died when troops returned fire")
    deaths = count_fatalities(sent.text)
    if not deaths or not _nothing_of_its_own(also[0].head, sent, si, last, refs, times):
        return None
    return last.fatalities + deaths


def taken_and_found_dead(sent: Span, told: list[Mention]) -> tuple[int, int] | None:
    """"... shot dead three men. They took a fourth man with them when they left. His body was
    found two days later": the body of one more person the attackers took away, found later, is one
    more dead of the last violent report of ``told`` with a toll, told by the sentence just before or
    the one before that; (the report's index, its new toll), or None. Only when the sentence just
    before tells the taking of a person (so that "his body" is not one of the dead already counted)."""
    if sent.start == 0:
        return None
    found = [t for t in sent if t.lemma_ in lx.FINDING_VERBS and t.pos_ == "VERB"
             and any(c.dep_ == "auxpass" for c in t.children) and not any(c.dep_ == "neg" for c in t.children)]
    bodies = [c for verb in found for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_ in lx.BODY_WORDS
              and c.tag_ == "NN" and any(g.dep_ == "poss" and g.lower_ in {"his", "her"} for g in c.children)]
    before = sent.doc[sent.start - 1].sent
    taken = any(t.lemma_ in lx.TAKING_VERBS and t.pos_ == "VERB" and not any(c.dep_ == "neg" for c in t.children)
                and any(c.dep_ == "dobj" and c.tag_ == "NN" and c.lemma_ in lx.PERSON_WORDS for c in t.children)
                for t in before)
    if len(bodies) != 1 or not taken:
        return None
    earliest = sent.doc[before.start - 1].sent.start_char if before.start > 0 else before.start_char
    at = next((i for i in range(len(told) - 1, -1, -1) if told[i].event_type in tx.VIOLENT_EVENT_TYPES
               and told[i].fatalities), None)
    if at is None or not earliest <= told[at].start <= before.end_char:
        return None
    return at, (told[at].fatalities or 0) + 1


def _passive_toll(tok: Token, sent: Span, si: int, last: Mention, refs: list[PlaceRef],
                  times: list[TimeRef]) -> bool:
    """Whether the passive killing ``tok`` ("were shot dead") is the toll of the report ``last``:
    no day and no other place of its own, within :data:`TOLL_SENTENCES` of it."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    return _nothing_of_its_own(tok, sent, si, last, refs, times)


def _nothing_of_its_own(tok: Token, sent: Span, si: int, last: Mention, refs: list[PlaceRef],
                        times: list[TimeRef]) -> bool:
    """Whether the deaths ``tok`` tells have no day and no other place than the report ``last``'s,
    within :data:`TOLL_SENTENCES` of it."""
    here = [r.place for r in refs if r.sent_index == si and r.place.kind != "country"
            and not where_the_source_is(sent.doc[r.start:r.end].root, tok)]  # ("an officer in Obo told")
    own = date_for(tok, si, times)
    if (own.known and not _same_days(own, last.dates)) or len({p.name for p in here}) > 1 or any(
            last.place is not None and p.name != last.place.name for p in here):
        return False  # a place of its own, other than the report's: victims elsewhere
    doc = sent.doc
    between = doc.char_span(last.end, sent.start_char, alignment_mode="expand") if last.end < sent.start_char \
        else None
    # the next sentence or so (Span.sents exists since spaCy 3.2; spaCy's span.pyi omits it)
    return between is None or len(list(between.sents)) <= TOLL_SENTENCES  # type: ignore[attr-defined]


def _same_days(own: DateSpan, told: DateSpan) -> bool:
    """Whether a toll's own date meets the report's ("were killed overnight" after Monday's
    strikes): the same event's deaths, not others on another day."""
    return told.known and own.start is not None and own.end is not None and told.start is not None \
        and told.end is not None and told.start <= own.end and own.start <= told.end


def toll_told_after(sent: Span) -> tuple[int, str] | None:
    """"Government air defences shot down a drone over Marib. Nobody was hurt.", "... recaptured
    Mbau. Six terrorists were neutralised during the assault.": the next sentence tells only the
    toll of the report before it (a denial, or deaths told in words that are no event of their own),
    so the report takes it. A next sentence that tells another act ("gunmen killed two in another
    village") keeps its toll, and a killing told by its verb ("five people were killed") is left to
    :func:`toll_of_the_last`, which also drops it as an event of its own."""
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    after = doc[sent.end].sent
    deaths, _ = deaths_in(after)
    if deaths is None or not after.text.rstrip().endswith((".", "!", '"', "”")) or _RISEN.search(after.text):
        return None  # (a toll told as having risen revises a report's toll: :func:`risen_toll`)
    if any(trigger_kind(t) is not None and not _names_the_told(t)
           and not (deaths == 0 and t.lemma_ in _DENIED_HARM) for t in after):
        return None  # another act ("nobody was killed" names no act: only what did not happen)
    return deaths, after.text.strip()


def _names_the_told(tok: Token) -> bool:
    """"during the assault", "owing to effective engagement": an event noun without "a", "another"
    or "separate" names the event told before, not a new one."""
    return tok.pos_ == "NOUN" and not any(c.lower_ in {"a", "an", "another", "separate", "new"} for c in tok.children)


def _one_named_victim(trig: Trigger) -> bool:
    """"killed Taliban leader Saifullah", "the death of Ahmed Nur": one named person died."""
    if trig.kind != "kill":
        return False
    tok = trig.token
    victims = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    victims += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj"]
    if len(victims) != 1:
        return False
    victim = victims[0]
    if victim.ent_type_ != "PERSON" or victim.tag_ != "NNP":
        return False
    return not any(c.dep_ in {"conj", "nummod"} for c in victim.children)
