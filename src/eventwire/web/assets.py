"""Where the web assets are: our own scripts and styles, and the vendored ones.

The vendored files (d3, topojson-client, Natural Earth boundaries) are committed
in ``static/vendor/`` with their licences and a NOTICE, so a checkout and a wheel
hold them; ``web/vendor.sh`` (run by ``scripts/refresh-web-vendor.sh``) makes them
from the npm packages pinned in ``web/package-lock.json``. Nothing is fetched at
run time. Admin-1 (province)
boundaries come one TopoJSON file per country, named by ISO 3166-1 alpha-3.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from eventwire.errors import EventwireError

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = STATIC / "templates"  # inside static/, so the package data (web/static/**/*) ships them
VENDOR = STATIC / "vendor"

#: Vendored files the pages cannot work without.
REQUIRED = ("d3.min.js", "topojson-client.min.js", "countries-50m.json")

#: Our scripts, in load order (each adds to the global ``EW`` namespace).
SCRIPTS = ("common.js", "state.js", "data.js", "map.js", "timeline.js", "table.js", "summary.js", "event.js",
           "dashboard.js")


class AssetsMissing(EventwireError):
    """The bundled front-end files are not installed."""


def check_assets() -> None:
    """Raise :class:`AssetsMissing` when a vendored file is missing."""
    missing = [name for name in REQUIRED if not (VENDOR / name).is_file()]
    if missing:
        raise AssetsMissing(f"web assets missing ({', '.join(missing)} in {VENDOR}); "
                            "this installation of eventwire is incomplete: reinstall it")


def read_asset(relative: str) -> str:
    """The text of a file under ``static/`` (fixed names from this package only)."""
    path = STATIC / relative
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AssetsMissing(f"cannot read web asset {path}: {exc}; reinstall eventwire") from None


def read_template(name: str) -> str:
    path = TEMPLATES / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AssetsMissing(f"cannot read template {path}: {exc}") from None


@cache
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3.lower() for c in pycountry.countries}


def admin1_file(country_code: str | None) -> str | None:
    """The admin-1 boundary file (relative to ``static/``) for an ISO alpha-2 code, if shipped."""
    if not country_code or len(country_code) != 2 or not country_code.isalpha():
        return None
    code = _alpha3().get(country_code.upper())
    if code is None or not (VENDOR / "admin1" / f"{code}.topo.json").is_file():
        return None
    return f"vendor/admin1/{code}.topo.json"
