"""STORE stage: articles, mentions, events and runs in one embedded DuckDB file.

The schema comes from :mod:`eventwire.store.migrations`, applied on :meth:`Store.open`.
Writes are transactions: an article and all its mentions commit together or not
at all, and :meth:`Store.replace_events` swaps the whole event table at once, so
an interrupted run never leaves half an article or half an event set behind.

DuckDB lets one process write a database file at a time; opening a file that
another process holds raises :class:`~eventwire.errors.StoreLocked`. A
:class:`Store` is one connection: use it from one thread.

Stored JSON (runs' inputs and summary, events' provenance and disagreements) is
written with dates as ISO strings and read back as plain JSON values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from eventwire.errors import StoreError, StoreLocked, StoreUnwritable, os_reason
from eventwire.extraction.recogniser import coder_version
from eventwire.linking.link import words_of
from eventwire.records import (
    KINDS,
    Article,
    Correction,
    DateSpan,
    Event,
    FieldCorrection,
    Mention,
    Place,
    Problem,
)
from eventwire.store.migrations import migrate, pending
from eventwire.tempfiles import remove_stale_temporaries

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

#: What :meth:`Store.save_articles` stores: an article, its mentions and its content hash.
ToSave = tuple[Article, Sequence[Mention], str]

#: The database file used when none is given.
DEFAULT_DB = Path("eventwire.duckdb")

# Column name -> kind, in table order. Kinds: text, int, float, date, timestamp.
_PLACE = {"place_name": "text", "place_admin1": "text", "place_country": "text",
          "place_latitude": "float", "place_longitude": "float", "place_geo_precision": "int",
          "place_kind": "text", "place_country_code": "text"}
_DATES = {"date_start": "date", "date_end": "date", "date_precision": "text", "date_text": "text"}
_MENTION = {"mention_id": "text", "article_id": "text", "file": "text", "sentence": "text",
            "start": "int", "end": "int", "event_type": "text", "sub_event_type": "text",
            "actor1": "text", "actor2": "text", **_PLACE, **_DATES, "fatalities": "int",
            "trigger": "text", "source": "text", "published": "date", "confidence": "float", "trail": "text"}
_ARTICLE = {"article_id": "text", "file": "text", "title": "text", "source": "text",
            "published": "date", "published_origin": "text", "url": "text", "year_hint": "int",
            "content_hash": "text", "text": "text", "saved_at": "timestamp", "link_words": "text",
            "coder_version": "text"}
_EVENT = {"event_id": "text", "ordinal": "int", "event_type": "text", "sub_event_type": "text",
          "actor1": "text", "actor2": "text", **_PLACE, **_DATES, "fatalities": "int",
          "provenance": "text", "disagreements": "text", "content_digest": "text", "changed_at": "timestamp"}
_COLUMNS = {
    "articles": _ARTICLE,
    "mentions": {**_MENTION, "ordinal": "int"},
    "events": _EVENT,
    "event_mentions": {"event_id": "text", "position": "int", **_MENTION},
}

#: Every connection's options: DuckDB never installs or loads an extension by itself (it
#: would otherwise fetch one over the network, e.g. its SQLite reader for a SQLite --db).
CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False, "autoload_known_extensions": False}

#: The most memory DuckDB may use for its buffers (it spills to disk beyond that).
MEMORY_LIMIT = "256MB"

# The country of a mention's linking block (eventwire.linking.link.block_of): "" without a place or code.
_BLOCK_COUNTRY = "CASE WHEN place_name IS NULL THEN '' ELSE coalesce(place_country_code, '') END"
# Events in the exports' order (eventwire.output.export.sort_events): date, country, admin1 (unknown
# last), then the event's first report (article, offset, trigger, type, place), event id. DuckDB
# compares text by code point, as Python does.
_EXPORT_ORDER = ("e.date_start IS NULL, e.date_start, e.place_country IS NULL, e.place_country, "
                 "e.place_admin1 IS NULL, e.place_admin1, coalesce(f.article_id, ''), coalesce(f.start, -1), "
                 "coalesce(f.\"end\", -1), coalesce(f.trigger, ''), coalesce(f.sub_event_type, ''), "
                 "coalesce(f.place_name, ''), e.event_id")
_EXPORT_FROM = "events e LEFT JOIN event_mentions f ON f.event_id = e.event_id AND f.position = 0"

_LOCK = re.compile(r"could not set lock|conflicting lock", re.IGNORECASE)
_PID = re.compile(r"\bPID (\d+)")


@dataclass(frozen=True, slots=True)
class Run:
    """One recorded ``eventwire run``."""

    run_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    inputs: tuple[str, ...]
    summary: dict[str, Any] | None
    pid: int | None


class Store:
    """The event database. Open it with :meth:`Store.open`."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, *, path: str, read_only: bool) -> None:
        self._connection: duckdb.DuckDBPyConnection | None = connection
        self.path = path
        self.read_only = read_only

    # -- opening and closing ------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
        """Open (creating it if needed) the database at ``path`` and apply pending migrations.

        ``":memory:"`` opens a throwaway in-memory database. Raises
        :class:`StoreLocked` when another process holds the file and
        :class:`StoreError` when it cannot be opened or is not a DuckDB database.
        """

        target = str(path)
        if target != ":memory:":
            file = Path(target)
            if file.is_dir():
                raise StoreError(f"{target} is a folder, not a database file; use another --db")
            if not read_only:
                try:
                    file.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"cannot create the folder of database {target}: {exc}") from None
            if not read_only and not file.exists():
                _create(file)
            _check_header(file)
        connection = _connect(target, read_only=read_only)
        # DuckDB's buffer pool would otherwise grow towards 80% of the machine's memory
        connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        store = cls(connection, path=target, read_only=read_only)
        try:
            store._upgrade()
        except BaseException:
            store.close()
            raise
        return store

    def _upgrade(self) -> None:
        import duckdb

        con = self._con()
        try:
            if self.read_only:
                todo = pending(con)
                if todo:
                    raise StoreError(
                        f"database {self.path} needs upgrading ({todo[0].name}); "
                        "open it once without read-only"
                    )
            else:
                migrate(con)
        except duckdb.Error as exc:
            raise StoreError(f"database {self.path} cannot be read: {exc}") from None

    def close(self) -> None:
        """Close the connection (closing twice is harmless)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _con(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            raise StoreError(f"database {self.path} is closed")
        return self._connection

    @contextmanager
    def _transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: commit when the block ends, roll back when it raises."""
        import duckdb

        if self.read_only:
            raise StoreError(f"cannot {what}: database {self.path} is open read-only")
        con = self._con()
        con.begin()
        try:
            yield con
        except duckdb.Error as exc:
            with suppress(duckdb.Error):  # (a connection the disk failed may have rolled back already)
                con.rollback()
            raise _write_error(f"cannot {what} in {self.path}", exc) from exc
        except BaseException:
            con.rollback()
            raise
        try:
            con.commit()
        except duckdb.Error as exc:  # DuckDB has already rolled the transaction back
            raise _write_error(f"cannot {what} in {self.path}", exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a SQL query, its values passed as parameters (for readers such as
        :mod:`eventwire.store.query`; writes go through the methods below)."""
        return self._query(sql, params)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import duckdb

        try:
            return self._con().execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    # -- runs and problems ----------------------------------------------------------

    def start_run(self, *, inputs: Sequence[str]) -> str:
        """Record the start of a run; return its id."""
        run_id = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        with self._transaction("start a run") as con:
            con.execute(
                "INSERT INTO runs (run_id, started_at, inputs, pid) VALUES (?, ?, ?, ?)",
                [run_id, _now(), _dumps([str(i) for i in inputs]), os.getpid()],
            )
        return run_id

    def finish_run(self, run_id: str, *, summary: dict[str, Any]) -> None:
        """Record the end of a run and its summary."""
        if not self._query("SELECT 1 FROM runs WHERE run_id = ?", [run_id]):
            raise StoreError(f"no run {run_id!r} in {self.path}")
        with self._transaction("finish a run") as con:
            con.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
                        [_now(), _dumps(summary), run_id])

    def runs(self) -> list[Run]:
        """All recorded runs, oldest first."""
        rows = self._query("SELECT run_id, started_at, finished_at, inputs, summary, pid "
                           "FROM runs ORDER BY started_at, run_id")
        return [Run(r[0], r[1], r[2], tuple(json.loads(r[3])),
                    None if r[4] is None else json.loads(r[4]), r[5]) for r in rows]

    def save_problem(self, problem: Problem, *, run_id: str) -> None:
        """Record an input that could not be read during run ``run_id``."""
        with self._transaction("save a problem") as con:
            con.execute("INSERT INTO problems VALUES (?, ?, ?, ?, ?)",
                        [run_id, problem.file, problem.line, problem.reason, _now()])

    def problems(self, *, run_id: str | None = None) -> list[Problem]:
        """Recorded problems, of one run or of all runs, in the order recorded."""
        where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        rows = self._query(f"SELECT file, reason, line FROM problems {where} "
                           "ORDER BY recorded_at, file, line", params)
        return [Problem(file=r[0], reason=r[1], line=r[2]) for r in rows]

    # -- articles and mentions ------------------------------------------------------

    def stored_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each of these articles that is stored, coded by this coder
        version (one query for many); an article coded by another version is not listed."""
        return self._stored_hashes(article_ids)

    def same_reports(self, hashes: Sequence[str]) -> dict[str, str]:
        """The stored article of each of these content hashes that is stored (any coder version;
        of several, the first saved): ``{hash: article id}``."""
        where, params = _in("content_hash", sorted(set(hashes)))
        rows = self._query(f"SELECT content_hash, article_id FROM articles WHERE {where} "
                           "QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY saved_at, article_id) = 1",
                           params)
        return dict(rows)

    def stored_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored (any coder version)."""
        where, params = _in("article_id", sorted(set(article_ids)))
        return {r[0] for r in self._query(f"SELECT article_id FROM articles WHERE {where}", params)}

    def save_article(self, article: Article, mentions: Sequence[Mention], *, content_hash: str) -> None:
        """Store an article and its mentions in one transaction.

        Saving the same article id and hash again does nothing; a new hash
        replaces the stored article and all its mentions.
        """
        self.save_articles([(article, mentions, content_hash)])

    def save_articles(self, items: Sequence[ToSave]) -> None:
        """Store several ``(article, mentions, content hash)`` in one transaction.

        The result is that of :meth:`save_article` on each item in order (an
        article already stored with the same hash is left as it is, a new hash
        replaces the article and all its mentions, the last version of an id
        wins), at the cost of one commit and one bulk insert per table for the
        batch: all of it is stored, or nothing.
        """
        for article, mentions, _ in items:
            for mention in mentions:
                if mention.article_id != article.article_id:
                    raise StoreError(f"mention {mention.mention_id} belongs to article "
                                     f"{mention.article_id!r}, not {article.article_id!r}")
        current = self._stored_hashes([article.article_id for article, _, _ in items])
        latest: dict[str, ToSave] = {}
        for item in items:
            article_id, digest = item[0].article_id, item[2]
            if current.get(article_id) != digest:
                current[article_id] = digest
                latest[article_id] = item
        if not latest:
            return
        now = _now()
        article_rows = [_article_row(article, digest, saved_at=now) for article, _, digest in latest.values()]
        mention_rows = [{**_mention_row(m), "ordinal": n} for _, mentions, _ in latest.values()
                        for n, m in enumerate(mentions)]
        ids = list(latest)
        what = f"save article {ids[0]}" if len(ids) == 1 else f"save {len(ids)} articles ({ids[0]}, ...)"
        where, params = _in("article_id", ids)
        with self._transaction(what) as con:
            con.execute(f"DELETE FROM mentions WHERE {where}", params)
            con.execute(f"DELETE FROM articles WHERE {where}", params)
            _insert(con, "articles", article_rows)
            _insert(con, "mentions", mention_rows)

    def _stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these article ids that is stored and was coded
        by this coder version."""
        where, params = _in("article_id", sorted(set(ids)))
        return dict(self._query(f"SELECT article_id, content_hash FROM articles WHERE {where} "
                                "AND coder_version IS NOT DISTINCT FROM ?", [*params, coder_version()]))

    def outdated_articles(self) -> list[str]:
        """Ids of the stored articles coded by another coder version (``eventwire recode``)."""
        return [r[0] for r in self._query("SELECT article_id FROM articles WHERE coder_version IS DISTINCT FROM ? "
                                          "ORDER BY article_id", [coder_version()])]

    def articles(self, *, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with these ids), by article id."""
        where, params = _in("article_id", ids)
        return [_article(r) for r in self._select("articles", order="article_id", where=where, params=params)]

    def mentions(self) -> list[Mention]:
        """All stored mentions, by article id and then in the order they were saved."""
        return [_mention(r) for r in self._select("mentions", order="article_id, ordinal")]

    def link_blocks(self) -> dict[tuple[str, str], int]:
        """How many stored mentions each linking block holds: ``{(event type, country code): n}``.

        A mention without a country is in the block of country code ``""``
        (see :func:`eventwire.linking.link.block_of`).
        """
        rows = self._query(f"SELECT event_type, {_BLOCK_COUNTRY}, count(*) FROM mentions GROUP BY ALL")
        return {(r[0], r[1]): r[2] for r in rows}

    def mention_blocks(self, mention_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """The linking block of each of these stored mentions (unknown ids are left out)."""
        where, params = _in("mention_id", sorted(set(mention_ids)))
        rows = self._query(f"SELECT mention_id, event_type, {_BLOCK_COUNTRY} FROM mentions WHERE {where}", params)
        return {r[0]: (r[1], r[2]) for r in rows}

    def block_mentions(self, blocks: Sequence[tuple[str, str]]) -> list[Mention]:
        """The stored mentions of these linking blocks, ordered as :meth:`mentions` orders them."""
        keys = sorted(set(blocks))
        where = (f"(event_type, {_BLOCK_COUNTRY}) IN "
                 "(SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]))")  # two lists unnested side by side
        return [_mention(r) for r in self._select("mentions", order="article_id, ordinal", where=where,
                                                  params=[[t for t, _ in keys], [c for _, c in keys]])]

    def article_words(self, *, with_mentions: bool = False,
                      ids: Sequence[str] | None = None) -> dict[str, frozenset[str]]:
        """Each stored article's linking words (see :func:`eventwire.linking.link.words_of`).

        ``with_mentions`` keeps only articles that have mentions (all linking needs);
        ``ids`` only these articles. Words are interned: one string per distinct
        word however many articles use it.
        """
        clauses, params = [], []
        if with_mentions:
            clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.article_id)")
        if ids is not None:
            clauses.append("a.article_id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(sorted(set(ids)))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._query(f"SELECT a.article_id, a.link_words FROM articles a {where}", params)
        return {r[0]: frozenset(map(sys.intern, (r[1] or "").split())) for r in rows}

    def article(self, article_id: str) -> Article | None:
        """One stored article, or None."""
        rows = self._select("articles", order="article_id", where="article_id = ?", params=[article_id])
        return _article(rows[0]) if rows else None

    # -- corrections ----------------------------------------------------------------

    def add_correction(self, kind: str, *, mention_a: str, mention_b: str | None = None,
                       note: str | None = None) -> Correction:
        """Record an analyst's merge or split; it applies from the next linking on."""
        if kind not in KINDS:
            raise StoreError(f"unknown correction {kind!r}; use one of {', '.join(KINDS)}")
        if (kind == "merge") != (mention_b is not None):
            raise StoreError("a merge names two mentions, a split one")
        known = {r[0] for r in self._query("SELECT mention_id FROM mentions WHERE mention_id IN (?, ?)",
                                           [mention_a, mention_b or mention_a])}
        for mid in (mention_a, mention_b):
            if mid is not None and mid not in known:
                raise StoreError(f"no mention {mid!r} in {self.path}")
        correction = Correction(f"c-{uuid.uuid4().hex[:12]}", kind, mention_a, mention_b, _now(), note)
        with self._transaction(f"record a {kind}") as con:
            con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?)",
                        [correction.correction_id, kind, mention_a, mention_b, correction.made_at, note])
        return correction

    def add_field_correction(self, *, mention_id: str, field: str, value: str,
                             note: str | None = None) -> FieldCorrection:
        """Record an analyst's value of one field of the event holding ``mention_id``."""
        if not self._query("SELECT 1 FROM mentions WHERE mention_id = ?", [mention_id]):
            raise StoreError(f"no mention {mention_id!r} in {self.path}")
        fix = FieldCorrection(f"c-{uuid.uuid4().hex[:12]}", mention_id, field, value, _now(), note)
        with self._transaction(f"record a correction of {field}") as con:
            con.execute("INSERT INTO field_corrections VALUES (?, ?, ?, ?, ?, ?)",
                        [fix.correction_id, mention_id, field, value, fix.made_at, note])
        return fix

    def field_corrections(self) -> list[FieldCorrection]:
        """Every recorded field correction, oldest first."""
        rows = self._query("SELECT correction_id, mention_id, field, value, made_at, note "
                           "FROM field_corrections ORDER BY made_at, correction_id")
        return [FieldCorrection(*r) for r in rows]

    def corrections(self) -> list[Correction]:
        """Every recorded correction, oldest first."""
        rows = self._query("SELECT correction_id, kind, mention_a, mention_b, made_at, note "
                           "FROM corrections ORDER BY made_at, correction_id")
        return [Correction(*r) for r in rows]

    # -- events ---------------------------------------------------------------------

    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace every stored event (and its mentions' copies) in one transaction."""
        self.replace_events_in_parts([events])

    def replace_events_in_parts(self, parts: Iterable[Sequence[Event]]) -> int:
        """Replace every stored event with those of ``parts``, in one transaction; return how many.

        ``parts`` is read lazily (the linking stage yields one block of events
        at a time), so only one part is in memory; if reading it raises, the
        old events stay. An event id that disappears is recorded as an alias of
        the new event that holds most of its mentions (ties: the smallest id),
        so links analysts kept still resolve.
        """
        count = 0
        with self._transaction("replace events") as con:
            # (temporary tables made inside the transaction vanish with it if it rolls back)
            con.execute("CREATE OR REPLACE TEMP TABLE _old_links AS SELECT event_id, mention_id FROM event_mentions")
            stamps = {r[0]: (r[1], r[2]) for r in
                      con.execute("SELECT event_id, content_digest, changed_at FROM events").fetchall()}
            now = _now()
            con.execute("DELETE FROM event_mentions")
            con.execute("DELETE FROM events")
            for events in parts:
                event_rows: list[dict[str, Any]] = []
                link_rows: list[dict[str, Any]] = []
                for event in events:
                    digest = content_digest(event)
                    old_digest, old_time = stamps.get(event.event_id, (None, None))
                    changed = old_time if old_digest == digest and old_time is not None else now
                    event_rows.append({**_event_row(event, ordinal=count), "content_digest": digest,
                                       "changed_at": changed})
                    link_rows.extend({"event_id": event.event_id, "position": k, **_mention_row(m)}
                                     for k, m in enumerate(event.mentions))
                    count += 1
                _insert(con, "events", event_rows)
                _insert(con, "event_mentions", link_rows)
                del events, event_rows, link_rows  # before the next part is made
            con.execute(_NEW_ALIASES)
            # An alias that pointed at a vanished id now points where that id went.
            con.execute("UPDATE event_aliases SET new_id = a.new_id FROM _new_aliases a "
                        "WHERE event_aliases.new_id = a.old_id")
            con.execute("INSERT OR REPLACE INTO event_aliases SELECT old_id, new_id, ? FROM _new_aliases",
                        [_now()])
            # An id that came back is no longer an alias of anything.
            con.execute("DELETE FROM event_aliases WHERE old_id IN (SELECT event_id FROM events)")
            con.execute("DROP TABLE _old_links")
            con.execute("DROP TABLE _new_aliases")
        return count

    def resolve_event_id(self, event_id: str) -> str | None:
        """The current id of ``event_id`` (itself, or what it was merged into), or None."""
        if self._query("SELECT 1 FROM events WHERE event_id = ?", [event_id]):
            return event_id
        rows = self._query("SELECT new_id FROM event_aliases WHERE old_id = ?", [event_id])
        return rows[0][0] if rows else None

    def event_of_mention(self, mention_id: str) -> Event | None:
        """The stored event that holds this mention, or None."""
        rows = self._query("SELECT event_id FROM event_mentions WHERE mention_id = ? LIMIT 1", [mention_id])
        return self.event(rows[0][0]) if rows else None

    def articles_in_id_order(self, *, ids: Iterable[str], chunk: int = 2000) -> Iterator[Article]:
        """These stored articles (unknown ids left out), by article id, read ``chunk`` at a time."""
        wanted = sorted(set(ids))
        for first in range(0, len(wanted), chunk):
            yield from self.articles(ids=wanted[first:first + chunk])

    def event(self, event_id: str) -> Event | None:
        """One stored event (following aliases), or None."""
        current = self.resolve_event_id(event_id)
        if current is None:
            return None
        return next(iter(self._events(where="event_id = ?", params=[current])), None)

    def events(self, *, ids: Sequence[str] | None = None) -> list[Event]:
        """Stored events (all, or those with these ids) with their mentions, in the order saved."""
        where, params = _in("event_id", ids)
        return self._events(where=where, params=params)

    def event_totals(self, *, touching: Iterable[str]) -> tuple[int, int]:
        """How many stored events have a mention from one of these articles, and their mentions."""
        rows = self._query(
            "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT event_id, count(*) AS n FROM event_mentions "
            "GROUP BY event_id HAVING bool_or(article_id IN (SELECT unnest(?::VARCHAR[]))))",
            [sorted(set(touching))])
        return int(rows[0][0]), int(rows[0][1])

    def events_in_export_order(self, *, touching: Iterable[str] | None = None,
                               chunk: int = 2000) -> Iterator[Event]:
        """Stored events in the exports' order (:func:`eventwire.output.export.sort_events`), lazily.

        ``touching``: only events with a mention from one of these articles.
        Events are read ``chunk`` at a time, so memory holds one chunk and the
        list of ids, not every event.
        """
        params: list[Any] = []
        where = "TRUE"
        if touching is not None:
            where = ("e.event_id IN (SELECT event_id FROM event_mentions "
                     "WHERE article_id IN (SELECT unnest(?::VARCHAR[])))")
            params.append(sorted(set(touching)))
        ids = [r[0] for r in self._query(f"SELECT e.event_id FROM {_EXPORT_FROM} WHERE {where} "
                                         f"ORDER BY {_EXPORT_ORDER}", params)]
        for first in range(0, len(ids), chunk):
            part = ids[first:first + chunk]
            found = {e.event_id: e for e in self._events(where="event_id IN (SELECT unnest(?::VARCHAR[]))",
                                                         params=[part])}
            yield from (found[i] for i in part)

    def _events(self, *, where: str = "TRUE", params: Sequence[Any] = ()) -> list[Event]:
        by_event: dict[str, list[Mention]] = {}
        for row in self._select("event_mentions", order="event_id, position", where=where, params=params):
            by_event.setdefault(row["event_id"], []).append(_mention(row))
        return [
            Event(event_id=r["event_id"], event_type=r["event_type"], sub_event_type=r["sub_event_type"],
                  dates=_dates(r), actor1=r["actor1"], actor2=r["actor2"], place=_place(r),
                  fatalities=r["fatalities"], mentions=tuple(by_event.get(r["event_id"], ())),
                  provenance=tuple(tuple(p) for p in json.loads(r["provenance"])),  # type: ignore[misc]
                  disagreements=tuple(json.loads(r["disagreements"])), changed_at=r["changed_at"])
            for r in self._select("events", order="ordinal", where=where, params=params)
        ]

    def _select(self, table: str, *, order: str, where: str = "TRUE",
                params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        names = list(_COLUMNS[table])
        columns = ", ".join(f'"{n}"' for n in names)
        rows = self._query(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {order}", params)
        return [dict(zip(names, row, strict=True)) for row in rows]


# -- helpers ------------------------------------------------------------------------


def _in(column: str, values: Sequence[str] | None) -> tuple[str, list[Any]]:
    """A WHERE clause keeping rows whose ``column`` is one of ``values`` (None: all rows)."""
    if values is None:
        return "TRUE", []
    return f'"{column}" IN (SELECT unnest(?::VARCHAR[]))', [list(values)]


def content_digest(event: Event) -> str:
    """A digest of what an event says (its values and mention ids), to tell when it changed."""
    values = [event.event_type, event.sub_event_type, _date_row(event.dates), event.actor1, event.actor2,
              _place_row(event.place), event.fatalities, sorted(m.mention_id for m in event.mentions)]
    return hashlib.sha1(_dumps(values).encode()).hexdigest()


def _event_row(event: Event, *, ordinal: int) -> dict[str, Any]:
    return {
        "event_id": event.event_id, "ordinal": ordinal, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1, "actor2": event.actor2,
        **_place_row(event.place), **_date_row(event.dates), "fatalities": event.fatalities,
        "provenance": _dumps([list(p) for p in event.provenance]),
        "disagreements": _dumps(list(event.disagreements)),
    }


# Old event id -> the new event holding most of its mentions (ties: the smallest id), for
# the old ids that are no longer events.
_NEW_ALIASES = """
    CREATE OR REPLACE TEMP TABLE _new_aliases AS
    SELECT old_id, new_id FROM (
        SELECT o.event_id AS old_id, n.event_id AS new_id, count(*) AS held
        FROM _old_links o JOIN event_mentions n ON n.mention_id = o.mention_id
        WHERE o.event_id NOT IN (SELECT event_id FROM events)
        GROUP BY ALL)
    QUALIFY row_number() OVER (PARTITION BY old_id ORDER BY held DESC, new_id) = 1
"""


def _create(file: Path) -> None:
    """Create a new database whole, or not at all: built and migrated under a temporary name
    (``.NAME.PID.*.tmp``, removed by a later run if this process dies), then linked into place.
    A process killed while DuckDB writes a new file's header would otherwise leave a file that
    is no database. If another process created ``file`` meanwhile, its database is kept."""
    import duckdb


    remove_stale_temporaries(file.parent)
    temp = file.with_name(f".{file.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        connection = duckdb.connect(str(temp), config=CONNECT_CONFIG)
        try:
            migrate(connection)
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        try:
            os.link(temp, file)  # fails, rather than replaces, if another process created it
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not file.exists():
                os.replace(temp, file)
    except OSError as exc:
        raise StoreError(f"cannot create database {file}: {os_reason(exc)}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot create database {file}: {_reason(exc)}") from None
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            with suppress(OSError):  # a read-only folder, say: nothing was made there to remove
                leftover.unlink(missing_ok=True)


#: Longest wait for the web app to finish copying the database (eventwire.web.snapshot), in seconds.
SNAPSHOT_WAIT = 120.0


def snapshot_marker(db: Path) -> Path:
    """The file ``eventwire serve`` keeps beside ``db`` while it copies it (it holds its pid)."""
    return db.with_name(f".{db.name}.snapshot.lock")


def _copying(db: Path) -> bool:
    """Whether a live ``eventwire serve`` is copying ``db`` right now."""
    try:
        pid = int(snapshot_marker(db).read_text(encoding="ascii").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def _connect(target: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection to ``target``; a writer waits while the web app copies the database (a
    moment) rather than failing, and any other holder stops it at once (:class:`StoreLocked`)."""
    import time

    import duckdb

    deadline = time.monotonic() + SNAPSHOT_WAIT
    while True:
        try:
            return duckdb.connect(target, read_only=read_only, config=CONNECT_CONFIG)
        except duckdb.Error as exc:
            error = _open_error(target, exc)
        if read_only or not isinstance(error, StoreLocked) or target == ":memory:" \
                or not _copying(Path(target)) or time.monotonic() > deadline:
            raise error
        time.sleep(0.02)


def _check_header(file: Path) -> None:
    """Refuse an existing file that is not a DuckDB database (DuckDB's files carry ``DUCK``
    at byte 8) before DuckDB reads it; an empty file is left to DuckDB to initialise."""
    try:
        with open(file, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read database {file}: {os_reason(exc)}") from None
    if head and head[8:12] != b"DUCK":
        kind = " (it is a SQLite database)" if head.startswith(b"SQLite format 3") else ""
        raise StoreError(f"{file} is not a DuckDB database{kind}; move it aside or use another --db")


_OS_REASONS = ("No space left on device", "Read-only file system", "Permission denied", "Disk quota exceeded",
               "Input/output error")


def _reason(exc: Exception) -> str:
    """A DuckDB error in a few words: the operating system's reason when it names one."""
    message = str(exc)
    found = next((reason for reason in _OS_REASONS if reason.lower() in message.lower()), None)
    return found.lower() if found else message.splitlines()[0] if message else type(exc).__name__


def _write_error(doing: str, exc: Exception) -> StoreError:
    """``DOING: REASON``; a :class:`StoreUnwritable` when the reason is the operating system's."""
    reason = _reason(exc)
    if reason in _UNWRITABLE:
        return StoreUnwritable(f"{doing}: {reason}")
    return StoreError(f"{doing}: {exc}")


_UNWRITABLE = frozenset(r.lower() for r in _OS_REASONS)


def _open_error(path: str, exc: Exception) -> StoreError:
    message = str(exc)
    if _LOCK.search(message):
        found = _PID.search(message)
        pid = f"pid {found.group(1)}" if found else "pid unknown"
        return StoreLocked(f"database {path} is in use by another eventwire process ({pid}); "
                           "wait for it or use another --db")
    if "not a valid duckdb database" in message.lower():
        return StoreError(f"{path} is not a DuckDB database; move it aside or use another --db")
    return StoreError(f"cannot open database {path}: {_reason(exc)}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return str(sorted(value, key=str))
    raise TypeError(f"cannot store a {type(value).__name__} as JSON")


def _dumps(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot store value as JSON: {exc}") from None


def _article_row(article: Article, content_hash: str, *, saved_at: dt.datetime) -> dict[str, Any]:
    return {"article_id": article.article_id, "file": article.file, "title": article.title,
            "source": article.source, "published": article.published,
            "published_origin": article.published_origin, "url": article.url,
            "year_hint": article.year_hint, "content_hash": content_hash, "text": article.text,
            "saved_at": saved_at, "link_words": " ".join(sorted(words_of(article.text))),
            "coder_version": coder_version()}


def _article(r: dict[str, Any]) -> Article:
    return Article(article_id=r["article_id"], file=r["file"], text=r["text"], title=r["title"],
                   source=r["source"], published=r["published"], published_origin=r["published_origin"],
                   url=r["url"], year_hint=r["year_hint"])


def _place_row(place: Place | None) -> dict[str, Any]:
    if place is None:
        return dict.fromkeys(_PLACE)
    return {"place_name": place.name, "place_admin1": place.admin1, "place_country": place.country,
            "place_latitude": place.latitude, "place_longitude": place.longitude,
            "place_geo_precision": place.geo_precision, "place_kind": place.kind,
            "place_country_code": place.country_code}


def _place(row: dict[str, Any]) -> Place | None:
    if row["place_name"] is None:
        return None
    return Place(name=row["place_name"], admin1=row["place_admin1"], country=row["place_country"],
                 latitude=row["place_latitude"], longitude=row["place_longitude"],
                 geo_precision=row["place_geo_precision"], kind=row["place_kind"],
                 country_code=row["place_country_code"])


def _date_row(dates: DateSpan) -> dict[str, Any]:
    return {"date_start": dates.start, "date_end": dates.end, "date_precision": dates.precision,
            "date_text": dates.text}


def _dates(row: dict[str, Any]) -> DateSpan:
    return DateSpan(row["date_start"], row["date_end"], row["date_precision"], row["date_text"])


def _mention_row(m: Mention) -> dict[str, Any]:
    return {"mention_id": m.mention_id, "article_id": m.article_id, "file": m.file,
            "sentence": m.sentence, "start": m.start, "end": m.end, "event_type": m.event_type,
            "sub_event_type": m.sub_event_type, "actor1": m.actor1, "actor2": m.actor2,
            **_place_row(m.place), **_date_row(m.dates), "fatalities": m.fatalities,
            "trigger": m.trigger, "source": m.source, "published": m.published, "confidence": m.confidence,
            "trail": m.trail}


def _mention(row: dict[str, Any]) -> Mention:
    return Mention(mention_id=row["mention_id"], article_id=row["article_id"], file=row["file"],
                   sentence=row["sentence"], start=row["start"], end=row["end"],
                   event_type=row["event_type"], sub_event_type=row["sub_event_type"],
                   actor1=row["actor1"], actor2=row["actor2"], place=_place(row), dates=_dates(row),
                   fatalities=row["fatalities"], trigger=row["trigger"], source=row["source"],
                   published=row["published"], confidence=row["confidence"], trail=row["trail"])


def _arrow_schema(table: str) -> pa.Schema:
    import pyarrow as pa

    kinds = {"text": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
             "timestamp": pa.timestamp("us")}
    return pa.schema([(name, kinds[kind]) for name, kind in _COLUMNS[table].items()])


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows in bulk through an Arrow table (far faster than executemany)."""
    if not rows:
        return
    import pyarrow as pa

    try:
        data = pa.Table.from_pylist(rows, schema=_arrow_schema(table))
    except (pa.ArrowException, TypeError, ValueError) as exc:
        raise StoreError(f"cannot store a row of {table}: {exc}") from None
    view = f"_eventwire_{table}_rows"
    con.register(view, data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)
