"""The local engine: the per-article stages on this machine, in one or several processes.

With ``workers = 1`` everything runs in this process. With more (``0``: one per
core) the model and the gazetteer are loaded once here, then worker processes
are forked: they share those pages copy-on-write (the gazetteer is a few flat
arrays and the model's weights are numpy buffers, which nothing writes to), so a
worker costs its working memory, not another copy. Batches go out in input order
and come back in input order; at most two batches per worker are in flight, so
memory does not grow with the corpus however fast the input arrives.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from typing import Any

from eventwire.engines.work import Result, code_batch, warm_up
from eventwire.linking.stage import link_stage
from eventwire.records import Article, Event, Mention, Problem
from eventwire.settings import Settings

WORKER_DIED = "a worker process died while coding this article's batch"


def worker_count(settings: Settings) -> int:
    """Processes for the per-article stages (``workers = 0``: one per usable core)."""
    if settings.workers > 0:
        return settings.workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``articles`` in lists of ``size`` (the last one shorter), read lazily."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_worker(parent: int) -> None:
    """A forked worker: an end with the run's process, and one BLAS thread (a worker that
    cannot set it runs on with the library's default)."""
    from eventwire.analysis.analyse import one_blas_thread

    _die_with_parent(parent)
    with suppress(OSError, RuntimeError, ValueError, AttributeError):  # only speed is at stake
        one_blas_thread()


def _die_with_parent(parent: int) -> None:
    """Make a worker end when the run's process ends, even by SIGKILL (Linux's
    PR_SET_PDEATHSIG); elsewhere a worker ends when it next finds its parent gone."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)


def _work(batch: list[Article], settings: Settings) -> list[Result]:
    return code_batch(batch, settings=settings)


def _came_back(future: Future[list[Result]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


class _Workers:
    """Forked worker processes with an ordered window of batches in flight."""

    def __init__(self, workers: int, settings: Settings) -> None:
        self._context = multiprocessing.get_context("fork")
        self._workers = workers
        self._settings = settings
        self._pool = self._new_pool()
        self.window: deque[tuple[list[Article], Future[list[Result]]]] = deque()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self._workers, mp_context=self._context,
                                   initializer=_start_worker, initargs=(os.getpid(),))

    def submit(self, batch: list[Article]) -> None:
        self.window.append((batch, self._pool.submit(_work, batch, self._settings)))

    def oldest(self) -> list[tuple[Article, Result]]:
        """The oldest batch's results (waiting for them)."""
        batch, future = self.window.popleft()
        try:
            return list(zip(batch, future.result(), strict=True))
        except BrokenProcessPool:
            pass
        # A worker died (killed, out of memory, a crash in native code). The pool breaks for
        # every batch in flight, not only the dead worker's, so each batch that had not come
        # back is run again alone in a fresh pool: the one that breaks it alone is reported.
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()
        behind = list(self.window)
        self.window.clear()
        results = self._alone(batch)
        for again, earlier in behind:
            if not _came_back(earlier):
                earlier = Future()
                earlier.set_result(self._alone_results(again))
            self.window.append((again, earlier))
        return results

    def _alone_results(self, batch: list[Article]) -> list[Result]:
        return [result for _, result in self._alone(batch)]

    def _alone(self, batch: list[Article]) -> list[tuple[Article, Result]]:
        """``batch`` coded with nothing else in flight, so a broken pool is its own doing."""
        try:
            return list(zip(batch, self._pool.submit(_work, batch, self._settings).result(), strict=True))
        except BrokenProcessPool:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = self._new_pool()
            return [(a, Problem(a.file, WORKER_DIED)) for a in batch]

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class LocalEngine:
    """Per-article stages in this process or in forked worker processes."""

    name = "local"

    def __init__(self, *, workers: int | None = None) -> None:
        self._workers = workers

    def code(self, articles: Iterable[Article], *, settings: Settings) -> Iterator[tuple[Article, Result]]:
        """Each article with its mentions or problem, in input order."""
        workers = self._workers if self._workers is not None else worker_count(settings)
        size = max(1, settings.batch_size)
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches(articles, size):
                yield from zip(batch, code_batch(batch, settings=settings), strict=True)
            return
        warm_up()  # loaded before the fork, so every worker shares one copy
        pool = _Workers(workers, settings)
        try:
            for batch in batches(articles, size):
                pool.submit(batch)
                while len(pool.window) >= 2 * workers:
                    yield from pool.oldest()
            while pool.window:
                yield from pool.oldest()
        finally:
            pool.close()

    def link(self, store: Any, reports: Sequence[Mention], words: Mapping[str, frozenset[str]], *,
             settings: Settings, keep: bool = True) -> list[Event]:
        """Link the run's (or, with a store, every stored) mention into events (:func:`link_stage`)."""
        return link_stage(store, reports, words, settings=settings, keep=keep)
