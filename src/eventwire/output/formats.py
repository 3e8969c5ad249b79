"""File formats of the exports, written one event at a time, and the temporary-file set.

Each writer takes an event and its ``events.jsonl`` record (:func:`eventwire.records.event_to_dict`)
and writes it as it comes: JSON Lines, CSV, GeoJSON (a FeatureCollection written
feature by feature, the same bytes as one ``json.dumps``) and Parquet (row groups of
:data:`PARQUET_ROWS` events). :class:`Outputs` writes a set of files to temporary
files beside their targets and moves them into place only when all are complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, cast

from eventwire.errors import ExportError, os_reason
from eventwire.output.acled import ACLED_COLUMNS, INTEGER_COLUMNS, acled_row
from eventwire.records import Event, mention_order

#: eventwire's own columns of ``events.csv``, after ACLED's.
OWN_COLUMNS = ("event_id", "date_end", "date_precision", "mention_count", "confidence")
#: Columns of ``events.csv``, in order: ACLED's 31 export columns, then eventwire's own.
CSV_COLUMNS = (*ACLED_COLUMNS, *OWN_COLUMNS)
#: The ACLED columns an ``events.jsonl`` record adds to the contract's (the others it has already).
ACLED_EXTRA = tuple(c for c in ACLED_COLUMNS if c not in (
    "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "fatalities"))

#: Events per Parquet row group.
PARQUET_ROWS = 2000


def sources(record: dict[str, Any]) -> list[str]:
    """The outlets that report an event, each once, in mention order."""
    found: list[str] = []
    for m in record["mentions"]:
        name = m.get("source")
        if name and name not in found:
            found.append(name)
    return found


def _json_default(value: object) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


#: Characters JSON allows raw in a string that line-based readers (Python's ``str.splitlines``,
#: JavaScript before ES2019) take for line ends: written escaped, so a JSON Lines record stays one line.
_LINE_BREAKERS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def to_json(value: Any, *, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default, indent=indent)
    return text.translate(_LINE_BREAKERS)


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(to_json(r) + "\n" for r in records)


def acled_fields(event: Event, record: dict[str, Any]) -> dict[str, Any]:
    """The event's 31 ACLED columns, typed (:func:`eventwire.output.acled.acled_row`), computed once per
    record: kept in the record under ``_acled``, which no file writes as such."""
    found = record.get("_acled")
    if found is None:
        from eventwire.geo.districts import admin_levels

        found = acled_row(event, record, admin=admin_levels(event.place), outlets=sources(record))
        record["_acled"] = found
    return found


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else value


def _csv_row(event: Event, record: dict[str, Any]) -> dict[str, Any]:
    row = dict(acled_fields(event, record))
    row.update(event_id=record["event_id"], date_end=record["date_end"], date_precision=record["date_precision"],
               mention_count=len(record["mentions"]), confidence=record.get("confidence"))
    return row


def jsonl_record(event: Event, record: dict[str, Any]) -> dict[str, Any]:
    """The ``events.jsonl`` record: the contract's fields, then the ACLED columns it lacks."""
    acled = acled_fields(event, record)
    out = {k: v for k, v in record.items() if k != "_acled"}
    out.update((k, acled[k].isoformat() if isinstance(acled[k], dt.date) else acled[k]) for k in ACLED_EXTRA)
    return out


def csv_row(event: Event, record: dict[str, Any]) -> dict[str, Any]:
    """The ``events.csv`` row (:data:`CSV_COLUMNS`) of an event and its ``events.jsonl`` record."""
    return _csv_row(event, record)


def _valid_point(record: dict[str, Any]) -> bool:
    lat, lon = record["latitude"], record["longitude"]
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _feature(record: dict[str, Any]) -> dict[str, Any]:
    properties = {k: v for k, v in record.items() if k not in ("mentions", "_acled")}
    properties["mention_count"] = len(record["mentions"])
    properties["sources"] = sources(record)
    return {
        "type": "Feature",
        "id": record["event_id"],
        "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
        "properties": properties,
    }


class JsonlWriter:
    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def add(self, event: Event, record: dict[str, Any]) -> None:
        self.handle.write(to_json(jsonl_record(event, record)) + "\n")

    def close(self) -> None:
        pass


class CsvWriter:
    """``events.csv``: ACLED's 31 columns then eventwire's own (``acled_only``: the 31 alone)."""

    def __init__(self, handle: IO[str], *, acled_only: bool = False) -> None:
        self.columns = ACLED_COLUMNS if acled_only else CSV_COLUMNS
        self.writer = csv.DictWriter(handle, fieldnames=self.columns, lineterminator="\n", extrasaction="ignore")
        self.writer.writeheader()

    def add(self, event: Event, record: dict[str, Any]) -> None:
        self.writer.writerow({k: _csv_value(v) for k, v in _csv_row(event, record).items()})

    def close(self) -> None:
        pass


