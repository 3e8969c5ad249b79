"""Tests for eventwire.analysis.dates: temporal expressions resolved against publication."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.analysis.dates import TimeExpression, find_dates, resolve, span_after
from eventwire.records import DATE_PRECISIONS, DateSpan

D = dt.date
MONDAY = D(2020, 10, 12)  # a Monday
SATURDAY = D(2022, 3, 5)
SHARED = Path(__file__).parents[2].parent / "shared"


def _only(text: str, published: dt.date | None, *, year_hint: int | None = None) -> TimeExpression:
    found = find_dates(text, published=published, year_hint=year_hint)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end", "precision"),
    [
        ("Russian drones struck Odesa on Monday.", "Monday", D(2020, 10, 12), D(2020, 10, 12), "day"),
        ("Al-Shabaab stormed a base in Lower Shabelle on Thursday night.", "Thursday night",
         D(2020, 10, 8), D(2020, 10, 8), "day"),
        ("Fighting resumed in Marib on Sunday morning.", "Sunday morning",
         D(2020, 10, 11), D(2020, 10, 11), "day"),
        ("The RSF shelled El Fasher late Friday.", "late Friday", D(2020, 10, 9), D(2020, 10, 9), "day"),
        ("A convoy was ambushed last Monday near Kidal.", "last Monday",
         D(2020, 10, 5), D(2020, 10, 5), "day"),
        ("Protesters gathered in Yangon on Saturday evening.", "Saturday evening",
         D(2020, 10, 10), D(2020, 10, 10), "day"),
    ],
)
def test_dates_weekday_is_latest_on_or_before_publication(
    sentence: str, expression: str, start: dt.date, end: dt.date, precision: str
) -> None:
    found = _only(sentence, MONDAY)
    assert found.text == expression
    assert sentence[found.start:found.end] == expression
    assert found.kind == "weekday"
    assert (found.span.start, found.span.end, found.span.precision) == (start, end, precision)
    assert found.span.text == expression


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("yesterday", D(2020, 10, 11), D(2020, 10, 11), "day"),
        ("early yesterday", D(2020, 10, 11), D(2020, 10, 11), "day"),
        ("yesterday afternoon", D(2020, 10, 11), D(2020, 10, 11), "day"),
        ("last night", D(2020, 10, 11), D(2020, 10, 11), "day"),
        ("the day before yesterday", D(2020, 10, 10), D(2020, 10, 10), "day"),
        ("today", D(2020, 10, 12), D(2020, 10, 12), "day"),
        ("earlier today", D(2020, 10, 12), D(2020, 10, 12), "day"),
        ("this morning", D(2020, 10, 12), D(2020, 10, 12), "day"),
        ("this afternoon", D(2020, 10, 12), D(2020, 10, 12), "day"),
        ("tonight", D(2020, 10, 12), D(2020, 10, 12), "day"),
        ("overnight", D(2020, 10, 11), D(2020, 10, 12), "range"),
        ("three days ago", D(2020, 10, 9), D(2020, 10, 9), "day"),
        ("10 days ago", D(2020, 10, 2), D(2020, 10, 2), "day"),
        ("a week ago", D(2020, 10, 5), D(2020, 10, 11), "week"),
        ("two weeks ago", D(2020, 9, 28), D(2020, 10, 4), "week"),
        ("a month ago", D(2020, 9, 1), D(2020, 9, 30), "month"),
        ("a few days ago", D(2020, 10, 7), D(2020, 10, 11), "range"),
        ("this week", D(2020, 10, 12), D(2020, 10, 12), "week"),
        ("last week", D(2020, 10, 5), D(2020, 10, 11), "week"),
        ("over the weekend", D(2020, 10, 10), D(2020, 10, 11), "range"),
        ("at the weekend", D(2020, 10, 10), D(2020, 10, 11), "range"),
        ("earlier this month", D(2020, 10, 1), D(2020, 10, 12), "month"),
        ("this month", D(2020, 10, 1), D(2020, 10, 12), "month"),
        ("last month", D(2020, 9, 1), D(2020, 9, 30), "month"),
        ("earlier this year", D(2020, 1, 1), D(2020, 10, 12), "year"),
        ("last year", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ],
)
def test_dates_relative_expressions(expression: str, start: dt.date, end: dt.date, precision: str) -> None:
    found = _only(f"Clashes were reported {expression} in the north.", MONDAY)
    assert found.text == expression
    assert found.kind == "relative"
    assert (found.span.start, found.span.end, found.span.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("expression", "days_back"),
    [
        ("over the past two days", 2),
        ("over the last two days", 2),
        ("over the past couple of days", 2),
        ("over the past couple days", 2),
        ("in the last 48 hours", 2),
        ("in the last 24 hours", 1),
        ("in the past 36 hours", 2),
        ("over the past week", 7),
        ("during the past three days", 3),
        ("in recent days", 7),
        ("in recent weeks", 28),
    ],
)
def test_dates_windows_end_at_publication(expression: str, days_back: int) -> None:
    found = _only(f"Airstrikes hit Idlib {expression}, monitors said.", MONDAY)
    assert found.text == expression
    assert found.kind == "duration"
    assert found.span.precision == "range"
    assert found.span.end == MONDAY
    assert found.span.start == MONDAY - dt.timedelta(days=days_back)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (D(2022, 3, 7), (D(2022, 3, 5), D(2022, 3, 6))),  # Monday: the weekend just gone
        (D(2022, 3, 6), (D(2022, 3, 5), D(2022, 3, 6))),  # Sunday: Saturday and Sunday
        (D(2022, 3, 10), (D(2022, 3, 5), D(2022, 3, 6))),  # Thursday
        (SATURDAY, (D(2022, 3, 5), D(2022, 3, 5))),  # Saturday: clipped to publication
    ],
)
def test_dates_weekend_never_after_publication(published: dt.date, expected: tuple[dt.date, dt.date]) -> None:
    found = _only("Two towns in Kherson were shelled over the weekend.", published)
    assert (found.span.start, found.span.end) == expected


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end", "precision"),
    [
        ("The Houthis fired missiles at Marib on Jan. 5.", "Jan. 5", D(2020, 1, 5), D(2020, 1, 5), "day"),
        ("The Houthis fired missiles at Marib on Jan 5.", "Jan 5", D(2020, 1, 5), D(2020, 1, 5), "day"),
        ("Fighting broke out on 5 January.", "5 January", D(2020, 1, 5), D(2020, 1, 5), "day"),
        ("The siege began on January 5, 2011.", "January 5, 2011", D(2011, 1, 5), D(2011, 1, 5), "day"),
        ("Troops entered the town on Sept. 1.", "Sept. 1", D(2020, 9, 1), D(2020, 9, 1), "day"),
        ("Troops entered the town on Sep 1.", "Sep 1", D(2020, 9, 1), D(2020, 9, 1), "day"),
        ("Aug. 12th saw heavy shelling.", "Aug. 12th", D(2020, 8, 12), D(2020, 8, 12), "day"),
        ("On the 3rd of March 2019 rebels took the town.", "3rd of March 2019",
         D(2019, 3, 3), D(2019, 3, 3), "day"),
        ("The strike was on 2019-08-12, officials said.", "2019-08-12",
         D(2019, 8, 12), D(2019, 8, 12), "day"),
        ("The army attacked Mekelle on Wednesday, Oct. 7.", "Wednesday, Oct. 7",
         D(2020, 10, 7), D(2020, 10, 7), "day"),
        ("Clashes on Oct. 1-4 left the town in ruins.", "Oct. 1-4", D(2020, 10, 1), D(2020, 10, 4), "range"),
        ("Raids took place between Oct. 1 and Oct. 4.", "between Oct. 1 and Oct. 4",
         D(2020, 10, 1), D(2020, 10, 4), "range"),
        ("The militia took Zalingei in May.", "in May", D(2020, 5, 1), D(2020, 5, 31), "month"),
        ("The militia took Zalingei in May 2019.", "in May 2019", D(2019, 5, 1), D(2019, 5, 31), "month"),
        ("Fighting peaked in mid-August.", "in mid-August", D(2020, 8, 1), D(2020, 8, 31), "month"),
        ("Fighting peaked in early September.", "in early September", D(2020, 9, 1), D(2020, 9, 30), "month"),
        ("The offensive began in 2019.", "in 2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("The offensive began in October.", "in October", D(2020, 10, 1), D(2020, 10, 12), "month"),
        ("The attacks of Sept. 11, 2001 changed the war.", "Sept. 11, 2001",
         D(2001, 9, 11), D(2001, 9, 11), "day"),
        # a comma after the year ends a clause; it does not make the year a longer number
        ("On March 3, 2019, gunmen attacked a bus.", "March 3, 2019", D(2019, 3, 3), D(2019, 3, 3), "day"),
        ("The rebels held the town once before, in 2012, and left.", "in 2012",
         D(2012, 1, 1), D(2012, 12, 31), "year"),
    ],
)
def test_dates_explicit_expressions(
    sentence: str, expression: str, start: dt.date, end: dt.date, precision: str
) -> None:
    found = _only(sentence, MONDAY)
    assert found.text == expression
    assert found.kind == "explicit"
    assert (found.span.start, found.span.end, found.span.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("Oct. 11", MONDAY, D(2020, 10, 11)),
        ("Oct. 12", MONDAY, D(2020, 10, 12)),
        ("Oct. 13", MONDAY, D(2019, 10, 13)),  # would be after publication: the year before
        ("Dec. 30", D(2021, 1, 2), D(2020, 12, 30)),
        ("Feb. 29", D(2021, 3, 1), D(2020, 2, 29)),
    ],
)
def test_dates_month_day_takes_publication_year(
    expression: str, published: dt.date, expected: dt.date
) -> None:
    assert resolve(expression, published=published) == DateSpan(expected, expected, "day", expression)


@pytest.mark.parametrize(
    ("expression", "published", "month_start"),
    [
        ("in May", D(2021, 4, 2), D(2020, 5, 1)),  # May has not come yet: last year's
        ("in May", D(2021, 6, 2), D(2021, 5, 1)),
        ("last May", D(2021, 5, 20), D(2020, 5, 1)),
        ("in December", D(2021, 1, 10), D(2020, 12, 1)),
    ],
)
def test_dates_month_without_year_is_latest_before_publication(
    expression: str, published: dt.date, month_start: dt.date
) -> None:
    span = resolve(expression, published=published)
    assert span.start == month_start
    assert span.precision == "month"


@pytest.mark.parametrize(("expression", "start"), [
    ("since Saturday", D(2020, 10, 10)),
    ("since last Monday", D(2020, 10, 5)),  # the report's own weekday: the week before
    ("since Monday", D(2020, 10, 5)),
])
def test_dates_since_a_weekday_runs_up_to_the_report(expression: str, start: dt.date) -> None:
    """"Fighting has killed six men since Saturday": the event's days, not a bound."""
    found = _only(f"Clashes in the valley have killed six men {expression}, police said.", MONDAY)
    assert found.text == expression
    assert (found.span.start, found.span.end, found.kind) == (start, MONDAY, "duration")


