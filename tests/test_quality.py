"""Quality gates: the scorers in ../shared/eval on the seeds, the ISAF dev set and our held-out set.

The seed floors are the issue's. The ISAF and held-out floors are ratchets at the
figures measured when this gate was written (see the README): a change may raise
them, and must not lower them silently. Of the issue's ISAF targets (date 0.90,
province 0.95, type 0.85, killed 0.85), province, type and killed are met; date is not
(in 40 releases the gold year appears nowhere in title or text, which caps it at 0.894
without outside knowledge).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.pipeline import run

from .conftest import ROOT, SHARED

pytestmark = pytest.mark.slow
EVAL = SHARED / "eval"
needs_shared = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared is not beside the checkout")


def _score(script: str, *args: str) -> str:
    out = subprocess.run([sys.executable, str(EVAL / script), *args], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def _seed_score(gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), "--gold", str(gold), "--pred", str(pred),
                          "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@needs_shared
def test_quality_seeds_meet_the_floors(tmp_path):
    run([str(SHARED / "seeds")], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    result = _seed_score(EVAL / "seeds.gold.json", tmp_path / "out")
    assert result["events"]["f1"] >= 0.95  # the learned recogniser's floor (0.968 measured: one extra event)
    for name in ("date", "place", "actor1"):
        assert result["attributes"][name] >= 0.90, name
    assert result["metadata"]["published"] == 1.0


@needs_shared
def test_quality_isaf_dev_does_not_regress(tmp_path):
    run([str(SHARED / "bench" / "isaf" / "dev.jsonl")], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    line = _score("score_isaf.py", "--gold", str(SHARED / "bench" / "isaf" / "dev.jsonl"),
                  "--pred", str(tmp_path / "out"))
    got = {k: float(v) for k, v in re.findall(r"(date|province|type|killed) ([0-9.]+)", line)}
    # type was 0.955 with the rules alone; the recogniser's retyping brought it to 0.947 while it
    # codes what the rules miss elsewhere: lowered to the learned recogniser's floor, 0.94
    floors = {"date": 0.67, "province": 0.96, "type": 0.94, "killed": 0.87}
    for name, floor in floors.items():
        assert got[name] >= floor, f"{name} {got[name]} < {floor}: {line}"
    # issue 16's restated date measure (benchmarks/isaf_dates.py): an event within a day of the
    # annotated date over the releases that name their year; 0.904 at 1.47 mentions per release
    # on 2026-12-02 (the target is 0.95 at no more mentions per release)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from isaf_dates import measure

    # raised to 0.94 with session 15's operation and story days (0.943 at 1.49 mentions per release)
    # raised to 0.95 with session 17's district spellings and one outlet's days (0.952 at 1.46);
    # mentions per release no more than at the filing (1.47)
    dates = measure(SHARED / "bench" / "isaf" / "dev.jsonl", tmp_path / "out")
    assert dates["within_a_day"] >= 0.95, dates
    assert dates["mentions_per_release"] <= 1.47, dates


@needs_shared
def test_quality_unseen_conflicts_do_not_regress(tmp_path):
    """Our own articles from Somalia, Yemen, Ukraine, Myanmar, Ethiopia, Nigeria, Syria, Kenya."""
    run([str(ROOT / "tests" / "data" / "unseen")], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    result = _seed_score(ROOT / "tests" / "data" / "unseen.gold.json", tmp_path / "out")
    # 0.84 until session 15, whose story days dated two undated reports (0.868 measured)
    # 0.88 with session 17's tolls dated the report's night (0.885 measured)
    assert result["events"]["f1"] >= 0.88, result["events"]
    assert result["metadata"]["published"] == 1.0


@needs_shared
def test_quality_fresh_heldout_set_does_not_regress(tmp_path):
    """19 articles annotated before the extractor was run on them; the first half (h01-h08) was
    then used for development, the second (h09-h16) not (tests/data/heldout/README.md)."""
    run([str(ROOT / "tests" / "data" / "heldout")], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    result = _seed_score(ROOT / "tests" / "data" / "heldout.gold.json", tmp_path / "out")
    # 0.72 until 2026-12-02: bylines with a name before the date ("By ... | 3 May 2025") now date
    # their article (published 0.947 -> 1.0, event dates 0.864 -> 0.909), at one more false event
    # 0.72 again with issue 16's dateline rule (0.721 measured, one false event fewer)
    # 0.73 with session 15's localities in a part of a province (0.734 measured)
    # 0.74 with session 17's days of a joined verb (0.746 measured)
    # 0.75 with session 18's recogniser rejection at 0.85 (0.759 measured)
    assert result["events"]["f1"] >= 0.75, result["events"]
    assert result["events"]["recall"] >= 0.85, result["events"]


@needs_shared
# args_heldback 0.73 -> 0.72 on 2026-12-02 with the bylines above (its published 0.667 -> 0.867,
# event dates 0.568 -> 0.705, one more false event)
# raised to 0.70 / 0.74 with issue 16's place, roles and toll rules (measured 0.712 / 0.746)
# raised to 0.74 / 0.75 with session 12's localities, hits, placed actors and article tolls (0.750 / 0.759)
# raised to 0.75 / 0.76 with session 13's districts, actors and retellings (0.761 / 0.769)
# raised to 0.76 / 0.77 with session 15's places, sides and days (0.766 / 0.782)
# args_dev 0.765 and the second development set args_dev2 (session 18) 0.82, measured 0.770 / 0.824
# (session 19: on a fresh install the same tree gave args_dev2 0.815 and failed this gate; 0.824 again with
# that session's datelines, answered rallies and merged violent demonstrations)
# raised to 0.81 / 0.84 / 0.80 with session 19's places, headlines and not-events (measured 0.823 / 0.857 / 0.814;
# one event fewer gives 0.815 / 0.848 / 0.804)
# session 20: args_dev2 raised to 0.85 (measured 0.870; one event fewer 0.855); the third development set
# args_dev3 (written that session; first scored 0.736) at 0.71 (measured 0.734; one event fewer 0.719)
@pytest.mark.parametrize(("name", "floor"), [("args_dev", 0.81), ("args_dev2", 0.85), ("args_dev3", 0.71),
                                             ("args_heldback", 0.80)])
def test_quality_argument_sets_do_not_regress(tmp_path, name, floor):
    """Issue 16's article sets (tests/data/args_dev, args_dev2 and args_dev3 for development, args_heldback
    held back: its figures are read, never its articles). Events F1 held just under the last
    measured level."""
    run([str(ROOT / "tests" / "data" / name)], out_dir=tmp_path / "out", db=tmp_path / "db.duckdb")
    result = _seed_score(ROOT / "tests" / "data" / f"{name}.gold.json", tmp_path / "out")
    assert result["events"]["f1"] >= floor, result["events"]


# The corpus's test split, argument-annotated sentences coded one by one (benchmarks/arguments.py;
# figures only, its sentences are never printed). Floors just under the 2026-12-02 figures (README).
# Raised with issue 16's place, roles and toll rules (test split 2026-12-02: coverage 0.682, place 0.81,
# actor1 0.575, actor2 0.476, date 0.898, fatalities 0.916).
# Raised again with session 12's rules (2026-12-02: coverage 0.699, place 0.859, actor1 0.657, actor2 0.583,
# date 0.962, fatalities 0.932).
# Raised with session 13's country votes, districts, actors and group tables (2026-12-02: coverage 0.713,
# place 0.866, actor1 0.689, actor2 0.636, date 0.963, fatalities 0.93).
# Raised with session 15's unknown scenes, sides and days (2026-12-03: coverage 0.727, place 0.900, actor1 0.694,
# actor2 0.636, date 0.962, fatalities 0.93).
# Raised with session 16's country votes, speakers and blast targets (2026-12-03: coverage 0.728, place 0.903,
# actor1 0.705, actor2 0.651, date 0.962, fatalities 0.929).
# Raised with session 17's places and days (2026-12-03: coverage 0.728, place 0.905, actor1 0.705,
# actor2 0.648, date 0.965, fatalities 0.929).
# Raised with session 18's merge pairs, mines, sides and country votes (2026-12-03: coverage 0.728, place 0.905,
# actor1 0.708, actor2 0.653, date 0.965, fatalities 0.93).
# Coverage raised to 0.73 with session 19's datelines, blockades and 'when' tolls on a fresh install
# (2026-12-04: coverage 0.740, place 0.901, actor1 0.712, actor2 0.657, date 0.965, fatalities 0.933).
# Fatalities raised to 0.93 with session 20's tolls (2026-12-04: coverage 0.742, place 0.901, actor1 0.711,
# actor2 0.658, date 0.965, fatalities 0.935).
CORPUS_ARGUMENT_FLOORS = {"coverage": 0.73, "place": 0.90, "actor1": 0.70, "actor2": 0.65, "date": 0.96,
                          "fatalities": 0.93}


def test_quality_corpus_test_split_arguments_do_not_regress():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "arguments.py"), "--split", "test", "--json"],
                          capture_output=True, text=True, check=True, env=env)
    got = json.loads(done.stdout)
    assert got["sentences"] >= 1400, got["sentences"]  # the split's 1,490 argument records, all read
    for name, floor in CORPUS_ARGUMENT_FLOORS.items():
        value = got[name] if name == "coverage" else got[name]["share"]
        assert value >= floor, f"{name} {value} < {floor}"


NON_CONFLICT = [
    ("Drought strikes Kansas as wheat farmers watch their crops wither. The state recorded its driest "
     "summer in decades on Monday, and officials said the harvest could fall by a third."),
    ("Food prices hit a record in March, the agency said on Friday. The index rose for a fifth month, "
     "driven by cereals and vegetable oils, and analysts expect prices to fall later in the year."),
    ("The city council voted on Tuesday to build a new bridge over the river in Omaha. Work will "
     "start in the spring and traffic will be diverted for two years."),
]


@pytest.mark.parametrize("text", NON_CONFLICT)
def test_quality_non_conflict_articles_give_no_events(tmp_path, text):
    src = tmp_path / "in"
    src.mkdir()
    (src / "article.txt").write_text(" date 2023-05-02\n" + text, encoding="utf-8")
    result = run([str(src)], out_dir=tmp_path / "out", db=None)
    assert result.events == ()
