"""The records the extraction steps pass on: a candidate event, its arguments and their evidence.

A :class:`Candidate` is one (trigger, sub-event type) pair of one sentence. The steps of
:mod:`eventwire.extraction.extract` take candidates and return new ones
(:func:`dataclasses.replace`), never changing what an earlier step emitted: :mod:`.find` makes
them, :mod:`.assertion` and :mod:`.retelling` may drop them, :mod:`.roles`, :mod:`.place`,
:mod:`.time` and :mod:`.toll` give them their arguments. Each argument carries its
:class:`Evidence` (the phrase read and the rule that chose it); a dropped candidate carries
a :class:`Drop`: the step and the :class:`Reason`. ``eventwire explain`` prints them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.extraction.triggers import Trigger
    from eventwire.records import Mention


class Reason(Enum):
    """Why a candidate was dropped: each member is (step, one-line explanation)."""

    # find: the rules and the recogniser
    UNTYPED = ("find", "an event word, but its arguments give it no type (no one armed, nothing hit)")
    WEAKER_WORD = ("find", "a weak event word ('killed', 'attack') beside a stronger one or one of its type")
    RAID_IS_THE_ARREST = ("find", "a raid in a sentence that tells an arrest: how the arrest was made")
    LOOTING_OF_A_RIOT = ("find", "looting by no one named in a sentence that tells a riot: part of the riot")
    TOLL_OF_ANOTHER_WORD = ("find", "a killing in or by another event word ('killed in the raids'): its toll")
    KILLING_IN_A_CLASH = ("find", "'..., killing five' after a clash with an armed side: the clash's toll")
    ATTACK_TOLD_BY_ITS_KILLING = ("find", "an attack on no armed side told by the killing it did: one event")
    RECOGNISER_NO_EVENT = ("find", "the recogniser is confident the sentence tells no event")
    NO_ANCHOR = ("find", "the recogniser found a type, but the sentence has no word to hang it on")
    LEARNED_UNASSERTED = ("find", "the recogniser found a type, but none of the sentence's words is asserted")
    # assertion: the article does not say that it happened
    QUESTION = ("assertion", "the sentence is a question")
    GENERIC_PRESENT = ("assertion", "a simple present: what is usually done, not one event")
    RUNNING_TOTAL = ("assertion", "a running total of a whole conflict ('the war has killed thousands')")
    ONGOING = ("assertion", "a situation that went on for weeks or years, not one event")
    PERIOD_TOTAL = ("assertion", "a total over a period or a country ('killed this year')")
    NOT_FACTUAL = ("assertion", "under a word that makes it no fact: a plan, threat, attempt or denial")
    BACKGROUND = ("assertion", "what people fled from: background, not the event told")
    TREND = ("assertion", "a trend ('stepped up attacks'), not one event")
    WITHOUT = ("assertion", "negated by 'without' ('surrendered without a fight')")
    INFINITIVE = ("assertion", "an infinitive not said to have happened ('threatened to capture')")
    NEGATED = ("assertion", "negated ('did not strike', 'no strikes')")
    MODAL = ("assertion", "under a modal ('could fall', 'will attack')")
    CONDITIONAL = ("assertion", "a condition ('if they attack', 'whether they shelled')")
    HEDGED = ("assertion", "hedged: it nearly happened or never did")
    HABITUAL = ("assertion", "a habit or pattern ('often', 'every night', 'repeated raids')")
    AGGREGATE = ("assertion", "many events counted together ('hundreds of attacks', 'during the war')")
    CUMULATIVE = ("assertion", "a cumulative 'has since', not one event")
    # roles
    CLAIM_OF_A_TOLD_EVENT = ("roles", "a claim of an event told before: it names that event's doer")
    # toll
    TOLL_OF_THE_LAST = ("toll", "a passive killing with nothing of its own after a report without a toll: its toll")
    # retelling: an event already told in the article
    TIME_REFERENCE = ("retelling", "an event used as a point in time ('after the attack', 'since Kenya sent troops')")
    RANKED = ("retelling", "an event told, then ranked ('the deadliest attack in years')")
    RELATIVE_RETELLING = ("retelling", "people named by an event already told ('the men who attacked the depot')")
    DEFINITE_RETELLING = ("retelling", "'the attack' with no time or new place after an event of its kind")
    ANSWERED = ("retelling", "an event told before, named as what a new act answers ('in solidarity with the rally')")

    @property
    def step(self) -> str:
        return self.value[0]

    @property
    def text(self) -> str:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class Drop:
    """Why a candidate was not coded: the step, the reason and the word that showed it."""

    reason: Reason
    detail: str = ""

    @property
    def step(self) -> str:
        return self.reason.step


@dataclass(frozen=True, slots=True)
class Evidence:
    """One argument's value, the phrase it was read from and the rule that chose it."""

    argument: str  # actor1, actor2, place, date, fatalities
    value: str | int | None
    phrase: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """One event a sentence may tell, as it goes through the steps.

    ``found`` is the trigger (None for an event told without a word of its own: "others were
    in Helmand", or a sentence-wide drop of the recogniser's types); ``rule_type`` the type the
    trigger rules gave (None: the recogniser alone found it); ``score`` the recogniser's
    probability of ``sub_event_type`` (None: recogniser off). ``mention`` is the record once
    the candidate has its arguments, ``evidence`` how each argument came; ``dropped`` says
    which step dropped it and why.
    """

    sentence_index: int
    sentence: str
    found: Trigger | None
    sub_event_type: str
    kind: str = ""
    rule_type: str | None = None
    score: float | None = None
    mention: Mention | None = None
    evidence: tuple[Evidence, ...] = ()
    dropped: Drop | None = None

    @property
    def trigger(self) -> str:
        if self.found is not None:
            return self.found.token.text
        return self.mention.trigger if self.mention is not None else ""

    def drop(self, reason: Reason, detail: str = "") -> Candidate:
        return replace(self, dropped=Drop(reason, detail))

    def given(self, mention: Mention, *evidence: Evidence) -> Candidate:
        """A copy with ``mention`` as its record and ``evidence`` replacing that of the same arguments."""
        names = {e.argument for e in evidence}
        kept = tuple(e for e in self.evidence if e.argument not in names)
        return replace(self, mention=mention, evidence=kept + evidence)

    def stored(self) -> str:
        """How the candidate was coded, as the JSON stored with its mention: the trigger's kind,
        the rules' type, the type's score and each argument's value, phrase and rule."""
        return json.dumps({"kind": self.kind or None, "rule_type": self.rule_type,
                           "score": None if self.score is None else round(self.score, 4),
                           "arguments": [{"argument": e.argument, "value": e.value, "phrase": e.phrase,
                                          "rule": e.rule} for e in self.evidence]}, sort_keys=True)

    @property
    def record(self) -> Mention:
        """The mention of a candidate that has its arguments."""
        if self.mention is None:
            raise ValueError(f"candidate {self.trigger!r} has no arguments yet")
        return self.mention


@dataclass(frozen=True, slots=True)
class SentenceTrail:
    """What the steps made of one sentence: the recogniser's types, the candidates coded and dropped."""

    index: int
    text: str
    start: int
    types: tuple[tuple[str, float], ...]  # the recogniser's most likely types, best first
    none: float | None  # the recogniser's probability that the sentence tells no event
    coded: tuple[Candidate, ...] = ()
    dropped: tuple[Candidate, ...] = ()
