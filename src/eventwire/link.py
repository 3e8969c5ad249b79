"""Link stage: mentions of one event become one event.

Two passes:

1. :func:`consolidate` works inside one article. A report usually names an
   event several times ("the strikes", "this week's airstrikes, which took
   place Wednesday"); mentions of one type family whose places, dates and
   actors agree merge into the article's one report of that event. A mention
   with no place lends its date to the placed mentions it refers back to.
   Events with no place below the country level are dropped: a coder cannot
   put them on a map (ACLED codes no event without at least a province).

2. :func:`link` works across articles. Candidates are blocked by type family
   and country, so linking stays near-linear; a report joins the best
   compatible event (same or nearby place, overlapping dates, actors that do not
   contradict), preferring the one whose articles share most words with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .records import DateSpan, Event, Mention, Place

#: Within a family, the sub-event type that wins when mentions merge.
PRIORITY = (
    "Non-state actor overtakes territory", "Government regains territory", "Suicide bomb",
    "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    "Chemical weapon", "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Abduction/forced disappearance", "Sexual violence", "Attack", "Mob violence", "Violent demonstration",
    "Arrests", "Non-violent transfer of territory", "Agreement", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Change to group/activity", "Other",
    "Armed clash",
)
_RANK = {t: i for i, t in enumerate(PRIORITY)}
#: Sub-types that stay apart even within one family (a strike is not a bombing).
SEPARATE_IN_FAMILY = frozenset({"Explosions/Remote violence", "Strategic developments"})
#: An undated report can only be of an event this many days before publication.
UNDATED_WINDOW_DAYS = 30


def _sub_country(place: Place | None) -> bool:
    return place is not None and place.kind != "country"


def places_compatible(a: Place | None, b: Place | None, *, km: float = 30.0) -> bool:
    if not _sub_country(a) or not _sub_country(b):
        return True
    assert a is not None and b is not None  # for the type checker; guaranteed above
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if _norm(a.name) == _norm(b.name):
        return True
    if a.admin1 and b.admin1 and _norm(a.admin1) == _norm(b.admin1) and "admin1" in {a.kind, b.kind}:
        return True
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        return distance_km(a, b) <= km and "admin1" not in {a.kind, b.kind}
    return False


def distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def dates_compatible(a: DateSpan, b: DateSpan, *, slack: int = 0) -> bool:
    if not a.known or not b.known:
        return True
    assert a.start and a.end and b.start and b.end
    pad = dt.timedelta(days=slack)
    return a.start - pad <= b.end and b.start - pad <= a.end


def actors_compatible(a: Mention, b: Mention) -> bool:
    if a.actor1 and b.actor1 and a.actor1 != b.actor1:
        if a.event_type == "Battles" and {a.actor1, a.actor2} & {b.actor1, b.actor2}:
            return True
        return False
    return True


def _types_mergeable(a: Mention, b: Mention) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.event_type in SEPARATE_IN_FAMILY:
        return a.sub_event_type == b.sub_event_type
    return True


def narrower(a: DateSpan, b: DateSpan) -> DateSpan:
    if not a.known:
        return b
    if not b.known:
        return a
    return b if b.width < a.width else a


def better_place(a: Place | None, b: Place | None) -> Place | None:
    if not _sub_country(a):
        return b if b is not None else a
    if not _sub_country(b):
        return a
    assert a is not None and b is not None
    return b if (b.geo_precision or 9) < (a.geo_precision or 9) else a


def _merge_two(base: Mention, other: Mention) -> Mention:
    sub = base.sub_event_type if _RANK[base.sub_event_type] <= _RANK[other.sub_event_type] else other.sub_event_type
    place = better_place(base.place, other.place)
    host = base if place is base.place else other
    fatalities = _max_none(base.fatalities, other.fatalities)
    actor1 = base.actor1 or other.actor1
    actor2 = base.actor2 or other.actor2
    if sub == other.sub_event_type and other.actor1 and base.sub_event_type != sub:
        actor1, actor2 = other.actor1, other.actor2 or actor2
    return replace(host, sub_event_type=sub, place=place, dates=narrower(base.dates, other.dates),
                   fatalities=fatalities, actor1=actor1, actor2=actor2 if actor2 != actor1 else None)


def _max_none(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def consolidate(mentions: Sequence[Mention], *, km: float = 30.0) -> list[Mention]:
    """Merge one article's mentions of the same event; drop events with no place."""
    groups: list[Mention] = []
    floating: list[Mention] = []
    for m in mentions:
        if not _sub_country(m.place):
            floating.append(m)
            continue
        for i, g in enumerate(groups):
            if _types_mergeable(g, m) and places_compatible(g.place, m.place, km=km) \
                    and dates_compatible(g.dates, m.dates) and actors_compatible(g, m) \
                    and _same_spot_or_contained(g.place, m.place):
                groups[i] = _merge_two(g, m)
                break
        else:
            groups.append(m)
    for m in floating:
        targets = [i for i, g in enumerate(groups)
                   if g.sub_event_type == m.sub_event_type and actors_compatible(g, m)]
        for i in targets:
            g = groups[i]
            dates = narrower(g.dates, m.dates) if dates_compatible(g.dates, m.dates) else g.dates
            actor1 = g.actor1 or m.actor1
            actor2 = g.actor2 or m.actor2
            groups[i] = replace(g, dates=dates, fatalities=g.fatalities if g.fatalities is not None
                                else (m.fatalities if len(targets) == 1 else None),
                                actor1=actor1, actor2=actor2 if actor2 != actor1 else None)
    return groups


