"""Temporal expressions in news text, resolved against the publication date.

``find_dates`` scans a sentence (or any text) with regular expressions and returns
every temporal expression with the :class:`~eventwire.records.DateSpan` it stands
for; ``resolve`` does the same for one expression. dateparser is only a fallback
for explicit dates the rules miss ("January the 5th"), imported on first use.

Rules (TAXONOMY.md, "Places and dates"), ``p`` being the publication date:

=====================================================  ==================================
expression                                             span (precision)
=====================================================  ==================================
weekday ("Monday", "on Thursday night", "late Friday")  latest such day on or before p (day)
"last Monday"                                          latest such day strictly before p
"yesterday", "last night"                              p-1 (day)
"today", "this morning", "tonight", "earlier today"    p (day)
"overnight"                                            p-1 .. p (range)
"over the past N days", "in the last N hours"          p-N .. p, hours rounded up (range)
"in recent days" / "in recent weeks"                   p-7 .. p / p-28 .. p (range)
"this week" / "last week"                              Monday .. p / previous Mon .. Sun (week)
"over the weekend", "at the weekend"                   latest Saturday .. Sunday, to p (range) [1]_
"this month" / "last month"                            1st .. p / previous month (month)
"this year" / "last year"                              1 Jan .. p / previous year (year)
"N days ago" / "N weeks ago" / "N months ago"          that day (day) / week / month
"Jan. 5", "5 January", "January 5, 2011", ISO dates    that day (day); "Jan. 5-7" (range)
"in May", "mid-August", "May 2021"                     that month, to p if running (month)
"in 2019"                                              that year, to p if running (year)
=====================================================  ==================================

.. [1] published on a Saturday, "over the weekend" is that Saturday (a range clipped
   to one day becomes precision ``day``); "last weekend" is then the one before.

Decisions:

- A month-day without a year takes p's year, or the year before when that would
  be after p; without p, ``year_hint``; without either it is unknown. "in May"
  with no year is the latest May that began on or before p.
- Nothing resolves after p. Windows that run past p end at p; an explicit date
  after p is a plan or forecast: kind ``vague``, span unknown.
- Bounds and plans ("since May", "until 2019", "by the end of August", "within
  30 days", "in 30 to 90 days", "next week", "tomorrow") are returned with kind
  ``vague`` and an unknown span, so a caller can see the sentence is about a
  bound or a plan rather than an event date.
- Offsets from another event ("a day after ...", "the day before", "the next
  day", "two days later") are kind ``relative``. When the anchor is a date that
  resolves ("two days after Jan. 5") the shift is computed; otherwise unknown.
- Without p, relative and weekday expressions are returned with an unknown
  span; explicit dates with a year still resolve.
- Numeric dates other than ISO ``2021-08-12`` (``12/08/2021``) are ambiguous
  between day-first and month-first and are not read.
- "early", "mid" and "late" a month give the whole month (precision month).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.analysis.numbers import parse_number
from eventwire.analysis.prefilter import Prefiltered, fold
from eventwire.records import DateSpan

__all__ = ["TimeExpression", "find_dates", "resolve", "span_after"]

KINDS = ("relative", "weekday", "explicit", "duration", "vague")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression found in a text, with its resolved span."""

    start: int  # character offset in the given text
    end: int
    text: str
    span: DateSpan
    kind: str  # one of KINDS


@dataclass(frozen=True, slots=True)
class _Context:
    published: dt.date | None
    year_hint: int | None


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
#: month names spelled out (the rest of ``_MONTHS`` are abbreviations)
_FULL_MONTHS = tuple(name for name in _MONTHS if len(name) > 4 or name in ("may", "june", "july"))
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_ALT_WEEKDAY = "|".join(_WEEKDAYS)
_ALT_FULL = "|".join(sorted(_FULL_MONTHS, key=len, reverse=True))
_ALT_ABBR = "|".join(sorted((n for n in _MONTHS if n not in _FULL_MONTHS), key=len, reverse=True))
#: a month name; only an abbreviation takes a following dot ("Sept.", not "January.")
_MONTH_NAME = rf"(?:(?:{_ALT_FULL})(?![\w])|(?:{_ALT_ABBR})(?:\.|(?![\w])))"


