"""EXPORT stage: events and articles to the output contract's files.

:func:`write_outputs` writes a run's folder: ``events.jsonl`` and
``articles.jsonl`` (the contract in ``eval/README.md``), ``events.csv``
(ACLED-style columns), ``events.geojson``, ``problems.jsonl``, ``report.html``
(:mod:`eventwire.web.report`) and, when given, ``summary.json``.
:func:`write_export` writes one file in one format, including Parquet.

Every file is written to a temporary file in the target folder and then moved
over the old one with :func:`os.replace`, so a crash never leaves a half-written
file: readers see the old file or the new one. Output is deterministic: events
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

import csv
import datetime as dt
import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import ExportError
from .records import Article, Event, Mention, Place, Problem

#: Columns of ``events.csv``, in order (ACLED-style).
CSV_COLUMNS = (
    "event_id", "event_date", "date_end", "date_precision", "year", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities", "mention_count",
)

#: Formats :func:`write_export` writes.
FORMATS = ("csv", "jsonl", "geojson", "parquet")

# The values a mention reports for its own article (left out when unknown).
_REPORTED = ("date_start", "date_end", "date_precision", "fatalities", "location", "admin1", "country",
             "latitude", "longitude", "geo_precision", "actor1", "actor2", "source", "published")


# -- records -------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _coord(value: float | None) -> float | None:
    """A finite float or None (JSON has no NaN)."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _mention_key(m: Mention) -> tuple[Any, ...]:
    return (m.published is None, m.published or dt.date.min, m.article_id, m.start, m.mention_id)


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
        "mentions": [mention_to_dict(m) for m in sorted(event.mentions, key=_mention_key)],
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


def _sources(record: dict[str, Any]) -> list[str]:
    """The outlets that report an event, each once, in mention order."""
    found: list[str] = []
    for m in record["mentions"]:
        name = m.get("source")
        if name and name not in found:
            found.append(name)
    return found


def _event_key(event: Event) -> tuple[Any, ...]:
    place = event.place
    country = place.country if place else None
    admin1 = place.admin1 if place else None
    return (event.dates.start is None, event.dates.start or dt.date.min,
            country is None, country or "", admin1 is None, admin1 or "", event.event_id)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events in output order: date_start (unknown last), country, admin1, event_id."""
    return sorted(events, key=_event_key)


# -- renderers (each returns the whole file's text) ------------------------------------


def _json_default(value: object) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _json(value: Any, *, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default, indent=indent)


def _jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(_json(r) + "\n" for r in records)


def _render_jsonl(events: Sequence[Event]) -> str:
    return _jsonl(event_to_dict(e) for e in events)


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    mentions = record["mentions"]
    start = record["date_start"]
    return {
        "event_id": record["event_id"], "event_date": start, "date_end": record["date_end"],
        "date_precision": record["date_precision"], "year": start[:4] if start else None,
        "event_type": record["event_type"], "sub_event_type": record["sub_event_type"],
        "actor1": record["actor1"], "actor2": record["actor2"], "country": record["country"],
        "admin1": record["admin1"], "location": record["location"], "latitude": record["latitude"],
        "longitude": record["longitude"], "geo_precision": record["geo_precision"],
        "source": "; ".join(_sources(record)),
        "notes": mentions[0]["sentence"] if mentions else None,
        "fatalities": record["fatalities"], "mention_count": len(mentions),
    }


def _render_csv(events: Sequence[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({k: "" if v is None else v for k, v in _csv_row(event_to_dict(event)).items()})
    return buffer.getvalue()


def _valid_point(record: dict[str, Any]) -> bool:
    lat, lon = record["latitude"], record["longitude"]
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _render_geojson(events: Sequence[Event]) -> str:
    features = []
    left_out = 0
    for event in events:
        record = event_to_dict(event)
        if not _valid_point(record):
            left_out += 1
            continue
        properties = {k: v for k, v in record.items() if k != "mentions"}
        properties["mention_count"] = len(record["mentions"])
        properties["sources"] = _sources(record)
        features.append({
            "type": "Feature",
            "id": record["event_id"],
            "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
            "properties": properties,
        })
    return _json({"type": "FeatureCollection", "features": features, "left_out": left_out}) + "\n"


# -- atomic writing --------------------------------------------------------------------


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it over ``path``."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(handle)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc}") from None
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "ab") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed into place."""
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


