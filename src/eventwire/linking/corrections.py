"""Analysts' corrections to linking: merges and splits that survive re-runs.

Linking is redone from every stored mention on each run (so two batches give
the events of one run), and event ids follow from the mentions. A correction
therefore names mentions, not events:

- ``merge`` (mention_a, mention_b): the events holding these two mentions are
  one event;
- ``split`` (mention_a): this mention is an event of its own;
- a field correction (``eventwire set``: :class:`FieldCorrection`): one value of the event
  holding this mention (its type, an actor, its place, date or toll) is the analyst's.

:func:`apply_corrections` replays them, oldest first, on the groups that
linking produced; a later correction wins over an earlier one. A correction
whose mention has left the store (its article was re-coded) is skipped, and
reported by :func:`stale_corrections`. Field corrections are replayed on the
built events (:func:`apply_field_corrections`), after merges and splits, oldest first:
a later one of the same field wins, and the event's provenance names the correction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from eventwire import taxonomy
from eventwire.errors import CorrectionError
from eventwire.geo.geocode import geocode
from eventwire.records import Correction, DateSpan, Event, FieldCorrection, Mention, Place

#: The fields ``eventwire set`` corrects: the name given -> the field it sets.
FIELDS: dict[str, str] = {"type": "sub_event_type", "sub_event_type": "sub_event_type", "actor1": "actor1",
                          "actor2": "actor2", "place": "location", "location": "location", "date": "date",
                          "fatalities": "fatalities"}
# The provenance name of each corrected field (as eventwire.linking.merge names them).
_PROVENANCE = {"sub_event_type": "sub_event_type", "actor1": "actor1", "actor2": "actor2",
               "location": "place", "date": "dates", "fatalities": "fatalities"}


def check_value(name: str, value: str) -> tuple[str, str]:
    """(field, value) for ``eventwire set``; :class:`CorrectionError` with one clear line if invalid."""
    field = FIELDS.get(name.strip().lower())
    if field is None:
        raise CorrectionError(f"cannot set {name!r}; fields are {', '.join(FIELDS)}")
    value = " ".join(value.split())
    if field == "sub_event_type":
        found = next((n for n in taxonomy.NAMES if n.lower() == value.lower()), None)
        if found is None:
            raise CorrectionError(f"unknown sub-event type {value!r}; use one of: {'; '.join(taxonomy.NAMES)}")
        return field, found
    if field == "date":
        try:
            return field, dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise CorrectionError(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    if field == "fatalities":
        if not value.isdigit():
            raise CorrectionError(f"fatalities {value!r} is not a whole number of zero or more")
        return field, str(int(value))
    if field == "location" and not value:
        raise CorrectionError("a place needs a name")
    return field, value


def corrected_place(value: str, *, near: Place | None) -> Place | None:
    """The place an analyst named, geocoded in the event's country; None if the gazetteer has none."""
    return geocode(value, country_code=near.country_code if near else None,
                   admin1_hint=near.admin1 if near else None)


def _apply_one(event: Event, fix: FieldCorrection) -> Event:
    changes: dict[str, object]
    if fix.field == "sub_event_type":
        changes = {"sub_event_type": fix.value, "event_type": taxonomy.event_type(fix.value)}
    elif fix.field in ("actor1", "actor2"):
        changes = {fix.field: fix.value or None}
    elif fix.field == "date":
        changes = {"dates": DateSpan.day(dt.date.fromisoformat(fix.value), text=fix.value)}
    elif fix.field == "fatalities":
        changes = {"fatalities": int(fix.value)}
    else:
        place = corrected_place(fix.value, near=event.place)
        if place is None:  # the gazetteer no longer knows it: the event keeps its place
            return event
        changes = {"place": place}
    name = _PROVENANCE[fix.field]
    provenance = tuple(p for p in event.provenance if p[0] != name) + ((name, fix.correction_id),)
    return dataclasses.replace(event, provenance=provenance, **changes)  # type: ignore[arg-type]


def apply_field_corrections(events: Sequence[Event], fixes: Sequence[FieldCorrection]) -> list[Event]:
    """``events`` with each field correction replayed on the event holding its mention, oldest first."""
    if not fixes:
        return list(events)
    by_mention: dict[str, list[FieldCorrection]] = {}
    for fix in sorted(fixes, key=lambda f: (f.made_at, f.correction_id)):
        by_mention.setdefault(fix.mention_id, []).append(fix)
    out: list[Event] = []
    for event in events:
        mine = sorted((f for m in event.mentions for f in by_mention.get(m.mention_id, ())),
                      key=lambda f: (f.made_at, f.correction_id))
        for fix in mine:
            event = _apply_one(event, fix)
        out.append(event)
    return out


def event_field_corrections(event: Event, fixes: Sequence[FieldCorrection]) -> list[FieldCorrection]:
    """The field corrections that apply to ``event``, oldest first."""
    ids = {m.mention_id for m in event.mentions}
    return sorted((f for f in fixes if f.mention_id in ids), key=lambda f: (f.made_at, f.correction_id))


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
