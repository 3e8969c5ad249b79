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
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from eventwire import taxonomy as tx
from eventwire.linking.merge import (
    article_toll,
    demonstration_turned_violent,
    in_the_province,
    merge_two,
    narrower,
    one_complex_attack,
    strike_told_as_fight,
    sub_country,
    types_mergeable,
)
from eventwire.records import DateSpan, Mention, Place, in_article, named, told_in_a_headline

#: An undated report can only be of an event this many days before publication.
UNDATED_WINDOW_DAYS = 30
#: A placeless toll whose date window is wider than this many days is a running total, not an event's.
FLOATING_TOLL_DAYS = 7
#: A report with no time at all (no date, no publication date) joins an event
#: only if at least this share of its sentence's content words occur in the
#: event's sentences: place and actors alone are too weak without a time.
TIMELESS_OVERLAP = 0.2
#: Width in days of the date buckets used to block candidates.
_BUCKET_DAYS = 7


def places_compatible(a: Place | None, b: Place | None, *, km: float = 30.0) -> bool:
    if a is None or b is None or not sub_country(a) or not sub_country(b):
        return True
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
    """Great-circle distance between two places that have coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        raise ValueError("distance_km needs coordinates on both places")
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def dates_compatible(a: DateSpan, b: DateSpan, *, slack: int = 0) -> bool:
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return True
    pad = dt.timedelta(days=slack)
    return a.start - pad <= b.end and b.start - pad <= a.end


def actors_compatible(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one article may be one event's: the doers agree where both name
    one (an unidentified armed group names no one; in battles the sides may swap)."""
    if named(a.actor1) and named(b.actor1) and a.actor1 != b.actor1:
        return a.event_type == tx.BATTLES and bool({a.actor1, a.actor2} & {b.actor1, b.actor2})
    return True


def consolidate(mentions: Sequence[Mention], *, km: float = 30.0) -> list[Mention]:
    """Merge one article's mentions of the same event; drop events with no place below the country,
    unless no event of the article has one (then they stand at the country)."""
    groups: list[Mention] = []
    floating: list[Mention] = []
    for m in mentions:
        if not sub_country(m.place):
            floating.append(m)
            continue
        for i, g in enumerate(groups):
            if (types_mergeable(g, m) or strike_told_as_fight(g, m) or one_complex_attack(g, m)
                    or demonstration_turned_violent(g, m)) \
                    and (_headline_in_the_province(g, m) or (
                        (places_compatible(g.place, m.place, km=km) or in_the_province(g.place, m.place))
                        and _same_spot_or_contained(g.place, m.place))) \
                    and dates_compatible(g.dates, m.dates) \
                    and (actors_compatible(g, m) or demonstration_turned_violent(g, m)):
                merged = replace(merge_two(g, m), fatalities=article_toll(g, m))
                if _headline_in_the_province(g, m):  # the lede's place, not the headline's short-hand
                    merged = replace(merged, place=(m if told_in_a_headline(g) else g).place)
                groups[i] = merged
                break
        else:
            groups.append(m)
    for m in floating:
        targets = [i for i, g in enumerate(groups)
                   if g.sub_event_type == m.sub_event_type and actors_compatible(g, m)]
        for i in targets:
            g = groups[i]
            dates = narrower(g.dates, m.dates) if dates_compatible(g.dates, m.dates) else g.dates
            actor1 = named(g.actor1) or named(m.actor1) or g.actor1 or m.actor1
            actor2 = g.actor2 or m.actor2
            # A toll without a place reaches an event only when it is unambiguous: one
            # candidate, and no date that says it covers more ("thousands since 2015").
            lend = len(targets) == 1 and (not m.dates.known or (
                m.dates.width <= FLOATING_TOLL_DAYS and dates_compatible(g.dates, m.dates)))
            groups[i] = replace(g, dates=dates, fatalities=g.fatalities if g.fatalities is not None
                                else (m.fatalities if lend else None),
                                actor1=actor1, actor2=actor2 if actor2 != actor1 else None)
    return groups or _at_the_country(floating)


def _at_the_country(floating: Sequence[Mention]) -> list[Mention]:
    """The events of a text that names no place below its country (a one-line notice, "fighting
    flared in Sudan on Monday"): at the country, rather than dropped; same-type reports merge."""
    out: list[Mention] = []
    for m in floating:
        if m.place is None:
            continue
        for i, g in enumerate(out):
            if g.sub_event_type == m.sub_event_type and dates_compatible(g.dates, m.dates) and actors_compatible(g, m):
                out[i] = merge_two(g, m)
                break
        else:
            out.append(m)
    return out


