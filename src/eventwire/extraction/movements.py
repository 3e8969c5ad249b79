"""Rebel movements named by their own name: "Balochistan Liberation Army", "(ELN)".

A movement the group table (:mod:`.actor_tables`) does not list is still found by the shape
of its name: capitalised words around a word states do not name their forces by
("Liberation", "Resistance", ...), before "Army", "Front" or "Movement". The short forms an
article defines for them ("National Liberation Army (ELN)") count as namings too.
"""

from __future__ import annotations

import re
from collections import Counter

from eventwire.extraction.actor_tables import group_rules

#: A rebel movement's own name: capitalised words around a word states do not name their
#: forces by ("Balochistan Liberation Army", "Kachin Independence Army", "Patriotic Resistance Front").
MOVEMENT_NAME = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){0,4}(?:Liberation|Independence|Revolutionary|Resistance|Patriotic|Salvation|"
    r"Mujahideen|Mujahidin)(?:\s+[A-Z][\w'’-]+){0,4}\s+(?:Army|Front|Movement|Forces?|Brigades?|Organi[sz]ation))\b")

#: State forces that kept a movement's name ("People's Liberation Army" is China's army).
_STATE_MOVEMENT_NAMES = re.compile(r"^(?:the\s+)?(?:Chinese\s+)?People[’']?s Liberation Army$", re.IGNORECASE)
#: A country's possessive before a name: "Colombia's National Liberation Army".
_LEADING_POSSESSIVE = re.compile(r"^(?:[A-Z][\w-]*\s+)*?(?!People[’']s)[A-Z][\w-]*[’']s\s+")


def movement(found: re.Match[str]) -> str | None:
    """The movement's name in a :data:`MOVEMENT_NAME` match, without a leading article or
    country possessive; None for a state's army with a movement's name or a group the fixed
    table names ("Tigray People's Liberation Front" is counted there)."""
    name = _LEADING_POSSESSIVE.sub("", found.group(1).removeprefix("The "))
    if _STATE_MOVEMENT_NAMES.search(name) or any(rule.rule.regex.search(name) for rule in group_rules()):
        return None
    return name


def named_movement(text: str) -> str | None:
    """The first movement named by its own name in ``text``, if any."""
    found = MOVEMENT_NAME.search(text)
    return movement(found) if found is not None else None


#: A short form in brackets right after a name: "(ELN)", "(BLA)".
_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Z0-9-]{1,7})\)")
#: A sentence in which a group disowns an act: "did not claim", "no group has claimed",
#: "denied any involvement", "rejected responsibility", "distanced itself".
_DISOWNED = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+not\s+(?:yet\s+)?claim|\bno\s+(?:group|one|organi[sz]ation)\b[^.!?\n]*\bclaim"
    r"|\b(?:den(?:y|ies|ied)|rejected|disowned)\s+(?:any\s+|all\s+)?(?:responsibility|involvement|role|part|links?)\b"
    r"|\bdistanced\s+(?:itself|themselves)\b", re.IGNORECASE)


def disowned(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` distances the name from an act."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    right = min((i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0), default=len(text))
    return _DISOWNED.search(text, left, right) is not None


def _listed(short: str) -> bool:
    """Whether the group table already names ``short`` ("(TTP)")."""
    return any(rule.rule.regex.search(short) for rule in group_rules())


def movement_names(text: str) -> tuple[Counter[str], tuple[tuple[str, str], ...]]:
    """Rebel movements named by their own name in ``text`` (:data:`MOVEMENT_NAME`): how often
    each is named, by name or by a short form the text defines for it, and those short forms.
    A naming in a sentence that says the movement denied or did not claim an act is not counted."""
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for found in MOVEMENT_NAME.finditer(text):
        name = movement(found)
        if name is None:
            continue
        defined = _SHORT_FORM.match(text, found.end())
        if defined and not _listed(defined.group(1)) and named_movement(defined.group(1)) is None:
            forms.setdefault(defined.group(1), name)
        if not disowned(text, found.start(), found.end()):
            counts[name] += 1
    for short, name in forms.items():
        counts[name] += sum(1 for hit in re.finditer(rf"(?<![\w(]){re.escape(short)}(?![\w)])", text)
                            if not disowned(text, hit.start(), hit.end()))
    return counts, tuple(forms.items())
