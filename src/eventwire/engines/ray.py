"""The Ray engine: the per-article stages as Ray tasks, linking partitioned by country.

``eventwire run --engine ray`` connects to the Ray cluster that ``RAY_ADDRESS``
names (``ray.init`` reads it), or starts a local one on this machine; a cluster
started here is shut down at the end of the run, one the caller started is left
running. Ray is imported only when this engine is used (``pip install
'eventwire[ray]'``); every node needs eventwire and its model installed.

Per-article stages: batches of ``batch_size`` articles go to Ray tasks that run
:func:`eventwire.engines.work.code_batch` (the local engine's code); a worker
loads the model once and keeps it for the tasks it runs. At most two batches per
cluster CPU are in flight and results come back in input order, so the driver's
memory stays flat; the store and the output files are written by the driver.

Linking: :func:`eventwire.linking.link.link` blocks candidates by (event type, country),
so reports of two blocks never meet; the linking stage reads the store one part
(whole blocks, about :data:`eventwire.linking.stage.PART_REPORTS` reports) at a time,
and this engine links each country of a part in its own Ray task while the next
part is read, and puts the groups back in the order a single ``link`` call would
make them. The result is the local engine's, event for event (the tests check
it). What this limits: an event is never linked across a border (a cross-border
strike reported by one outlet from each side stays two events, as in a local
run); one country of a part (whole blocks: each event type's whole history there)
is one task, so the largest block bounds the speed-up and that task's memory; and blocks are
not split further by date window, because linking compares date windows with
``link_days`` of slack and a report may tell of a day long before it was
published, so a cut would separate reports of one event.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from eventwire.engines.local import batches
from eventwire.engines.work import Result, code_batch
from eventwire.errors import EventwireError
from eventwire.linking.link import block_of, link
from eventwire.linking.stage import Part, link_stage
from eventwire.records import Article, Event, Mention, Problem, in_article
from eventwire.settings import Settings


class RayUnavailable(EventwireError):
    """Ray is not installed, or no Ray cluster could be reached or started."""


def _code_task(batch: list[Article], settings: Settings) -> list[Result]:
    return code_batch(batch, settings=settings)


def _link_task(reports: list[Mention], words: dict[str, frozenset[str]], days: int,
               km: float) -> list[list[Mention]]:

    return link(reports, article_words=words, days=days, km=km)


def _order_key(m: Mention) -> tuple[Any, ...]:
    """The order :func:`eventwire.linking.link.link` takes reports in (and founds events in)."""
    import datetime as dt

    return (m.published or dt.date.max, m.article_id, *in_article(m))


class RayEngine:
    """Per-article stages and linking as Ray tasks."""

    name = "ray"

    def __init__(self, *, address: str | None = None, num_cpus: int | None = None) -> None:
        self._address = address
        self._num_cpus = num_cpus

    # -- the cluster --------------------------------------------------------------------

    def _ray(self) -> Any:
        try:
            import ray
        except ImportError:
            raise RayUnavailable("the ray engine needs Ray: pip install 'eventwire[ray]'") from None
        if not ray.is_initialized():
            address = self._address or os.environ.get("RAY_ADDRESS") or None
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "logging_level": logging.ERROR}
            if address is None and self._num_cpus is not None:
                options["num_cpus"] = self._num_cpus
            try:
                ray.init(address=address, **options)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise RayUnavailable(f"cannot start or reach a Ray cluster ({address or 'local'}): {exc}") from None
            self._started = True
        return ray

    _started = False

    def close(self) -> None:
        """Shut down the Ray instance this engine started (not one it joined)."""
        if self._started:
            import ray

            ray.shutdown()
            self._started = False

    def _slots(self, ray: Any) -> int:
        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    # -- per-article stages -----------------------------------------------------------

    def code(self, articles: Iterable[Article], *, settings: Settings) -> Iterator[tuple[Article, Result]]:
        """Each article with its mentions or problem, in input order."""
        ray = self._ray()
        task = ray.remote(num_cpus=1, max_retries=1)(_code_task)
        limit = 2 * self._slots(ray)
        window: deque[tuple[list[Article], Any]] = deque()
        for batch in batches(articles, max(1, settings.batch_size)):
            window.append((batch, task.remote(batch, settings)))
            while len(window) >= limit:
                yield from self._collect(ray, *window.popleft())
        while window:
            yield from self._collect(ray, *window.popleft())

    @staticmethod
    def _collect(ray: Any, batch: list[Article], ref: Any) -> Iterator[tuple[Article, Result]]:
        try:
            results: Sequence[Result] = ray.get(ref)
        except ray.exceptions.RayError as exc:
            # A task that failed for good (its worker died twice): its batch is reported.
            reason = f"a Ray task failed while coding this article's batch: {type(exc).__name__}"
            results = [Problem(a.file, reason) for a in batch]
        yield from zip(batch, results, strict=True)

    # -- linking ------------------------------------------------------------------------

    def link(self, store: Any, reports: Sequence[Mention], words: Mapping[str, frozenset[str]], *,
             settings: Settings, keep: bool = True) -> list[Event]:
        """:func:`eventwire.linking.stage.link_stage`, each part's countries linked in Ray tasks."""
        return link_stage(store, reports, words, settings=settings, link_parts=self.link_parts, keep=keep)

    def link_parts(self, parts: Iterable[Part], *, settings: Settings) -> Iterator[list[list[Mention]]]:
        """Each part's groups, as :func:`eventwire.linking.link.link` makes them, one country per Ray task.

        The next part is read and sent while this one's tasks run (two parts
        in flight at most); each part's groups are put back in ``link``'s order.
        """
        ray = self._ray()
        task = ray.remote(num_cpus=1)(_link_task)
        pending: deque[list[Any]] = deque()
        for reports, words in parts:
            pending.append(self._send(task, reports, words, settings))
            del reports, words  # sent: the object store holds them now
            if len(pending) > 1:
                yield _groups_in_order(ray.get(pending.popleft()))
        while pending:
            yield _groups_in_order(ray.get(pending.popleft()))

    @staticmethod
    def _send(task: Any, reports: Sequence[Mention], words: Mapping[str, frozenset[str]],
              settings: Settings) -> list[Any]:
        by_country: dict[str, list[Mention]] = defaultdict(list)
        for m in reports:
            by_country[block_of(m)[1]].append(m)
        refs = []
        for part in by_country.values():
            needed = {m.article_id for m in part}
            refs.append(task.remote(part, {a: words[a] for a in needed if a in words},
                                    settings.link_days, settings.link_km))
        return refs


def _groups_in_order(results: list[list[list[Mention]]]) -> list[list[Mention]]:
    groups = [group for result in results for group in result]
    groups.sort(key=lambda group: _order_key(group[0]))  # founders in link()'s order
    return groups
