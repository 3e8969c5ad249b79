"""Tests of eventwire.geo.districts: admin2 of towns, against a table of towns and their true districts.

The districts are written from our own knowledge of each country's second-level divisions, not
read from the data; where a district has two usual English forms (Ukraine's raions: "Kharkivskyi",
"Kharkiv") both are accepted, and words for the kind of division ("District", "Raion",
"County") are ignored. Three towns the data gets wrong or does not know are kept in the table
as strict expected failures, so that a data change that mends them is noticed.
"""

from __future__ import annotations

import re

import pytest

from eventwire.geo.districts import Districts, admin_levels
from eventwire.geo.geocode import geocode
from eventwire.records import Place

# (town, ISO country code, its true second-level division: accepted forms)
TOWNS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Zaranj", "AF", ("Zaranj",)),
    ("Lashkar Gah", "AF", ("Lashkar Gah",)),
    ("Kandahar", "AF", ("Kandahar",)),
    ("Herat", "AF", ("Herat",)),
    ("Jalalabad", "AF", ("Jalalabad",)),
    ("Kunduz", "AF", ("Kunduz",)),
    ("Kabul", "AF", ("Kabul",)),
    ("Ghazni", "AF", ("Ghazni",)),
    ("Kherson", "UA", ("Khersonskyi", "Kherson")),
    ("Odesa", "UA", ("Odeskyi", "Odesa")),
    ("Kharkiv", "UA", ("Kharkivskyi", "Kharkiv")),
    ("Lviv", "UA", ("Lvivskyi", "Lviv")),
    ("Mariupol", "UA", ("Mariupolskyi", "Mariupol")),
    ("Bakhmut", "UA", ("Bakhmutskyi", "Bakhmut")),
    ("Maiduguri", "NG", ("Maiduguri",)),
    ("Kaduna", "NG", ("Kaduna North", "Kaduna South")),
    ("Peshawar", "PK", ("Peshawar",)),
    ("Quetta", "PK", ("Quetta",)),
    ("Lahore", "PK", ("Lahore",)),
    ("Mandalay", "MM", ("Mandalay",)),
    ("Munich", "DE", ("Upper Bavaria",)),
    ("Barcelona", "ES", ("Barcelona",)),
    ("Lyon", "FR", ("Rhone",)),
    ("Birmingham", "GB", ("Birmingham",)),
    ("Chicago", "US", ("Cook",)),
    ("Houston", "US", ("Harris",)),
    ("Los Angeles", "US", ("Los Angeles",)),
    ("Medellin", "CO", ("Medellin",)),
    ("Cali", "CO", ("Cali",)),
    ("Srinagar", "IN", ("Srinagar",)),
    ("Krakow", "PL", ("Krakow",)),
    ("Guadalajara", "MX", ("Guadalajara",)),
    ("Goma", "CD", ("Goma",)),
    ("Bukavu", "CD", ("Bukavu",)),
    # Taiz city is split between the districts of Salh, Al Qahirah and Al Mudhaffar
    ("Taiz", "YE", ("Salh", "Al Qahirah", "Al Mudhaffar")),
    ("Kirkuk", "IQ", ("Kirkuk",)),
    ("Davao City", "PH", ("Davao del Sur",)),
]

# Known wrong or missing in the data (strict: passing would mean the data changed).
WRONG = [
    ("Pune", "IN", ("Pune",)),  # GeoNames links the town to Pune *Division*, a level above the district
    ("Sao Paulo", "BR", ("Sao Paulo",)),  # no admin2 in the data: left empty
    ("Bamako", "ML", ("Bamako",)),  # no admin2 in the data: left empty
]

_KIND_WORDS = re.compile(r"\b(district|raion|county|municipality)\b", re.IGNORECASE)


def _same(found: str | None, accepted: tuple[str, ...]) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"[^a-z]", "", _KIND_WORDS.sub("", text).lower())

    return found is not None and norm(found) in {norm(a) for a in accepted}


def _admin2(town: str, cc: str) -> str | None:
    place = geocode(town, country_code=cc)
    assert place is not None and place.kind == "city", f"{town} is not geocoded as a town"
    return admin_levels(place)[0]


@pytest.mark.parametrize(("town", "cc", "accepted"), TOWNS, ids=[t[0] for t in TOWNS])
def test_districts_admin2_of_towns(town: str, cc: str, accepted: tuple[str, ...]) -> None:
    found = _admin2(town, cc)
    assert _same(found, accepted), f"{town}: {found!r}, not one of {accepted}"
    assert found is not None and found.isascii()


@pytest.mark.parametrize(("town", "cc", "accepted"),
                         [pytest.param(*w, marks=pytest.mark.xfail(strict=True, reason="data")) for w in WRONG],
                         ids=[w[0] for w in WRONG])
def test_districts_known_data_gaps(town: str, cc: str, accepted: tuple[str, ...]) -> None:
    assert _same(_admin2(town, cc), accepted)


def test_districts_table_size() -> None:
    assert len(TOWNS) >= 30 and len({cc for _, cc, _ in TOWNS}) >= 15


def test_districts_not_a_town_gets_none_and_a_district_is_its_own() -> None:
    districts = Districts()
    province = Place("Helmand", "Helmand", "Afghanistan", 31.0, 64.0, 3, "admin1", "AF")
    assert districts.levels(province) == (None, None)
    assert districts.levels(None) == (None, None)
    nad_ali = Place("Nād ʿAlī", "Helmand", "Afghanistan", 31.6, 64.2, 2, "district", "AF")
    assert districts.levels(nad_ali) == ("Nad 'Ali", None)
    # a town far from every GeoNames town of its country: nothing is guessed
    nowhere = Place("Nowhere", "Helmand", "Afghanistan", 29.5, 62.0, 1, "city", "AF")
    assert districts.levels(nowhere) == (None, None)