def _headline_in_the_province(a: Mention, b: Mention) -> bool:
    """"Roadside bomb kills two rangers in Narathiwat" over "... in Rueso district of Narathiwat
    province": a headline names the province's town for the province; a report of its type in
    the same province is its lede's."""
    if told_in_a_headline(a) == told_in_a_headline(b) or a.place is None or b.place is None:
        return False
    return bool(a.place.admin1) and a.place.admin1 == b.place.admin1 and a.place.country_code == b.place.country_code


def _same_spot_or_contained(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if _norm(a.name) == _norm(b.name):
        return True
    return ("admin1" in {a.kind, b.kind} and bool(a.admin1) and _norm(a.admin1 or "") == _norm(b.admin1 or "")) \
        or in_the_province(a, b)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


# --- across articles ----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset({"that", "with", "have", "from", "this", "were", "said", "their", "which", "they", "been",
                   "after", "would", "about", "there", "into", "more", "than", "also", "will", "other"})


def words_of(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def roles_agree(a: Mention, b: Mention) -> bool:
    """Whether two reports' actors can be the same event's (across articles).

    The actor who acted must agree where both reports name one; in battles the
    two sides may be told in either order. The second actor does not block a
    link (who was hit is often described differently: "civilians", "a
    village", "fighters") but a match raises the link's score.
    """
    if named(a.actor1) is None or named(b.actor1) is None or a.actor1 == b.actor1:
        return True
    return a.event_type == tx.BATTLES and (a.actor1 == b.actor2 or b.actor1 == a.actor2)


def _timeless(m: Mention) -> bool:
    return not m.dates.known and m.published is None


def _stems(text: str) -> set[str]:
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words_of(text)}


def _says_the_same(c: _Cluster, m: Mention) -> bool:
    """For reports without a time: does the sentence tell of the same thing?"""
    said = _stems(m.sentence)
    return bool(said) and len(said & c.said) / len(said) >= TIMELESS_OVERLAP


def block_of(m: Mention) -> tuple[str, str]:
    """A report's linking block, (event type, country code or ""): reports of two blocks never link.

    A cluster's block never changes (a report joins only clusters of its own
    block, so their event type and country stay), so blocks can be linked
    apart, in any order, and give the same groups as one :func:`link` call.
    """
    return m.event_type, (m.place.country_code if m.place else None) or ""


def _window(m: Mention) -> DateSpan:
    if m.dates.known or m.published is None:
        return m.dates
    return DateSpan(m.published - dt.timedelta(days=UNDATED_WINDOW_DAYS), m.published, "range")


@dataclass(eq=False)
class _Cluster:
    number: int
    mentions: list[Mention]
    rep: Mention
    # the articles' words: the first article's own frozenset, shared rather than copied (most
    # events have one article), and a new union only when another article joins
    words: frozenset[str] = frozenset()
    articles: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)  # content words of the mentions' sentences
    timed: bool = False  # whether any mention has a date or a publication date

    def add(self, m: Mention, words: frozenset[str] | tuple[()]) -> None:
        self.mentions.append(m)
        self.articles.add(m.article_id)
        self.said.update(_stems(m.sentence))
        self.timed = self.timed or not _timeless(m)
        self.rep = merge_two(self.rep, m) if types_mergeable(self.rep, m) else self.rep
        if words and not words <= self.words:
            self.words = self.words | frozenset(words)


