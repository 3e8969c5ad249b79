"""A quick test that a case-insensitive regular expression cannot match a text.

Several stages run dozens of case-insensitive patterns over a whole article
(dates, armed groups), and Python's ``re`` gets no literal prefix to skip ahead
with from a pattern that starts with ``\\b`` or ignores case: it tries every
position. Most of those patterns name a word that must occur in any match
("ago", "weekend", "taliban"), and most articles do not contain it.

:func:`required_literals` reads, from a pattern's parse, literal strings one of
which every match contains (a run of plain characters each branch needs), and
:func:`fold` puts a text in the form in which a plain substring test finds every
place such a literal matches ignoring case. :class:`Prefiltered` skips the
pattern when no literal is in the folded text; otherwise it runs the pattern as
before, so what it finds never changes.

Folding: under ``re.IGNORECASE`` an ASCII letter also matches its other case
and exactly four other characters (U+0130 "İ" and U+0131 "ı" for i, U+017F "ſ"
for s, U+212A Kelvin sign for k: ``tests/analysis/test_prefilter.py`` checks every code
point); :data:`_FOLD` maps those four, then ``str.lower`` maps A-Z. Literals
are kept only when made of ASCII characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast

#: Non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter, and that letter.
IGNORECASE_EXTRA = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD = str.maketrans(IGNORECASE_EXTRA)
#: Shorter literals are too common to be worth testing for.
MIN_LITERAL = 3


def fold(text: str) -> str:
    """``text`` with every character that ignoring case matches an ASCII letter made that
    letter, in lower case (other characters as ``str.lower`` leaves them)."""
    return text.translate(_FOLD).lower()


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings, one of which every match of ``pattern`` (compiled with
    ``re.IGNORECASE`` alone) contains; None when no such set of useful length is found."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, re.IGNORECASE)
    except (ImportError, re.error):  # pragma: no cover - another Python's private parser
        return None
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    try:
        found = _needs(list(parsed))
    except _NoLiteral:
        return None
    return frozenset(found) if found is not None else None


class _NoLiteral(Exception):
    """A pattern whose flags change within it: left unfiltered."""


def _needs(items: list[tuple[object, object]]) -> set[str] | None:
    """Literals one of which every match of this sequence contains (None: none found).

    Candidates are the sequence's own runs of literal characters and, for each part
    every match goes through (a group, an alternation, a repeat of at least one),
    that part's literals; the candidate whose shortest literal is longest wins.
    """
    from re import _constants as c  # type: ignore[attr-defined]

    options: list[set[str]] = [{run} for run in _literal_runs(items) if len(run) >= MIN_LITERAL]
    for op, av in items:
        needs: set[str] | None = None
        if op is c.BRANCH:
            found: set[str] = set()
            for branch in av[1]:  # type: ignore[index]
                inner = _needs(list(branch))
                if inner is None:
                    break
                found |= inner
            else:
                needs = found
        elif op is c.SUBPATTERN:
            # a group's argument: (group number, flags added, flags removed, its sequence)
            _, add_flags, del_flags, sub = cast("tuple[object, int, int, Iterable[tuple[object, object]]]", av)
            if add_flags or del_flags:
                raise _NoLiteral
            needs = _needs(list(sub))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:  # type: ignore[index]
            needs = _needs(list(av[2]))  # type: ignore[index]
        if needs:
            options.append(needs)
    if not options:
        return None
    return max(options, key=lambda o: min(len(s) for s in o))


def _literal_runs(items: list[tuple[object, object]]) -> Iterator[str]:
    """Runs of consecutive ASCII literal characters in a sequence, lower-cased."""
    from re import _constants as c  # type: ignore[attr-defined]

    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL and isinstance(av, int) and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            yield "".join(run)
        run = []
    if run:
        yield "".join(run)


@dataclass(frozen=True, slots=True)
class Prefiltered:
    """A compiled case-insensitive pattern with the literals one of which it needs."""

    regex: re.Pattern[str]
    literals: frozenset[str] | None

    @classmethod
    def compile(cls, pattern: str) -> Prefiltered:
        return cls(re.compile(pattern, re.IGNORECASE), required_literals(pattern))

    def may_match(self, folded: str) -> bool:
        """False only when the pattern cannot match the text ``folded`` came from."""
        return self.literals is None or any(lit in folded for lit in self.literals)
