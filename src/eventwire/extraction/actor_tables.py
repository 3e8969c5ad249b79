"""Actor tables: the names of armed groups, states' forces and kinds of people, as data.

Plain data kept apart from :mod:`.actors`' logic: the named groups, parties, missions and
coalitions (``data/actors/groups.tsv``), states' forces named by their own abbreviation
(``state_forces.tsv``), the country that names of them place a story in (``group_homes.tsv``), the Islamic State's branch in each country (``islamic_state_branches.tsv``),
the countries with one dominant insurgent group (``dominant_groups.tsv``), and the word lists
of :mod:`eventwire.analysis.lexicon` turned into whole-word patterns. Each table is read once,
on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from eventwire.analysis.prefilter import Prefiltered
from eventwire.errors import ModelError


@dataclass(frozen=True, slots=True)
class NameRule:
    """A pattern that names one actor: its canonical name, kind and (optionally) the only
    country in whose articles the pattern means it ("SNA" is Somalia's army in Somalia)."""

    rule: Prefiltered
    name: str
    kind: str = "nonstate"
    country: str | None = None

    @property
    def actor_kind(self) -> str:
        """The kind of the actor the rule names: a pro-government militia and a party are
        non-state actors (their own kinds only keep them from being an article's main group)."""
        return "nonstate" if self.kind in {"progov", "party"} else self.kind

    def applies(self, country: str | None) -> bool:
        """Whether the rule may name its actor in an article about ``country``."""
        return self.country is None or self.country == country


def _rows(name: str) -> list[list[str]]:
    """The tab-separated rows of ``data/actors/<name>.tsv`` (``#`` lines are comments)."""
    try:
        text = resources.files("eventwire").joinpath("data", "actors", f"{name}.tsv").read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"the actor table {name!r} is missing from the installation ({exc})") from None
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _rule(row: list[str], kind: str) -> NameRule:
    cells = row + [""] * (4 - len(row))
    return NameRule(Prefiltered.compile(cells[0]), cells[1], cells[2] or kind, cells[3] or None)


@functools.cache
def group_rules() -> tuple[NameRule, ...]:
    """Named armed groups, parties, missions and coalitions, in the table's order."""
    return tuple(_rule(row, "nonstate") for row in _rows("groups"))


@functools.cache
def armed_groups() -> tuple[tuple[str, str], ...]:
    """The group table as (pattern, canonical name) pairs."""
    return tuple((rule.rule.regex.pattern, rule.name) for rule in group_rules())


@functools.cache
def state_force_rules() -> tuple[NameRule, ...]:
    """States' forces by their own names and abbreviations ("UPDF", "FARDC", "NISA")."""
    rules = []
    for row in _rows("state_forces"):
        cells = row + [""] * (3 - len(row))
        kind = "police" if cells[1].startswith("Police") else "state"
        rules.append(NameRule(Prefiltered.compile(cells[0]), cells[1], kind, cells[2] or None))
    return tuple(rules)


@functools.cache
def any_name() -> re.Pattern[str]:
    """One pattern for all the rows of the state-force and group tables: whether a text names
    any of them at all, tested once before the rows are tried one by one (there are ~570)."""
    rules = (*state_force_rules(), *group_rules())
    return re.compile("|".join(f"(?:{rule.rule.regex.pattern})" for rule in rules), re.IGNORECASE)


@functools.cache
def home_rules() -> tuple[tuple[NameRule, str], ...]:
    """The group and force patterns whose actor acts almost only at home, each with that home
    country's name; patterns limited to one country's articles are left out (they cannot say
    which country an article is about)."""
    homes = {row[0]: row[1] for row in _rows("group_homes")}
    return tuple((rule, homes[rule.name]) for rule in (*state_force_rules(), *group_rules())
                 if rule.name in homes and rule.country is None)


@functools.cache
def islamic_state_branches() -> dict[str, str]:
    """Country name -> the Islamic State's branch there."""
    return {row[0]: row[1] for row in _rows("islamic_state_branches")}


@functools.cache
def dominant_groups() -> dict[str, tuple[str, re.Pattern[str]]]:
    """Country name -> (its dominant insurgent group, a pattern of the words that signal it there)."""
    return {row[0]: (row[1], word_pattern(w.strip() for w in row[2].split(",") if w.strip()))
            for row in _rows("dominant_groups")}


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for any of ``words`` as whole words (a phrase's spaces match
    any run of white space), longest first so that "armed forces" wins over "forces"."""
    alts = sorted(words, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@functools.cache
def military_names() -> dict[str, str]:
    """Country name -> the name its military forces go by when it is not "Military Forces of X"."""
    return {row[0]: row[1] for row in _rows("military_names")}


@functools.cache
def security_police_countries() -> frozenset[str]:
    """Countries whose unqualified "security forces" are police (the interior ministry's)."""
    return frozenset(row[0] for row in _rows("security_police_countries"))


@functools.cache
def military_police_countries() -> frozenset[str]:
    """Countries whose "military police" are a police force, not a unit of the army."""
    return frozenset(row[0] for row in _rows("military_police_countries"))


@functools.cache
def military_authorities() -> frozenset[str]:
    """States whose "authorities" that demolish and ban in the territory they hold are their army's
    (an occupation's civil administration answers to the military)."""
    return frozenset(row[0] for row in _rows("military_authorities"))