class GeojsonWriter:
    """A FeatureCollection written feature by feature (the same bytes as one ``json.dumps``)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle, self.features, self.left_out = handle, 0, 0
        handle.write('{"type": "FeatureCollection", "features": [')

    def add(self, event: Event, record: dict[str, Any]) -> None:
        if not _valid_point(record):
            self.left_out += 1
            return
        self.handle.write((", " if self.features else "") + to_json(_feature(record)))
        self.features += 1

    def close(self) -> None:
        self.handle.write(f'], "left_out": {self.left_out}}}\n')


class ParquetWriter:
    """Row groups of :data:`PARQUET_ROWS` events, so memory holds one group."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.schema, self.path = _parquet_schema(), path
        try:
            self.writer = pq.ParquetWriter(path, self.schema)
        except OSError as exc:
            raise named(exc, path) from None
        self.rows: list[dict[str, Any]] = []

    def add(self, event: Event, record: dict[str, Any]) -> None:
        self.rows.append(_parquet_row(event, record))
        if len(self.rows) >= PARQUET_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        try:
            table = pa.Table.from_pylist(self.rows, schema=self.schema)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            raise ExportError(f"cannot build the Parquet table: {exc}") from None
        try:
            self.writer.write_table(table)
        except OSError as exc:
            raise named(exc, self.path) from None
        self.rows = []

    def close(self) -> None:
        if self.rows:
            self._flush()
        try:
            self.writer.close()
        except OSError as exc:
            raise named(exc, self.path) from None

    def abandon(self) -> None:
        """Close the file without writing what is held (the run failed)."""
        self.rows = []
        self.writer.close()


class Outputs:
    """Files written to temporary files beside their targets, moved into place when all are complete.

    If anything fails before :meth:`commit`, every temporary file is removed and
    every old file stays; each file is then replaced atomically (a reader never
    sees half a file), one after the other. Temporary files are named
    ``.NAME.PID.*.tmp``, so that a later run can remove those of a killed one
    (:func:`eventwire.tempfiles.remove_stale_temporaries`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.temps: dict[str, Path] = {}
        self.handles: list[IO[Any]] = []
        self.parquets: list[ParquetWriter] = []
        self.dropped: list[str] = []

    def drop(self, name: str) -> None:
        """Remove the old ``name`` on :meth:`commit` (a file this run could not write anew)."""
        self.dropped.append(name)

    def discard(self, name: str) -> None:
        """Give up ``name``: its temporary file (if begun) is removed, and the old file on :meth:`commit`."""
        temp = self.temps.pop(name, None)
        if temp is not None:
            for handle in [h for h in self.handles if getattr(h, "name", None) == str(temp)]:
                self.handles.remove(handle)
                with suppress(OSError):
                    handle.close()
            with suppress(OSError):
                temp.unlink(missing_ok=True)
        self.drop(name)

    def _temp(self, name: str) -> Path:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=".tmp", dir=self.folder)
            os.close(handle)
        except OSError as exc:
            raise ExportError(f"cannot write {self.folder / name}: {os_reason(exc)}") from None
        self.temps[name] = Path(temp)
        return Path(temp)

    def text(self, name: str) -> IO[str]:
        """A text file (UTF-8, newlines as written) that becomes ``name``."""
        temp = self._temp(name)
        handle = cast(IO[str], _Named(temp.open("w", encoding="utf-8", newline=""), temp))
        self.handles.append(handle)
        return handle

    def binary(self, name: str) -> IO[bytes]:
        """A binary file that becomes ``name``."""
        temp = self._temp(name)
        handle = cast(IO[bytes], _Named(temp.open("wb"), temp))
        self.handles.append(handle)
        return handle

    def parquet(self, name: str) -> ParquetWriter:
        """A Parquet writer whose file becomes ``name``."""
        writer = ParquetWriter(self._temp(name))
        self.parquets.append(writer)
        return writer

    def commit(self) -> dict[str, Path]:
        """Flush every file to disk, then move each over its target; return ``{name: path}``."""
        for handle in self.handles:
            handle.close()
        for temp in self.temps.values():
            try:
                with open(temp, "ab") as written:
                    os.fchmod(written.fileno(), FILE_MODE)  # what open() gives; mkstemp makes files private
                    os.fsync(written.fileno())
            except OSError as exc:
                raise named(exc, temp) from None
        for name, temp in self.temps.items():
            os.replace(temp, self.folder / name)
        for name in self.dropped:  # an old file of the name would describe another run
            (self.folder / name).unlink(missing_ok=True)
        return {name: self.folder / name for name in self.temps}

    def target_of(self, exc: OSError) -> Path:
        """The file an error happened on: the target of the temporary file it names, else the folder."""
        named = str(exc.filename) if exc.filename else None
        return next((self.folder / name for name, temp in self.temps.items() if str(temp) == named), self.folder)

    def abort(self) -> None:
        """Remove every temporary file (errors closing them, say on a full disk, are ignored)."""
        for closing in [*(h.close for h in self.handles), *(p.abandon for p in self.parquets)]:
            with suppress(OSError):
                closing()
        for temp in self.temps.values():
            with suppress(OSError):
                temp.unlink(missing_ok=True)


def named(exc: OSError, path: Path) -> OSError:
    """``exc`` naming the file ``path`` (a write error names none)."""
    return exc if exc.filename else OSError(exc.errno, exc.strerror or str(exc), str(path))


class _Named:
    """A file whose write errors name it (so that the message of a full disk says which file)."""

    def __init__(self, handle: IO[Any], path: Path) -> None:
        self._handle, self._path = handle, path

    def write(self, data: Any) -> int:
        try:
            return self._handle.write(data)
        except OSError as exc:
            raise named(exc, self._path) from None

    def close(self) -> None:
        try:
            self._handle.close()
        except OSError as exc:
            raise named(exc, self._path) from None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._handle, attribute)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: The mode of the files eventwire writes: what ``open()`` gives under this process's umask
#: (read once, at import: changing the umask is not safe once threads run).
FILE_MODE = 0o666 & ~_umask()


@contextmanager
def outputs(folder: Path) -> Iterator[Outputs]:
    """An :class:`Outputs` that is aborted if the block raises (``OSError`` becomes ``ExportError``)."""
    files = Outputs(folder)
    try:
        yield files
    except OSError as exc:
        files.abort()
        raise ExportError(f"cannot write {files.target_of(exc)}: {os_reason(exc)}") from None
    except BaseException:
        files.abort()
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed into place."""
    path = Path(path)
    with outputs(path.parent) as files:
        files.text(path.name).write(text)
        files.commit()


