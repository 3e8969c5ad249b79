"""Merge stage: the values of one event, from its mentions, with provenance.

Every event keeps the best value of each field and records which mention it
came from:

- sub-event type: the most specific of the family (:data:`PRIORITY`);
- place: the most precise (town before district before province);
- dates: the narrowest window;
- actors: from the mention that supplied the winning sub-event type, else the
  first mention that names them;
- fatalities: the most recent report's toll (by publication date), because
  tolls are revised as bodies are counted; earlier tolls stay visible in
  ``disagreements``.

Fields on which mentions disagree are listed per field with each value and
the articles that reported it, so an analyst sees "9 dead (outlet A), 12 dead
(outlet B)" instead of one silently chosen number.

Event ids are a pure function of the event's mentions (the smallest mention
id), so adding articles about other events never changes an id, and two
batches give the same ids as one run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from eventwire import taxonomy as tx
from eventwire.extraction.fatalities import TOLL_BROUGHT_TO
from eventwire.records import DateSpan, Event, Mention, Place, in_article, named, told_in_a_headline

#: Within a family, the sub-event type that wins when mentions merge.
PRIORITY = (
    tx.NON_STATE_OVERTAKES, tx.GOVERNMENT_REGAINS, tx.SUICIDE_BOMB, tx.AIR_STRIKE, tx.SHELLING,
    tx.REMOTE_EXPLOSIVE, tx.GRENADE, tx.CHEMICAL_WEAPON, tx.EXCESSIVE_FORCE, tx.PROTEST_WITH_INTERVENTION,
    tx.PEACEFUL_PROTEST, tx.ABDUCTION, tx.SEXUAL_VIOLENCE, tx.ATTACK, tx.MOB_VIOLENCE,
    tx.VIOLENT_DEMONSTRATION, tx.ARRESTS, tx.TERRITORY_TRANSFER, tx.AGREEMENT, tx.DISRUPTED_WEAPONS_USE,
    tx.BASE_ESTABLISHED, tx.LOOTING, tx.CHANGE_TO_GROUP, tx.OTHER, tx.ARMED_CLASH,
)
_RANK = {t: i for i, t in enumerate(PRIORITY)}
#: Sub-types that stay apart even within one family (a strike is not a bombing).
SEPARATE_IN_FAMILY = frozenset({tx.REMOTE, tx.STRATEGIC})


def sub_country(place: Place | None) -> bool:
    """Whether ``place`` is below the country level (a coder can map it)."""
    return place is not None and place.kind != "country"


def types_mergeable(a: Mention, b: Mention) -> bool:
    """Same family, and the same sub-type where the family keeps sub-types apart."""
    if a.event_type != b.event_type:
        return False
    if a.event_type in SEPARATE_IN_FAMILY:
        return a.sub_event_type == b.sub_event_type
    return True


#: Remote violence that a unit in a fight calls in: told as the fight's toll and as the strike's.
_CALLED_IN = frozenset({tx.AIR_STRIKE, tx.SHELLING})


def strike_told_as_fight(a: Mention, b: Mention) -> bool:
    """"Forces killed five insurgents ... called for air strikes; five insurgents were killed":
    an armed clash and a strike with one actor and one toll in one article are one event."""
    return {a.sub_event_type, b.sub_event_type} - _CALLED_IN == {tx.ARMED_CLASH} \
        and len({a.sub_event_type, b.sub_event_type}) == 2 and a.actor1 == b.actor1 \
        and a.fatalities is not None and a.fatalities == b.fatalities


#: The blasts of an attack that bombers and gunmen carry out together.
_BLASTS = frozenset({tx.SUICIDE_BOMB, tx.REMOTE_EXPLOSIVE, tx.GRENADE})


def one_complex_attack(a: Mention, b: Mention) -> bool:
    """"A suicide bomber blew himself up and gunmen opened fire on people at the beach": a
    blast and the shooting or fighting told with it in one sentence are one (complex) attack."""
    subs = {a.sub_event_type, b.sub_event_type}
    return a.article_id == b.article_id and a.start == b.start and len(subs & _BLASTS) == 1 \
        and len(subs - _BLASTS) == 1 and subs - _BLASTS <= {tx.ATTACK, tx.ARMED_CLASH} \
        and a.place == b.place and not _SEPARATE.search(a.sentence)


def demonstration_turned_violent(a: Mention, b: Mention) -> bool:
    """"Riot police cleared thousands of demonstrators ... Some protesters threw fireworks at police
    lines": a protest and the violence of its own crowd, told in one article at one place on one
    day, are one demonstration, a violent one (:func:`merge_two`). Lethal force against the crowd
    ("Excessive force against protesters") stays an event of its own, and so does violence told
    apart ("Later that night, a smaller group of young men hurled stones")."""
    subs = {a.sub_event_type, b.sub_event_type}
    return {a.event_type, b.event_type} == {tx.PROTESTS, tx.RIOTS} and tx.VIOLENT_DEMONSTRATION in subs \
        and tx.EXCESSIVE_FORCE not in subs \
        and a.article_id == b.article_id and a.place is not None and a.place == b.place \
        and a.dates.known and (a.dates.start, a.dates.end) == (b.dates.start, b.dates.end) and a.dates.width == 1 \
        and not _SEPARATE.search(a.sentence) and not _SEPARATE.search(b.sentence)


#: Words that tell two acts of one sentence apart: "and in a separate attack gunmen killed ...".
_SEPARATE = re.compile(r"\b(?:separate(?:ly)?|another|elsewhere|meanwhile|later)\b", re.IGNORECASE)


#: Words that name a first-level division after its name ("Mandera county", "Diyala province").
_DIVISION_WORDS = re.compile(r"\b(?:county|province|region|state|governorate|oblast|department|prefecture)\b",
                             re.IGNORECASE)


def in_the_province(a: Place | None, b: Place | None) -> bool:
    """"near Elwak in Mandera county" told again as "between Elwak and a nearby village": a place
    named as its province ("Mandera county", a district of the gazetteer whose name is its admin1's)
    contains every place of that province, as the province itself does."""
    if a is None or b is None or not a.admin1 or _key(a.admin1) != _key(b.admin1 or ""):
        return False
    return any(p.kind == "district" and _key(_DIVISION_WORDS.sub("", p.name)) == _key(p.admin1 or "")
               for p in (a, b))


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def narrower(a: DateSpan, b: DateSpan) -> DateSpan:
    """The narrower of two date windows (a known one beats an unknown one)."""
    if not a.known:
        return b
    if not b.known:
        return a
    return b if b.width < a.width else a


def better_place(a: Place | None, b: Place | None) -> Place | None:
    """The more precise of two places (a mappable one beats a country)."""
    if a is None or not sub_country(a):
        return b if b is not None else a
    if b is None or not sub_country(b):
        return a
    return b if (b.geo_precision or 9) < (a.geo_precision or 9) else a


def max_none(a: int | None, b: int | None) -> int | None:
    """The larger of two counts, ignoring unknowns."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def merge_two(base: Mention, other: Mention) -> Mention:
    """One mention carrying the best values of two mentions of one event."""
    sub = base.sub_event_type if _RANK[base.sub_event_type] <= _RANK[other.sub_event_type] else other.sub_event_type
    if demonstration_turned_violent(base, other):
        sub = tx.VIOLENT_DEMONSTRATION  # the crowd's own violence decides
    place = better_place(base.place, other.place)
    host = base if place is base.place else other
    if base.sub_event_type == other.sub_event_type:
        actor1 = named(base.actor1) or named(other.actor1) or base.actor1 or other.actor1
        actor2 = base.actor2 or other.actor2
    else:
        # the pair of the mention whose type wins ("a man blew himself up ..., killing one
        # gendarme": the bomber and the gendarmes, not the gendarmes the weaker 'killing' gave
        # as doers); the other mention fills only a side the winner left open
        winner, loser = (base, other) if sub == base.sub_event_type else (other, base)
        actor1 = winner.actor1 or (loser.actor1 if loser.actor1 != winner.actor2 else None)
        actor2 = winner.actor2 or (loser.actor2 if loser.actor2 != actor1 else None)
    family = base.event_type if sub == base.sub_event_type else other.event_type
    return replace(host, event_type=family, sub_event_type=sub, place=place,
                   dates=narrower(base.dates, other.dates),
                   fatalities=max_none(base.fatalities, other.fatalities), actor1=actor1,
                   actor2=actor2 if actor2 != actor1 else None)


#: Words by which a later sentence revises a toll told before ("the toll rose to 12", "now says").
_REVISED = re.compile(r"\b(?:rose|risen|climbed|increased|jumped|reached|now|updated|revised|later|since)\b"
                      rf"|{TOLL_BROUGHT_TO}", re.IGNORECASE)


def article_toll(first: Mention, later: Mention) -> int | None:
    """The toll of one event that one article tells twice: the figure it told first (its lede's)
    stands, as the conservative one, against a different figure told later ("residents put the toll
    at 30", "the group claimed it killed 40"), unless the later sentence revises it ("rose to")."""
    if first.fatalities is None or later.fatalities is None:
        return first.fatalities if later.fatalities is None else later.fatalities
    if told_in_a_headline(first):
        # "Soldier, 3 militants dead": a headline's figure is short-hand for the lede's fuller one
        return max(first.fatalities, later.fatalities)
    if later.fatalities > first.fatalities and _REVISED.search(later.sentence):
        return later.fatalities
    return first.fatalities


def event_id_for(mentions: Sequence[Mention]) -> str:
    """A stable id: a hash of the event's smallest mention id."""
    founder = min(m.mention_id for m in mentions)
    return "ew-" + hashlib.sha1(founder.encode()).hexdigest()[:12]


def _chronological(m: Mention) -> tuple[Any, ...]:
    return (m.published or dt.date.min, m.article_id, *in_article(m))


def build_event(group: Sequence[Mention], *, event_id: str | None = None) -> Event:
    """One event from the mentions linked into it."""
    if not group:
        raise ValueError("an event needs at least one mention")
    ordered = sorted(group, key=_chronological)
    rep = ordered[0]
    for m in ordered[1:]:
        rep = merge_two(rep, m) if types_mergeable(rep, m) else rep
    latest_toll = next((m for m in reversed(ordered) if m.fatalities is not None), None)
    provenance: list[tuple[str, str]] = []
    for name in ("sub_event_type", "place", "dates", "actor1", "actor2"):
        value = getattr(rep, name)
        if value is None or (name == "dates" and not rep.dates.known):
            continue
        source = next((m for m in ordered if getattr(m, name) == value), ordered[0])
        provenance.append((name, source.mention_id))
    if latest_toll is not None:
        provenance.append(("fatalities", latest_toll.mention_id))
    return Event(
        event_id=event_id or event_id_for(group), event_type=rep.event_type,
        sub_event_type=rep.sub_event_type, dates=rep.dates, actor1=rep.actor1, actor2=rep.actor2,
        place=rep.place, fatalities=latest_toll.fatalities if latest_toll else None,
        mentions=tuple(ordered), provenance=tuple(provenance),
        disagreements=tuple(disagreements(ordered)))


def build_events(groups: Sequence[Sequence[Mention]]) -> list[Event]:
    """Events from linked groups, in the groups' order."""
    return [build_event(group) for group in groups if group]


_FIELDS: tuple[tuple[str, Callable[[Mention], Any]], ...] = (
    ("fatalities", lambda m: m.fatalities),
    ("location", lambda m: m.place.name if m.place else None),
    ("admin1", lambda m: m.place.admin1 if m.place else None),
    ("date_start", lambda m: m.dates.start.isoformat() if m.dates.start else None),
    ("sub_event_type", lambda m: m.sub_event_type),
    ("actor1", lambda m: m.actor1),
    ("actor2", lambda m: m.actor2),
)


def disagreements(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """Fields on which the mentions' articles report different values."""
    out = []
    for name, get in _FIELDS:
        values: dict[object, list[str]] = defaultdict(list)
        for m in mentions:
            v = get(m)
            if v is not None and m.article_id not in values[v]:
                values[v].append(m.article_id)
        if len(values) > 1:
            out.append({"field": name, "values": [{"value": v, "articles": a} for v, a in values.items()]})
    return out
