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
import math
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
    #: How the extraction chose it, as JSON (the type's score, each argument's phrase and rule),
    #: stored with the mention for the web app; not part of what the mention says.
    trail: str | None = field(default=None, compare=False)


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
        return event_to_dict(self)

    @property
    def confidence(self) -> float | None:
        """The recogniser's best score for this event's type among its reports."""
        found = [m.confidence for m in self.mentions
                 if m.confidence is not None and m.sub_event_type == self.sub_event_type]
        return max(found) if found else None


#: The kinds of an analyst's linking correction.
KINDS = ("merge", "split")


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's correction, as stored."""

    correction_id: str
    kind: str  # "merge" or "split"
    mention_a: str
    mention_b: str | None
    made_at: dt.datetime
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FieldCorrection:
    """One analyst's correction of one field of the event that holds ``mention_id``."""

    correction_id: str
    mention_id: str
    field: str  # a value of FIELDS
    value: str  # as checked by check_value ("" clears an actor)
    made_at: dt.datetime
    note: str | None = None


# -- the contract's JSON form of each record (events.jsonl, articles.jsonl, problems) ---------


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _coord(value: float | None) -> float | None:
    """A finite float or None (JSON has no NaN)."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _place_fields(place: Place | None, *, with_code: bool = False) -> dict[str, Any]:
    """The contract's place columns (the event record also carries ``country_code``)."""
    fields: dict[str, Any] = {"location": place.name if place else None,
                              "admin1": place.admin1 if place else None,
                              "country": place.country if place else None}
    if with_code:
        fields["country_code"] = place.country_code if place else None
    fields.update(latitude=_coord(place.latitude) if place else None,
                  longitude=_coord(place.longitude) if place else None,
                  geo_precision=place.geo_precision if place else None)
    return fields


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """One mention as in ``events.jsonl``: what its article reports, unknown values left out."""
    place = mention.place
    reported: dict[str, Any] = {
        "date_start": _iso(mention.dates.start),
        "date_end": _iso(mention.dates.end),
        "date_precision": mention.dates.precision if mention.dates.known else None,
        "fatalities": mention.fatalities,
        **_place_fields(place),
        "actor1": mention.actor1,
        "actor2": mention.actor2,
        "source": mention.source,
        "published": _iso(mention.published),
    }
    record: dict[str, Any] = {
        "mention_id": mention.mention_id,
        "article_id": mention.article_id,
        "file": mention.file,
        "sentence": mention.sentence,
        "start": mention.start,
        "end": mention.end,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "trigger": mention.trigger,
    }
    if mention.confidence is not None:
        record["confidence"] = round(mention.confidence, 4)
    record.update((k, v) for k, v in reported.items() if v is not None)
    return record


def event_to_dict(event: Event) -> dict[str, Any]:
    """The contract's ``events.jsonl`` record of ``event``, mentions as dicts."""
    place = event.place
    provenance: dict[str, str] = {}
    for name, mention_id in event.provenance:
        provenance.setdefault(name, mention_id)
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": _iso(event.dates.start),
        "date_end": _iso(event.dates.end),
        "date_precision": event.dates.precision,
        "actor1": event.actor1,
        "actor2": event.actor2,
        **_place_fields(place, with_code=True),
        "fatalities": event.fatalities,
        "confidence": None if event.confidence is None else round(event.confidence, 4),
        "mentions": [mention_to_dict(m) for m in sorted(event.mentions, key=mention_order)],
        "provenance": provenance,
        "disagreements": [dict(d) for d in event.disagreements],
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """The contract's ``articles.jsonl`` record of ``article``."""
    return {
        "article_id": article.article_id,
        "file": article.file,
        "title": article.title,
        "source": article.source,
        "published": _iso(article.published),
        "url": article.url,
    }


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "reason": problem.reason}


#: The canonical name of armed people nobody names, before its country: "Unidentified Armed Group (Nigeria)".
UNIDENTIFIED_ARMED_GROUP = "Unidentified Armed Group"


def named(actor: str | None) -> str | None:
    """The actor, or None for nobody or an unidentified armed group: a report that does not say
    who acted does not disagree with one that does."""
    return None if actor is None or actor.startswith(UNIDENTIFIED_ARMED_GROUP) else actor


def told_in_a_headline(m: Mention) -> bool:
    """Whether the mention is told in a headline (no closing stop), not in a full sentence."""
    return not m.sentence.rstrip().endswith((".", "!", "?", '"', "”", "'"))


def mention_order(m: Mention) -> tuple[Any, ...]:
    """The order an event's mentions are listed in: publication date (unknown last), article, offset."""
    return (m.published is None, m.published or dt.date.min, m.article_id, *in_article(m))


def in_article(m: Mention) -> tuple[Any, ...]:
    """A mention's place among its article's: by offset, then by what it says, so that two reports
    of one sentence keep the same order wherever the article's file lies (the mention id, a hash
    of the article's path, breaks only the ties of identical reports)."""
    return (m.start, m.end, m.trigger, m.sub_event_type, m.place.name if m.place else "", m.mention_id)