class _Index:
    """Clusters blocked by (family, country), then by place cell and date bucket.

    A cluster is filed under every key its representative ever had (keys only
    grow as it absorbs reports), and a lookup returns a superset of the
    clusters a report could be compatible with: the exact checks run after.
    Places are filed by name, by admin1 (province-level places separately, as
    they contain every town of the province) and by a grid of cells at least
    ``km`` wide; dates by week, with unknown windows in a bucket of their own.
    """

    def __init__(self, *, km: float, days: int) -> None:
        self.km, self.days = km, days
        self.cell = max(km, 1.0) / 111.0  # degrees of latitude per cell
        self.table: dict[tuple, dict[object, dict[int, _Cluster]]] = defaultdict(lambda: defaultdict(dict))


    def _lon_width(self, row: int) -> float:
        edge = max(abs(row * self.cell), abs((row + 1) * self.cell))
        return self.cell / max(math.cos(math.radians(min(edge, 89.0))), 0.01)

    def _places(self, place: Place | None, *, lookup: bool) -> Iterator[tuple]:
        if place is None or not sub_country(place):
            yield ("any-place",)
            return
        yield ("name", _norm(place.name))
        admin1 = _norm(place.admin1 or "")
        if admin1:
            if place.kind == "admin1":
                yield ("in-admin1", admin1)  # a province meets every place filed in it
                if not lookup:
                    yield ("admin1", admin1)
            else:
                yield ("admin1", admin1) if lookup else ("in-admin1", admin1)
        if place.kind != "admin1" and place.latitude is not None and place.longitude is not None:
            row = math.floor(place.latitude / self.cell)
            if not lookup:
                yield ("cell", row, math.floor(place.longitude / self._lon_width(row)))
                return
            reach = self.km / (111.0 * max(math.cos(math.radians(min(abs(place.latitude), 89.0))), 0.01))
            for r in (row - 1, row, row + 1):
                width = self._lon_width(r)
                for c in range(math.floor((place.longitude - reach) / width),
                               math.floor((place.longitude + reach) / width) + 1):
                    yield ("cell", r, c)
        if lookup:
            yield ("any-place",)

    def _buckets(self, window: DateSpan, *, pad: int) -> list[object]:
        if window.start is None or window.end is None:
            return ["any-date"]
        first = (window.start.toordinal() - pad) // _BUCKET_DAYS
        last = (window.end.toordinal() + pad) // _BUCKET_DAYS
        return list(range(first, last + 1))

    def file(self, c: _Cluster) -> None:
        block = block_of(c.rep)
        for key in self._places(c.rep.place, lookup=False):
            slots = self.table[(block, key)]
            for bucket in self._buckets(_window(c.rep), pad=0):
                slots[bucket][c.number] = c

    def candidates(self, m: Mention) -> list[_Cluster]:
        block = block_of(m)
        window = _window(m)
        seen: dict[int, _Cluster] = {}
        for key in self._places(m.place, lookup=True):
            slots = self.table.get((block, key))
            if not slots:
                continue
            if window.start is None:
                buckets: Iterable[object] = list(slots)
            elif key == ("any-place",) or m.place is None or not sub_country(m.place):
                buckets = list(slots)
            else:
                buckets = [*self._buckets(window, pad=self.days), "any-date"]
            for bucket in buckets:
                seen.update(slots.get(bucket, {}))
        if m.place is None or not sub_country(m.place):
            for (blk, _), slots in self.table.items():
                if blk == block:
                    for group in slots.values():
                        seen.update(group)
        return [seen[n] for n in sorted(seen)]


def _slack(a: Mention, b: Mention, days: int) -> int:
    """The days two dated reports may disagree by: ``days`` across outlets (one heard of it a day
    later, or counts from another time zone); none within one outlet, whose two reports of
    different days are two events (an office does not re-date its own event)."""
    return 0 if a.source and b.source and _norm(a.source) == _norm(b.source) else days


def link(reports: Sequence[Mention], *, article_words: dict[str, frozenset[str]] | None = None,
         days: int = 1, km: float = 30.0) -> list[list[Mention]]:
    """Group article reports (one per article and event) into events, near-linearly.

    Reports are taken in publication order; each joins the best compatible
    event among the candidates its block offers (same family and country,
    nearby place, overlapping dates, roles that agree, not already holding a
    report of the same article), or founds a new one. The result depends only
    on the set of reports, not on the order they are given in.
    """
    article_words = article_words or {}
    order = sorted(reports, key=lambda m: (m.published or dt.date.max, m.article_id, *in_article(m)))
    index = _Index(km=km, days=days)
    clusters: list[_Cluster] = []
    for m in order:
        words = article_words.get(m.article_id, frozenset())
        best: tuple[float, _Cluster] | None = None
        for c in index.candidates(m):
            r = c.rep
            if m.article_id in c.articles or not (types_mergeable(r, m) and roles_agree(r, m)):
                continue
            if not places_compatible(r.place, m.place, km=km):
                continue
            if not dates_compatible(_window(r), _window(m), slack=_slack(r, m, days)):
                continue
            if (_timeless(m) or not c.timed) and not _says_the_same(c, m):
                continue
            overlap = len(c.words & words) / (1 + min(len(c.words), len(words)))
            exact = 1.0 if (r.place and m.place and _norm(r.place.name) == _norm(m.place.name)) else 0.0
            dated = 1.0 if r.dates.known and m.dates.known else 0.0
            target = 0.5 if r.actor2 and r.actor2 == m.actor2 else 0.0
            score = exact + dated + target + overlap
            if best is None or score > best[0]:
                best = (score, c)
        if best is not None:
            best[1].add(m, words)
            index.file(best[1])
        else:
            c = _Cluster(len(clusters), [], m, frozenset(words))
            c.add(m, ())
            clusters.append(c)
            index.file(c)
    return [c.mentions for c in clusters]
