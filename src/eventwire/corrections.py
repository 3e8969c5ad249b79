"""Analysts' corrections to linking: merges and splits that survive re-runs.

Linking is redone from every stored mention on each run (so two batches give
the events of one run), and event ids follow from the mentions. A correction
therefore names mentions, not events:

- ``merge`` (mention_a, mention_b): the events holding these two mentions are
  one event;
- ``split`` (mention_a): this mention is an event of its own.

:func:`apply_corrections` replays them, oldest first, on the groups that
linking produced; a later correction wins over an earlier one. A correction
whose mention has left the store (its article was re-coded) is skipped, and
reported by :func:`stale_corrections`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import CorrectionError
from .records import Event, Mention

if TYPE_CHECKING:
    from .settings import Settings
    from .store import Store

KINDS = ("merge", "split")


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's correction, as stored."""

    correction_id: str
    kind: str  # "merge" or "split"
    mention_a: str
    mention_b: str | None
    made_at: dt.datetime
    note: str | None = None


def apply_corrections(groups: Sequence[Sequence[Mention]],
                      corrections: Sequence[Correction]) -> list[list[Mention]]:
    """The linked groups after replaying ``corrections`` in the order they were made."""
    out: list[list[Mention]] = [list(g) for g in groups if g]
    where: dict[str, int] = {m.mention_id: i for i, g in enumerate(out) for m in g}
    for c in sorted(corrections, key=lambda c: (c.made_at, c.correction_id)):
        if c.kind == "split":
            i = where.get(c.mention_a)
            if i is None or len(out[i]) < 2:
                continue
            mention = next(m for m in out[i] if m.mention_id == c.mention_a)
            out[i] = [m for m in out[i] if m.mention_id != c.mention_a]
            out.append([mention])
            where[c.mention_a] = len(out) - 1
        elif c.kind == "merge" and c.mention_b is not None:
            i, j = where.get(c.mention_a), where.get(c.mention_b)
            if i is None or j is None or i == j:
                continue
            keep, gone = min(i, j), max(i, j)
            out[keep].extend(out[gone])
            for m in out[gone]:
                where[m.mention_id] = keep
            out[gone] = []
    return [g for g in out if g]


def stale_corrections(corrections: Sequence[Correction], mention_ids: set[str]) -> list[Correction]:
    """Corrections that name a mention no longer in the store."""
    return [c for c in corrections
            if c.mention_a not in mention_ids or (c.mention_b is not None and c.mention_b not in mention_ids)]


# -- recording corrections in a store -------------------------------------------------

def merge_events(store: Store, first_id: str, second_id: str, *, settings: Settings,
                 note: str | None = None) -> Event:
    """Record that two stored events are one, relink, and return the merged event."""
    first, second = _event(store, first_id), _event(store, second_id)
    if first.event_id == second.event_id:
        raise CorrectionError(f"{first_id} and {second_id} are already the same event ({first.event_id})")
    store.add_correction("merge", mention_a=first.mentions[0].mention_id,
                         mention_b=second.mentions[0].mention_id, note=note)
    return _relinked(store, first.mentions[0].mention_id, settings=settings)


def split_mention(store: Store, event_id: str, mention_id: str, *, settings: Settings,
                  note: str | None = None) -> tuple[Event, Event]:
    """Record that a mention is an event of its own, relink; return (rest, new event)."""
    event = _event(store, event_id)
    ids = [m.mention_id for m in event.mentions]
    if mention_id not in ids:
        raise CorrectionError(f"mention {mention_id} is not part of event {event.event_id} "
                              f"(its mentions: {', '.join(ids)})")
    if len(ids) == 1:
        raise CorrectionError(f"event {event.event_id} has only that mention; there is nothing to split")
    store.add_correction("split", mention_a=mention_id, note=note)
    rest = next(m for m in ids if m != mention_id)
    return (_relinked(store, rest, settings=settings), _relinked(store, mention_id, settings=settings,
                                                                 relink=False))


def _event(store: Store, event_id: str) -> Event:
    event = store.event(event_id)
    if event is None:
        raise CorrectionError(f"no event {event_id!r} in {store.path}")
    return event


def _relinked(store: Store, mention_id: str, *, settings: Settings, relink: bool = True) -> Event:
    from .pipeline import link_stage

    if relink:
        link_stage(store, (), {}, settings=settings, keep=False)
    found = store.event_of_mention(mention_id)
    if found is None:  # cannot happen: every stored mention is in one event after linking
        raise CorrectionError(f"mention {mention_id} is in no event after relinking")
    return found