# -- parquet ---------------------------------------------------------------------------


def _parquet_row(event: Event, record: dict[str, Any]) -> dict[str, Any]:
    acled = acled_fields(event, record)
    row = {k: v for k, v in record.items() if k != "_acled"}
    row.update((k, acled[k]) for k in ACLED_EXTRA)
    row["date_start"] = event.dates.start
    row["date_end"] = event.dates.end
    row["mentions"] = [
        {**m, "date_start": x.dates.start, "date_end": x.dates.end, "published": x.published}
        for m, x in zip(record["mentions"], sorted(event.mentions, key=mention_order), strict=True)
    ]
    row["provenance"] = [{"field": f, "mention_id": i} for f, i in event.provenance]
    row["disagreements"] = to_json(record["disagreements"])
    row["mention_count"] = len(record["mentions"])
    row["sources"] = sources(record)
    return row


def _parquet_schema() -> Any:
    import pyarrow as pa

    text, day, whole, real = pa.string(), pa.date32(), pa.int64(), pa.float64()
    acled_types = _acled_types()
    mention = pa.struct([
        ("mention_id", text), ("article_id", text), ("file", text), ("sentence", text),
        ("start", whole), ("end", whole), ("event_type", text), ("sub_event_type", text),
        ("trigger", text), ("date_start", day), ("date_end", day), ("date_precision", text),
        ("fatalities", whole), ("location", text), ("admin1", text), ("country", text),
        ("latitude", real), ("longitude", real), ("geo_precision", whole), ("actor1", text),
        ("actor2", text), ("source", text), ("published", day), ("confidence", real),
    ])
    return pa.schema([
        ("event_id", text), ("event_type", text), ("sub_event_type", text), ("date_start", day),
        ("date_end", day), ("date_precision", text), ("actor1", text), ("actor2", text),
        ("location", text), ("admin1", text), ("country", text), ("country_code", text),
        ("latitude", real), ("longitude", real), ("geo_precision", whole), ("fatalities", whole),
        ("confidence", real), ("mention_count", whole), ("sources", pa.list_(text)), ("mentions", pa.list_(mention)),
        ("provenance", pa.list_(pa.struct([("field", text), ("mention_id", text)]))),
        ("disagreements", text),
        *((name, acled_types.get(name, text)) for name in ACLED_EXTRA),
    ])


def _acled_types() -> dict[str, Any]:
    import pyarrow as pa

    return {"event_date": pa.date32(), **{c: pa.int64() for c in INTEGER_COLUMNS}}