@pytest.mark.parametrize(
    "expression",
    [
        "since May",
        "since 2019",
        "since last week",
        "until Friday",
        "by the end of August",
        "within 30 days",
        "within the next two weeks",
        "in 30 to 90 days",
        "in two weeks",
        "next week",
        "next Monday",
        "tomorrow",
        "later this month",
        "in the coming days",
    ],
)
def test_dates_bounds_and_plans_are_vague(expression: str) -> None:
    found = _only(f"Officials said Kabul could fall {expression}.", MONDAY)
    assert found.text == expression
    assert found.kind == "vague"
    assert found.span == DateSpan(None, None, "unknown", expression)


@pytest.mark.parametrize(
    "sentence",
    [
        "Elections are scheduled for Nov. 3, 2021.",
        "A ceasefire is due to start on 2021-01-15.",
        "The mission will end in 2022.",
        "Talks are planned in May 2021.",
    ],
)
def test_dates_explicit_after_publication_is_vague(sentence: str) -> None:
    found = find_dates(sentence, published=MONDAY)
    assert found
    for item in found:
        assert item.kind == "vague"
        assert not item.span.known


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("a day after the rebels seized the town", "a day after", None),
        ("the day before, gunmen had attacked a church", "the day before", None),
        ("two days later troops returned", "two days later", None),
        ("the next day, the army withdrew", "the next day", None),
        ("two days after Oct. 3 troops returned", "two days after Oct. 3", D(2020, 10, 5)),
        ("a day before Oct. 3 troops left", "a day before Oct. 3", D(2020, 10, 2)),
        ("the day after Oct. 11 the army withdrew", "the day after Oct. 11", D(2020, 10, 12)),
        ("the day after Oct. 12 the army withdrew", "the day after Oct. 12", None),  # after publication
    ],
)
def test_dates_offsets_from_another_event(sentence: str, expression: str, expected: dt.date | None) -> None:
    found = _only(sentence, MONDAY)
    assert found.text == expression
    assert found.kind == "relative"
    assert found.span.start == expected
    assert found.span.end == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack happened yesterday.",
        "Gunmen struck on Tuesday.",
        "Fighting went on over the past two days.",
        "Shelling was reported this week.",
        "The town fell last month.",
    ],
)
def test_dates_relative_without_publication_are_unknown(sentence: str) -> None:
    found = find_dates(sentence, published=None)
    assert len(found) == 1
    assert found[0].span.precision == "unknown"
    assert found[0].span.start is None and found[0].span.end is None
    assert resolve(sentence, published=None) == DateSpan.unknown()


