"""Counts written in news text: digits, number words and vague quantities.

``parse_number`` reads one quantity; ``find_numbers`` finds every quantity in a
text with its character offsets. Both are plain regular expressions and small
tables: no model, nothing loaded at import.

What is read exactly (always):

- digits, with or without thousands commas: ``170``, ``1,500``, ``12000``;
- a decimal only before a scale word: ``1.5 million``; ``1.500`` and ``2.5`` alone
  are not counts (European thousands dots are ambiguous) and give None;
- number words up to the billions: ``three``, ``twenty-five``, ``one hundred and
  seventy``, ``fifteen hundred``, ``two thousand``, ``a hundred``;
- dozens counted exactly: ``a dozen`` 12, ``two dozen`` 24, ``half a dozen`` 6,
  and ``a couple (of)`` 2, ``a pair of`` 2.

Vague quantities are read only with ``vague=True``, as their conservative lower
bound, in the spirit of how conflict coders read them (``VAGUE`` below):

==========================  =========
phrase                      value
==========================  =========
a few                       2
multiple                    2
several                     3
a handful (of)              3
dozens (of)                 12
scores (of)                 20
hundreds (of)               100
thousands (of)              1,000
tens of thousands (of)      10,000
hundreds of thousands (of)  100,000
millions (of)               1,000,000
==========================  =========

``many``, ``numerous``, ``some``, ``a number of`` have no lower bound worth
coding and are never read. Ordinals (``12th``, ``fifth``) are not counts.
"""

from __future__ import annotations

import re

__all__ = ["VAGUE", "find_numbers", "parse_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: Vague quantities and the conservative value read for them with ``vague=True``.
#: Longer phrases come first so that "hundreds of thousands" wins over "hundreds".
VAGUE: tuple[tuple[str, int], ...] = (
    (r"hundreds\s+of\s+thousands", 100_000),
    (r"tens\s+of\s+thousands", 10_000),
    (r"millions", 1_000_000),
    (r"thousands", 1_000),
    (r"hundreds", 100),
    (r"scores", 20),
    (r"dozens", 12),
    (r"a\s+handful", 3),
    (r"several", 3),
    (r"multiple", 2),
    (r"a\s+few", 2),
)

_WORD_NAMES = (
    list(_UNITS) + list(_TEENS) + list(_TENS) + ["hundred"] + list(_SCALES)
)
# one number word (plural scales like "hundreds" are vague, not exact, so the
# word must end here)
_WORD = r"(?:" + "|".join(sorted(_WORD_NAMES, key=len, reverse=True)) + r")(?![\w])"
# a run of number words joined by spaces, hyphens or "and"; validated in code
_WORD_RUN = re.compile(
    r"(?<![\w-])(?:an?\s+(?=(?:hundred|thousand|million|billion)\b))?"
    + _WORD + r"(?:(?:\s+and\s+|\s*-\s*|\s+)" + _WORD + r")*",
    re.IGNORECASE,
)
_DIGITS = re.compile(
    r"(?<![\w.,/-])(?<![A-Za-z]-)(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s*(?P<scale>thousand|million|billion|mn|bn)\b)?(?!\.?\d)(?!,\d{3})"
    r"(?!(?:st|nd|rd|th)\b)(?![A-Za-z])",
    re.IGNORECASE,
)
_DOZEN = re.compile(
    r"(?<![\w-])(?:(?P<half>half\s+a)|(?P<a>a)|(?P<n>" + _WORD + r"|\d+))\s+dozen(?!s)\b",
    re.IGNORECASE,
)
_PAIR = re.compile(r"(?<![\w-])a\s+(?:couple|pair)(?:\s+of)?(?![\w-])", re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<v{i}>{pattern})" for i, (pattern, _) in enumerate(VAGUE))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "mn": 1_000_000, "bn": 1_000_000_000}
_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)


