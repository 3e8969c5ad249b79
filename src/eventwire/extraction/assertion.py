"""Assertion: did the article assert that the event happened? (The step that drops what it does not.)

Plans, predictions, threats, denials, questions, conditionals, negations and
"nearly" events are not events (TAXONOMY.md, "What is an event"). The check
walks from the trigger word up its syntactic heads to the clause that states
it, looking for the markers that take the assertion away:

- a negation on the trigger or a governing verb ("did not strike", "no strikes")
- a modal ("could fall", "will be deployed")
- an infinitive complement of a non-implicative governor ("threatened to take",
  "to be able to conduct strikes"), or a non-factual governing word ("plans",
  "denied", "in an attempt to")
- a conditional or question ("if they attack", "did they strike?")
- a hedge adverb ("has nearly fallen")
- a habit, not one event ("his men often attacked convoys", "routinely shelled"), and a
  simple present in a full sentence ("the coalition only attacks military targets")
- "without" ("surrendered without a fight")
- a running total ("the war has killed thousands"): a present perfect whose subject is a
  whole conflict
- a situation that went on ("the gang has been fighting vigilantes for months"): a perfect
  progressive over weeks or years
- a total over a period ("3,000 people were killed across the country in the first half of
  the year", "thousands have died in attacks this year")

The last three are in :mod:`eventwire.extraction.totals`. Reporting verbs ("said",
"confirmed") are transparent: "officials said the Taliban captured X" asserts the capture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.analysis.eventwords import is_event_noun
from eventwire.extraction.candidates import Reason
from eventwire.extraction.totals import ongoing, period_total, running_total

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.extraction.candidates import Candidate

#: Dependency labels that link a complement to its governor.
_COMPLEMENT = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "dobj", "acl", "advcl", "relcl", "prep", "conj",
                         "nsubjpass", "attr", "oprd", "amod", "compound", "appos", "acomp"})
_CLAUSE_TOP = frozenset({"ROOT"})
#: Markers on the word itself that no past consequence ("... which killed two") outweighs.
_EXPLICIT = frozenset({Reason.NEGATED, Reason.WITHOUT, Reason.MODAL, Reason.CONDITIONAL, Reason.HEDGED})


@dataclass(frozen=True, slots=True)
class Blocked:
    """Why an event word is not asserted: the reason and the words that show it."""

    reason: Reason
    detail: str

    def __str__(self) -> str:
        return self.detail


def step(found: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates the article asserts, and those it does not (each with its reason)."""
    kept, dropped = [], []
    for cand in found:
        why = blocker(cand.found.token) if cand.found is not None else None
        if why is None:
            kept.append(cand)
        else:
            dropped.append(cand.drop(why.reason, why.detail))
    return kept, dropped


def assertion_blocker(trigger: Token) -> str | None:
    """Why the event of ``trigger`` is not asserted (in words), or None when it is."""
    why = blocker(trigger)
    return None if why is None else why.detail


def blocker(trigger: Token) -> Blocked | None:
    """Why the event of ``trigger`` is not asserted, or None when it is."""
    if trigger.sent.text.rstrip().endswith("?"):
        return Blocked(Reason.QUESTION, "question")
    if _generic_present(trigger):
        return Blocked(Reason.GENERIC_PRESENT, "generic present")
    if running_total(trigger):
        return Blocked(Reason.RUNNING_TOTAL, "running total")
    if ongoing(trigger):
        return Blocked(Reason.ONGOING, "ongoing for a long time")
    if period_total(trigger):
        return Blocked(Reason.PERIOD_TOTAL, "total over a period")
    nobody = _no_one_hit(trigger)
    if nobody is not None:
        return Blocked(Reason.NEGATED, f"no one: '{nobody.text}'")
    habit = _generic_object(trigger)
    if habit is not None:
        return Blocked(Reason.GENERIC_PRESENT, f"generic present: '{habit}'")
    if _whose_side(trigger):
        return Blocked(Reason.HABITUAL, f"whose side: '{trigger.text} {_whose_side(trigger)}'")
    reason = _governing_blocker(trigger)
    if reason and reason.reason not in _EXPLICIT \
            and _has_past_consequence(trigger):
        return None  # "called in an airstrike, which killed two": what it did says it happened
    return reason


def _whose_side(trigger: Token) -> str | None:
    """"the militias fighting alongside it", "foreign fighters fighting for the group": a participle
    that says whose side people are on describes them, it tells no fight (the preposition, or None)."""
    if trigger.dep_ != "acl" or trigger.tag_ != "VBG" or trigger.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return next((c.lower_ for c in trigger.children if c.dep_ == "prep" and c.lower_ in _SIDE_PREPOSITIONS), None)