@pytest.mark.parametrize(
    ("expression", "year_hint", "expected"),
    [
        ("January 5, 2011", None, DateSpan(D(2011, 1, 5), D(2011, 1, 5), "day", "January 5, 2011")),
        ("2014-06-10", None, DateSpan(D(2014, 6, 10), D(2014, 6, 10), "day", "2014-06-10")),
        ("in 2015", None, DateSpan(D(2015, 1, 1), D(2015, 12, 31), "year", "in 2015")),
        ("Jan. 5", None, DateSpan.unknown()),
        ("Jan. 5", 2011, DateSpan(D(2011, 1, 5), D(2011, 1, 5), "day", "Jan. 5")),
        ("in June", 2013, DateSpan(D(2013, 6, 1), D(2013, 6, 30), "month", "in June")),
    ],
)
def test_dates_explicit_without_publication(
    expression: str, year_hint: int | None, expected: DateSpan
) -> None:
    assert resolve(expression, published=None, year_hint=year_hint) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Police detained 12/08/2021 protesters.",  # numeric dates other than ISO are ambiguous
        "They may 5 times have tried.",
        "The March on the capital was peaceful.",  # "March" as a noun at the start of a name
        "Talks on Mondays are routine.",
        "An AK-47 and 2,000 rounds were seized.",
        "Release 2011-01-S-055 was issued.",
    ],
)
def test_dates_not_dates(sentence: str) -> None:
    assert [e for e in find_dates(sentence, published=MONDAY) if e.kind != "vague"] == []


