"""Fuzzing the date resolver: random sentences and publication dates.

Properties: ``find_dates`` and ``resolve`` never raise; every resolved span has
start <= end and never ends after the publication date; offsets point at the
expression's text. Sentences are drawn from date-like words (months, weekdays,
"ago", "last", numbers) mixed with random text, so the rules are exercised.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.analysis.dates import find_dates, resolve, span_after
from eventwire.records import DateSpan

WORDS = ["January", "Feb.", "March", "Sept.", "May", "mid-August", "late", "early", "on", "in", "since", "until", "by", "the", "of", "last", "next", "this", "week", "weekend", "month", "year", "day", "days", "weeks", "months", "years", "ago", "after", "before", "later", "earlier", "Monday", "Tuesday", "Friday", "Saturday", "Sunday", "night", "morning", "overnight", "yesterday", "today", "tonight", "tomorrow", "past", "recent", "over", "within", "between", "and", "to", "-", ",", ".", "1", "5", "12", "21", "30", "31", "2019", "2021", "2022", "2099", "1900", "0", "two", "three", "dozen", "hours", "hour", "first", "th", "st", "nd", "2021-02-30", "2021-08-12", "2023-13-01", "between-2020", "Jan.", "5-7", "3,000"]
FRAGMENTS = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
SENTENCES = st.lists(FRAGMENTS, max_size=14).map(" ".join)
DAYS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31))
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(span: DateSpan, published: dt.date | None) -> None:
    assert (span.start is None) == (span.end is None), span
    if span.start is not None and span.end is not None:
        assert span.start <= span.end, span
        if published is not None:
            assert span.end <= published, (span, published)


@FUZZ
@given(text=SENTENCES, published=st.one_of(st.none(), DAYS), hint=st.one_of(st.none(), st.integers(1900, 2030)))
def test_fuzz_dates_find_dates_never_after_publication(text: str, published: dt.date | None,
                                                       hint: int | None) -> None:
    found = find_dates(text, published=published, year_hint=hint)
    for item in found:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start:item.end] == item.text
        _check(item.span, published)
    assert [item.start for item in found] == sorted(item.start for item in found)


@FUZZ
@given(text=SENTENCES, published=st.one_of(st.none(), DAYS))
def test_fuzz_dates_resolve_never_after_publication(text: str, published: dt.date | None) -> None:
    _check(resolve(text, published=published), published)


@settings(max_examples=200, deadline=None)
@given(start=DAYS, width=st.integers(0, 400), days=st.integers(-10**6, 10**6), published=st.one_of(st.none(), DAYS))
def test_fuzz_dates_span_after(start: dt.date, width: int, days: int, published: dt.date | None) -> None:
    end = min(start + dt.timedelta(days=width), dt.date(2030, 12, 31))
    _check(span_after(DateSpan(start, end, "range"), days=days, published=published), published)


@settings(max_examples=200, deadline=None)
@given(published=DAYS, back=st.integers(1, 28))
def test_fuzz_dates_days_ago_is_exact(published: dt.date, back: int) -> None:
    span = resolve(f"The attack happened {back} days ago.", published=published)
    assert span.start == span.end == published - dt.timedelta(days=back)
