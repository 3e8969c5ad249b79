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
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.errors import StoreError
from eventwire.ingest.text import identifying_url
from eventwire.linking.link import words_of
from eventwire.records import Article
from eventwire.store.identity import article_hash

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


@_migration
def m008_article_identity(con: duckdb.DuckDBPyConnection) -> None:
    """Articles known by what they are, not by the path typed to read them.

    Until now an article without an id of its own was keyed by its file's path as
    given, and its content hash covered that path, so the same files read by another
    path (relative, absolute, a link) were stored and coded again. Here every content
    hash is computed again without the path (:func:`eventwire.store.identity.article_hash`),
    and an article keyed by its path takes its url, else its file's real path (for
    a path given absolute: a relative one cannot be resolved without the run's
    folder, and is left; a later run finds it by its content hash; a site's home page is no
    article's url). Articles with
    one content hash are one report: of those whose mentions match one to one, one
    is kept (one already under its new id, else the first saved) and the others'
    mentions are replaced by the kept ones' twins in the events and corrections. A
    new id that two different texts would share is not given: both keep their ids.
    Mention and event ids do not change.
    """
    rows = con.execute("SELECT article_id, file, url, text, title, source, published, published_origin, "
                       "year_hint FROM articles ORDER BY saved_at, article_id")
    digest: dict[str, str] = {}
    wanted: dict[str, str] = {}
    while chunk := rows.fetchmany(1000):  # one chunk of texts in memory at a time
        for row in chunk:
            article_id, file, url = row[0], row[1], row[2]
            digest[article_id] = article_hash(_stored_article(row))
            wanted[article_id] = _identity(article_id, file, url)
    groups = _groups(digest)
    shapes = _mention_shapes(con, [a for group in groups.values() for a in group])
    keep_of: dict[str, str] = {}  # merged-away article -> the article kept for its report
    for group in groups.values():
        keeper = next((a for a in group if wanted[a] == a), group[0])
        for other in group:
            if other != keeper and shapes.get(other, ()) == shapes.get(keeper, ()):
                keep_of[other] = keeper
    kept = [a for a in digest if a not in keep_of]
    claims: dict[str, list[str]] = {}
    for article_id in kept:
        claims.setdefault(wanted[article_id], []).append(article_id)
    rekey = {a: wanted[a] for a in kept if wanted[a] != a and claims[wanted[a]] == [a]
             and (wanted[a] not in digest or wanted[a] in keep_of)}
    twin = _twins(con, keep_of)
    _pairs(con, "_m008_hash", "article_id TEXT, content_hash TEXT", digest)
    con.execute("UPDATE articles SET content_hash = h.content_hash FROM _m008_hash h "
                "WHERE articles.article_id = h.article_id")
    _pairs(con, "_m008_twin", "mention_id TEXT, twin_id TEXT", twin)
    # An event's copy of a merged-away mention becomes its twin's (one copy per event).
    con.execute("""UPDATE event_mentions SET mention_id = m.mention_id, article_id = m.article_id, file = m.file
                   FROM _m008_twin t JOIN mentions m ON m.mention_id = t.twin_id
                   WHERE event_mentions.mention_id = t.mention_id""")
    con.execute("""DELETE FROM event_mentions WHERE (event_id, position) IN (
                   SELECT event_id, position FROM event_mentions
                   QUALIFY row_number() OVER (PARTITION BY event_id, mention_id ORDER BY position) > 1)""")
    for column in ("mention_a", "mention_b"):
        con.execute(f"UPDATE corrections SET {column} = t.twin_id FROM _m008_twin t "
                    f"WHERE corrections.{column} = t.mention_id")
    con.execute("DELETE FROM corrections WHERE kind = 'merge' AND mention_a = mention_b")
    con.execute("UPDATE field_corrections SET mention_id = t.twin_id FROM _m008_twin t "
                "WHERE field_corrections.mention_id = t.mention_id")
    gone = sorted(keep_of)
    con.execute("DELETE FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
    con.execute("DELETE FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
    _pairs(con, "_m008_rekey", "old_id TEXT, new_id TEXT", rekey)
    for table in ("articles", "mentions", "event_mentions"):
        con.execute(f"UPDATE {table} SET article_id = r.new_id FROM _m008_rekey r "
                    f"WHERE {table}.article_id = r.old_id")
    for table in ("_m008_hash", "_m008_twin", "_m008_rekey"):
        con.execute(f"DROP TABLE {table}")


def _pairs(con: duckdb.DuckDBPyConnection, table: str, columns: str, pairs: dict[str, str]) -> None:
    """A temporary table of two text columns holding ``pairs``."""
    con.execute(f"CREATE TEMP TABLE {table} ({columns})")
    if pairs:
        con.executemany(f"INSERT INTO {table} VALUES (?, ?)", list(pairs.items()))


def _stored_article(row: tuple[object, ...]) -> Article:
    article_id, file, url, text, title, source, published, origin, year_hint = row[:9]
    return Article(article_id=str(article_id), file=str(file), text=str(text), title=title,  # type: ignore[arg-type]
                   source=source, published=published, published_origin=origin, url=url,  # type: ignore[arg-type]
                   year_hint=year_hint)  # type: ignore[arg-type]


_NUMBERED = re.compile(r"#\d+\Z")


def _identity(article_id: str, file: str, url: str | None) -> str:
    """The id :mod:`eventwire.ingest` gives this stored article now (see m008)."""
    suffix = article_id[len(file):]
    if article_id != file and not (article_id.startswith(file) and _NUMBERED.match(suffix)):
        return article_id  # its own id

    if identifying_url(url):
        return str(url)
    return os.path.realpath(file) + suffix if os.path.isabs(file) else article_id


def _groups(digest: dict[str, str]) -> dict[str, list[str]]:
    """Article ids by content hash (in the order given: first saved first), of hashes held twice."""
    by_hash: dict[str, list[str]] = {}
    for article_id, value in digest.items():
        by_hash.setdefault(value, []).append(article_id)
    return {value: ids for value, ids in by_hash.items() if len(ids) > 1}


def _mention_shapes(con: duckdb.DuckDBPyConnection,
                    articles: list[str]) -> dict[str, tuple[tuple[object, ...], ...]]:
    """These articles' mentions as (start, end, sub-event type, place), in order: two articles
    whose shapes are equal were coded alike, mention for mention."""
    shapes: dict[str, list[tuple[object, ...]]] = {}
    for article_id, *shape in con.execute("SELECT article_id, start, \"end\", sub_event_type, place_name "
                                          "FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                                          "ORDER BY article_id, ordinal", [articles]).fetchall():
        shapes.setdefault(article_id, []).append(tuple(shape))
    return {a: tuple(s) for a, s in shapes.items()}


def _twins(con: duckdb.DuckDBPyConnection, keep_of: dict[str, str]) -> dict[str, str]:
    """Each mention of a merged-away article -> the mention at its place in the kept article."""
    ordered: dict[str, list[str]] = {}
    wanted = sorted(set(keep_of) | set(keep_of.values()))
    for article_id, mention_id in con.execute("SELECT article_id, mention_id FROM mentions "
                                              "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                                              "ORDER BY article_id, ordinal", [wanted]).fetchall():
        ordered.setdefault(article_id, []).append(mention_id)
    return {m: t for gone, keeper in keep_of.items()
            for m, t in zip(ordered.get(gone, []), ordered.get(keeper, []), strict=True)}


@_migration
def m009_mention_trail(con: duckdb.DuckDBPyConnection) -> None:
    """How each mention was coded (its type's score, and each argument's phrase and rule, as JSON),
    for the web app's event page, which does not load the model."""
    con.execute("ALTER TABLE mentions ADD COLUMN trail TEXT")
    con.execute("ALTER TABLE event_mentions ADD COLUMN trail TEXT")


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