def write_outputs(out_dir: Path, *, events: Sequence[Event], articles: Sequence[Article],
                  problems: Sequence[Problem] = (), summary: dict[str, Any] | None = None,
                  parquet: bool = False, report_articles: Sequence[Article] | None = None) -> dict[str, Path]:
    """Write a run's output folder; return ``{file name: path}`` of the files written.

    ``report_articles`` are the articles whose texts ``report.html`` shows around
    each sentence (default: ``articles``; a streaming run passes them apart, as
    it writes ``articles.jsonl`` itself).

    All files are rendered in memory first, so an error in the data writes
    nothing; each file then replaces the old one atomically. ``parquet`` also
    writes ``events.parquet``.
    """
    out = Path(out_dir)
    ordered = sort_events(events)
    texts = {
        "events.jsonl": _render_jsonl(ordered),
        "articles.jsonl": _jsonl(article_to_dict(a) for a in sorted(articles, key=lambda a: a.article_id)),
        "events.csv": _render_csv(ordered),
        "events.geojson": _render_geojson(ordered),
        "problems.jsonl": _jsonl(problem_to_dict(p) for p in
                                 sorted(problems, key=lambda p: (p.file, p.line is not None, p.line or 0))),
    }
    if summary is not None:
        texts["summary.json"] = _json(summary, indent=2) + "\n"
    from .web.report import report_html  # imported here: the web package imports this module

    texts["report.html"] = report_html(events=ordered,
                                       articles=articles if report_articles is None else report_articles)
    written: dict[str, Path] = {}
    for name, text in texts.items():
        write_text_atomic(out / name, text)
        written[name] = out / name
    if parquet:
        write_export(out / "events.parquet", events=ordered, fmt="parquet")
        written["events.parquet"] = out / "events.parquet"
    return written


def write_export(path: Path, *, events: Sequence[Event], fmt: str) -> None:
    """Write ``events`` to one file at ``path`` in ``fmt`` (csv, jsonl, geojson or parquet)."""
    ordered = sort_events(events)
    if fmt == "csv":
        write_text_atomic(Path(path), _render_csv(ordered))
    elif fmt == "jsonl":
        write_text_atomic(Path(path), _render_jsonl(ordered))
    elif fmt == "geojson":
        write_text_atomic(Path(path), _render_geojson(ordered))
    elif fmt == "parquet":
        _write_parquet(Path(path), ordered)
    else:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


# -- parquet ---------------------------------------------------------------------------


def _parquet_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    rows = []
    for event in events:
        record = event_to_dict(event)
        record["date_start"] = event.dates.start
        record["date_end"] = event.dates.end
        record["mentions"] = [
            {**m, "date_start": x.dates.start, "date_end": x.dates.end, "published": x.published}
            for m, x in zip(record["mentions"], sorted(event.mentions, key=_mention_key), strict=True)
        ]
        record["provenance"] = [{"field": f, "mention_id": i} for f, i in event.provenance]
        record["disagreements"] = _json(record["disagreements"])
        record["mention_count"] = len(record["mentions"])
        record["sources"] = _sources(record)
        rows.append(record)
    return rows


def _parquet_schema() -> Any:
    import pyarrow as pa

    text, day, whole, real = pa.string(), pa.date32(), pa.int64(), pa.float64()
    mention = pa.struct([
        ("mention_id", text), ("article_id", text), ("file", text), ("sentence", text),
        ("start", whole), ("end", whole), ("event_type", text), ("sub_event_type", text),
        ("trigger", text), ("date_start", day), ("date_end", day), ("date_precision", text),
        ("fatalities", whole), ("location", text), ("admin1", text), ("country", text),
        ("latitude", real), ("longitude", real), ("geo_precision", whole), ("actor1", text),
        ("actor2", text), ("source", text), ("published", day),
    ])
    return pa.schema([
        ("event_id", text), ("event_type", text), ("sub_event_type", text), ("date_start", day),
        ("date_end", day), ("date_precision", text), ("actor1", text), ("actor2", text),
        ("location", text), ("admin1", text), ("country", text), ("country_code", text),
        ("latitude", real), ("longitude", real), ("geo_precision", whole), ("fatalities", whole),
        ("mention_count", whole), ("sources", pa.list_(text)), ("mentions", pa.list_(mention)),
        ("provenance", pa.list_(pa.struct([("field", text), ("mention_id", text)]))),
        ("disagreements", text),
    ])


def _write_parquet(path: Path, events: Sequence[Event]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pa.Table.from_pylist(_parquet_rows(events), schema=_parquet_schema())
    except (pa.ArrowException, TypeError, ValueError) as exc:
        raise ExportError(f"cannot build the Parquet table for {path}: {exc}") from None
    _atomic_write(path, lambda tmp: pq.write_table(table, tmp))
