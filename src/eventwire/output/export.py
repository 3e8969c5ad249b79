"""EXPORT stage: events and articles to the output contract's files.

:func:`write_outputs` writes a run's folder: ``events.jsonl`` and
``articles.jsonl`` (the contract in ``eval/README.md``, each event record with the
ACLED columns it lacks added), ``events.csv`` (ACLED's 31 export columns first,
:mod:`eventwire.output.acled`, then eventwire's own), ``events.geojson``, ``problems.jsonl``, ``report.html``
(made by :mod:`eventwire.web.report`, passed in by the caller) and, when given, ``summary.json``.
:func:`write_export` writes one file in one format, including Parquet.

Every file is written to a temporary file in the target folder (the writers of
:mod:`eventwire.output.formats`, one event at a time) and moved over the old one with
:func:`os.replace` only when all the run's files are complete, so a crash never
leaves a half-written file. Output is deterministic: events
are sorted by ``date_start`` (unknown dates last), country, admin1 and event id;
the mentions of an event by publication date (unknown last), article id and
offset; articles by article id; problems by file and line.

Format decisions:

* A mention's reported values (``date_start``, ``date_end``, ``fatalities``,
  ``location``, ``admin1``, ``actor1``, ``actor2``, ...) are left out of its
  record when the article does not report them, so readers fall back to the
  event's values (the contract's rule) instead of reading a null as a value.
* ``provenance`` is an object ``{field: mention_id}`` (the first mention named
  for a field); ``disagreements`` is the list of the event's disagreement records.
* GeoJSON: one Point feature per event with coordinates, ``[longitude, latitude]``;
  ``mentions`` becomes ``mention_count`` and ``sources``; the number of events
  without (valid) coordinates is the top-level member ``left_out``.
* Parquet: one row per event; ``mentions`` is a nested list of structs (all of
  a mention's fields, missing values null), ``provenance`` a list of
  ``{field, mention_id}`` structs, and ``disagreements`` a JSON string (its
  records have no fixed schema).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, ExportError, os_reason
from eventwire.output.acled import ACLED_COLUMNS
from eventwire.output.formats import (
    CSV_COLUMNS,
    CsvWriter,
    GeojsonWriter,
    JsonlWriter,
    outputs,
    to_json,
    to_jsonl,
    write_text_atomic,
)
from eventwire.records import (
    Article,
    Event,
    Problem,
    article_to_dict,
    event_to_dict,
    problem_to_dict,
)

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "REPORT_EVENTS", "LatestEvents",
           "sort_events", "write_export", "write_outputs", "write_text_atomic"]

#: Formats :func:`write_export` writes.
FORMATS = ("csv", "acled", "jsonl", "geojson", "parquet")

# The values a mention reports for its own article (left out when unknown).
_REPORTED = ("date_start", "date_end", "date_precision", "fatalities", "location", "admin1", "country",
             "latitude", "longitude", "geo_precision", "actor1", "actor2", "source", "published")


def _event_key(event: Event) -> tuple[Any, ...]:
    place = event.place
    country = place.country if place else None
    admin1 = place.admin1 if place else None
    first = _first_report(event)
    return (event.dates.start is None, event.dates.start or dt.date.min,
            country is None, country or "", admin1 is None, admin1 or "", first, event.event_id)


def _first_report(event: Event) -> tuple[Any, ...]:
    """Where the event's first report stands: article, offset, trigger, type, place (as the store's
    ``_EXPORT_ORDER`` reads it)."""
    if not event.mentions:
        return ("", -1, -1, "", "", "")
    m = event.mentions[0]
    return (m.article_id, m.start, m.end, m.trigger or "", m.sub_event_type, m.place.name if m.place else "")


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events in output order: date_start (unknown last), country, admin1, then where their first
    report stands (article, offset, what it says: not the event id, a hash of the file's path, so
    the order does not change when the files move)."""
    return sorted(events, key=_event_key)


