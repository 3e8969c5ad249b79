"""ACLED's export columns: one event as a row of ACLED's 31 columns, typed.

The mapping follows the ACLED Codebook of 7 October 2024 and the columns of
ACLED's export as its R package ``acledR`` documents them (README, "ACLED export
columns", lists each source and limit). Where ACLED writes a value both as a number
and as text (``inter1``, ``inter2``, ``interaction``), the number is written.

    ACLED_COLUMNS       the 31 columns, in ACLED's order and spelling
    INTER_CODES         our actor kinds -> ACLED's inter codes
    acled_row           an event (and its events.jsonl record) -> {column: typed value}
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from importlib import resources
from typing import Any

from eventwire.extraction.actors import STATE_GROUPS, actor_kind
from eventwire.geo.tables import fold_ascii
from eventwire.records import UNIDENTIFIED_ARMED_GROUP, DateSpan, Event
from eventwire.taxonomy import BY_NAME, VAC

__all__ = ["ACLED_COLUMNS", "INTEGER_COLUMNS", "INTER_CODES", "acled_row", "civilian_targeting",
           "event_id_cnty", "inter_code", "interaction", "region", "source_scale", "time_precision"]

#: ACLED's export columns, in its order and spelling.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

#: Columns whose values are whole numbers (null when unknown).
INTEGER_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso",
                             "geo_precision", "fatalities", "timestamp"})

#: ACLED's inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
#: militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
INTER_CODES: dict[str, int] = {"state": 1, "police": 1, "rebel": 2, "militia": 3, "identity militia": 4,
                               "rioter": 5, "protester": 6, "civilian": 7, "external": 8}

#: Named groups ACLED does not code as rebel groups (2), by our canonical name.
_GROUP_INTER: dict[str, int] = {"Wagner Group": 8, "Fano Militia": 4}

#: ``source_scale`` of the outlets whose reach we know (key: outlet name, lower case).
_OUTLET_SCALE: dict[str, str] = {
    name: "International" for name in (
        "reuters", "associated press", "ap", "afp", "agence france-presse", "bbc", "bbc news",
        "al jazeera", "cnn", "the new york times", "new york times", "the guardian", "the washington post",
        "washington post", "voice of america", "voa", "france 24", "deutsche welle", "dw",
        "radio free europe/radio liberty", "rfe/rl", "xinhua", "anadolu agency", "bloomberg",
        "the economist", "financial times", "sky news", "euronews", "npr")
}


def _kind(name: str | None, *, country: str | None) -> str | None:
    actor = actor_kind(name)
    if actor is None:
        return None
    if actor.kind in ("state", "police"):
        foreign = actor.country is not None and country is not None and actor.country != country
        return "external" if foreign or actor.name in STATE_GROUPS else actor.kind
    if actor.kind == "nonstate":
        return "militia" if actor.name.startswith(UNIDENTIFIED_ARMED_GROUP) else "rebel"
    return actor.kind


def inter_code(name: str | None, *, country: str | None) -> int | None:
    """ACLED's inter code of an actor named by :func:`eventwire.extraction.actors.resolve`; None when unknown.

    State forces acting outside their own country (``country`` is the event's) are
    external forces (8), as are alliances and coalitions of states.
    """
    if name in _GROUP_INTER:
        return _GROUP_INTER[name]
    kind = _kind(name, country=country)
    return INTER_CODES[kind] if kind else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (17); one side alone is X0 (10)."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def time_precision(dates: DateSpan) -> int | None:
    """1 the day is known; 2 a week or a range of at most 7 days; 3 a month or longer; None unknown."""
    if not dates.known:
        return None
    if dates.precision == "day" or dates.width == 1:
        return 1
    if dates.precision == "week" or (dates.precision == "range" and dates.width <= 7):
        return 2
    return 3


def civilian_targeting(event: Event, *, inter1: int | None, inter2: int | None) -> str:
    """"Civilian targeting" when civilians are the event's primary target, else ""."""
    if event.sub_event_type not in BY_NAME:
        return ""
    violent = BY_NAME[event.sub_event_type].violent
    if event.event_type == VAC or (violent and inter2 == INTER_CODES["civilian"]
                                   and inter1 != INTER_CODES["civilian"]):
        return "Civilian targeting"
    return ""


@functools.cache
def _regions() -> dict[str, str]:
    text = resources.files("eventwire").joinpath("data/acled_regions.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def region(country_code: str | None) -> str | None:
    """ACLED's world region of an ISO alpha-2 country code (``data/acled_regions.tsv``)."""
    return _regions().get(country_code.upper()) if country_code else None


@functools.cache
def _country(code: str) -> tuple[str | None, int | None]:
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return (found.alpha_3, int(found.numeric)) if found else (None, None)


def event_id_cnty(event: Event) -> str | None:
    """ISO alpha-3 of the event's country and a number that stays with the event id."""
    place = event.place
    alpha3 = _country(place.country_code)[0] if place and place.country_code else None
    if alpha3 is None:
        return None
    return f"{alpha3}{int(hashlib.sha1(event.event_id.encode()).hexdigest()[:12], 16) % 10**8}"


def source_scale(outlets: Sequence[str]) -> str | None:
    """ACLED's source scale of the outlets, where every one's reach is known; else None."""
    scales = [_OUTLET_SCALE.get(o.strip().lower()) for o in outlets]
    if not scales or None in scales:
        return None
    found = sorted({s for s in scales if s})
    return "-".join(found) if found else None


def _ascii(text: str | None) -> str | None:
    return (fold_ascii(text) or None) if text else None


def acled_row(event: Event, record: dict[str, Any], *, admin: tuple[str | None, str | None] = (None, None),
              outlets: Sequence[str] = ()) -> dict[str, Any]:
    """The 31 ACLED columns of ``event`` (``record`` is its events.jsonl record), typed:
    ``event_date`` a date, whole-number columns ints, unknown values None."""
    place = event.place
    country = place.country if place else None
    inter1 = inter_code(event.actor1, country=country)
    inter2 = inter_code(event.actor2, country=country)
    start = event.dates.start
    sentences: list[str] = []
    for m in record["mentions"]:
        if m["sentence"] not in sentences:
            sentences.append(m["sentence"])
    changed = event.changed_at
    row: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(event),
        "event_date": start,
        "year": start.year if start else None,
        "time_precision": time_precision(event.dates),
        "disorder_type": BY_NAME[event.sub_event_type].disorder_type if event.sub_event_type in BY_NAME else None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": event.actor2,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(event, inter1=inter1, inter2=inter2) or None,
        "iso": _country(place.country_code)[1] if place and place.country_code else None,
        "region": region(place.country_code if place else None),
        "country": country,
        "admin1": _ascii(place.admin1 if place else None),
        "admin2": admin[0],
        "admin3": admin[1],
        "location": _ascii(place.name if place else None),
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "geo_precision": record["geo_precision"],
        "source": "; ".join(outlets) or None,
        "source_scale": source_scale(outlets),
        "notes": " ".join(sentences) or None,
        "fatalities": event.fatalities,
        "tags": None,
        "timestamp": int(changed.replace(tzinfo=changed.tzinfo or dt.UTC).timestamp()) if changed else None,
    }
    return row
