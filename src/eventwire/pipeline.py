"""The whole job: ingest, analyse, extract, consolidate, store, link, export.

:func:`run` is what ``eventwire run`` calls; it is importable and prints
nothing. Articles stream through: the source is read lazily, the per-article
stages run on an engine (:mod:`eventwire.engines`: this machine's processes, or
Ray) with a bounded number of batches in flight, the articles coded since input
was last read are committed to the store together (one transaction: an article
is stored whole with its mentions, or not at all), and ``articles.jsonl`` is
spooled to disk as articles arrive. With a store, linking reads, links and saves
one part of the stored mentions at a time (:func:`eventwire.linking.stage.link_stage`) and the output
files are written from the store one event at a time, so what a run keeps in
memory is one id and one content hash per article and one linking part (whole blocks of one event
type in one country, packed up to :data:`eventwire.linking.stage.PART_REPORTS` reports; a larger block,
or blocks an analyst's merge joins, make a larger part), not the corpus. Without
a store, the run's mentions and the words of the articles that have any stay in
memory until linking. A crash loses at most the batches in hand, and an article
already stored with the same content is not analysed again.

An article is known by its own id, else its url, else the real path of its file
(:mod:`eventwire.ingest`), never by the path as typed; one with the content hash
(:func:`eventwire.store.identity.article_hash`) of a stored article, or of one read earlier
in the run, under another id is that report again (the same text, title, outlet,
url and date saved under another name), counted in ``articles_reused`` and not
stored twice. Two outlets printing one story differ in their outlet: two reports.

One bad article never stops a run: a file that cannot be read, an article whose
analysis fails or runs over its time budget (``article_seconds``), becomes a
:class:`~eventwire.records.Problem` and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from eventwire.records import Article, Event, Mention, Problem
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.engines import Engine

ProgressFn = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run produced, and its summary (also written to ``summary.json``).

    The articles themselves are not kept (they stream through); ``article_ids``
    names the ones this run read.
    """

    article_ids: frozenset[str]
    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    summary: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def article_count(self) -> int:
        return len(self.article_ids)


def code_articles(articles: Sequence[Article], *, batch_size: int = 32,
                  settings: Settings | None = None) -> Iterator[tuple[Article, list[Mention] | Problem]]:
    """Each article with its consolidated mentions, or the problem that stopped it (in this process)."""
    from eventwire.engines.work import code_batch

    settings = settings or Settings(batch_size=batch_size)
    yield from zip(articles, code_batch(list(articles), settings=settings), strict=True)


