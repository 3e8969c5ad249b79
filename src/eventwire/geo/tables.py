"""The gazetteer's names and compact tables, shared by the index and its builder.

How a name is folded to its key (:func:`name_key`, :func:`fold_ascii`), its consonant
skeleton for spelling variants (:func:`skeleton`), the kinds of place, and the packed string
table the cached index is stored in. :mod:`eventwire.geo.gazetteer` reads with them and
:mod:`eventwire.geo.gazetteer_build` builds with them.
"""

from __future__ import annotations

import array
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

_FORMAT = 6  # bump when the cached layout or the build rules change
_KINDS = ("city", "district", "admin1", "country")
_PRECISION: tuple[int | None, ...] = (1, 2, 3, None)
CITY, DISTRICT, ADMIN1, COUNTRY = range(4)
_MAX_WORDS = 6  # longer names are left out of the index (never scanned for)

_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t", "ɗ": "d", "ɓ": "b",
    "ƙ": "k", "‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "`": "'", "ʿ": "'", "ʾ": "'", "´": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-",
})
_NON_KEY = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def _fold_raw(text: str) -> str:
    if text.isascii():
        return text.replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)


def fold_ascii(text: str) -> str:
    """``text`` in plain ASCII: diacritics dropped, ‘curly’ apostrophes made straight."""
    folded = _fold_raw(text).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub(" ", folded).strip()


def name_key(text: str) -> str:
    """The lookup key: folded, lower case, only ``a-z0-9`` (hyphens, spaces, apostrophes go)."""
    return _NON_KEY.sub("", (text if text.isascii() else fold_ascii(text)).lower())


_SKELETON_STEPS = ((re.compile(r"q"), "k"), (re.compile(r"ph"), "f"), (re.compile(r"[aeiouyvw]"), ""),
                   (re.compile(r"(.)\1+"), r"\1"))


def skeleton(text: str) -> str:
    """A loose transliteration key (consonants only; q=k; v, w, y dropped) for fuzzy matching.

    "Paktia", "Paktiya" and "Paktya" share one; so do "Uruzgan" and "Oruzgan",
    "Wardak" and "Vardak", "Sar-e Pul" and "Sari Pul". Used only within a country.
    """
    out = name_key(text)
    first = out[:1]
    for pattern, repl in _SKELETON_STEPS:
        out = pattern.sub(repl, out)
    return ("a" if first and first in "aeiouy" else "") + out  # an initial vowel counts, not which


def swapped_pair(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two neighbouring letters swapped ("ghzn" / "ghnz")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


class _Strings(Sequence[bytes]):
    """An immutable list of ASCII strings kept in one blob (compact, fast to load)."""

    __slots__ = ("_blob", "_ends")

    def __init__(self, blob: bytes, ends: array.array[int]) -> None:
        self._blob = blob
        self._ends = ends

    @classmethod
    def of(cls, items: Iterable[str]) -> _Strings:
        parts = [s.encode("ascii") for s in items]
        ends = array.array("I")
        total = 0
        for part in parts:
            total += len(part)
            ends.append(total)
        return cls(b"".join(parts), ends)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> bytes:  # type: ignore[override]
        return self._blob[self._ends[i - 1] if i else 0:self._ends[i]]

    def text(self, i: int) -> str:
        return self[i].decode("ascii")

    def dump(self) -> tuple[bytes, bytes]:
        return self._blob, self._ends.tobytes()

    @classmethod
    def load(cls, parts: tuple[bytes, bytes]) -> _Strings:
        ends = array.array("I")
        ends.frombytes(parts[1])
        return cls(parts[0], ends)


def _array(code: str, raw: bytes) -> array.array[Any]:
    out = array.array(code)
    out.frombytes(raw)
    return out