def test_dates_several_expressions_in_text_order() -> None:
    text = ("Yemeni officials said on Monday that airstrikes overnight and on Saturday killed "
            "fighters, a week after the Jan. 5 truce collapsed.")
    found = find_dates(text, published=MONDAY)
    assert [(e.text, e.kind) for e in found] == [
        ("Monday", "weekday"), ("overnight", "relative"), ("Saturday", "weekday"),
        ("a week after", "relative"), ("Jan. 5", "explicit"),
    ]
    for item in found:
        assert text[item.start:item.end] == item.text


def test_dates_dateparser_fallback_reads_what_rules_miss() -> None:
    found = find_dates("Rebels entered the city on January the 5th, 2011 after a siege.", published=MONDAY)
    assert [(e.text, e.span.start, e.kind) for e in found] == [
        ("January the 5th, 2011", D(2011, 1, 5), "explicit")
    ]


def test_dates_dateparser_not_imported_at_import_time() -> None:
    code = ("import sys, eventwire.analysis.dates, eventwire.extraction.fatalities, eventwire.analysis.numbers;"
            "eventwire.analysis.dates.find_dates('Shelling hit Kharkiv yesterday.', published=None);"
            "print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("span", "days", "published", "expected"),
    [
        (DateSpan.day(D(2021, 8, 6)), 1, None, DateSpan.day(D(2021, 8, 7))),
        (DateSpan.day(D(2021, 8, 6)), -2, None, DateSpan.day(D(2021, 8, 4))),
        (DateSpan(D(2021, 8, 6), D(2021, 8, 8), "range"), 1, D(2021, 8, 8),
         DateSpan(D(2021, 8, 7), D(2021, 8, 8), "range")),
        (DateSpan.day(D(2021, 8, 8)), 1, D(2021, 8, 8), DateSpan.unknown()),
        (DateSpan.unknown(), 1, None, DateSpan.unknown()),
    ],
)
def test_dates_span_after(span: DateSpan, days: int, published: dt.date | None, expected: DateSpan) -> None:
    assert span_after(span, days=days, published=published) == expected