def write_outputs(out_dir: Path, *, events: Iterable[Event], articles: Iterable[Article],
                  problems: Sequence[Problem] = (), summary: dict[str, Any] | None = None,
                  parquet: bool = False, report_articles: ArticlesFn | Sequence[Article] | None = None,
                  ordered: bool = False, report: ReportFn | None = None,
                  report_failed: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write a run's output folder; return ``{file name: path}`` of the files written.

    ``events`` and ``articles`` are sorted here, unless ``ordered`` says they
    already come in :func:`sort_events` and article-id order: they are then
    read once, lazily, and each is written as it comes, so memory holds one
    event (and the report's latest :data:`REPORT_EVENTS`), not all of them.
    ``report_articles`` are the articles whose texts ``report.html`` shows
    around each sentence (default: ``articles``, which must then be a sequence),
    or a function giving the articles of a list of ids (a streaming run reads
    them from its store). ``parquet`` also writes ``events.parquet``.

    Every file goes to a temporary file first; the files replace the old ones
    only when all are complete, so an error in the data writes nothing.

    ``report`` makes ``report.html`` from the latest :data:`REPORT_EVENTS` records
    (:func:`eventwire.web.report.render_report`: the web stage comes after this one, so the
    caller passes it); without it no report is written (and an old one is removed).
    ``report.html`` is a view, not data: when it cannot be made (its web assets
    missing or unreadable, say) every other file is written, an old
    ``report.html`` is removed, ``summary.json`` records the reason under
    ``report_error`` and ``report_failed`` is called with it.
    """
    stream = iter(events) if ordered else iter(sort_events(events))
    with outputs(Path(out_dir)) as files:
        writers: list[Any] = [JsonlWriter(files.text("events.jsonl")), CsvWriter(files.text("events.csv")),
                              GeojsonWriter(files.text("events.geojson"))]
        if parquet:
            writers.append(files.parquet("events.parquet"))
        shown = LatestEvents(REPORT_EVENTS)
        for event in stream:
            record = event_to_dict(event)
            for writer in writers:
                writer.add(event, record)
            shown.add({k: v for k, v in record.items() if k != "_acled"})
        for writer in writers:
            writer.close()
        listed = files.text("articles.jsonl")
        for article in articles if ordered else sorted(articles, key=lambda a: a.article_id):
            listed.write(to_json(article_to_dict(article)) + "\n")
        files.text("problems.jsonl").write(
            to_jsonl(problem_to_dict(p) for p in sorted(problems, key=lambda p: (p.file, p.line is not None,
                                                                                p.line or 0))))
        context = report_articles if report_articles is not None else articles
        reason = None
        try:
            if report is None:
                files.discard("report.html")  # an old one would show other events than these files
            else:
                page = _report(report, shown, context if callable(context) else list(context))
                out = files.text("report.html")
                out.write(page)
                out.flush()
        except (EventwireError, OSError, MemoryError) as exc:  # the events are written all the same
            reason = f"report.html not written: {os_reason(exc) if isinstance(exc, OSError) else exc}"
            files.discard("report.html")
        if reason is not None:
            if summary is not None:
                summary = {**summary, "report_error": reason}
            if report_failed is not None:
                report_failed(reason)
        if summary is not None:
            files.text("summary.json").write(to_json(summary, indent=2) + "\n")
        return files.commit()


#: ``report.html`` shows at most this many events, the latest (a browser page holds no more);
#: the page's title then says how many there are in all (``events.jsonl`` and ``eventwire serve``
#: have every one).
REPORT_EVENTS = 2000

ArticlesFn = Callable[[Sequence[str]], Sequence[Article]]
#: Makes ``report.html`` from records, articles by id, a title and the source's total of events.
ReportFn = Callable[..., str]


class LatestEvents:
    """The ``limit`` latest event records seen (by date, unknown dates oldest; None: all), and how many."""

    def __init__(self, limit: int | None) -> None:
        self.limit, self.seen = limit, 0
        self.heap: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def add(self, record: dict[str, Any]) -> None:
        start = record["date_start"]
        item = ((start is not None, start or "", self.seen), record)
        self.seen += 1
        if self.limit is None or len(self.heap) < self.limit:
            heapq.heappush(self.heap, item)
        elif item[0] > self.heap[0][0]:
            heapq.heapreplace(self.heap, item)

    def records(self) -> list[dict[str, Any]]:
        """The kept records in the order they were added."""
        return [record for _, record in sorted(self.heap, key=lambda item: item[0][2])]

    def cited(self) -> list[str]:
        """The ids of the articles the kept records' mentions come from, sorted."""
        return sorted({m["article_id"] for _, r in self.heap for m in r.get("mentions") or []
                       if isinstance(m.get("article_id"), str)})


def _report(render_report: ReportFn, shown: LatestEvents, articles: ArticlesFn | Sequence[Article]) -> str:
    records = shown.records()
    if callable(articles):
        articles = articles(shown.cited())
    title = "eventwire report"
    if shown.seen > len(records):
        title = f"eventwire report: the latest {len(records):,} of {shown.seen:,} events"
    return render_report(records, {a.article_id: a for a in articles}, title=title, total=shown.seen)


def write_export(path: Path, *, events: Iterable[Event], fmt: str) -> None:
    """Write ``events`` to one file at ``path`` in ``fmt`` (csv, acled, jsonl, geojson or parquet).

    ``acled`` is a CSV of exactly ACLED's 31 export columns; ``csv`` is ``events.csv``.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    path = Path(path)
    with outputs(path.parent) as files:
        if fmt == "parquet":
            writer: Any = files.parquet(path.name)
        else:
            handle = files.text(path.name)
            writer = CsvWriter(handle, acled_only=True) if fmt == "acled" else \
                {"csv": CsvWriter, "jsonl": JsonlWriter, "geojson": GeojsonWriter}[fmt](handle)
        for event in sort_events(events):
            writer.add(event, event_to_dict(event))
        writer.close()
        files.commit()
