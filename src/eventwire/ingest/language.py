"""Is a text English? eventwire's models and rules read English only.

A text is judged only when it has enough words to judge (:data:`MIN_WORDS`): a
short note, a headline or a list of names passes. It is not English when most of
its letters are in another script (Arabic, Cyrillic, Ethiopic, Burmese...), or
when it is written in Latin letters but English function words ("the", "of",
"and") are nearly absent from it. English news prose has them in about a third
of its words; a French or Somali article has almost none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from eventwire.errors import UnsupportedInput

MIN_WORDS = 40
#: below this share of English function words, a Latin-script text is not English
MIN_ENGLISH_SHARE = 0.08

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "an", "is", "was", "were", "are", "be", "been", "by", "for", "on", "at", "with", "from", "that", "this", "it", "its", "as", "he", "she", "they", "their", "his", "her", "said", "has", "have", "had", "not", "but", "or", "which", "who", "after", "about", "over", "into", "than", "also", "two", "three", "more", "people", "killed"])
# A few very common words of languages often found in feeds next to English, to name them.
_OTHERS = {
    "French": ["le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "que", "sur", "par", "au", "aux", "été", "ont"],
    "Spanish": ["el", "la", "los", "las", "del", "y", "en", "que", "por", "con", "una", "para", "fue", "han", "según"],
    "Portuguese": ["o", "os", "da", "do", "das", "dos", "em", "que", "uma", "para", "com", "foi", "não", "pelo", "pela"],
    "German": ["der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "wurde", "sich", "auf"],
    "Italian": ["il", "della", "delle", "dei", "che", "è", "per", "con", "una", "sono", "stato", "nel", "gli"],
    "Indonesian or Malay": ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "ke", "pada", "akan"],
    "Swahili": ["na", "wa", "ya", "kwa", "katika", "za", "ni", "la", "kuwa", "watu", "hiyo"],
    "Somali": ["iyo", "ayaa", "oo", "ka", "ku", "waxaa", "la", "in", "uu", "ay", "ee"],
    "Turkish": ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha"],
}


def check_english(text: str) -> None:
    """Raise :class:`UnsupportedInput` naming the language or script when ``text`` is not English."""
    reason = not_english_reason(text)
    if reason is not None:
        raise UnsupportedInput(f"not English text ({reason}); eventwire codes English articles only")


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is not English ("Arabic script", "looks like French"), or None."""
    words = _WORD.findall(text[:20000])
    if len(words) < MIN_WORDS:
        return None
    scripts = _scripts(words)
    letters = sum(scripts.values())
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count > letters / 2:
        return f"{script.title()} script"
    lower = [word.lower() for word in words]
    english = sum(word in _ENGLISH for word in lower) / len(lower)
    if english >= MIN_ENGLISH_SHARE:
        return None
    shares = {name: sum(word in set(common) for word in lower) for name, common in _OTHERS.items()}
    best = max(shares, key=lambda name: shares[name])
    if shares[best] >= 0.1 * len(lower):
        return f"looks like {best}"
    return f"only {english:.0%} English function words"


def _scripts(words: list[str]) -> Counter[str]:
    """Letters per script over ``words``, counted in text order (an ASCII word at once)."""
    scripts: Counter[str] = Counter()
    for word in words:
        if word.isascii():
            scripts["LATIN"] += len(word)
        else:
            scripts.update(_script(char) for char in word)
    return scripts


def _script(char: str) -> str:
    """The script of one letter, from its Unicode name ("ARABIC LETTER ALEF" -> "ARABIC")."""
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL") else (first or "UNKNOWN")
