"""Tests for eventwire.analysis.numbers: exact counts, vague quantities, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.analysis.numbers import VAGUE, find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("170", 170),
        ("1,500", 1500),
        ("12,000", 12000),
        ("1,250,000", 1250000),
        ("1.5 million", 1_500_000),
        ("2 million", 2_000_000),
        ("3.2bn", 3_200_000_000),
        ("three", 3),
        ("Eleven", 11),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("ninety-nine", 99),
        ("one hundred and seventy", 170),
        ("a hundred", 100),
        ("fifteen hundred", 1500),
        ("two thousand", 2000),
        ("two thousand three hundred and forty-one", 2341),
        ("four million", 4_000_000),
        ("a thousand", 1000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a couple of", 2),
        ("zero", 0),
        ("  42  ", 42),
    ],
)
def test_numbers_parse_exact(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soldiers",
        "1.500",  # European thousands or a decimal: ambiguous, not read
        "2.5",
        "12th",
        "fifth",
        "one two",
        "two and three",
        "hundred hundred",
        "thousand million",
        "170 people",
        "AK-47",
        "dozens",
        "several",
        "many",
        "a number of",
    ],
)
def test_numbers_parse_rejects_non_counts(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
        ("several", 3),
        ("a few", 2),
        ("multiple", 2),
        ("a handful", 3),
        ("many", None),
        ("numerous", None),
        ("some", None),
    ],
)
def test_numbers_parse_vague_only_on_request(text: str, expected: int | None) -> None:
    assert parse_number(text, vague=True) == expected
    if expected is not None:
        assert parse_number(text) is None


def test_numbers_vague_table_values_are_positive_and_unique() -> None:
    patterns = [pattern for pattern, _ in VAGUE]
    assert len(patterns) == len(set(patterns))
    assert all(value > 0 for _, value in VAGUE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shelling in Kharkiv killed 14 people and wounded sixty-two others.",
            [("14", 14), ("sixty-two", 62)],
        ),
        ("Nearly 1,200 families fled Marib.", [("1,200", 1200)]),
        ("An estimated 1.5 million people left Tigray.", [("1.5 million", 1_500_000)]),
        ("Two dozen fighters surrendered in Idlib.", [("Two dozen", 24)]),
        ("one hundred and five and six", [("one hundred and five", 105), ("six", 6)]),
        ("Brigade 5 used an AK-47 on Route 1.", [("5", 5), ("1", 1)]),
        ("No numbers here at all.", []),
        ("someone anyone everyone", []),
    ],
)
def test_numbers_find_values_and_offsets(text: str, expected: list[tuple[str, int]]) -> None:
    found = find_numbers(text)
    assert [(text[start:end], value) for start, end, value in found] == expected
    assert [start for start, _, _ in found] == sorted(start for start, _, _ in found)


def test_numbers_find_vague_spans() -> None:
    text = "Dozens of civilians and hundreds of thousands of displaced people in Darfur."
    found = find_numbers(text, vague=True)
    assert [(text[s:e], v) for s, e, v in found] == [
        ("Dozens", 12),
        ("hundreds of thousands", 100_000),
    ]
    assert find_numbers(text) == []


def test_numbers_find_prefers_longest_reading() -> None:
    found = find_numbers("two dozen and a half")
    assert found[0] == (0, 9, 24)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_numbers_never_raise_on_arbitrary_text(text: str) -> None:
    value = parse_number(text, vague=True)
    assert value is None or value >= 0
    for start, end, number in find_numbers(text, vague=True):
        assert 0 <= start < end <= len(text)
        assert number >= 0


@given(st.integers(min_value=0, max_value=10**9))
@settings(max_examples=300, deadline=None)
def test_numbers_digits_round_trip(value: int) -> None:
    assert parse_number(str(value)) == value
    assert parse_number(f"{value:,}") == value


def _spell(value: int) -> str:
    """A small independent speller used to check the word parser."""
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if value < 20:
        return units[value]
    if value < 100:
        return tens[value // 10] + ("" if value % 10 == 0 else "-" + units[value % 10])
    if value < 1000:
        rest = value % 100
        return units[value // 100] + " hundred" + ("" if rest == 0 else " and " + _spell(rest))
    rest = value % 1000
    return _spell(value // 1000) + " thousand" + ("" if rest == 0 else " " + _spell(rest))


@given(st.integers(min_value=0, max_value=999_999))
@settings(max_examples=400, deadline=None)
def test_numbers_words_round_trip(value: int) -> None:
    assert parse_number(_spell(value)) == value
