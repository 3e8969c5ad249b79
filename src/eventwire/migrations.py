"""Named, recorded schema migrations for the event database (sqlite-utils style).

Each migration is a function of a DuckDB connection, registered in order with
:func:`_migration`. :func:`migrate` applies the ones not yet listed in the
``schema_migrations`` table, each in its own transaction together with its row
in that table, so a database is never left half-way through a migration.

Never edit a migration that has shipped: add a new one after it.

Tables (after all migrations)::

    schema_migrations(name, applied_at)
    runs(run_id, started_at, finished_at, inputs, summary, pid)
    articles(article_id, file, title, source, published, published_origin, url,
             year_hint, content_hash, text, saved_at, link_words, coder_version)
    mentions(mention_id, ordinal, article_id, file, sentence, start, end,
             event_type, sub_event_type, actor1, actor2, place_*, date_*,
             fatalities, trigger, source, published, confidence)
    events(event_id, ordinal, event_type, sub_event_type, actor1, actor2,
           place_*, date_*, fatalities, provenance, disagreements)
    event_mentions(event_id, position, mention_id, <every mention column>)
    problems(run_id, file, line, reason, recorded_at)
    corrections(correction_id, kind, mention_a, mention_b, made_at, note)
    event_aliases(old_id, new_id, recorded_at)

``inputs``, ``summary``, ``provenance`` and ``disagreements`` hold JSON text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema change."""

    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


MIGRATIONS: list[Migration] = []


MigrationFunc = Callable[["duckdb.DuckDBPyConnection"], None]


def _migration(func: MigrationFunc) -> MigrationFunc:
    """Register ``func`` as the next migration, named after the function."""
    MIGRATIONS.append(Migration(func.__name__, func))
    return func


# Column lists of m001 (shared by mentions, event_mentions and events). They are
# part of a shipped migration: never edit them; add a migration instead.
_PLACE_COLUMNS = """
    place_name TEXT,
    place_admin1 TEXT,
    place_country TEXT,
    place_latitude DOUBLE,
    place_longitude DOUBLE,
    place_geo_precision INTEGER,
    place_kind TEXT,
    place_country_code TEXT"""

_DATE_COLUMNS = """
    date_start DATE,
    date_end DATE,
    date_precision TEXT NOT NULL,
    date_text TEXT"""

_MENTION_COLUMNS = f"""
            article_id TEXT NOT NULL,
            file TEXT NOT NULL,
            sentence TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            actor1 TEXT,
            actor2 TEXT,{_PLACE_COLUMNS},{_DATE_COLUMNS},
            fatalities INTEGER,
            trigger TEXT NOT NULL,
            source TEXT,
            published DATE"""


@_migration
def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    """Runs, articles, mentions, events, their links, and problems."""
    con.execute("""
        CREATE TABLE runs (
            run_id TEXT PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            inputs TEXT NOT NULL,
            summary TEXT
        )""")
    con.execute("""
        CREATE TABLE articles (
            article_id TEXT PRIMARY KEY,
            file TEXT NOT NULL,
            title TEXT,
            source TEXT,
            published DATE,
            published_origin TEXT,
            url TEXT,
            year_hint INTEGER,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TIMESTAMP NOT NULL
        )""")
    con.execute(f"""
        CREATE TABLE mentions (
            mention_id TEXT PRIMARY KEY,
            ordinal INTEGER NOT NULL,{_MENTION_COLUMNS}
        )""")
    con.execute(f"""
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            ordinal INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            actor1 TEXT,
            actor2 TEXT,{_PLACE_COLUMNS},{_DATE_COLUMNS},
            fatalities INTEGER
        )""")
    # A copy of each mention as it was linked, so an event reads back exactly as
    # saved even after its article is saved again with new mentions.
    con.execute(f"""
        CREATE TABLE event_mentions (
            event_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            mention_id TEXT NOT NULL,{_MENTION_COLUMNS}
        )""")
    con.execute("""
        CREATE TABLE problems (
            run_id TEXT NOT NULL,
            file TEXT NOT NULL,
            line INTEGER,
            reason TEXT NOT NULL,
            recorded_at TIMESTAMP NOT NULL
        )""")


@_migration
def m002_event_provenance(con: duckdb.DuckDBPyConnection) -> None:
    """Which mention each merged value came from, and where mentions disagree (JSON)."""
    con.execute("ALTER TABLE events ADD COLUMN provenance TEXT NOT NULL DEFAULT '[]'")
    con.execute("ALTER TABLE events ADD COLUMN disagreements TEXT NOT NULL DEFAULT '[]'")


