"""Denial: whether a sentence says that nobody died ("no one was killed", "Nobody was hurt").

A toll of 0 is a figure, and coders record it; but only a denial for everyone counts: "no
civilians were killed" says nothing about the others, "no immediate reports of casualties" is not
yet known, and "no shots were fired" is about conduct, not a toll (:func:`death_denied`).
"""

from __future__ import annotations

import re

__all__ = ["death_denied"]

_FORCE = r"(?:police\s+officers?|policem[ae]n|officers?|soldiers?|troops?|guards?|personnel)"
_PEOPLE = r"(?:citizens?|civilians?|residents?|passers?-by|bystanders?|members\s+of\s+the\s+public)"
_DENIAL = re.compile(
    r"\b(?:no[\s-]?one|nobody|none|no\s+lives|no\s+life)\b(?:\s+\w+){0,4}?\s+"
    r"(?:was|were|has\s+been|have\s+been|"
    r"had\s+been|is|are)\s+(?:(?:reported|believed|thought|known)\s+(?:to\s+have\s+been\s+|to\s+be\s+)?)?"
    r"(?:killed|hurt|injured|harmed|wounded|dead|lost)\b"
    r"|\b(?:no[\s-]?one|nobody|none\s+of\s+them)\s+(?:died|perished)\b"
    r"|(?<!reports\sof\s)(?<!report\sof\s)(?<!word\sof\s)(?<!information\sof\s)"
    r"\b(?:no|without|without\s+any|zero)\s+(?:(?:human|civilian\s+or\s+military|immediate)\s+)?"
    r"(?:casualties|deaths|fatalities|loss\s+of\s+(?:human\s+)?life|loss\s+of\s+lives|injuries\s+or\s+deaths|"
    r"deaths\s+or\s+injuries)\b"
    r"|\bno\s+lives\s+were\s+lost\b|\bthere\s+were\s+no\s+(?:casualties|deaths|fatalities)\b"
    # "No police officer or citizen was injured", "no civilian or soldier was hurt": the force and the
    # people both (not "no women or children were harmed": the others may have been)
    rf"|\bno\s+(?:{_FORCE}\s+or\s+{_PEOPLE}|{_PEOPLE}\s+or\s+{_FORCE})\s+(?:was|were)\s+"
    r"(?:killed|hurt|injured|harmed|wounded)\b"
    # "No serious injuries were reported", "there were no reports of serious injuries": not even
    # badly hurt, so nobody died (a plain "no reports of injuries" stays unread: not yet known)
    r"|\bno\s+(?:(?:immediate\s+)?reports?\s+of\s+(?:any\s+)?)?serious\s+injur(?:y|ies)\b"
    r"|\b(?:did\s+not|didn't|failed\s+to)\s+(?:kill|cause\s+(?:any\s+)?(?:casualties|deaths))\s+"
    r"(?:anyone|anybody)\b",
    re.IGNORECASE,
)
_NOT_DENIAL = re.compile(
    r"\bno\s+(?:immediate\s+)?(?:reports?|word|information|details|confirmation|indication)\s+"
    r"(?:of|on|about)\s+(?:any\s+)?(?:casualties|deaths|fatalities|injuries)"
    r"|\bnot\s+(?:immediately\s+)?(?:clear|known)\b",
    re.IGNORECASE,
)


def death_denied(sentence: str) -> bool:
    """True when the sentence says that nobody died (or nobody was hurt at all)."""
    if _NOT_DENIAL.search(sentence):
        return False
    return _DENIAL.search(sentence) is not None
