"""The per-article work every engine runs: parse, extract, consolidate, within a time budget.

:func:`code_batch` codes a batch of articles with one batched spaCy pass
(``nlp.pipe``) and returns, for each article, its consolidated mentions or the
:class:`~eventwire.records.Problem` that stopped it. It is a plain function of
picklable records so that a local worker process and a Ray task run exactly the
same code.

Time budget (``article_seconds``): each article's extraction has
``article_seconds`` of its own, whatever the batch: an article over it is cut
off and becomes a problem, and the others of its batch are coded as usual (not
again). The batch's spaCy pass is work the articles share, so it shares their
budgets (``article_seconds`` per article it holds); in the rare case that it
runs over, the batch is coded again one article at a time, each with
``article_seconds`` of its own, to find the article at fault. The interruption
uses ``SIGALRM``, which only the main thread of a process can receive (worker
processes and Ray tasks run there); elsewhere (a run started from a thread) the
work cannot be interrupted, and an article whose coding took longer than its
budget is reported after the fact. ``article_seconds = 0`` turns the budget off.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventwire.linking.link import consolidate
from eventwire.records import Article, Mention, Problem
from eventwire.settings import Settings

Result = list[Mention] | Problem

#: Errors that one article's extraction may raise by a defect; they never stop a run.

#: A short article about a real event, in our own words, run once to load every lazy table.
WARM_UP_TEXT = ("KHARTOUM, Sudan (April 16, 2023) - Fighting between the army and the Rapid Support "
                "Forces spread across Khartoum on Sunday, and at least 56 civilians were killed, a "
                "doctors' union said. Air strikes hit bases in the city of Omdurman.")


class OverBudget(BaseException):
    """Raised inside the work when its time budget runs out.

    A :class:`BaseException` so that no library's ``except Exception`` swallows it.
    """


def can_interrupt() -> bool:
    """Whether this thread can be interrupted by a timer (the main thread, on POSIX)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` in this thread after ``seconds`` (no limit when 0 or
    when this thread cannot be interrupted)."""
    if seconds <= 0 or not can_interrupt():
        yield
        return

    def _expire(signum: int, frame: Any) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def over_budget(article: Article, seconds: float) -> Problem:
    """The problem recorded for an article over its time budget."""
    which = f"article {article.article_id!r}" if article.article_id != article.file else "the article"
    return Problem(article.file, f"analysis of {which} took longer than the time budget of {seconds:g} s "
                                 "per article and was stopped (article_seconds)")


def _code(articles: Sequence[Article], *, settings: Settings, batch_size: int | None = None,
          budget: float = 0.0) -> list[Result]:
    """Parse the batch in one spaCy pass and score its sentences with the recogniser in one call
    (within ``budget`` per article, shared; raises :class:`OverBudget` past it), then extract
    each article within ``budget`` of its own."""
    from eventwire.analysis.analyse import analyse
    from eventwire.extraction.extract import score_docs
    from eventwire.extraction.recogniser.fuse import Thresholds

    limits = Thresholds(accept=settings.recogniser_accept, reject=settings.recogniser_reject)
    size = settings.batch_size if batch_size is None else batch_size
    with time_limit(budget * len(articles)):
        docs = list(analyse((a.text for a in articles), batch_size=max(1, size)))
        scores: list[Any] = [None] * len(docs) if limits.off else score_docs(docs)
    return [_extract_one(article, doc, budget=budget, limits=limits, scores=doc_scores)
            for article, doc, doc_scores in zip(articles, docs, scores, strict=True)]


def _extract_one(article: Article, doc: Any, *, budget: float, limits: Any, scores: Any) -> Result:
    from eventwire.extraction.extract import EXTRACTION_ERRORS, extract

    started = time.perf_counter()
    try:
        with time_limit(budget):
            result: Result = consolidate(extract(doc, article, limits=limits, scores=scores))
    except OverBudget:
        return over_budget(article, budget)
    except EXTRACTION_ERRORS as exc:
        # A defect on one article must not stop the run; it is reported with its cause.
        return Problem(article.file, f"extraction failed: {type(exc).__name__}: {exc}")
    if budget > 0 and time.perf_counter() - started > budget:  # a thread that could not be interrupted
        return over_budget(article, budget)
    return result


def code_batch(articles: Sequence[Article], *, settings: Settings) -> list[Result]:
    """Each article's consolidated mentions, or the problem that stopped it, in order."""
    if not articles:
        return []
    budget = settings.article_seconds
    if budget <= 0:
        return _code(articles, settings=settings)
    if not _warm:
        warm_up()  # loading the model is not the first article's time
    started = time.perf_counter()
    try:
        results: list[Result] | None = _code(articles, settings=settings, budget=budget)
    except OverBudget:  # the batch's shared spaCy pass ran over: find the article at fault alone
        results = None
    if results is not None and (can_interrupt() or time.perf_counter() - started <= budget * len(articles)):
        return results
    if len(articles) == 1:
        return [over_budget(articles[0], budget)]
    return [code_one(article, settings=settings) for article in articles]


def code_one(article: Article, *, settings: Settings) -> Result:
    """One article alone, within ``article_seconds``."""
    budget = settings.article_seconds
    started = time.perf_counter()
    try:
        result = _code([article], settings=settings, batch_size=1, budget=budget)[0]
    except OverBudget:
        return over_budget(article, budget)
    if budget > 0 and time.perf_counter() - started > budget:
        return over_budget(article, budget)
    return result


_warm = False


def warm_up() -> None:
    """Load the model, the gazetteer and every lazy table now (before forking workers,
    so that they share one copy, and before any time budget starts)."""
    global _warm
    sample = Article(article_id="warm-up", file="warm-up", text=WARM_UP_TEXT, published=dt.date(2023, 4, 16))
    _code([sample], settings=Settings(), batch_size=1)
    _warm = True
