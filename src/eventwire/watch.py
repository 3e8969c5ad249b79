"""Watch a folder: code new and changed files as they arrive.

:func:`watch` polls ``folder`` (recursively) every ``interval`` seconds. A file
is coded once it is *settled*: its size and modification time are the same on
two polls in a row, so a file still being written or copied is not read half
way. Only files of the types eventwire reads are picked up (hidden files and
partial downloads are left alone); files already in the folder when the watch
starts are coded too, and a file that changes is coded again (the store keeps
its latest version).

Each batch of settled files is one :func:`eventwire.pipeline.run` into the
store ``db``, which links the new reports with every stored one. After each
batch the output folder is rewritten with every event that holds a report from
a file of this watch, so ``events.jsonl`` grows as files arrive. ``once`` codes
what is there and returns; ``max_seconds`` bounds the watch (else it runs until
interrupted).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.records import Problem
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.engines import Engine
    from eventwire.pipeline import RunResult

Signature = tuple[int, int]  # (size, mtime in ns)


@dataclass(frozen=True, slots=True)
class WatchResult:
    """What a watch coded: batches run, articles read, events written, problems met."""

    batches: int
    articles: int
    events: int
    problems: tuple[Problem, ...]


def readable_suffixes() -> frozenset[str]:
    from eventwire.ingest import HTML_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES

    return TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES


def scan(folder: Path) -> dict[str, Signature]:
    """Every readable, visible file under ``folder`` with its size and modification time."""
    suffixes = readable_suffixes()
    found: dict[str, Signature] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")) or os.path.splitext(name)[1].lower() not in suffixes:
                continue
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
            except OSError:  # removed between listing and stat: it is simply not there
                continue
            found[path] = (info.st_size, info.st_mtime_ns)
    return found


class _Watcher:
    def __init__(self, folder: Path, *, out_dir: Path | None, db: Path, settings: Settings,
                 engine: str | Engine, on_batch: Callable[[RunResult], None] | None) -> None:
        self.folder, self.out_dir, self.db = folder, out_dir, db
        self.settings, self.engine, self.on_batch = settings, engine, on_batch
        self.coded: dict[str, Signature] = {}
        self.previous: dict[str, Signature] = {}
        self.ids: set[str] = set()
        self.problems: list[Problem] = []
        self.batches = 0
        self.events = 0

    def poll(self, *, settle: bool) -> None:
        now = scan(self.folder)
        ready = [path for path, sig in now.items() if self.coded.get(path) != sig
                 and (not settle or self.previous.get(path) == sig)]
        self.previous = now
        if ready:
            self.code(ready, now)

    def code(self, paths: list[str], signatures: dict[str, Signature]) -> None:
        from eventwire.pipeline import run

        result = run(paths, out_dir=None, db=self.db, settings=self.settings, engine=self.engine,
                     keep_events=False)
        for path in paths:
            self.coded[path] = signatures[path]
        self.ids |= result.article_ids
        self.problems.extend(result.problems)
        self.batches += 1
        self.write()
        if self.on_batch is not None:
            self.on_batch(result)

    def write(self) -> None:
        from eventwire.output.export import write_outputs
        from eventwire.store.database import Store
        from eventwire.web.report import render_report

        with Store.open(self.db, read_only=True) as store:
            self.events = store.event_totals(touching=self.ids)[0]
            if self.out_dir is not None:
                summary = {"watching": str(self.folder), "batches": self.batches, "articles": len(self.ids),
                           "events": self.events, "problems": len(self.problems)}
                write_outputs(self.out_dir, events=store.events_in_export_order(touching=self.ids), ordered=True,
                              articles=store.articles_in_id_order(ids=self.ids), problems=self.problems,
                              summary=summary, report_articles=lambda ids: store.articles(ids=ids), report=render_report)


def watch(folder: Path, *, db: Path, out_dir: Path | None = None, settings: Settings | None = None,
          interval: float = 2.0, once: bool = False, max_seconds: float | None = None,
          engine: str | Engine = "local", on_batch: Callable[[RunResult], None] | None = None,
          stop: threading.Event | None = None) -> WatchResult:
    """Code the files of ``folder`` as they arrive (see the module docstring); ``stop``, when
    set (from another thread, or from ``on_batch``), ends the watch after the current poll."""
    from eventwire.errors import InputError

    if not Path(folder).is_dir():
        raise InputError(f"{folder} is not a folder")
    from eventwire.engines import get_engine

    runner = get_engine(engine) if isinstance(engine, str) else engine  # one engine for every batch
    watcher = _Watcher(Path(folder), out_dir=out_dir, db=db, settings=settings or Settings(),
                       engine=runner, on_batch=on_batch)
    try:
        if once:
            watcher.poll(settle=False)
        else:
            deadline = None if max_seconds is None else time.monotonic() + max_seconds
            while True:
                watcher.poll(settle=True)
                if stop is not None and stop.is_set():
                    break
                if deadline is not None and time.monotonic() + interval > deadline:
                    break
                if stop is not None:
                    stop.wait(interval)
                else:
                    time.sleep(interval)
    finally:
        if isinstance(engine, str) and hasattr(runner, "close"):
            runner.close()
    return WatchResult(watcher.batches, len(watcher.ids), watcher.events, tuple(watcher.problems))