#: Prepositions after "fighting" that say whose side, not where or against whom.
_SIDE_PREPOSITIONS = frozenset({"alongside", "beside", "for"})


def _no_one_hit(trigger: Token) -> Token | None:
    """"No women or children were injured or detained", "they detained no one": a verb whose
    victim is no one tells that it did not happen to anyone (the word that says so, or None)."""
    if trigger.pos_ != "VERB":
        return None
    verb = trigger
    patients = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
    if not patients and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        patients = [c for c in verb.head.children if c.dep_ == "nsubjpass"]  # "were injured or detained"
    for noun in patients:
        if noun.lower_ in {"nobody", "none"} or (noun.lower_ == "one" and noun.i > 0
                                                 and noun.doc[noun.i - 1].lower_ == "no"):
            return noun
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return noun
    return None


def _generic_object(noun: Token) -> str | None:
    """"The facilitator provides weapons for attacks against the police", "he leads attacks on
    convoys": a bare plural event noun that a simple-present verb governs (directly or through
    its preposition) tells what someone does, not one event (the verb, or None)."""
    if not is_event_noun(noun) or noun.tag_ != "NNS" or any(
            c.dep_ in {"nummod", "det", "poss"} for c in noun.children):
        return None
    if noun.dep_ not in {"dobj", "pobj"}:
        return None
    head = noun.head
    for _ in range(6):  # "supplies rifles to the gangs for raids": up the nouns and prepositions to the verb
        if head.pos_ == "VERB" or head.dep_ not in {"prep", "pobj", "dobj"}:
            break
        head = head.head
    if head.pos_ != "VERB" or head.tag_ not in {"VBZ", "VBP"} or head.lemma_ in lx.SPEECH_VERBS \
            or any(c.dep_ in {"aux", "auxpass"} for c in head.children):
        return None
    if not noun.sent.text.rstrip().endswith(".") or _headline(noun):
        return None
    return head.text


def _every_day(tok: Token) -> bool:
    """"every day", "almost every night", "daily", "nightly": a habit, not one event."""
    if tok.lower_ in {"daily", "nightly"}:
        return True
    nouns = [tok] if tok.pos_ == "NOUN" else [g for g in tok.children if g.dep_ == "pobj"]
    return any(n.lemma_ in {"day", "night", "week", "morning"} and any(
        c.dep_ in {"det", "nummod"} and c.lower_ in {"every", "each"} for c in n.children) for n in nouns)


def _has_past_consequence(trigger: Token) -> bool:
    """Whether an event noun has a relative clause in the simple past ("a strike that killed")."""
    return is_event_noun(trigger) and any(
        c.dep_ == "relcl" and c.tag_ == "VBD" and not any(g.dep_ == "neg" for g in c.children)
        for c in trigger.children)


