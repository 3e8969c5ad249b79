"""Victim numbers: which quantities of a sentence may count people, before any toll is read.

:func:`masked` replaces each quantity that may be a number of people by a ``#index#`` placeholder
and blanks the rest: ages ("a 12-year-old"), dates ("Jan. 5", "in 2019"), unit numbers ("Brigade
5", "Route 1") and ordinals. Parts that detail a group already counted ("15 people, including three
children") are cut, a range ("10 to 15") keeps its lower end, and a trailing attribution ("...,
a police officer told reporters") is cut so that its speaker is never read as one more victim.
"""

from __future__ import annotations

import re

from eventwire.analysis.lexicon import SPEECH_VERBS
from eventwire.analysis.numbers import find_numbers

__all__ = ["masked"]

# a month's name or abbreviation, never a word that starts like one ("martyring", "decapitated")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
_DATE_NUMBER = re.compile(
    rf"\b{_MONTH}\.?\s*#\d+#"
    rf"|#\d+#(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(
    r"\b(?:brigade|division|battalion|regiment|corps|route|highway|road|unit|no\.|number|resolution|"
    r"article|chapter|page|flight|district|zone|sector|phase|camp|block|kilometre|kilometer|km|mile|"
    r"gate|line|level|class|grade|tier|team|squad|platoon|company|fleet|group|cell|ward|precinct|"
    r"year|aged|age|ages|no|not|none\s+of)\s*$",
    re.IGNORECASE,
)
_AGE = re.compile(r"^\s*(?:-|–|\s)\s*years?(?:-|–|\s)old|^\s*-year-old|^\s*years?\s+of\s+age",
                  re.IGNORECASE)
_RANGE = re.compile(r"(?:between\s+)?#(\d+)#\s*(?:-|–|to|or|and)\s*#(\d+)#", re.IGNORECASE)
# parts that detail a group already counted: "15 people, including three children,"
_INCLUDING = re.compile(r"(?:,\s*|\s*\()#\d+#\s+of\s+(?:them|whom)\b[^,;.()]*(?:,|\))?"
                        r"|(?:,\s*|\s+|\s*\()(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|"
                        r"most\s+of\s+them|all\s+of\s+them)\b[^,;.()]*(?:,|\))?", re.IGNORECASE)


def _speech_forms() -> str:
    """The past and third-person forms of the speech verbs ("said", "told", "confirmed", "adds")."""
    irregular = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes")}
    forms: set[str] = set()
    for lemma in SPEECH_VERBS:
        forms.update(irregular.get(lemma, (lemma + ("d" if lemma.endswith("e") else "ed"), lemma + "s")))
    return "|".join(sorted(forms, key=len, reverse=True))


# "killing three soldiers, a police officer told reporters": the trailing clause names who
# reports the toll, never a victim (its noun phrase would be read as one more death);
# a clause that starts with a participle (", killing three men whom the army described as militants") or
# joins a verb of its own (", and shot dead five men they accused of ...") is no attribution, nor a passive of the toll itself (", with 30 combatants reported killed", "were reported dead")
_ATTRIBUTION = re.compile(rf",\s+(?![a-z]+ing\b|(?:and|or|but|then)\s)(?:[A-Za-z#][\w#'’.-]*\s+){{1,8}}?(?:{_speech_forms()})\b"
                          r"(?!\s+(?:to\s+have\s+been\s+|as\s+)?(?:killed|dead|slain|murdered|executed)\b)"
                          r"(?!\s+of\b)",  # ("a man accused of stealing goats": what he was said to do)
                          re.IGNORECASE)


def _placeholders(sentence: str, *, vague: bool) -> tuple[str, list[int]]:
    """The sentence with every victim-like quantity replaced by ``#index#``."""
    values: list[int] = []
    pieces: list[str] = []
    last = 0
    for start, end, value in find_numbers(sentence, vague=vague):
        before = sentence[max(0, start - 20):start]
        after = sentence[end:end + 20]
        keep = not (_AGE.match(after) or _LABEL_BEFORE.search(before)
                    or re.match(r"^\s*(?:st|nd|rd|th)\b", after)
                    or (1900 <= value <= 2100 and re.fullmatch(r"\d{4}", sentence[start:end])))
        pieces.append(sentence[last:start])
        if keep:
            pieces.append(f"#{len(values)}#")
            values.append(value)
        else:
            pieces.append("N" * (end - start))  # keeps it a word, never a quantity
        last = end
    pieces.append(sentence[last:])
    masked = "".join(pieces)
    # dates like "Jan. 5" or "5 January" are never victims
    masked = _DATE_NUMBER.sub(lambda m: re.sub(r"#\d+#", "N", m.group(0)), masked)
    # a range counts its lower end: keep the first placeholder, drop the second
    masked = _INCLUDING.sub("", masked)
    masked = _RANGE.sub(lambda m: f"#{min(int(m.group(1)), int(m.group(2)), key=lambda i: values[i])}#",
                        masked)
    return masked, values


def masked(sentence: str, *, vague: bool) -> tuple[str, list[int]]:
    """The sentence with its victim-like quantities as ``#index#`` (their values in the list) and
    its trailing attribution cut."""
    text, values = _placeholders(sentence, vague=vague)
    return _ATTRIBUTION.sub(".", text), values
