"""The whole job: ingest, analyse, extract, consolidate, store, link, export.

:func:`run` is what ``eventwire run`` calls; it is importable and prints
nothing. Articles stream through in batches (memory does not grow with the
corpus); each article's mentions are committed to the store in one
transaction, so a crash loses at most the article in hand, and an article
already stored with the same content is not analysed again.

One bad article never stops a run: a file that cannot be read, or an article
whose analysis fails, becomes a :class:`~eventwire.records.Problem` and the run
goes on.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import Article, Event, Mention, Problem
from .settings import Settings

ProgressFn = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run produced, and its summary (also written to ``summary.json``)."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    summary: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)


def code_articles(articles: Sequence[Article], *, batch_size: int = 32) -> Iterator[tuple[Article, list[Mention] | Problem]]:
    """Each article with its consolidated mentions, or the problem that stopped it."""
    from .analyse import analyse
    from .extract import extract
    from .link import consolidate

    docs = analyse((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        try:
            yield article, consolidate(extract(doc, article))
        except (ValueError, KeyError, IndexError, AttributeError, TypeError, RecursionError) as exc:
            # A defect on one article must not stop the run; it is reported with its cause.
            yield article, Problem(article.file, f"extraction failed: {type(exc).__name__}: {exc}")


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def link_stage(store: Any, reports: Sequence[Mention], articles: Sequence[Article], *,
               settings: Settings) -> list[Event]:
    """Link every stored (or, without a store, this run's) mention into events; save them.

    The seam between the per-article stages above and the linking stage: the
    engines call this once, after every article of the run is coded.
    """
    from .link import build_events, link, words_of

    if store:
        all_reports = store.mentions()
        texts = {a.article_id: a.text for a in store.articles()}
    else:
        all_reports = list(reports)
        texts = {a.article_id: a.text for a in articles}
    words = {aid: words_of(text) for aid, text in texts.items()}
    groups = link(all_reports, article_words=words, days=settings.link_days, km=settings.link_km)
    events = build_events(groups)
    if store:
        store.replace_events(events)
    return events


def run(inputs: Sequence[str], *, out_dir: Path | None = None, db: Path | None = None,
        settings: Settings | None = None, progress: ProgressFn | None = None) -> RunResult:
    """Code ``inputs`` (files and folders) into events; write ``out_dir`` and the store ``db``."""
    from .export import write_outputs
    from .ingest import iter_inputs
    from .store import Store, article_hash

    settings = settings or Settings()
    started = dt.datetime.now(dt.timezone.utc)
    store = Store.open(db) if db is not None else None
    try:
        run_id = store.start_run(inputs=list(inputs)) if store else "memory"
        articles: list[Article] = []
        problems: list[Problem] = []
        reports: list[Mention] = []
        reused = 0
        stream = iter_inputs(list(inputs), settings=settings)
        for chunk in _batches(stream, max(1, settings.batch_size)):
            todo: list[Article] = []
            hashes: dict[str, str] = {}
            for item in chunk:
                if isinstance(item, Problem):
                    problems.append(item)
                    if store:
                        store.save_problem(item, run_id=run_id)
                    continue
                articles.append(item)
                hashes[item.article_id] = article_hash(item)
                if store and store.has_article(item.article_id, hashes[item.article_id]):
                    reused += 1
                    continue
                todo.append(item)
            for article, result in code_articles(todo, batch_size=settings.batch_size):
                if isinstance(result, Problem):
                    problems.append(result)
                    if store:
                        store.save_problem(result, run_id=run_id)
                    continue
                if store:
                    store.save_article(article, result, content_hash=hashes[article.article_id])
                else:
                    reports.extend(result)
            if progress:
                progress(len(chunk))
        events = link_stage(store, reports, articles, settings=settings)
        ours = {a.article_id for a in articles}
        touched = [e for e in events if any(m.article_id in ours for m in e.mentions)]
        summary = {
            "run_id": run_id,
            "inputs": list(inputs),
            "articles": len(articles),
            "articles_reused": reused,
            "problems": len(problems),
            "events": len(touched),
            "mentions": sum(len(e.mentions) for e in touched),
            "started": started.isoformat(timespec="seconds"),
            "seconds": round((dt.datetime.now(dt.timezone.utc) - started).total_seconds(), 3),
        }
        if store:
            store.finish_run(run_id, summary=summary)
        outputs = write_outputs(out_dir, events=touched, articles=articles, problems=problems,
                                summary=summary) if out_dir is not None else {}
        return RunResult(tuple(articles), tuple(touched), tuple(problems), summary, outputs)
    finally:
        if store:
            store.close()