def _words_value(tokens: list[str]) -> int | None:
    """The value of a run of number words, or None when the run is not a number.

    ``tokens`` are lower-case words; ``and`` and a leading ``a``/``an`` are kept
    so that the grammar can be checked ("two and three" is not five).
    """
    total = 0
    group = 0
    last = "start"  # start, a, unit, teen, tens, hundred, scale, and
    last_scale = 10**12
    for index, token in enumerate(tokens):
        if token in ("a", "an"):
            if index != 0:
                return None
            last = "a"
            continue
        if token == "and":
            if last not in ("hundred", "scale") or index == len(tokens) - 1:
                return None
            last = "and"
            continue
        if token == "zero":
            if len(tokens) != 1:
                return None
            return 0
        if token in _UNITS:
            if last in ("unit", "teen", "a"):
                return None
            group += _UNITS[token]
            last = "unit"
        elif token in _TEENS:
            if last in ("unit", "teen", "tens", "a"):
                return None
            group += _TEENS[token]
            last = "teen"
        elif token in _TENS:
            if last in ("unit", "teen", "tens", "a"):
                return None
            group += _TENS[token]
            last = "tens"
        elif token == "hundred":
            if last == "a":
                group = 1
            elif last not in ("unit", "teen", "tens") or group >= 100:
                return None
            group *= 100
            last = "hundred"
        elif token in _SCALES:
            scale = _SCALES[token]
            if last == "a":
                group = 1
            elif last not in ("unit", "teen", "tens", "hundred") or scale >= last_scale:
                return None
            total += group * scale
            group = 0
            last_scale = scale
            last = "scale"
        else:
            return None
    if last in ("start", "a", "and"):
        return None
    return total + group


_MAX_WORDS = 24  # the longest number phrase read ("nine hundred and ninety-nine million ...")


def _word_numbers(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """The numbers in the word run ``text[start:end]``, longest valid phrase first."""
    pieces = [(m.start() + start, m.end() + start, m.group(0).lower())
              for m in _TOKEN.finditer(text[start:end])]
    found: list[tuple[int, int, int]] = []
    index = 0
    while index < len(pieces):
        for stop in range(min(len(pieces), index + _MAX_WORDS), index, -1):
            value = _words_value([p[2] for p in pieces[index:stop]])
            if value is not None:
                found.append((pieces[index][0], pieces[stop - 1][1], value))
                index = stop
                break
        else:
            index += 1
    return found


def _digits_value(match: re.Match[str]) -> int | None:
    raw = match.group("num").replace(",", "")
    decimal = match.group("dec")
    scale_word = match.group("scale")
    scale = _SCALE_WORDS[scale_word.lower()] if scale_word else 1
    if decimal and scale == 1:
        return None
    if decimal:
        whole = int(raw)
        fraction = decimal[1:]
        return whole * scale + (int(fraction) * scale) // (10 ** len(fraction))
    return int(raw) * scale


def _spans(text: str, *, vague: bool) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    for match in _DOZEN.finditer(text):
        if match.group("half"):
            value: int | None = 6
        elif match.group("a"):
            value = 12
        else:
            count = parse_number(match.group("n"))
            value = None if count is None else count * 12
        if value is not None:
            found.append((match.start(), match.end(), value))
    for match in _PAIR.finditer(text):
        found.append((match.start(), match.end(), 2))
    if vague:
        for match in _VAGUE_RE.finditer(text):
            for i, (_, amount) in enumerate(VAGUE):
                if match.group(f"v{i}"):
                    found.append((match.start(), match.end(), amount))
                    break
    for match in _DIGITS.finditer(text):
        value = _digits_value(match)
        if value is not None:
            found.append((match.start(), match.end(), value))
    for match in _WORD_RUN.finditer(text):
        found.extend(_word_numbers(text, match.start(), match.end()))
    return found


def find_numbers(text: str, *, vague: bool = False) -> list[tuple[int, int, int]]:
    """Every quantity in ``text`` as ``(start, end, value)``, in text order.

    Where two readings overlap the longer wins ("two dozen" over "two",
    "1.5 million" over "1.5"). Vague quantities are included only with ``vague=True``.
    """
    candidates = sorted(_spans(text, vague=vague), key=lambda s: (-(s[1] - s[0]), s[0]))
    chosen: list[tuple[int, int, int]] = []
    for cand in candidates:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    return sorted(chosen)


def parse_number(text: str, *, vague: bool = False) -> int | None:
    """The quantity ``text`` names, or None when it is not exactly one quantity.

    Surrounding spaces are ignored; anything else around the quantity makes it
    None ("170" is 170, "170 people" is None: use :func:`find_numbers` there).
    """
    stripped = text.strip()
    if not stripped:
        return None
    found = find_numbers(stripped, vague=vague)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(stripped):
        return found[0][2]
    return None
