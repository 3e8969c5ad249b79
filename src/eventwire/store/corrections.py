"""Analysts' corrections recorded in a store: each records its correction and relinks.

``eventwire merge``, ``split`` and ``set`` call these; the corrections themselves are records
(:class:`eventwire.records.Correction`, :class:`eventwire.records.FieldCorrection`) and are
replayed on every later link by :mod:`eventwire.linking.corrections`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.errors import CorrectionError
from eventwire.linking.corrections import check_value, corrected_place
from eventwire.linking.stage import link_stage
from eventwire.records import Event

if TYPE_CHECKING:
    from eventwire.settings import Settings
    from eventwire.store.database import Store


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


def set_field(store: Store, event_id: str, name: str, value: str, *, settings: Settings,
              note: str | None = None) -> Event:
    """Record an analyst's value for one field of a stored event, relink, and return the event."""
    field, checked = check_value(name, value)
    event = _event(store, event_id)
    if field == "location" and corrected_place(checked, near=event.place) is None:
        raise CorrectionError(f"no place {checked!r} in the gazetteer"
                              + (f" in {event.place.country}" if event.place and event.place.country else ""))
    anchor = min(m.mention_id for m in event.mentions)  # the mention the event id follows from
    store.add_field_correction(mention_id=anchor, field=field, value=checked, note=note)
    return _relinked(store, anchor, settings=settings)


def _event(store: Store, event_id: str) -> Event:
    event = store.event(event_id)
    if event is None:
        raise CorrectionError(f"no event {event_id!r} in {store.path}")
    return event


def _relinked(store: Store, mention_id: str, *, settings: Settings, relink: bool = True) -> Event:
    if relink:
        link_stage(store, (), {}, settings=settings, keep=False)
    found = store.event_of_mention(mention_id)
    if found is None:  # cannot happen: every stored mention is in one event after linking
        raise CorrectionError(f"mention {mention_id} is in no event after relinking")
    return found