def _month(group: str) -> str:
    return rf"(?P<{group}>{_MONTH_NAME})"


_WEEKDAY = rf"(?P<wd>{_ALT_WEEKDAY})(?![\w])"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d|,\d)"  # "in 2012, the ..." is a year; "2012,5" is not
_NUMBER_WORDS = (r"\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                 r"seventy|eighty|ninety|hundred|a\s+couple\s+of|a\s+couple|couple\s+of|couple|a\s+few|few|"
                 r"several")
_COUNT = rf"(?P<n>{_NUMBER_WORDS})(?![\w])"
_ANY_COUNT = rf"(?:{_NUMBER_WORDS})(?:[\s-](?:{_NUMBER_WORDS}))?(?![\w])"
_UNIT = r"(?P<unit>hour|day|night|week|month|year)s?(?![\w])"


# --------------------------------------------------------------------- dates

def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift(day: dt.date | None, days: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _span(start: dt.date | None, end: dt.date | None, precision: str, ctx: _Context) -> DateSpan | None:
    """A span ending no later than publication; None when it starts after it."""
    if start is None or end is None:
        return None
    if ctx.published is not None:
        if start > ctx.published:
            return None
        end = min(end, ctx.published)
    if precision == "range" and start == end:
        precision = "day"
    return DateSpan(start, end, precision)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    first = _date(year, month, 1)
    if first is None:
        return None
    return first, dt.date(year, month, calendar.monthrange(year, month)[1])


def _count(raw: str | None) -> int | None:
    if raw is None:
        return None
    word = " ".join(raw.lower().split())
    if word in ("a", "an"):
        return 1
    if word in ("a couple of", "a couple", "couple of", "couple"):
        return 2
    if word in ("a few", "few", "several"):
        return 5  # a deliberately wide window: "a few days" is 2 to 5
    return parse_number(word)


def _year_for(month: int, day: int, ctx: _Context) -> int | None:
    """The year of a month-day given without one: publication's, or the one before."""
    if ctx.published is None:
        return ctx.year_hint
    year = ctx.published.year
    while _date(year, month, day) is None and year > ctx.published.year - 8:  # 29 February
        year -= 1
    candidate = _date(year, month, day)
    if candidate is not None and candidate > ctx.published:
        year -= 1
        while _date(year, month, day) is None and year > ctx.published.year - 9:
            year -= 1
    return year


# ----------------------------------------------------------------- handlers
# A handler gets the match and the context and returns (span, kind); a span of
# None means "known expression, unknown date"; returning None drops the match.

_Result = tuple[DateSpan | None, str] | None


def _relative_day(offset: int) -> Callable[[re.Match[str], _Context], _Result]:
    def handler(match: re.Match[str], ctx: _Context) -> _Result:
        day = _shift(ctx.published, -offset)
        return _span(day, day, "day", ctx), "relative"
    return handler


def _overnight(match: re.Match[str], ctx: _Context) -> _Result:
    return _span(_shift(ctx.published, -1), ctx.published, "range", ctx), "relative"


def _past_window(match: re.Match[str], ctx: _Context) -> _Result:
    unit = match.group("unit").lower()
    count = _count(match.group("n")) if match.group("n") else 1
    if count is None or ctx.published is None:
        return None, "duration"
    if unit == "hour":
        days = max(1, -(-count // 24))
    else:
        days = count * {"day": 1, "night": 1, "week": 7, "month": 30, "year": 365}[unit]
    return _span(_shift(ctx.published, -days), ctx.published, "range", ctx), "duration"


def _recent(match: re.Match[str], ctx: _Context) -> _Result:
    days = 7 if match.group("unit").lower() == "day" else 28
    return _span(_shift(ctx.published, -days), ctx.published, "range", ctx), "duration"


def _ago(match: re.Match[str], ctx: _Context) -> _Result:
    unit = match.group("unit").lower()
    count = _count(match.group("n"))
    p = ctx.published
    if count is None or p is None:
        return None, "relative"
    step = {"hour": 0, "day": 1, "night": 1, "week": 7, "month": 30, "year": 365}[unit]
    if unit == "hour":
        return _span(_shift(p, -max(1, -(-count // 24))), p, "range", ctx), "relative"
    if re.search(r"few|several|couple", match.group("n"), re.IGNORECASE):
        # "a few days ago": somewhere between two and five units back
        return _span(_shift(p, -count * step), _shift(p, -step), "range", ctx), "relative"
    if unit in ("day", "night"):
        day = _shift(p, -count)
        return _span(day, day, "day", ctx), "relative"
    if unit == "week":
        day = _shift(p, -7 * count)
        monday = _shift(day, -day.weekday()) if day else None
        return _span(monday, _shift(monday, 6), "week", ctx), "relative"
    if unit == "month":
        months = p.year * 12 + p.month - 1 - count
        bounds = _month_span(months // 12, months % 12 + 1) if months >= 12 else None
        return (_span(*bounds, "month", ctx) if bounds else None), "relative"
    return _span(_date(p.year - count, 1, 1), _date(p.year - count, 12, 31), "year", ctx), "relative"


def _week(match: re.Match[str], ctx: _Context) -> _Result:
    p = ctx.published
    if p is None:
        return None, "relative"
    monday = _shift(p, -p.weekday())
    if match.group("which").lower() == "last":
        monday = _shift(monday, -7)
        return _span(monday, _shift(monday, 6), "week", ctx), "relative"
    return _span(monday, p, "week", ctx), "relative"


def _weekend(match: re.Match[str], ctx: _Context) -> _Result:
    p = ctx.published
    if p is None:
        return None, "relative"
    saturday = _shift(p, -((p.weekday() - 5) % 7))
    which = (match.group("which") or "").lower()
    if which == "last" and p.weekday() >= 5:
        saturday = _shift(saturday, -7)
    return _span(saturday, _shift(saturday, 1), "range", ctx), "relative"


def _month_rel(match: re.Match[str], ctx: _Context) -> _Result:
    p = ctx.published
    if p is None:
        return None, "relative"
    if match.group("which").lower() == "last":
        months = p.year * 12 + p.month - 2
        bounds = _month_span(months // 12, months % 12 + 1) if months >= 12 else None
        return (_span(*bounds, "month", ctx) if bounds else None), "relative"
    return _span(p.replace(day=1), p, "month", ctx), "relative"


def _year_rel(match: re.Match[str], ctx: _Context) -> _Result:
    p = ctx.published
    if p is None:
        return None, "relative"
    year = p.year - 1 if match.group("which").lower() == "last" else p.year
    return _span(_date(year, 1, 1), _date(year, 12, 31), "year", ctx), "relative"


def _weekday(match: re.Match[str], ctx: _Context) -> _Result:
    p = ctx.published
    if p is None:
        return None, "weekday"
    target = _WEEKDAYS[match.group("wd").lower()]
    back = (p.weekday() - target) % 7
    if match.group("last") and back == 0:
        back = 7
    day = _shift(p, -back)
    if match.group("over"):
        return _span(day, _shift(day, 1), "range", ctx), "weekday"
    return _span(day, day, "day", ctx), "weekday"


def _since_weekday(match: re.Match[str], ctx: _Context) -> _Result:
    """"since Saturday": from the last such day before the report up to the report's day."""
    p = ctx.published
    if p is None:
        return None, "duration"
    back = (p.weekday() - _WEEKDAYS[match.group("wd").lower()]) % 7 or 7
    return _span(_shift(p, -back), p, "range", ctx), "duration"


def _explicit_result(start: dt.date | None, end: dt.date | None, precision: str,
                     ctx: _Context) -> _Result:
    if start is None or end is None:
        return None
    span = _span(start, end, precision, ctx)
    return (span, "explicit") if span is not None else (None, "vague")


def _month_day(match: re.Match[str], ctx: _Context) -> _Result:
    name = match.group("m")
    if name[0].islower():  # "the 14 may be", "to mar 3 events": news capitalises months
        return None
    month = _MONTHS[name.lower().rstrip(".")]
    day = int(match.group("d"))
    last = int(match.group("d2")) if match.group("d2") else day
    if not 1 <= day <= last <= 31:
        return None
    if _date(2000, month, day) is None or _date(2000, month, last) is None:  # 2000: leap year
        return None
    year = int(match.group("y")) if match.group("y") else _year_for(month, day, ctx)
    if year is None:
        return None, "explicit"
    start, end = _date(year, month, day), _date(year, month, last)
    if start is None:  # 29 February of a common year
        return None
    return _explicit_result(start, end, "day" if last == day else "range", ctx)


def _iso(match: re.Match[str], ctx: _Context) -> _Result:
    day = _date(int(match.group("y")), int(match.group("mo")), int(match.group("d")))
    return _explicit_result(day, day, "day", ctx)


def _month_only(match: re.Match[str], ctx: _Context) -> _Result:
    name = match.group("m")
    if re.match(r"\s+the\s+\d", match.string[match.end():]):
        return None  # "January the 5th": left to the dateparser fallback
    month = _MONTHS[name.lower().rstrip(".")]
    has_year = match.group("y") is not None
    qualified = bool(match.group("pre") or match.group("q"))
    if not has_year:
        # a bare month name must look like one: capitalised, spelled out, and
        # "May"/"March" (a verb, a noun) only after a preposition or qualifier
        if not name[0].isupper() or name.lower().rstrip(".") not in _FULL_MONTHS:
            return None
        if name.lower() in ("may", "march") and not qualified:
            return None
    if has_year:
        year: int | None = int(match.group("y"))
    elif ctx.published is not None:
        p = ctx.published
        year = p.year if month <= p.month else p.year - 1
        if (match.group("pre") or "").lower().startswith("last") and month == p.month:
            year = p.year - 1
    else:
        year = ctx.year_hint
    if year is None:
        return None, "explicit"
    bounds = _month_span(year, month)
    return _explicit_result(*bounds, "month", ctx) if bounds else None


def _year_only(match: re.Match[str], ctx: _Context) -> _Result:
    year = int(match.group("y"))
    return _explicit_result(_date(year, 1, 1), _date(year, 12, 31), "year", ctx)


def _vague(match: re.Match[str], ctx: _Context) -> _Result:
    return None, "vague"


def _unanchored(match: re.Match[str], ctx: _Context) -> _Result:
    return None, "relative"


# -------------------------------------------------------------------- rules

_MD = (rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?{_month('m')}\s*{_DAY.format('d')}"
       rf"(?:\s*(?:-|–|to|through)\s*{_DAY.format('d2')})?(?:,?\s+{_YEAR})?")
_DM = (rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?(?<![\d.,])(?<!\d\s){_DAY.format('d')}"
       rf"(?:\s*(?:-|–|to)\s*{_DAY.format('d2')})?\s+(?:of\s+)?{_month('m')}(?:,?\s+{_YEAR})?")
_DATEISH = (rf"(?:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+)?(?:(?:early|mid|late)[\s-]*)?"
            rf"(?:{_MONTH_NAME}(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?"
            rf"|(?:19|20)\d\d|(?:{_ALT_WEEKDAY})|(?:then|now|last|this|next)\s+(?:week|month|year))(?![\w])")

_RULES: tuple[tuple[str, Callable[[re.Match[str], _Context], _Result]], ...] = (
    # "has killed at least six men since Saturday": a recent weekday opens a window up to the report
    (rf"\bsince\s+(?P<last>last\s+)?{_WEEKDAY}(?!s\b)", _since_weekday),
    # bounds, plans and forecasts: not event dates
    (rf"\b(?:since|until|till|untill|by|ahead\s+of)\s+{_DATEISH}", _vague),
    (rf"\bwithin\s+(?:the\s+next\s+)?{_ANY_COUNT}(?:\s*(?:to|-|–|or)\s*{_ANY_COUNT})?\s+{_UNIT}", _vague),
    ((rf"\bin\s+(?:the\s+next\s+|another\s+)?{_ANY_COUNT}(?:\s*(?:to|-|–|or)\s*{_ANY_COUNT})?\s+"
      rf"(?:days|weeks|months|years)(?:'?\s*time)?(?![\w])"), _vague),
    ((rf"\b(?:(?:in|over|during|within)\s+)?(?:next|coming|the\s+coming|the\s+next)\s+"
      rf"(?:(?:few|several|two|three)\s+)?"
      rf"(?:{_ALT_WEEKDAY}|week|weeks|month|months|year|years|weekend|days)(?![\w])"), _vague),
    (r"\b(?:later\s+this\s+(?:week|month|year)|tomorrow(?:\s+(?:morning|afternoon|evening|night))?)(?![\w])",
     _vague),
    # offsets from another event
    ((rf"\b(?:{_COUNT}\s+{_UNIT}\s+(?:after|before|later|earlier|prior)"
      r"|the\s+(?:day|night|week)\s+(?:after|before)|the\s+(?:next|following|previous|preceding)\s+"
      r"(?:day|night|morning|week))(?![\w])"), _unanchored),
    # relative days and windows
    (r"\bthe\s+day\s+before\s+yesterday\b", _relative_day(2)),
    (r"\b(?:(?:early|late|earlier)\s+)?yesterday(?:\s+(?:morning|afternoon|evening|night))?\b",
     _relative_day(1)),
    (r"\b(?:(?:early|late)\s+)?last\s+night\b", _relative_day(1)),
    (r"\b(?:(?:earlier|early|later|late)\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b",
     _relative_day(0)),
    (r"\bovernight\b", _overnight),
    ((rf"\b(?:(?:over|during|in|for|within|throughout)\s+)?the\s+(?:past|last|previous)\s+(?:{_COUNT}\s+)?"
      rf"{_UNIT}"), _past_window),
    (r"\b(?:in|over|during)\s+(?:the\s+)?recent\s+(?P<unit>day|week)s\b", _recent),
    (rf"\b{_COUNT}\s+{_UNIT}\s+ago\b", _ago),
    (r"\b(?:(?:earlier|early|late|later)\s+)?(?P<which>this|last)\s+week\b", _week),
    (r"\b(?:(?:over|during|at|on)\s+)?(?:the|this|(?P<which>last|past))\s+weekend\b", _weekend),
    (r"\b(?:(?:earlier|early|late|later)\s+)?(?P<which>this|last)\s+month\b", _month_rel),
    (r"\b(?:(?:earlier|early|late|later)\s+)?(?P<which>this|last)\s+year\b", _year_rel),
    ((rf"(?P<over>\bovernight\s+(?:on\s+)?)?\b(?:(?:early|late)\s+(?:on\s+)?)?"
      rf"(?P<last>last\s+|this\s+past\s+|past\s+)?(?:this\s+)?{_WEEKDAY}(?!s\b)"
      r"(?:\s+(?:morning|afternoon|evening|night))?"), _weekday),
    # explicit dates
    (r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)", _iso),
    (rf"\b{_MD}", _month_day),
    (rf"\b{_DM}", _month_day),
    ((rf"\b(?P<pre>(?:in|during|throughout|of|last|this|for)\s+)?"
      rf"(?P<q>(?:early|mid|late|the\s+(?:start|beginning|end|middle)\s+of)[\s-]*)?"
      rf"{_month('m')}(?:,?\s+{_YEAR})?"), _month_only),
    (rf"\b(?:in|during|throughout|of)\s+(?:(?:early|mid|late)[\s-]*)?{_YEAR}(?!\s*(?:-|–)\d)", _year_only),
)
_COMPILED = tuple((Prefiltered.compile(pattern), handler) for pattern, handler in _RULES)
# "two days after Jan. 5": an offset directly before a resolved expression
_OFFSET_BEFORE = re.compile(
    rf"(?:\b{_COUNT}|\bthe)\s+(?P<unit>day|week)s?\s+(?P<dir>after|before)\s+(?:on\s+)?$", re.IGNORECASE
)
_RANGE_JOIN = re.compile(r"^\s*(?:and|to|until|through|-|–)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
# "on 11 and 12 June", "between 3 and 5 May": a bare first day before a day-month date
_DAY_BEFORE = re.compile(r"\b(?:on|between|from)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|to|&)\s+$",
                         re.IGNORECASE)
_FALLBACK_MONTH = re.compile(
    rf"\b(?:{'|'.join(n.capitalize() for n in _MONTHS if len(n) > 3 or n == 'may')})\b"
)


# ------------------------------------------------------------------ scanning

def _candidates(text: str, ctx: _Context) -> list[TimeExpression]:
    found: list[TimeExpression] = []
    folded = fold(text)
    for rule, handler in _COMPILED:
        if not rule.may_match(folded):
            continue  # the rule's words are not in the text: it cannot match
        for match in rule.regex.finditer(text):
            if match.end() == match.start():
                continue
            result = handler(match, ctx)
            if result is None:
                continue
            span, kind = result
            words = match.group(0)
            if span is None:
                span = DateSpan.unknown()
            found.append(TimeExpression(match.start(), match.end(), words,
                                        DateSpan(span.start, span.end, span.precision, words), kind))
    return found


def _non_overlapping(items: list[TimeExpression]) -> list[TimeExpression]:
    chosen: list[TimeExpression] = []
    for item in sorted(items, key=lambda e: (-(e.end - e.start), e.start)):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda e: e.start)


def _with_offsets(text: str, items: list[TimeExpression], ctx: _Context) -> list[TimeExpression]:
    """Join "two days after" + a resolved date, and "between X and Y" ranges."""
    out: list[TimeExpression] = []
    for item in items:
        previous = out[-1] if out else None
        before = text[previous.end if previous else 0:item.start]
        if (previous is not None and previous.kind == "explicit" and item.kind == "explicit"
                and previous.span.known and item.span.known and _RANGE_JOIN.match(before)):
            opener = _RANGE_OPEN.search(text[:previous.start])
            if opener is not None and previous.span.start <= item.span.start:  # type: ignore[operator]
                start = opener.start()
                words = text[start:item.end]
                span = _span(previous.span.start, item.span.end, "range", ctx) or DateSpan.unknown()
                out[-1] = TimeExpression(start, item.end, words,
                                         DateSpan(span.start, span.end, span.precision, words), "explicit")
                continue
        joined = _two_days(text, item, ctx)
        if joined is not None:
            if previous is not None and previous.end > joined.start:
                out.pop()
            out.append(joined)
            continue
        offset = _OFFSET_BEFORE.search(text[max(0, item.start - 40):item.start])
        if offset is not None and item.kind != "vague":
            start = item.start - (len(text[max(0, item.start - 40):item.start]) - offset.start())
            if previous is not None and previous.end > start:
                out.pop()
            count = _count(offset.group("n")) if offset.group("n") else 1
            days = None if count is None else count * (7 if offset.group("unit").lower() == "week" else 1)
            sign = 1 if offset.group("dir").lower() == "after" else -1
            span = DateSpan.unknown()
            if days is not None and item.span.known and item.span.precision in ("day", "range"):
                shifted = span_after(item.span, days=sign * days, published=ctx.published)
                span = shifted
            words = text[start:item.end]
            out.append(TimeExpression(start, item.end, words,
                                      DateSpan(span.start, span.end, span.precision, words), "relative"))
            continue
        out.append(item)
    return out


def _two_days(text: str, item: TimeExpression, ctx: _Context) -> TimeExpression | None:
    """"on 11 and 12 June": the day before "and" joins the day-month date into a range of days."""
    if item.kind != "explicit" or item.span.precision != "day" or item.span.start is None \
            or not item.text[:1].isdigit():
        return None
    found = _DAY_BEFORE.search(text[max(0, item.start - 16):item.start])
    if found is None:
        return None
    first = int(found.group("d"))
    if not 1 <= first < item.span.start.day:
        return None
    start = item.start - (len(text[max(0, item.start - 16):item.start]) - found.start())
    span = _span(item.span.start.replace(day=first), item.span.end, "range", ctx)
    if span is None:
        return None
    words = text[start:item.end]
    return TimeExpression(start, item.end, words, DateSpan(span.start, span.end, span.precision, words),
                          "explicit")


@functools.lru_cache(maxsize=64)
def _date_parser(published: dt.date | None) -> object:
    from dateparser.date import DateDataParser  # slow to import: only when needed

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_span(words: str, ctx: _Context) -> DateSpan | None:
    """An explicit date read by dateparser, or None; needs a digit to be explicit."""
    if not re.search(r"\d", words) or len(words) > 60:
        return None
    if ctx.published is None and not re.search(r"\b(?:19|20)\d\d\b", words):
        return None
    parser = _date_parser(ctx.published)
    try:
        data = parser.get_date_data(words)  # type: ignore[attr-defined]
    except (ValueError, TypeError, OverflowError, AttributeError, LookupError):
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        bounds = _month_span(day.year, day.month)
        span = _span(*bounds, "month", ctx) if bounds else None
    elif period == "year":
        span = _span(_date(day.year, 1, 1), _date(day.year, 12, 31), "year", ctx)
    elif period == "day":
        span = _span(day, day, "day", ctx)
    else:
        return None
    return span


def _fallback(text: str, items: list[TimeExpression], ctx: _Context) -> list[TimeExpression]:
    """dateparser on short windows around month names the rules left alone."""
    extra: list[TimeExpression] = []
    tokens = list(re.finditer(r"\S+", text))
    for month in _FALLBACK_MONTH.finditer(text):
        if any(e.start <= month.start() < e.end for e in items):
            continue
        index = next((i for i, t in enumerate(tokens) if t.start() <= month.start() < t.end()), None)
        if index is None:
            continue
        for width in ((0, 3), (0, 2), (0, 1), (2, 0), (2, 1), (1, 0), (1, 1)):
            first, last = max(0, index - width[0]), min(len(tokens) - 1, index + width[1])
            start, end = tokens[first].start(), tokens[last].end()
            while end > start and not text[end - 1].isalnum():
                end -= 1
            while start < end and not text[start].isalnum():
                start += 1
            words = text[start:end]
            span = _dateparser_span(words, ctx)
            if span is not None:
                if not any(start < e.end and e.start < end for e in items + extra):
                    extra.append(TimeExpression(start, end, words,
                                                DateSpan(span.start, span.end, span.precision, words),
                                                "explicit"))
                break
    return extra


# ------------------------------------------------------------------- public

def find_dates(text: str, *, published: dt.date | None,
               year_hint: int | None = None) -> list[TimeExpression]:
    """Every temporal expression in ``text``, in text order, with its resolved span."""
    ctx = _Context(published, year_hint)
    items = _with_offsets(text, _non_overlapping(_candidates(text, ctx)), ctx)
    if _FALLBACK_MONTH.search(text):
        items = sorted(items + _fallback(text, items, ctx), key=lambda e: e.start)
    return items


def resolve(expression: str, *, published: dt.date | None, year_hint: int | None = None) -> DateSpan:
    """The span of the first datable expression in ``expression`` (unknown if none).

    Vague expressions and unresolvable ones are skipped in favour of a later
    expression that resolves; dateparser reads the whole text as a last resort.
    """
    found = find_dates(expression, published=published, year_hint=year_hint)
    for item in found:
        if item.span.known:
            return item.span
    if not found:
        span = _dateparser_span(expression.strip(), _Context(published, year_hint))
        if span is not None:
            return DateSpan(span.start, span.end, span.precision, expression.strip())
    return DateSpan.unknown()


def span_after(span: DateSpan, *, days: int, published: dt.date | None = None) -> DateSpan:
    """``span`` moved by ``days`` (negative: earlier); unknown if it would pass ``published``."""
    if span.start is None or span.end is None:
        return DateSpan.unknown()
    start, end = _shift(span.start, days), _shift(span.end, days)
    if start is None or end is None:
        return DateSpan.unknown()
    if published is not None:
        if start > published:
            return DateSpan.unknown()
        end = min(end, published)
    return DateSpan(start, end, span.precision, span.text)
