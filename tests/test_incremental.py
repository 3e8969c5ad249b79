"""Linking across articles and runs: one event per real event, whatever the batches.

Runs the whole pipeline on the seeds (../shared, test data) and on our own
example articles, into real DuckDB files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.pipeline import run
from eventwire.store.database import Store

from .conftest import ROOT, SHARED

pytestmark = pytest.mark.slow
SEEDS = SHARED / "seeds"
needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the checkout")
TABLES = ("articles", "mentions", "events", "event_mentions")


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _shape(db: Path) -> set[tuple]:
    """Events as (mention ids, values): what an analyst sees, whatever order they were made in."""
    with Store.open(db, read_only=True) as store:
        return {(frozenset(m.mention_id for m in e.mentions), e.event_id, e.sub_event_type, e.dates, e.place,
                 e.actor1, e.actor2, e.fatalities) for e in store.events()}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    run([str(SEEDS)], out_dir=folder / "out", db=folder / "all.duckdb")
    return folder


@needs_shared
def test_incremental_two_batches_equal_one_run(seeds_db: Path, tmp_path: Path):
    files = sorted(SEEDS.glob("*.txt"))
    db = tmp_path / "batches.duckdb"
    run([str(f) for f in files[:3]], out_dir=tmp_path / "b1", db=db)
    run([str(f) for f in files[3:]], out_dir=tmp_path / "b2", db=db)
    assert _shape(db) == _shape(seeds_db / "all.duckdb")


@needs_shared
def test_incremental_same_corpus_twice_adds_no_rows(seeds_db: Path, tmp_path: Path):
    db = tmp_path / "twice.duckdb"
    shutil.copy(seeds_db / "all.duckdb", db)
    before, shape = _counts(db), _shape(db)
    result = run([str(SEEDS)], out_dir=tmp_path / "again", db=db)
    assert _counts(db) == before and _shape(db) == shape
    assert result.summary["articles_reused"] == result.summary["articles"] == 5


@needs_shared
def test_incremental_event_ids_stable_when_unrelated_articles_arrive(seeds_db: Path, tmp_path: Path):
    db = tmp_path / "grow.duckdb"
    shutil.copy(seeds_db / "all.duckdb", db)
    before = _shape(db)
    run([str(ROOT / "examples" / "yemen_marib_fuel_station.txt"),
         str(ROOT / "examples" / "somalia_hayat_hotel_siege.txt")], out_dir=tmp_path / "more", db=db)
    after = _shape(db)
    assert before <= after and len(after) > len(before)


@needs_shared
def test_incremental_helmand_reports_are_one_strike_and_one_ground_event(seeds_db: Path):
    with Store.open(seeds_db / "all.duckdb", read_only=True) as store:
        events = store.events()
    both = [e for e in events if {Path(m.file).name[:3] for m in e.mentions} == {"002", "003"}]
    assert sorted(e.event_type for e in both) == ["Battles", "Explosions/Remote violence"]
    assert all(len(e.mentions) == 2 for e in both)
    for e in events:  # nothing from 2021 joins the October 2020 reports
        names = {Path(m.file).name[:3] for m in e.mentions}
        assert not (names & {"002", "003"} and names & {"000", "001", "004"})


@needs_shared
def test_incremental_seeds_linking_f1(seeds_db: Path):
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold",
                          str(SHARED / "eval" / "seeds.gold.json"), "--pred", str(seeds_db / "out"), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["linking"]["f1"] >= 0.95


def test_incremental_held_out_linking_set(tmp_path: Path):
    """Our own multi-outlet set (tests/data/linking): a ratchet at the measured figures.

    Measured 2026-11-22 (session 2): linking precision 1.0, recall 0.667 (the missed pairs came
    from extraction, not the linker); session 3: precision 1.0, recall 1.0, events F1 0.667.
    """
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not beside the checkout")
    run([str(ROOT / "tests" / "data" / "linking")], out_dir=tmp_path / "out", db=tmp_path / "lk.duckdb")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold",
                          str(ROOT / "tests" / "data" / "linking.gold.json"), "--pred", str(tmp_path / "out"),
                          "--json"], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    linking = result["linking"]
    assert linking["precision"] >= 0.95 and linking["recall"] >= 0.9, linking
    # 0.723 with the rules alone; 0.696 with the learned recogniser (one extra event of 23: a rally
    # retyped from the air strike it protested, a headline retyped; README, Quality)
    assert result["events"]["f1"] >= 0.69, result["events"]
