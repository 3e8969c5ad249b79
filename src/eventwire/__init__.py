"""eventwire: news articles in, geocoded and dated conflict events out."""

from __future__ import annotations

from .errors import EventwireError
from .records import Article, DateSpan, Event, Mention, Place, Problem

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DateSpan",
    "Event",
    "EventwireError",
    "Mention",
    "Place",
    "Problem",
    "__version__",
]