def test_dates_resolve_skips_unresolvable_expressions() -> None:
    span = resolve("since May, and then yesterday", published=MONDAY)
    assert span == DateSpan(D(2020, 10, 11), D(2020, 10, 11), "day", "yesterday")
    assert resolve("no date here", published=MONDAY) == DateSpan.unknown()


_WORDS = st.sampled_from(
    ["killed", "on", "in", "since", "over", "the", "past", "last", "this", "next", "two", "12", "48", "days", "hours", "weeks", "ago", "yesterday", "today", "overnight", "weekend", "month", "year", "Monday", "Thursday", "night", "Jan.", "Sept", "Feb.", "29", "30", "31", "2019", "2020", "2099", "1900", "May", "March", "mid-", "early", "late", "between", "and", "to", "-", ",", ".", "2021-02-29", "2020-13-01", "a", "day", "after", "before"]
)
_TEXT = st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=25).map(" ".join))


_HINTS = st.one_of(st.none(), st.integers(min_value=1, max_value=9999))


@given(_TEXT, st.one_of(st.none(), st.dates()), _HINTS)
@settings(max_examples=400, deadline=None)
def test_dates_never_raise_and_never_after_publication(
    text: str, published: dt.date | None, year_hint: int | None
) -> None:
    for item in find_dates(text, published=published, year_hint=year_hint):
        assert text[item.start:item.end] == item.text
        assert item.kind in ("relative", "weekday", "explicit", "duration", "vague")
        assert item.span.precision in DATE_PRECISIONS
        if item.span.known:
            assert item.span.end is not None and item.span.start <= item.span.end  # type: ignore[operator]
            if published is not None:
                assert item.span.end <= published
        else:
            assert item.span.start is None and item.span.end is None
    span = resolve(text, published=published, year_hint=year_hint)
    if span.known and published is not None:
        assert span.end is not None and span.end <= published


_DATELINE = re.compile(r"\((?P<m>[A-Z][a-z]{2,8})\.? (?P<d>\d{1,2}), (?P<y>\d{4})\)")
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def test_dates_bench_texts_never_after_publication() -> None:
    path = SHARED / "bench" / "isaf" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("shared bench data not present")
    checked = 0
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        match = _DATELINE.search(text)
        published = None
        if match and match.group("m")[:3].lower() in _MONTHS:
            published = D(int(match.group("y")), _MONTHS[match.group("m")[:3].lower()], int(match.group("d")))
        for item in find_dates(text, published=published):
            assert text[item.start:item.end] == item.text
            if item.span.known and published is not None:
                assert item.span.end is not None and item.span.end <= published
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Clashes were reported on 11 and 12 June.", dt.date(2024, 6, 11), dt.date(2024, 6, 12)),
        ("The curfew held between 3 and 5 June 2024.", dt.date(2024, 6, 3), dt.date(2024, 6, 5)),
        ("Two children aged 9 and 12 June arrivals were registered.", dt.date(2024, 6, 12), dt.date(2024, 6, 12)),
    ],
)
def test_dates_two_days_of_one_month_are_a_range(text: str, start: dt.date, end: dt.date) -> None:
    from eventwire.analysis.dates import find_dates

    found = [e for e in find_dates(text, published=dt.date(2024, 6, 20)) if e.span.known]
    assert (found[0].span.start, found[0].span.end) == (start, end)