@_migration
def m003_run_pid(con: duckdb.DuckDBPyConnection) -> None:
    """The process id of each run, to tell users which process holds a database."""
    con.execute("ALTER TABLE runs ADD COLUMN pid INTEGER")


@_migration
def m004_linking(con: duckdb.DuckDBPyConnection) -> None:
    """Linking across runs: each article's word set, analysts' corrections, old event ids.

    ``articles.link_words`` keeps the words linking compares (space-separated),
    so a run need not reload every stored text; existing rows are filled here.
    ``corrections`` holds merges (two mentions whose events are one) and splits
    (a mention taken out of its event), applied after every linking in the
    order they were made. ``event_aliases`` maps an event id that disappeared
    (its event merged or re-founded) to the id that now holds its mentions.
    """
    from .link import words_of  # the same words the pipeline stores for new articles

    con.execute("ALTER TABLE articles ADD COLUMN link_words TEXT")
    for article_id, text in con.execute("SELECT article_id, text FROM articles").fetchall():
        con.execute("UPDATE articles SET link_words = ? WHERE article_id = ?",
                    [" ".join(sorted(words_of(text))), article_id])
    con.execute("""
        CREATE TABLE corrections (
            correction_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            mention_a TEXT NOT NULL,
            mention_b TEXT,
            made_at TIMESTAMP NOT NULL,
            note TEXT
        )""")
    con.execute("""
        CREATE TABLE event_aliases (
            old_id TEXT PRIMARY KEY,
            new_id TEXT NOT NULL,
            recorded_at TIMESTAMP NOT NULL
        )""")



@_migration
def m005_recogniser(con: duckdb.DuckDBPyConnection) -> None:
    """The recogniser's score of each mention's type, and the coder version of each article
    (articles coded by another version are coded again)."""
    con.execute("ALTER TABLE mentions ADD COLUMN confidence DOUBLE")
    con.execute("ALTER TABLE event_mentions ADD COLUMN confidence DOUBLE")
    con.execute("ALTER TABLE articles ADD COLUMN coder_version TEXT")


@_migration
def m006_event_changed(con: duckdb.DuckDBPyConnection) -> None:
    """When each event's content last changed (ACLED's ``timestamp``) and a digest of that content,
    so that a re-run that links an event the same way keeps its time. Existing events are
    stamped with the time of this migration."""
    con.execute("ALTER TABLE events ADD COLUMN content_digest TEXT")
    con.execute("ALTER TABLE events ADD COLUMN changed_at TIMESTAMP")
    con.execute("UPDATE events SET changed_at = ?", [dt.datetime.now(dt.UTC).replace(tzinfo=None)])  # UTC, as the store


@_migration
def m007_field_corrections(con: duckdb.DuckDBPyConnection) -> None:
    """Analysts' corrections of one field of an event (``eventwire set``), kept beside merges and
    splits and replayed after every linking; like them, each names a mention of its event."""
    con.execute("""
        CREATE TABLE field_corrections (
            correction_id TEXT PRIMARY KEY,
            mention_id TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            made_at TIMESTAMP NOT NULL,
            note TEXT
        )""")


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name TEXT PRIMARY KEY,
            applied_at TIMESTAMP NOT NULL
        )""")


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations already applied, in the order they were applied."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    rows = con.execute("SELECT name FROM schema_migrations ORDER BY applied_at, name").fetchall()
    return [row[0] for row in rows]


def pending(con: duckdb.DuckDBPyConnection, *,
            migrations: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """Migrations not yet applied; raises :class:`StoreError` for a database from a newer eventwire."""
    done = applied(con)
    known = {m.name for m in migrations}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"the database was written by a newer eventwire (unknown migration {unknown[0]}); "
            "upgrade eventwire or use another --db"
        )
    return [m for m in migrations if m.name not in done]


def migrate(con: duckdb.DuckDBPyConnection, *, migrations: Sequence[Migration] = MIGRATIONS,
            stop_after: str | None = None) -> list[str]:
    """Apply pending migrations in order; return the names applied.

    ``stop_after`` names the last migration to apply (tests use it to build an
    old database and upgrade it later).
    """
    import duckdb

    if stop_after is not None and stop_after not in {m.name for m in migrations}:
        raise StoreError(f"no migration named {stop_after!r}")
    _ensure_table(con)
    done: list[str] = []
    for migration in pending(con, migrations=migrations):
        con.begin()
        try:
            migration.apply(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [migration.name])
        except duckdb.Error as exc:
            con.rollback()
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
        except BaseException:
            con.rollback()
            raise
        con.commit()
        done.append(migration.name)
        if migration.name == stop_after:
            break
    return done