def _governing_blocker(trigger: Token) -> Blocked | None:
    node = trigger
    steps = 0
    while steps < 8:
        steps += 1
        reason = _local_blocker(node, is_trigger=node is trigger)
        if reason:
            return reason
        head = node.head
        if head is node or node.dep_ in _CLAUSE_TOP:
            return None
        if node.dep_ == "relcl" and node.tag_ == "VBD" and is_event_noun(head):
            return None  # "... an airstrike which killed two": a past relative clause states a fact
        # A reporting verb states its complement as fact (unless it denies it).
        if head.lemma_ in lx.SPEECH_VERBS and node.dep_ in {"ccomp", "parataxis"}:
            return None
        if head.lemma_ in lx.IMPLICATIVE and node.dep_ == "xcomp":
            node = head
            continue
        if _is_governor(head, node):
            return Blocked(Reason.NOT_FACTUAL, f"governed by '{head.text}'")
        if head.lemma_ in {"flee", "escape"} and (node.dep_ in {"dobj", "xcomp"} or (
                node.dep_ == "prep" and node.lower_ == "from")):
            return Blocked(Reason.BACKGROUND, f"background of '{head.text}'")  # "families who fled fighting in the west"
        if node.dep_ == "dobj" and node.tag_ == "NNS" and (head.lemma_ in {"intensify", "escalate"} or (
                head.lemma_ in {"step", "ramp"} and any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children))):
            return Blocked(Reason.TREND, f"trend '{head.text}'")  # "has stepped up attacks on convoys this year"
        if node is trigger and _a_role(node):
            return Blocked(Reason.HABITUAL, f"a role: '{node.head.text} {node.text}'")
        if node.dep_ == "pobj" and head.lower_ == "without":
            return Blocked(Reason.WITHOUT, "negated by 'without'")
        if node.dep_ in {"xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
                and head.pos_ in {"VERB", "ADJ"} and head.lemma_ not in lx.IMPLICATIVE:
            # "were able to hold", "is expected to fall"
            if head.pos_ == "ADJ" or head.lemma_ in lx.NONFACTUAL_GOVERNORS:
                return Blocked(Reason.INFINITIVE, f"infinitive under '{head.text}'")
        node = head
    return None


def _a_role(noun: Token) -> bool:
    """"The commander coordinated IED attacks against the forces", "planned roadside bombings and
    other attacks", "was responsible for kidnappings": a bare plural event noun (no number, not
    "the") that a verb of organising governs, or that a person is said to be responsible for, is
    what someone did over time, not one event."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return False
    first = noun
    while first.dep_ == "conj" and first.head.pos_ == "NOUN" and first.head.tag_ == "NNS":
        first = first.head  # "roadside bombings and other attacks": the list's first noun is the object
    if any(c.dep_ == "nummod" or c.dep_ == "det" and c.lower_ in _PARTICULAR
           for n in {noun, first} for c in n.children):
        return False
    if any(c.dep_ == "amod" and c.lemma_ in lx.ORGANISING_VERBS for c in first.children):
        return True  # "actively planned attacks", parsed as an adjective
    if first.dep_ == "pobj" and first.head.lower_ == "for" and first.head.head.lower_ == "responsible":
        return True
    verb = first.head.head if first.dep_ == "pobj" else first.head if first.dep_ == "dobj" else None
    if verb is None:
        return False
    verbs = {verb, verb.head} if verb.dep_ == "conj" else {verb}
    verbs |= {c for c in verb.children if c.dep_ == "conj"}
    return any(v.lemma_ in lx.ORGANISING_VERBS for v in verbs)


#: Determiners that make a plural event noun particular ones ("the attacks", "these raids").
_PARTICULAR = frozenset({"the", "this", "that", "these", "those"})


def _is_modal(aux: Token, verb: Token) -> bool:
    """Whether a modal-looking auxiliary is one: not the month in "on 19 May", not the noun in
    "a bomb hidden in a trash can went off" (a modal never governs a past or present form)."""
    if aux.text == "May" and aux.i > aux.sent.start:
        return False
    return verb.tag_ not in {"VBD", "VBZ"}


def _reported_perfect(verb: Token) -> bool:
    """"The RSF claimed to have overrun the garrison", "troops were reported to have taken the
    town": a perfect infinitive under a reporting verb tells what was done, as "said" does."""
    return verb.tag_ == "VBN" and verb.dep_ == "xcomp" and verb.head.lemma_ in lx.SPEECH_VERBS and any(
        c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)


def _headline(trigger: Token) -> bool:
    """"Car bomb kills two in Benghazi.", "Gendarmes detain three activists in Bejaia.": a short
    sentence without articles that names a place, a group or a number is a headline, whose simple
    present tells one event. ("Gangs raid villages and kidnap residents." names nothing: a habit.)"""
    sent = trigger.sent
    words = [t for t in sent if not t.is_punct]
    if len(words) > _HEADLINE_WORDS or any(t.lower_ in lx.ARTICLES for t in sent):
        return False
    return any(t.ent_type_ in _NAMED or t.tag_ == "CD" for t in sent)


#: The most words of a headline, and the entities that make it tell one event.
_HEADLINE_WORDS = 14
_NAMED = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "CARDINAL"})


def _generic_present(trigger: Token) -> bool:
    """"The coalition only attacks military targets": a simple-present verb in a full
    sentence states a habit or a policy. Headlines ("Missile hits Dnipro") have no full stop."""
    tag = trigger.tag_
    if tag == "VB" and trigger.dep_ == "conj" and trigger.head.tag_ in {"VBZ", "VBP"} \
            and not any(c.dep_ == "aux" for c in trigger.children):
        tag = trigger.head.tag_  # "gangs who raid villages, kidnap residents and attack travellers"
    if tag not in {"VBZ", "VBP"} or not trigger.sent.text.rstrip().endswith(".") or _headline(trigger):
        return False
    if trigger.lower_ in {"set", "hit", "cut", "put", "shut", "beat", "burst"} or trigger.lower_.endswith("ed"):
        return False  # the past tense is spelled the same, or the tagger mistook a past form
    word = trigger.lower_
    bases = {word, word[:-1], word[:-2], word[:-3] + "y"} if word.endswith("s") else {word}
    if not bases & lx.VERB_KINDS.keys():
        return False  # "retook" tagged as a present: the spelling is not a present form
    return not any(c.dep_ in {"aux", "auxpass"} for c in trigger.children)


