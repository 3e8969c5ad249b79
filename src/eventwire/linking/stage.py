"""The linking stage of a run: every stored (or this run's) mention linked into events.

:func:`link_stage` is the seam between the per-article stages and linking: an engine calls it
once, after every article of the run is coded (the Ray engine passes its own ``link_parts``).
The store's mentions are read and linked one part at a time (:func:`store_parts`), analysts'
corrections replayed on each part's groups (:mod:`eventwire.linking.corrections`), events
built (:func:`eventwire.linking.merge.build_events`) and saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from eventwire.linking.corrections import apply_corrections, apply_field_corrections
from eventwire.linking.link import link
from eventwire.linking.merge import build_events
from eventwire.records import Event, Mention
from eventwire.settings import Settings

#: One part of the linking stage: its reports, and the linking words of their articles.
Part = tuple[list[Mention], dict[str, frozenset[str]]]


class LinkParts(Protocol):
    """How an engine links parts: each part's groups, in the parts' order, as ``link`` makes them."""

    def __call__(self, parts: Iterable[Part], *, settings: Settings) -> Iterator[list[list[Mention]]]: ...


#: Linking blocks are packed into parts of about this many reports (one part in memory at a time).
PART_REPORTS = 10_000


def link_stage(store: Any, reports: Sequence[Mention], words: Mapping[str, frozenset[str]], *,
               settings: Settings, link_parts: LinkParts | None = None, keep: bool = True) -> list[Event]:
    """Link every stored (or, without a store, this run's) mention into events; save them.

    The seam between the per-article stages and the linking stage: an engine
    calls this once, after every article of the run is coded, and may pass its
    own ``link_parts`` (the Ray engine links each country of a part in its own
    task); the default links each part here with :func:`eventwire.linking.link.link`.
    Analysts' corrections are replayed on each part's groups, then events are
    built and analysts' field corrections replayed on them. Without a store,
    ``reports`` are linked with ``words`` (each article's linking words,
    :func:`eventwire.linking.link.words_of`) and the events returned. With one, its mentions are read, linked and saved one part at a
    time (:func:`store_parts`), so memory holds one part, not the store; the
    events are returned only when ``keep`` (read them back from the store
    otherwise, e.g. with ``Store.events_in_export_order``).
    """

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
    """Each part's groups, linked in this process (:func:`eventwire.linking.link.link`)."""

    for part in parts:
        groups = link(part[0], article_words=part[1], days=settings.link_days, km=settings.link_km)
        del part  # one part in memory: each is let go before the next is read
        yield groups
        del groups


def store_parts(store: Any, corrections: Sequence[Any]) -> Iterator[Part]:
    """The store's mentions in parts that can be linked apart, read one part at a time.

    Linking never joins reports of two blocks (event type, country:
    :func:`eventwire.linking.link.block_of`), so whole blocks are packed into parts of
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