class _ArticleSpool:
    """``articles.jsonl`` written as articles arrive, sorted by id at the end.

    Lines go to a temporary file beside the output; only each line's id and
    offset stay in memory. :meth:`finish` writes them in article-id order to
    another temporary file and moves it over ``articles.jsonl`` atomically.
    """

    def __init__(self, folder: Path) -> None:
        from eventwire.errors import os_reason
        from eventwire.output.export import ExportError
        from eventwire.tempfiles import remove_stale_temporaries

        try:
            folder.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(folder)  # a killed run's spool and output files
            handle, name = tempfile.mkstemp(prefix=f".articles-spool.{os.getpid()}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise ExportError(f"cannot write {folder}: {os_reason(exc)}") from None
        self.folder = folder
        self.path = Path(name)
        self._file: IO[bytes] = os.fdopen(handle, "w+b")
        self._index: list[tuple[str, int, int]] = []

    def add(self, article: Article) -> None:
        from eventwire.errors import ExportError, os_reason
        from eventwire.output.formats import to_json
        from eventwire.records import article_to_dict

        # (to_json writes U+2028 and the like escaped: a title or id holding one stays on its line)
        line = (to_json(article_to_dict(article)) + "\n").encode("utf-8")
        try:
            self._index.append((article.article_id, self._file.tell(), len(line)))
            self._file.write(line)
        except OSError as exc:  # the disk is full, say: the run stops, and the spool is removed
            raise ExportError(f"cannot write {self.folder}: {os_reason(exc)}") from None

    def finish(self) -> Path:
        from eventwire.output.formats import outputs

        self._index.sort(key=lambda entry: entry[0])  # stable: one id twice keeps input order
        try:
            with outputs(self.folder) as files:  # (an OSError in here becomes an ExportError)
                self._file.flush()
                out = files.binary("articles.jsonl")
                for _, offset, length in self._index:
                    self._file.seek(offset)
                    out.write(self._file.read(length))
                return files.commit()["articles.jsonl"]
        finally:
            self.close()

    def close(self) -> None:
        if not self._file.closed:
            with suppress(OSError):  # unflushed lines on a full disk: the file is removed anyway
                self._file.close()
        with suppress(OSError):
            self.path.unlink(missing_ok=True)


def store_batch(store: Any, batch: Sequence[Any], *, run_id: str) -> list[Problem]:
    """Store coded articles in one transaction; if the database refuses the batch, store them
    one by one, so that one article it cannot take is reported (and saved as a problem of the
    run) while the others are kept. A lost lock, or a database the system will not let grow
    (disk full, read-only), still stops the run: what was committed before stays whole."""
    from eventwire.errors import StoreError, StoreLocked, StoreUnwritable

    try:
        store.save_articles(batch)
        return []
    except (StoreLocked, StoreUnwritable):
        raise
    except StoreError:
        pass
    problems = []
    for item in batch:
        try:
            store.save_articles([item])
        except (StoreLocked, StoreUnwritable):
            raise
        except StoreError as exc:
            problem = Problem(item[0].file, f"could not be stored: {exc}")
            store.save_problem(problem, run_id=run_id)
            problems.append(problem)
    return problems


@dataclass(frozen=True, slots=True)
class Known:
    """What the store knows of a batch of articles read: which ids are stored (``stored``), the
    content hash of those coded by this coder version (``current``), and the stored article of
    each of their content hashes (``by_hash``)."""

    stored: frozenset[str] = frozenset()
    current: Mapping[str, str] = field(default_factory=dict)
    by_hash: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def look_up(cls, store: Any, articles: Sequence[Article], digests: Sequence[str]) -> Known:
        if store is None or not articles:
            return cls()
        by_hash = store.same_reports(digests)
        ids = {a.article_id for a in articles} | set(by_hash.values())
        return cls(frozenset(store.stored_ids(sorted(ids))), store.stored_hashes(sorted(ids)), by_hash)

    def report_of(self, article_id: str, digest: str, seen: Mapping[bytes, str]) -> str:
        """The id of the report an article read is: its own id when that is stored (its hash then
        says whether it changed), else the stored article with its content, else this run's
        earlier article with its content, else its own id."""
        if article_id in self.stored:
            return article_id
        return self.by_hash.get(digest) or seen.get(seen_key(digest)) or article_id


def seen_key(digest: str) -> bytes:
    """A content hash as a run keeps it for each article read: its first 128 bits (16 bytes, not 64
    characters), plenty to tell texts apart."""
    return bytes.fromhex(digest[:32])


def _resolve_engine(engine: str | Engine) -> Engine:
    if isinstance(engine, str):
        from eventwire.engines import get_engine

        return get_engine(engine)
    return engine


def run(inputs: Sequence[str], *, out_dir: Path | None = None, db: Path | None = None,
        settings: Settings | None = None, progress: ProgressFn | None = None,
        source: Iterable[Article | Problem] | None = None, engine: str | Engine = "local",
        keep_events: bool = True) -> RunResult:
    """Code ``inputs`` (files and folders) into events; write ``out_dir`` and the store ``db``.

    ``source`` replaces reading ``inputs`` with any stream of articles and problems
    (standard input, a feed: :mod:`eventwire.ingest.sources`); ``inputs`` then only names
    them in the summary. ``engine`` is ``"local"``, ``"ray"`` or an engine object.
    With a store, the events are linked, saved and written out one part at a
    time; ``keep_events=False`` also leaves them out of the result (the CLI
    does, so that memory does not grow with the store), otherwise the result
    holds the run's events in the exports' order.
    """
    from eventwire.ingest import count_problem_kinds, iter_inputs
    from eventwire.linking.link import words_of
    from eventwire.output.export import write_outputs
    from eventwire.store.database import Store, ToSave
    from eventwire.store.identity import article_hash
    from eventwire.web.report import render_report

    settings = settings or Settings()
    runner = _resolve_engine(engine)
    started = dt.datetime.now(dt.UTC)
    stream = iter(source) if source is not None else iter_inputs(list(inputs), settings=settings)
    store = Store.open(db) if db is not None else None
    spool = _ArticleSpool(Path(out_dir)) if out_dir is not None else None
    try:
        run_id = store.start_run(inputs=list(inputs)) if store else "memory"
        ours: set[str] = set()
        problems: list[Problem] = []
        reports: list[Mention] = []
        linked: dict[str, frozenset[str]] = {}  # without a store: words of each article with mentions
        hashes: dict[str, str] = {}  # of the articles in flight
        seen: dict[bytes, str] = {}  # content hash (seen_key) -> article id, of this run's articles
        coded: list[ToSave] = []  # coded, not yet stored: saved together when input is read on
        reused = 0
        replaced = 0  # code points no output can hold, replaced on reading (ingest.codepoints)

        def note(problem: Problem) -> None:
            problems.append(problem)
            if store:
                store.save_problem(problem, run_id=run_id)
            if progress:
                progress(1)

        def to_code() -> Iterator[Article]:
            nonlocal reused, replaced
            while True:
                if coded and store:  # before reading on, so that what is read next sees them stored
                    problems.extend(store_batch(store, coded, run_id=run_id))
                    coded.clear()
                chunk = list(islice(stream, max(1, settings.batch_size)))  # one lookup for a batch
                if not chunk:
                    return
                read = [i for i in chunk if not isinstance(i, Problem)]
                digests = [article_hash(i) for i in read]
                known = Known.look_up(store, read, digests)
                in_order = iter(digests)
                for item in chunk:
                    if isinstance(item, Problem):
                        note(item)
                        continue
                    digest = next(in_order)
                    same = known.report_of(item.article_id, digest, seen)
                    if same in ours:  # one report read twice in this run (another name, the same text)
                        reused += 1
                        if progress:
                            progress(1)
                        continue
                    if same != item.article_id:
                        item = replace(item, article_id=same)
                    seen.setdefault(seen_key(digest), same)
                    ours.add(same)
                    replaced += item.replaced
                    if spool is not None:
                        spool.add(item)
                    if known.current.get(same) == digest:
                        reused += 1
                        if progress:
                            progress(1)
                        continue
                    hashes[item.article_id] = digest
                    yield item

        for article, result in runner.code(to_code(), settings=settings):
            digest = hashes.pop(article.article_id, None)
            if isinstance(result, Problem):
                note(result)
                continue
            if store:
                coded.append((article, result, digest or article_hash(article)))
            elif result:
                reports.extend(result)
                linked[article.article_id] = words_of(article.text)
            if progress:
                progress(1)
        if coded and store:
            problems.extend(store_batch(store, coded, run_id=run_id))
            coded.clear()
        if store:  # the events go to the store part by part; the outputs read them back in order
            runner.link(store, reports, linked, settings=settings, keep=False)
            total_events, total_mentions = store.event_totals(touching=ours)
            touched: list[Event] = []
        else:
            events = runner.link(store, reports, linked, settings=settings)
            touched = [e for e in events if any(m.article_id in ours for m in e.mentions)]
            total_events, total_mentions = len(touched), sum(len(e.mentions) for e in touched)
        summary = {
            "run_id": run_id,
            "inputs": list(inputs),
            "engine": runner.name,
            "articles": len(ours),
            "articles_reused": reused,
            "problems": len(problems),
            "problem_kinds": count_problem_kinds(problems),
            "characters_replaced": replaced,
            "events": total_events,
            "mentions": total_mentions,
            "started": started.isoformat(timespec="seconds"),
            "seconds": round((dt.datetime.now(dt.UTC) - started).total_seconds(), 3),
        }
        if store:
            store.finish_run(run_id, summary=summary)
        outputs: dict[str, Path] = {}

        def report_failed(reason: str) -> None:  # the other files are written: the run says so and goes on
            summary["report_error"] = reason

        if out_dir is not None and spool is not None:
            if store:
                outputs = write_outputs(out_dir, events=store.events_in_export_order(touching=ours), ordered=True,
                                        articles=(), problems=problems, summary=summary,
                                        report_articles=lambda ids: store.articles(ids=ids), report=render_report,
                                        report_failed=report_failed)
            else:
                outputs = write_outputs(out_dir, events=touched, articles=(), problems=problems, summary=summary,
                                        report_articles=(), report=render_report, report_failed=report_failed)
            outputs["articles.jsonl"] = spool.finish()
        if store and keep_events:
            touched = list(store.events_in_export_order(touching=ours))
        return RunResult(frozenset(ours), tuple(touched), tuple(problems), summary, outputs)
    finally:
        if spool is not None:
            spool.close()
        if store:
            store.close()
        if isinstance(engine, str) and hasattr(runner, "close"):
            runner.close()  # an engine this run made (a Ray instance it started)