def _is_governor(head: Token, child: Token) -> bool:
    if head.lemma_.lower() not in lx.NONFACTUAL_GOVERNORS:
        return False
    if head.lemma_ in {"call", "request"} and any(c.dep_ == "nsubj" and c.lower_ in lx.FIGHTING_UNITS for c in head.children):
        return False  # "the security force called for precision air strikes": support called in arrives
    if child.dep_ == "conj" and child.pos_ == "VERB" and head.pos_ == "VERB":
        return False  # "tried to flee and were killed": a second, coordinated assertion
    # The subject of "continue" or "stop" is not governed by it: "Fighting continues".
    return child.dep_ not in {"nsubj", "nsubjpass", "npadvmod", "advmod", "punct", "cc"}


def _local_blocker(node: Token, *, is_trigger: bool) -> Blocked | None:
    for child in node.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and low in {"no", "neither"}):
            return Blocked(Reason.NEGATED, f"negated by '{child.text}'")
        if child.dep_ in {"aux", "auxpass"} and (low in lx.MODALS or child.lemma_ in lx.MODALS) \
                and _is_modal(child, node):
            return Blocked(Reason.MODAL, f"modal '{child.text}'")
        if child.dep_ == "aux" and low == "to" and node.pos_ == "VERB" and not is_trigger:
            # an infinitive clause between the trigger and its clause: "aimed at trying to take"
            if node.head.lemma_ not in lx.IMPLICATIVE and node.dep_ in {"xcomp", "advcl", "acl", "ccomp"}:
                return Blocked(Reason.INFINITIVE, f"infinitive '{node.text}'")
        if child.dep_ == "aux" and low == "to" and is_trigger and node.dep_ in {"advcl", "acl", "xcomp",
                                                                                "ccomp", "relcl"}:
            if node.head.lemma_ not in lx.IMPLICATIVE and not _reported_perfect(node):
                return Blocked(Reason.INFINITIVE, f"infinitive '{node.text}'")
        if child.dep_ == "mark" and low in lx.CONDITIONAL_MARKS:
            return Blocked(Reason.CONDITIONAL, f"conditional '{child.text}'")
        if child.dep_ == "advmod" and low in lx.HEDGE_ADVERBS and is_trigger:
            return Blocked(Reason.HEDGED, f"hedged by '{child.text}'")
        if child.dep_ == "advmod" and low in lx.HABITUAL_ADVERBS and is_trigger:
            return Blocked(Reason.HABITUAL, f"habitual '{child.text}'")
        if is_trigger and child.dep_ in {"npadvmod", "advmod", "pobj", "prep"} and _every_day(child):
            return Blocked(Reason.HABITUAL, f"habitual '{child.text}'")
        if is_trigger and node.dep_ == "pobj" and node.head.lower_ == "of" \
                and node.head.head.lower_ in lx.MASS_COUNTS:
            return Blocked(Reason.AGGREGATE, f"aggregate '{node.head.head.text}'")  # "hundreds of air attacks since the coup"
        if is_trigger and low == "since" and child.dep_ in {"advmod", "prep"} and any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in node.children):
            return Blocked(Reason.CUMULATIVE, "cumulative 'since'")  # "has since captured large parts of the province"
        if is_trigger and child.dep_ == "amod" and low in lx.REPEATED:
            return Blocked(Reason.HABITUAL, f"habitual '{child.text}'")  # "repeated raids", "near-daily shelling"
    if is_trigger and node.dep_ == "conj" and node.pos_ == "NOUN" and any(
            c.dep_ == "amod" and c.lower_ in lx.REPEATED for c in node.head.children):
        return Blocked(Reason.HABITUAL, "habitual (shared)")  # "repeated raids and air attacks"
    for child in node.children:
        low = child.lower_
        if is_trigger and child.dep_ == "prep" and low in {"during", "throughout"} and any(
                g.dep_ == "pobj" and g.lemma_.lower() in {"war", "conflict", "insurgency"} for g in child.children):
            return Blocked(Reason.AGGREGATE, f"aggregate '{child.text}'")  # "fought alongside the army during the war"
    return None
