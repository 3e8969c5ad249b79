"""The whole job: ingest, analyse, extract, consolidate, store, link, export.

:func:`run` is what ``eventwire run`` calls; it is importable and prints
nothing. Articles stream through: the source is read lazily, the per-article
stages run on an engine (:mod:`eventwire.engines`: this machine's processes, or
Ray) with a bounded number of batches in flight, the articles coded since input
was last read are committed to the store together (one transaction: an article
is stored whole with its mentions, or not at all), and ``articles.jsonl`` is
spooled to disk as articles arrive. With a store, linking reads, links and saves
one part of the stored mentions at a time (:func:`link_stage`) and the output
files are written from the store one event at a time, so what a run keeps in
memory is one id and one content hash per article and one linking part (whole blocks of one event
type in one country, packed up to :data:`PART_REPORTS` reports; a larger block,
or blocks an analyst's merge joins, make a larger part), not the corpus. Without
a store, the run's mentions and the words of the articles that have any stay in
memory until linking. A crash loses at most the batches in hand, and an article
already stored with the same content is not analysed again.

An article is known by its own id, else its url, else the real path of its file
(:mod:`eventwire.ingest`), never by the path as typed; one with the content hash
(:func:`eventwire.store.article_hash`) of a stored article, or of one read earlier
in the run, under another id is that report again (the same text, title, outlet,
url and date saved under another name), counted in ``articles_reused`` and not
stored twice. Two outlets printing one story differ in their outlet: two reports.

One bad article never stops a run: a file that cannot be read, an article whose
analysis fails or runs over its time budget (``article_seconds``), becomes a
:class:`~eventwire.records.Problem` and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .records import Article, Event, Mention, Problem
from .settings import Settings

if TYPE_CHECKING:
    from .engines import Engine, LinkParts, Part

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
    from .engines.work import code_batch

    settings = settings or Settings(batch_size=batch_size)
    yield from zip(articles, code_batch(list(articles), settings=settings), strict=True)


#: Linking blocks are packed into parts of about this many reports (one part in memory at a time).
PART_REPORTS = 10_000


def link_stage(store: Any, reports: Sequence[Mention], words: Mapping[str, frozenset[str]], *,
               settings: Settings, link_parts: LinkParts | None = None, keep: bool = True) -> list[Event]:
    """Link every stored (or, without a store, this run's) mention into events; save them.

    The seam between the per-article stages and the linking stage: an engine
    calls this once, after every article of the run is coded, and may pass its
    own ``link_parts`` (the Ray engine links each country of a part in its own
    task); the default links each part here with :func:`eventwire.link.link`.
    Analysts' corrections are replayed on each part's groups, then events are
    built and analysts' field corrections replayed on them. Without a store,
    ``reports`` are linked with ``words`` (each article's linking words,
    :func:`eventwire.link.words_of`) and the events returned. With one, its mentions are read, linked and saved one part at a
    time (:func:`store_parts`), so memory holds one part, not the store; the
    events are returned only when ``keep`` (read them back from the store
    otherwise, e.g. with ``Store.events_in_export_order``).
    """
    from .corrections import apply_corrections, apply_field_corrections
    from .merge import build_events

    corrections = store.corrections() if store else []
    fixes = store.field_corrections() if store else []
    parts = store_parts(store, corrections) if store else iter([(list(reports), dict(words))])

    def events() -> Iterator[list[Event]]:
        for groups in (link_parts or link_here)(parts, settings=settings):
            built = apply_field_corrections(build_events(apply_corrections(groups, corrections)), fixes)
            del groups  # one part in memory: each is let go before the next is read
            yield built
            del built

    if not store:
        return [e for part in events() for e in part]
    kept: list[Event] = []
    store.replace_events_in_parts(_kept(events(), kept) if keep else events())
    return kept


def _kept(parts: Iterable[list[Event]], into: list[Event]) -> Iterator[list[Event]]:
    for part in parts:
        into.extend(part)
        yield part


def link_here(parts: Iterable[Part], *, settings: Settings) -> Iterator[list[list[Mention]]]:
    """Each part's groups, linked in this process (:func:`eventwire.link.link`)."""
    from .link import link

    for part in parts:
        groups = link(part[0], article_words=part[1], days=settings.link_days, km=settings.link_km)
        del part  # one part in memory: each is let go before the next is read
        yield groups
        del groups


def store_parts(store: Any, corrections: Sequence[Any]) -> Iterator[Part]:
    """The store's mentions in parts that can be linked apart, read one part at a time.

    Linking never joins reports of two blocks (event type, country:
    :func:`eventwire.link.block_of`), so whole blocks are packed into parts of
    about :data:`PART_REPORTS` reports; blocks that an analyst's merge joins
    go into one part. One block larger than that is one part of its own.
    """
    sizes = store.link_blocks()
    joined = _joined_blocks(sizes, store.mention_blocks([m for c in corrections if c.kind == "merge"
                                                         for m in (c.mention_a, c.mention_b)]), corrections)
    part: list[tuple[str, str]] = []
    held = 0
    for component in joined:
        size = sum(sizes[b] for b in component)
        if part and held + size > PART_REPORTS:
            yield _read_part(store, part)
            part, held = [], 0
        part.extend(component)
        held += size
    if part:
        yield _read_part(store, part)


def _joined_blocks(sizes: Mapping[tuple[str, str], int], blocks_of: Mapping[str, tuple[str, str]],
                   corrections: Sequence[Any]) -> list[list[tuple[str, str]]]:
    """The blocks in sorted order, grouped where a merge correction joins two of them."""
    root = {b: b for b in sizes}

    def find(b: tuple[str, str]) -> tuple[str, str]:
        while root[b] != b:
            root[b] = root[root[b]]
            b = root[b]
        return b

    for c in corrections:
        if c.kind == "merge" and c.mention_a in blocks_of and c.mention_b in blocks_of:
            first, second = sorted((find(blocks_of[c.mention_a]), find(blocks_of[c.mention_b])))
            root[second] = first
    components: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for b in sorted(sizes):
        components.setdefault(find(b), []).append(b)
    return list(components.values())


def _read_part(store: Any, blocks: Sequence[tuple[str, str]]) -> Part:
    reports = store.block_mentions(blocks)
    return reports, store.article_words(ids=[m.article_id for m in reports])


class _ArticleSpool:
    """``articles.jsonl`` written as articles arrive, sorted by id at the end.

    Lines go to a temporary file beside the output; only each line's id and
    offset stay in memory. :meth:`finish` writes them in article-id order to
    another temporary file and moves it over ``articles.jsonl`` atomically.
    """

    def __init__(self, folder: Path) -> None:
        from .errors import os_reason
        from .export import ExportError
        from .formats import remove_stale_temporaries

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
        from .errors import ExportError, os_reason
        from .export import article_to_dict

        line = (json.dumps(article_to_dict(article), ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self._index.append((article.article_id, self._file.tell(), len(line)))
            self._file.write(line)
        except OSError as exc:  # the disk is full, say: the run stops, and the spool is removed
            raise ExportError(f"cannot write {self.folder}: {os_reason(exc)}") from None

    def finish(self) -> Path:
        from .formats import outputs

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
    from .errors import StoreError, StoreLocked, StoreUnwritable

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
        from .engines import get_engine

        return get_engine(engine)
    return engine


def run(inputs: Sequence[str], *, out_dir: Path | None = None, db: Path | None = None,
        settings: Settings | None = None, progress: ProgressFn | None = None,
        source: Iterable[Article | Problem] | None = None, engine: str | Engine = "local",
        keep_events: bool = True) -> RunResult:
    """Code ``inputs`` (files and folders) into events; write ``out_dir`` and the store ``db``.

    ``source`` replaces reading ``inputs`` with any stream of articles and problems
    (standard input, a feed: :mod:`eventwire.sources`); ``inputs`` then only names
    them in the summary. ``engine`` is ``"local"``, ``"ray"`` or an engine object.
    With a store, the events are linked, saved and written out one part at a
    time; ``keep_events=False`` also leaves them out of the result (the CLI
    does, so that memory does not grow with the store), otherwise the result
    holds the run's events in the exports' order.
    """
    from .export import write_outputs
    from .ingest import count_problem_kinds, iter_inputs
    from .link import words_of
    from .store import Store, ToSave, article_hash

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
                                        report_articles=lambda ids: store.articles(ids=ids),
                                        report_failed=report_failed)
            else:
                outputs = write_outputs(out_dir, events=touched, articles=(), problems=problems, summary=summary,
                                        report_articles=(), report_failed=report_failed)
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
