"""benchmarks/arguments.py: how a gold date phrase, place, actor and toll are matched (no model)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys

import pytest

from eventwire.records import DateSpan, Place

from .conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("arguments_benchmark", ROOT / "benchmarks" / "arguments.py")
assert _SPEC is not None and _SPEC.loader is not None
arguments = importlib.util.module_from_spec(_SPEC)
sys.modules["arguments_benchmark"] = arguments
_SPEC.loader.exec_module(arguments)

MONDAY = dt.date(2026, 6, 15)
D = dt.date


@pytest.mark.parametrize(("phrase", "window"), [
    ("on Monday", (D(2026, 6, 15), D(2026, 6, 15))),  # the publication day itself counts
    ("late on Saturday", (D(2026, 6, 13), D(2026, 6, 13))),
    ("before dawn on Tuesday", (D(2026, 6, 9), D(2026, 6, 9))),
    ("on 9 February", (D(2026, 2, 9), D(2026, 2, 9))),
    ("on 3 November", (D(2025, 11, 3), D(2025, 11, 3))),  # after publication: the year before
    ("on March 4, 2024", (D(2024, 3, 4), D(2024, 3, 4))),
    ("between 3 and 5 May", (D(2026, 5, 3), D(2026, 5, 5))),
    ("in late May", (D(2026, 5, 1), D(2026, 5, 31))),
    ("late last night", (D(2026, 6, 14), D(2026, 6, 14))),
    ("this afternoon", (D(2026, 6, 15), D(2026, 6, 15))),
    ("overnight", (D(2026, 6, 14), D(2026, 6, 15))),
    ("over the weekend", (D(2026, 6, 13), D(2026, 6, 14))),
    ("last week", (D(2026, 6, 8), D(2026, 6, 14))),
])
def test_benchmark_arguments_gold_window_reads_the_phrase(phrase, window):
    assert arguments.gold_window(phrase, MONDAY) == window


@pytest.mark.parametrize("phrase", ["on election day", "after two days of fighting", "the previous night",
                                    "between Friday and Sunday", "since Tuesday"])
def test_benchmark_arguments_gold_window_leaves_what_it_cannot_read(phrase):
    assert arguments.gold_window(phrase, MONDAY) is None


def test_benchmark_arguments_date_inside_the_window():
    window = (D(2026, 6, 14), D(2026, 6, 15))
    assert arguments._date_ok(DateSpan.day(D(2026, 6, 14)), window)
    assert not arguments._date_ok(DateSpan(D(2026, 6, 1), D(2026, 6, 15)), window)
    assert not arguments._date_ok(DateSpan.unknown(), window)


def test_benchmark_arguments_place_by_name_in_the_phrase():
    town = Place("Kabkabiya", "North Darfur", "Sudan", 13.6, 24.1, 1)
    province = Place("North Darfur", "North Darfur", "Sudan", None, None, 3, kind="admin1")
    assert arguments.place_matches(town, "a livestock market in Kabkabiya")
    assert not arguments.place_matches(province, "a livestock market in Kabkabiya")
    assert not arguments.place_matches(None, "Kabkabiya")
    assert not arguments.place_matches(Place("Kab", None, None, None, None, 1), "Kabkabiya")  # whole words


def test_benchmark_arguments_a_possessive_names_its_place():
    town = Place("Baqubah", "Diyala", "Iraq", None, None, 1)
    assert arguments.place_matches(town, "Baqubah's main market")
    assert arguments.place_matches(town, "Baqubah\u2019s main market")
    assert not arguments.place_matches(Place("Baqubahs", None, None, None, None, 1), "Baqubah's main market")


def test_benchmark_arguments_actor_names_fold_case_and_punctuation():
    assert arguments.same_actor("Military Forces of Sudan", "military forces of sudan")
    assert arguments.same_actor("SPLM-North (al-Hilu)", "SPLM North al Hilu")
    assert not arguments.same_actor(None, "Al Shabaab")
    assert not arguments.same_actor("Civilians (Kenya)", "Protesters (Kenya)")


@pytest.mark.parametrize(("coded", "gold", "ok"), [
    (None, None, True), (0, None, True), (3, None, False),
    (None, 0, True), (0, 0, True), (2, 0, False),
    (21, 21, True), (None, 21, False), (20, 21, False),
])
def test_benchmark_arguments_toll_counts_no_number_as_zero(coded, gold, ok):
    assert arguments.toll_ok(coded, gold) is ok


def test_benchmark_arguments_errors_refused_on_the_test_split(capsys):
    assert arguments.main(["--split", "test", "--errors"]) == 2
    assert "train split only" in capsys.readouterr().err