def _same_spot_or_contained(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if _norm(a.name) == _norm(b.name):
        return True
    return "admin1" in {a.kind, b.kind} and bool(a.admin1) and _norm(a.admin1 or "") == _norm(b.admin1 or "")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


# --- across articles ----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset({"that", "with", "have", "from", "this", "were", "said", "their", "which", "they", "been",
                   "after", "would", "about", "there", "into", "more", "than", "also", "will", "other"})


def words_of(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


@dataclass
class _Cluster:
    mentions: list[Mention]
    rep: Mention
    words: set[str] = field(default_factory=set)

    def add(self, m: Mention, words: Iterable[str]) -> None:
        self.mentions.append(m)
        self.rep = _merge_two(self.rep, m) if _types_mergeable(self.rep, m) else self.rep
        self.words.update(words)


def _window(m: Mention) -> DateSpan:
    if m.dates.known or m.published is None:
        return m.dates
    return DateSpan(m.published - dt.timedelta(days=UNDATED_WINDOW_DAYS), m.published, "range")


def link(reports: Sequence[Mention], *, article_words: dict[str, frozenset[str]] | None = None,
         days: int = 3, km: float = 30.0) -> list[list[Mention]]:
    """Group article reports (one per article and event) into events, near-linearly."""
    article_words = article_words or {}
    order = sorted(reports, key=lambda m: (m.published or dt.date.max, m.article_id, m.start))
    blocks: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    clusters: list[_Cluster] = []
    for m in order:
        key = (m.event_type, (m.place.country_code if m.place else None) or "")
        words = article_words.get(m.article_id, frozenset())
        best: tuple[float, _Cluster] | None = None
        for c in blocks[key]:
            if any(x.article_id == m.article_id for x in c.mentions):
                continue
            r = c.rep
            if not (_types_mergeable(r, m) and actors_compatible(r, m)):
                continue
            if not places_compatible(r.place, m.place, km=km):
                continue
            if not dates_compatible(_window(r), _window(m), slack=days):
                continue
            overlap = len(c.words & words) / (1 + min(len(c.words), len(words)))
            exact = 1.0 if (r.place and m.place and _norm(r.place.name) == _norm(m.place.name)) else 0.0
            dated = 1.0 if r.dates.known and m.dates.known else 0.0
            score = exact + dated + overlap
            if best is None or score > best[0]:
                best = (score, c)
        if best is not None:
            best[1].add(m, words)
        else:
            c = _Cluster([m], m, set(words))
            blocks[key].append(c)
            clusters.append(c)
    return [c.mentions for c in clusters]


def build_events(groups: Sequence[Sequence[Mention]]) -> list[Event]:
    """Events from linked groups: merged values and per-field provenance."""
    events: list[Event] = []
    for group in groups:
        ordered = sorted(group, key=lambda m: (m.published or dt.date.min, m.article_id))
        rep = ordered[0]
        for m in ordered[1:]:
            rep = _merge_two(rep, m) if _types_mergeable(rep, m) else rep
        latest_fatal = next((m for m in reversed(ordered) if m.fatalities is not None), None)
        provenance = []
        for name, value in (("place", rep.place), ("dates", rep.dates), ("actor1", rep.actor1)):
            src = next((m for m in ordered if getattr(m, name) == value), ordered[0])
            provenance.append((name, src.mention_id))
        if latest_fatal is not None:
            provenance.append(("fatalities", latest_fatal.mention_id))
        disagreements = _disagreements(ordered)
        founder = min(group, key=lambda m: m.mention_id)
        event_id = "ew-" + hashlib.sha1(founder.mention_id.encode()).hexdigest()[:12]
        events.append(Event(
            event_id=event_id, event_type=rep.event_type, sub_event_type=rep.sub_event_type,
            dates=rep.dates, actor1=rep.actor1, actor2=rep.actor2, place=rep.place,
            fatalities=latest_fatal.fatalities if latest_fatal else None, mentions=tuple(ordered),
            provenance=tuple(provenance), disagreements=tuple(disagreements)))
    return events


def _disagreements(mentions: Sequence[Mention]) -> list[dict]:
    out = []
    for name, get in (("fatalities", lambda m: m.fatalities),
                      ("location", lambda m: m.place.name if m.place else None),
                      ("date_start", lambda m: m.dates.start.isoformat() if m.dates.start else None),
                      ("actor1", lambda m: m.actor1)):
        values: dict[object, list[str]] = defaultdict(list)
        for m in mentions:
            v = get(m)
            if v is not None:
                values[v].append(m.article_id)
        if len(values) > 1:
            out.append({"field": name, "values": [{"value": v, "articles": a} for v, a in values.items()]})
    return out
