"""The loader of the extraction stage's word lists: one data file each, read once, on first use.

A list is ``eventwire/data/words/NAME.txt`` in the package: one entry a line, ``#`` lines are
comments. An entry is a word or phrase (:func:`words`), a word and its kind separated by a tab
(:func:`table`), or a verb, a particle and a kind (:func:`pairs`). :mod:`.lexicon` names them.
"""

from __future__ import annotations

import functools
from importlib import resources

from eventwire.errors import ModelError


def _entries(name: str) -> list[list[str]]:
    try:
        text = resources.files("eventwire").joinpath("data", "words", f"{name}.txt").read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"the word list {name!r} is missing from the installation ({exc})") from None
    return [line.strip().split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def words(name: str) -> frozenset[str]:
    """The words (or phrases) of list ``name``."""
    return frozenset(entry[0] for entry in _entries(name))


@functools.cache
def table(name: str) -> dict[str, str]:
    """A list of ``word<TAB>value`` lines as a mapping, in the file's order."""
    return {entry[0]: entry[1] for entry in _entries(name)}


@functools.cache
def pairs(name: str) -> dict[tuple[str, str], str]:
    """A list of ``verb<TAB>particle<TAB>kind`` lines as a mapping from (verb, particle)."""
    return {(entry[0], entry[1]): entry[2] for entry in _entries(name)}
