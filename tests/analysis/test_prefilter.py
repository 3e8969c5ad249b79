"""Tests of eventwire.analysis.prefilter: a pattern is skipped only where it cannot match."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.analysis.dates import _RULES
from eventwire.analysis.prefilter import IGNORECASE_EXTRA, Prefiltered, fold, required_literals
from eventwire.extraction.actors import ARMED_GROUPS

PATTERNS = [pattern for pattern, _ in _RULES] + [pattern for pattern, _ in ARMED_GROUPS]


def test_prefilter_every_ignorecase_partner_of_an_ascii_letter_is_folded() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    partners = {chr(c): chr(c).lower() for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    partners = {c: next(a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, c, re.IGNORECASE))
                for c in partners}
    assert partners == IGNORECASE_EXTRA


@pytest.mark.parametrize("pattern,literals", [
    (r"\btaliban\b", {"taliban"}),
    (r"\bhouthis?\b|\bansar allah\b", {"houthi", "ansar allah"}),
    (r"\b(?P<n>\d+)\s+days?\s+ago\b", {"day"}),  # one of two required runs
    (r"\b(?:early\s+)?yesterday\b", {"yesterday"}),
    (r"(?:next|coming)\s+week", {"week"}),
    (r"\b(?:today|tonight)\b", {"day", "night"}),  # re factors out the common "to"
    (r"\bby\s+\d+", None),  # no literal of three characters
    (r"\b(?:abc|d)\b", None),  # one branch without one
    (r"(?:foo)?\d+", None),  # an optional part is not required
    (r"(?i:taliban)", None),  # inline flags: left alone
    (r"(?:fighters){2,}", {"fighters"}),
])
def test_prefilter_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(pattern)
    assert found == (frozenset(literals) if literals is not None else None)


@pytest.mark.parametrize("text,expected", [
    ("TALİBAN and ſhabab", "taliban and shabab"),
    ("Kelvin \u212aabul", "kelvin kabul"),
    ("Ünïcode stays", "ünïcode stays"),
])
def test_prefilter_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


WORDS = ["taliban", "TALİBAN", "ſhabab", "Al-Shabaab", "al shabab", "houthis", "ansar allah",
         "three days ago",
         "2 weeks ago", "yesterday", "YESTERDAY", "last night", "on Tuesday", "Jan. 5", "5 January 2021",
         "the day before", "next week", "this month", "last year", "overnight", "weekend", "tomorrow",
         "within two days", "in the past 24 hours", "Islamic State", "ISIS", "m23", "people's defence forces",
         "\u212aachin", "recent weeks", "earlier today", "in March", "2023-04-15", "since May", "Boko Haram",
         "x", ",", " ", "\n", "-", "'", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_prefilter_never_skips_a_pattern_that_matches(text: str) -> None:
    folded = fold(text)
    for pattern in PATTERNS:
        rule = Prefiltered.compile(pattern)
        if rule.regex.search(text):
            assert rule.may_match(folded), (pattern, text)


@pytest.mark.parametrize("text", ["Fighting in Kandahar.", "Rebels attacked a convoy near Goma in 2023."])
def test_prefilter_skips_when_no_literal_is_present(text: str) -> None:
    assert not Prefiltered.compile(r"\btaliban\b").may_match(fold(text))
