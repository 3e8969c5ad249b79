"""eventwire: news articles in, geocoded and dated conflict events out.

``eventwire.code(text)`` and ``eventwire.Coder`` (:mod:`eventwire.api`) code texts,
records and files from Python; they are loaded on first use, so ``import eventwire``
stays light (records and errors only).
"""

from __future__ import annotations

from eventwire.errors import EventwireError
from eventwire.records import Article, DateSpan, Event, Mention, Place, Problem
from eventwire.version import __version__

TYPE_CHECKING = False  # typing itself is not imported: it is a third of this package's import time
if TYPE_CHECKING:
    from eventwire.api import Coded, Coder, as_rows, code


__all__ = [
    "Article",
    "Coded",
    "Coder",
    "DateSpan",
    "Event",
    "EventwireError",
    "Mention",
    "Place",
    "Problem",
    "__version__",
    "as_rows",
    "code",
]

_LAZY = frozenset({"Coded", "Coder", "as_rows", "code"})


def __getattr__(name: str) -> object:
    """The API (:mod:`eventwire.api`) on first use."""
    if name in _LAZY:
        from eventwire import api

        return getattr(api, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
