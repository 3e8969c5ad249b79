"""Time: when each event word happened (the date step), from the date expressions of its sentence.

A date expression attaches to the trigger it modifies, else to another word of the
trigger's clause; a date on a reporting verb ("said on Monday") is the report's, not
the event's, except when the event is only told as what that dated statement says.
A report with no date of its own borrows the date of the same kind of event told just
before, or of the sentence before (the lede's "yesterday"): :func:`date_of` makes that choice
and names the rule that gave it.

Needs: a parsed ``Doc`` and the article's dates from :mod:`eventwire.analysis.dates`. Gives:
:class:`TimeRef` records and :class:`~eventwire.records.DateSpan` values for mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.analysis.dates import TimeExpression, find_dates, span_after
from eventwire.analysis.numbers import find_numbers
from eventwire.extraction.candidates import Evidence
from eventwire.extraction.triggers import opens_with_when, trigger_kind
from eventwire.records import Article, DateSpan, Mention

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc, Span, Token

#: How many sentences back a mention may look for a place or date it lacks.
LOOKBACK = 3
#: How many sentences back "the same afternoon" or "the next day" may find the day it counts from: the cue says
#: outright that the date is the last told event's, so the lines between (details, quotes) do not matter.
SAME_TIME_LOOKBACK = 5
#: A date told just before that ends this many days before an event told just before is history, not a date to lend.
BACKGROUND_DAYS = 30
#: How many sentences back an undated act of violence or arrest may find the day its story told.
STORY_REACH = 6


# "the previous day", "the following night", "two days later": an offset told with no anchor of its own
_BARE_OFFSET = re.compile(
    r"^the\s+(?P<dir>next|following|previous|preceding)\s+(?:day|night|morning|afternoon|evening)$"
    r"|^(?P<n>\w+)\s+(?P<unit>day|week)s?\s+(?P<dir2>later|earlier)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimeRef:
    expr: TimeExpression
    root: Token | None
    sent_index: int


def time_refs(doc: Doc, article: Article, sents: list[Span]) -> list[TimeRef]:
    refs: list[TimeRef] = []
    starts = [s.start_char for s in sents]

    for expr in find_dates(article.text, published=article.published, year_hint=article.year_hint):
        si = max(bisect.bisect_right(starts, expr.start) - 1, 0)
        anchor = next((r for r in reversed(refs) if r.root is None or clause_verb(r.root).lemma_ not in lx.SPEECH_VERBS),
                      None)
        if expr.kind == "relative" and not expr.span.known and anchor is not None \
                and si - anchor.sent_index <= SAME_TIME_LOOKBACK:
            # "Rebels shelled Rutshuru on Tuesday. The next day, troops retook it.": counted from the
            # day of the event told just before (not a statement's day: "the ministry said on Wednesday");
            # the offset says outright that it counts from that day, as "the same afternoon" does
            expr = replace(expr, span=offset_from(expr.text, anchor.expr.span, published=article.published))
        if expr.kind == "vague" or not expr.span.known:
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        refs.append(TimeRef(expr, root, si))
    return refs


def offset_from(expression: str, anchor: DateSpan, *, published: dt.date | None) -> DateSpan:
    """The day of a bare offset ("the previous day", "the next morning", "two days later") counted
    from ``anchor``, the day the text told just before it (unknown when ``expression`` is no such
    offset, the anchor is no day, or the count is vague: "a few days later")."""
    found = _BARE_OFFSET.match(" ".join(expression.split()))
    if found is None or anchor.precision != "day":
        return DateSpan.unknown()
    if found.group("dir"):
        days = 1 if found.group("dir").lower() in {"next", "following"} else -1
    else:
        word = found.group("n")
        count = [(0, len(word), 1)] if word.lower() in {"a", "an"} else find_numbers(word)  # never "a few"
        if len(count) != 1 or count[0][2] < 1:
            return DateSpan.unknown()
        days = count[0][2] * (7 if found.group("unit").lower() == "week" else 1)
        days = days if found.group("dir2").lower() == "later" else -days
    span = span_after(anchor, days=days, published=published)
    return DateSpan(span.start, span.end, span.precision, expression) if span.known else span


def clause_verb(tok: Token) -> Token:
    node = tok
    while node.dep_ in {"aux", "auxpass"} and node.head is not node:
        node = node.head
    for _ in range(10):
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            return node
        node = node.head
    return node


def date_for(tok: Token, si: int, times: list[TimeRef]) -> DateSpan:
    when = _when_of_a_date(tok)
    if when.known:
        return when
    best: tuple[int, int, DateSpan] | None = None
    for ref in times:
        if ref.sent_index != si or ref.root is None:
            continue
        prio = _attachment(ref.root, tok)
        if prio is None:
            continue
        if prio == 1 and (ref.root.dep_ == "poss" or clause_verb(ref.root).i != clause_verb(tok).i):
            # "last year's agreement": a date of something else in the sentence; but "forces
            # confirmed the arrest of X and seized drugs in Helmand Sunday": the act told beside it
            verb = clause_verb(ref.root)
            beside = verb.dep_ == "conj" and verb.head.lemma_ in lx.SPEECH_VERBS \
                and any(verb.head.i == a.i for a in tok.ancestors)
            # "a strike killed 56 people and wounded 30 late on Friday": the day of the verb
            # joined to the trigger's own (its clause names none of its own, or prio 0 would win)
            beside = beside or (verb.dep_ == "conj" and verb.head.i == clause_verb(tok).i)
            if not beside and not any(verb.i == a.i for a in tok.ancestors):
                continue
        cand = (prio, abs(ref.root.i - tok.i), ref.expr.span)
        if best is None or cand[:2] < best[:2]:
            best = cand
    return best[2] if best else _victims_day(tok, si, times)


def _when_of_a_date(tok: Token) -> DateSpan:
    """"... since October 2024, when fighters attacked the base at Barkaram": an act told in a
    "when" clause on a date happened at that date, whatever the phrase around it says ("since",
    "until" give no day of their own). Only a date that needs no publication day to resolve."""
    if tok.dep_ != "relcl" or tok.head.ent_type_ != "DATE" or not opens_with_when(tok):
        return DateSpan.unknown()
    ent = next((e for e in tok.doc.ents if e.start <= tok.head.i < e.end), None)
    found = [e for e in find_dates(ent.text, published=None) if e.span.known] if ent is not None else []
    return found[0].span if found else DateSpan.unknown()


def _victims_day(tok: Token, si: int, times: list[TimeRef]) -> DateSpan:
    """"The ELN seized two soldiers who were travelling near Tame on Friday": with no date of its
    own, the event takes the day of a relative clause on its own victims or target (what they were
    doing when it happened), or of a clause below the event word ("shot him as he left the court on
    Tuesday"). Only a day: "the town, which they had held since 2023" is no event day."""
    for ref in times:
        if ref.sent_index != si or ref.root is None or ref.expr.span.precision != "day":
            continue
        verb = clause_verb(ref.root)
        if verb.dep_ in {"relcl", "acl"} and _argument_of(verb.head, tok):
            return ref.expr.span
        if verb.dep_ in {"advcl", "relcl", "acl", "xcomp"} and verb.lemma_ not in lx.SPEECH_VERBS \
                and _dominates(tok, verb):
            return ref.expr.span  # "shot dead an activist as she left a pharmacy on Tuesday"
    return DateSpan.unknown()


def sentence_day(si: int, times: list[TimeRef], sent: Span) -> DateSpan:
    """"Police fired on students marching to the rectorate on Wednesday, arresting 15": a sentence
    that names one date, a day, and no other tells the day of its event, wherever the parse hangs it
    (on the marchers, the car the bomb hit, the man accused of theft). Not a reporting verb's day
    ("the army said on Friday"), and not when the sentence names two dates or a wider time, even one
    that does not resolve ("on Monday, a week after the attack on the depot": which is the event's?)."""
    own = [ref for ref in times if ref.sent_index == si]
    if len(own) != 1 or own[0].root is None or own[0].expr.span.precision != "day":
        return DateSpan.unknown()
    if sum(1 for e in find_dates(sent.text, published=None) if e.kind != "vague") > 1:
        return DateSpan.unknown()
    root = own[0].root
    if root.dep_ == "poss" or clause_verb(root).lemma_ in lx.SPEECH_VERBS:
        return DateSpan.unknown()
    return own[0].expr.span


def reported_date(tok: Token, si: int, times: list[TimeRef]) -> DateSpan:
    """"The army said on Friday that its soldiers had retaken the palace": an event with no
    date of its own, told in what a dated statement says, is coded on the statement's day."""
    if tok.pos_ != "VERB":
        return DateSpan.unknown()  # "said on Monday that the strikes were lawful": a comment, not the act
    node = tok
    while node.dep_ in {"conj", "xcomp"} and node.head is not node:
        node = node.head  # "said that they had stormed and taken the town"
    if node.dep_ != "ccomp" or node.head.lemma_ not in lx.SPEECH_VERBS:
        return DateSpan.unknown()
    speech = node.head
    for ref in times:
        if ref.sent_index == si and ref.root is not None and clause_verb(ref.root).i == speech.i:
            return ref.expr.span
    return DateSpan.unknown()


def _attachment(root: Token, trigger: Token) -> int | None:
    """0: the expression modifies the trigger; 1: elsewhere in the sentence; None: a reporting date."""
    node = root
    for _ in range(12):
        if node.i == trigger.i:
            return 0
        if node.pos_ == "NOUN" and node.lemma_.lower() in lx.SCENE_NOUNS and node.dep_ == "pobj" \
                and node.head.lower_ == "during":
            return 1  # "confirmed the capture of X during an operation in Khost Nov 25": the operation's day
        head = node.head
        if head is node:
            break
        if node.dep_ == "relcl" and node.pos_ in {"VERB", "AUX"} and head.i != trigger.i \
                and trigger_kind(head) is None and _dominates(trigger, node):
            return 1  # "recaptured the palace, which the RSF had held since 2023": that clause's date
        if head.lemma_ in lx.SPEECH_VERBS and head.i != trigger.i and _told_as_reported(trigger, head):
            return 1  # "fighting was reported around Lalibela on 11 June": the event's own day
        if head.lemma_ in lx.SPEECH_VERBS and head.i != trigger.i and not _dominates(head, trigger):
            return None
        if head.lemma_ in lx.SPEECH_VERBS and head.i != trigger.i and node.dep_ in {"npadvmod", "prep", "advmod",
                                                                                  "tmod", "pobj"}:
            return 1 if _before_a_postposed_source(root, trigger, head) else None
        node = head
    return 1


def _before_a_postposed_source(root: Token, trigger: Token, speech: Token) -> bool:
    """"Fighting went on around Sake on Thursday, residents said": a date after the event word and
    before a source told after the news (its subject after the date too) is the event's, however
    the parse hung it on the reporting verb; "police said on Wednesday that ..." is not."""
    subjects = [c for c in speech.children if c.dep_ == "nsubj"]
    return trigger.i < root.i < speech.i and bool(subjects) and all(root.i < s.i for s in subjects)


def _argument_of(noun: Token, tok: Token) -> bool:
    """Whether ``noun`` is what the event word acts on: its object ("seized two soldiers"), passive
    subject, or the object of its preposition ("fired tear gas at students")."""
    if noun.head.i == tok.i:
        return noun.dep_ in {"dobj", "nsubjpass", "npadvmod"}
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i == tok.i


def _told_as_reported(trigger: Token, speech: Token) -> bool:
    """"Heavy fighting was reported on 11 June": the event word is the passive subject of the
    reporting verb, so that verb's date is when the event was seen, not when someone spoke."""
    return trigger.head.i == speech.i and trigger.dep_ == "nsubjpass"


def _dominates(head: Token, tok: Token) -> bool:
    return any(a.i == head.i for a in tok.ancestors)


def inherited_date(family: str, earlier: list[Mention], sent: Span) -> DateSpan:
    """The date of the closest earlier mention of the same family in this or the previous sentences."""
    for mention in reversed(earlier):
        if mention.event_type == family and mention.dates.known \
                and mention.start >= _sentence_start_before(sent, LOOKBACK - 1):
            return mention.dates
    return DateSpan.unknown()


def same_time(sent: Span, earlier: list[Mention]) -> DateSpan:
    """"The same afternoon, police fired tear gas": a sentence that dates its event by the one
    told before it takes the date of the closest earlier mention (of any kind) in the sentences just before."""
    text = " " + " ".join(sent.text.lower().split()) + " "
    if not any(f" {cue} " in text or f" {cue}," in text for cue in lx.SAME_TIME_CUES):
        return DateSpan.unknown()
    return next((m.dates for m in reversed(earlier) if m.dates.known and m.start < sent.start_char
                 and m.start >= _sentence_start_before(sent, SAME_TIME_LOOKBACK)), DateSpan.unknown())


def _background(dates: DateSpan, earlier: list[Mention], sent: Span) -> bool:
    """Whether a date told just before is history recalled between two reports ("a decision that set
    off protests in November 2024"): an event told in the sentences before is dated more than
    :data:`BACKGROUND_DAYS` after it ends."""
    if dates.end is None:
        return False
    since = _sentence_start_before(sent, LOOKBACK - 1)
    return any(m.dates.start is not None and m.start >= since and (m.dates.start - dates.end).days > BACKGROUND_DAYS
               for m in earlier)


def lede_date(si: int, times: list[TimeRef]) -> DateSpan:
    """The event date of the sentence just before ("... in Helmand yesterday. Forces detained two.")."""
    return _last_told(si, times, reach=2, days_only=False)


def story_day(si: int, times: list[TimeRef]) -> DateSpan:
    """The last day (a day, not a month or a year) told in the :data:`STORY_REACH` sentences before
    sentence ``si``: a story tells its day once and what happened on it after."""
    return _last_told(si, times, reach=STORY_REACH, days_only=True)


def _last_told(si: int, times: list[TimeRef], *, reach: int, days_only: bool) -> DateSpan:
    """The last date told in the ``reach`` sentences before sentence ``si``, not a statement's."""
    for ref in reversed(times):
        if si - reach <= ref.sent_index < si and ref.root is not None \
                and (not days_only or ref.expr.span.precision == "day") \
                and clause_verb(ref.root).lemma_ not in lx.SPEECH_VERBS:  # ("the spokesperson said on Monday")
            return ref.expr.span
    return DateSpan.unknown()


def _sentence_start_before(sent: Span, back: int) -> int:
    doc = sent.doc
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return doc[start].idx


def date_of(tok: Token, sub: str, sent: Span, si: int, times: list[TimeRef],
            earlier: list[Mention], operation: tuple[int, DateSpan, bool] | None = None) -> tuple[DateSpan, str]:
    """The date of an event word of type ``sub``, and the rule that gave it: its own date
    expression, else the day of the statement that tells it, else (in a full sentence) the date
    of the event just told when the sentence says so ("the same afternoon", "hours later"), else
    the date of the same kind of event just told, else the date of the operation a sentence that
    points back refers to (``operation``: the last operation's sentence index and date, and whether
    the sentence points back to it), else, for violence and arrests, the lede's date, else the
    date of the last operation told."""
    dates = date_for(tok, si, times)
    if dates.known:
        return dates, "the date expression attached to the trigger"
    dates = reported_date(tok, si, times)
    if dates.known:
        return dates, "the day of the statement that tells it"
    dates = sentence_day(si, times, sent)
    if dates.known:
        return dates, "the one day the sentence names"
    if not sent.text.rstrip().endswith((".", "!", '"', "”")):
        return dates, "no date of its own (not a full sentence)"
    dates = same_time(sent, earlier)
    if dates.known:
        return dates, "'the same afternoon', 'hours later': the date of the event just told"
    family = tx.event_type(sub)
    dates = inherited_date(family, earlier, sent)
    if dates.known:
        return dates, "the date of the same kind of event just told"
    in_scene = operation is not None and operation[1].known and (family in tx.VIOLENT_EVENT_TYPES
                                                                 or sub in tx.SCENE_TYPES)
    if in_scene and operation is not None and operation[2]:
        # "forces conducted an operation in X today ... During the operation, the force detained two"
        return operation[1], f"the date of the operation told in sentence {operation[0] + 1}"
    if family in tx.VIOLENT_EVENT_TYPES or sub == tx.ARRESTS:
        dates = lede_date(si, times)
        if dates.known and not _background(dates, earlier, sent):
            return dates, "the date of the sentences just before"
    if in_scene and operation is not None:
        # "... conducted an operation west of Nad-e Ali yesterday. [two sentences] Several men were detained."
        return operation[1], f"the date of the operation told in sentence {operation[0] + 1}, the last one told"
    if family in tx.VIOLENT_EVENT_TYPES or sub == tx.ARRESTS:
        dates = story_day(si, times)
        if dates.known:
            # "forces targeted a leader in X today. [four sentences on him and the raid] the force apprehended two"
            return dates, "the day the story told last, a few sentences before"
    return dates, "no date told"


def evidence(dates: DateSpan, rule: str) -> Evidence:
    """The date evidence of a mention."""
    return Evidence("date", dates.start.isoformat() if dates.start else None, dates.text, rule)
