"""Typed records that flow between the pipeline stages.

Every stage takes records and returns records; none of them is a loose dict.
The records are frozen so a stage can never change what an earlier one made.

    Article   one input document, cleaned, with its metadata
    Problem   one input that could not be read (file, reason), never fatal
    DateSpan  a resolved date or date range with its precision
    Place     a geocoded place
    Mention   one article's report of one event (the sentence and its values)
    Event     one real-world event: merged values and all its mentions
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing is not imported at run time (import eventwire stays light)
if TYPE_CHECKING:
    from typing import Any

#: Precision labels used by :class:`DateSpan` (the output contract's values).
DATE_PRECISIONS = ("day", "range", "week", "month", "year", "unknown")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after ingest and cleaning.

    ``text`` is the cleaned text; mention offsets point into it.
    ``published_origin`` says where ``published`` came from (``meta``,
    ``field``, ``dateline``, ``byline``, ``header``) so users can audit it.
    ``year_hint`` is a year taken from context (a release number, a copyright-
    free mention) for datelines that omit the year; it is never used as the
    publication date itself.
    ``replaced`` counts the code points of its fields that no output could
    hold and were replaced by U+FFFD (:mod:`eventwire.ingest.codepoints`).
    """

    article_id: str
    file: str
    text: str
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    published_origin: str | None = None
    url: str | None = None
    year_hint: int | None = None
    replaced: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read, or a part of one (``line`` for JSONL)."""

    file: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A resolved date window. ``start``/``end`` are both None when unknown."""

    start: dt.date | None
    end: dt.date | None
    precision: str = "unknown"
    text: str | None = None  # the expression it was resolved from

    @classmethod
    def unknown(cls) -> DateSpan:
        return cls(None, None, "unknown", None)

    @classmethod
    def day(cls, day: dt.date, text: str | None = None) -> DateSpan:
        return cls(day, day, "day", text)

    @property
    def known(self) -> bool:
        return self.start is not None

    @property
    def width(self) -> int:
        """Days covered (1 for a single day); a large number when unknown."""
        if self.start is None or self.end is None:
            return 10**6
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place.

    ``geo_precision`` follows the contract: 1 the town itself, 2 a district or a
    place near a town, 3 only the province (admin1) is known.
    ``kind`` is ``city``, ``district``, ``admin1`` or ``country``.
    """

    name: str
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    kind: str = "city"
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One article's report of one event, with the values that article gives."""

    mention_id: str
    article_id: str
    file: str
    sentence: str
    start: int
    end: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    place: Place | None
    dates: DateSpan
    fatalities: int | None
    trigger: str = ""
    source: str | None = None
    published: dt.date | None = None
    confidence: float | None = None  # the recogniser's probability of this sub-event type


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: the merged values of its mentions."""

    event_id: str
    event_type: str
    sub_event_type: str
    dates: DateSpan
    actor1: str | None
    actor2: str | None
    place: Place | None
    fatalities: int | None
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    provenance: tuple[tuple[str, str], ...] = ()  # (field, mention_id)
    disagreements: tuple[dict, ...] = ()
    #: When the event's content last changed, as the store recorded it (UTC; None outside a store).
    #: Bookkeeping, not content: two events that say the same are equal whenever they were stamped.
    changed_at: dt.datetime | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The event as its ``events.jsonl`` record (mentions included; :func:`eventwire.as_rows` for
        flat ``events.csv`` rows)."""
        from .export import event_to_dict

        return event_to_dict(self)

    @property
    def confidence(self) -> float | None:
        """The recogniser's best score for this event's type among its reports."""
        found = [m.confidence for m in self.mentions
                 if m.confidence is not None and m.sub_event_type == self.sub_event_type]
        return max(found) if found else None
