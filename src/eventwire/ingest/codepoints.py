"""Code points no output can hold, replaced on the way in.

Python's ``json`` module accepts escapes such as ``"\\ud800"``: a lone half of a
UTF-16 surrogate pair, which is a valid Python string but cannot be written as
UTF-8, stored in DuckDB or sent as JSON. Such code points (U+D800 to U+DFFF) are
replaced by U+FFFD, the replacement character, when a record is read; the
number replaced is kept on the article (``Article.replaced``) and summed in the
run summary, so nothing raises later and nothing is silently changed.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"

_UNENCODABLE = re.compile("[\ud800-\udfff]")


def replace_unencodable(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many were replaced."""
    if text.isascii():
        return text, 0
    return _UNENCODABLE.subn(REPLACEMENT, text)


def scrub(value: Any) -> tuple[Any, int]:
    """A parsed JSON value with every string (object keys too) passed through
    :func:`replace_unencodable`, and the total replaced. Values are rebuilt only
    where something changed."""
    if isinstance(value, str):
        return replace_unencodable(value)
    if isinstance(value, list):
        total = 0
        items = []
        for item in value:
            clean, count = scrub(item)
            items.append(clean)
            total += count
        return (items, total) if total else (value, 0)
    if isinstance(value, dict):
        total = 0
        pairs = []
        for key, item in value.items():
            clean_key, key_count = scrub(key)
            clean, count = scrub(item)
            pairs.append((clean_key, clean))
            total += key_count + count
        return (dict(pairs), total) if total else (value, 0)
    return value, 0
