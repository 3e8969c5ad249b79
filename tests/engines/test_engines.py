"""Engines: local processes and Ray give the same events; the time budget; dead workers."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import threading
import time
from pathlib import Path

import pytest

from eventwire.engines import ENGINES, get_engine, work
from eventwire.engines import local as local_mod
from eventwire.engines.local import LocalEngine, batches, worker_count
from eventwire.errors import SettingsError
from eventwire.linking.link import link
from eventwire.records import Article, DateSpan, Mention, Place, Problem
from eventwire.settings import Settings

from ..conftest import SHARED

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not beside the checkout")


def _article(n: int, text: str = "quiet day") -> Article:
    return Article(article_id=f"a{n}", file=f"in/a{n}.txt", text=text)


def _fake_code(articles, *, settings, batch_size=None, budget=0.0):  # "slow" sleeps, "die" kills
    out = []
    with work.time_limit(budget * len(articles)):  # as the batch's shared spaCy pass
        for a in articles:
            if "die" in a.text:
                os._exit(3)
            if "slow" in a.text:
                time.sleep(3)
            if "linger" in a.text:
                time.sleep(1)
            out.append([])
    return out


@pytest.fixture
def fake_code(monkeypatch):
    monkeypatch.setattr(work, "_code", _fake_code)
    monkeypatch.setattr(work, "_warm", True)
    monkeypatch.setattr(local_mod, "warm_up", lambda: None)


# -- engines by name ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGINES)
def test_engines_get_engine_by_name(name):
    assert get_engine(name).name == name


def test_engines_get_engine_rejects_unknown_names():
    with pytest.raises(SettingsError, match="unknown engine 'spark'"):
        get_engine("spark")


@pytest.mark.parametrize(("setting", "expected"), [(3, 3), (1, 1), (0, len(os.sched_getaffinity(0)))])
def test_engines_worker_count_zero_means_one_per_core(setting, expected):
    assert worker_count(Settings(workers=setting)) == expected


@pytest.mark.parametrize(("count", "size", "sizes"), [(0, 3, []), (5, 2, [2, 2, 1]), (6, 3, [3, 3])])
def test_engines_batches_split_in_order(count, size, sizes):
    got = list(batches((_article(n) for n in range(count)), size))
    assert [len(b) for b in got] == sizes
    assert [a.article_id for b in got for a in b] == [f"a{n}" for n in range(count)]


# -- time budget ---------------------------------------------------------------------------------


@pytest.mark.parametrize("texts", [["slow"], ["fast", "slow", "fast"], ["slow", "fast", "slow", "fast"]])
def test_engines_article_over_budget_becomes_a_problem(fake_code, texts):
    articles = [_article(n, t) for n, t in enumerate(texts)]
    started = time.perf_counter()
    results = work.code_batch(articles, settings=Settings(article_seconds=0.2))
    assert time.perf_counter() - started < 2.5  # interrupted, not slept through
    for text, result in zip(texts, results, strict=True):
        if text == "slow":
            assert isinstance(result, Problem) and "(article_seconds)" in result.reason
            assert "time budget of 0.2 s" in result.reason
        else:
            assert result == []


def test_engines_budget_zero_means_no_budget(fake_code, monkeypatch):  # fake_code: no warm-up either
    monkeypatch.setattr(work, "_code",
                        lambda articles, settings, batch_size=None, budget=0.0: [[] for _ in articles])
    assert work.code_batch([_article(1)], settings=Settings(article_seconds=0)) == [[]]


def test_engines_budget_outside_the_main_thread_is_checked_after_the_fact(monkeypatch):
    def slowish(articles, *, settings, batch_size=None, budget=0.0):
        time.sleep(0.3)
        return [[] for _ in articles]

    monkeypatch.setattr(work, "_code", slowish)
    monkeypatch.setattr(work, "_warm", True)
    got: list[object] = []
    thread = threading.Thread(target=lambda: got.extend(
        work.code_batch([_article(1)], settings=Settings(article_seconds=0.1))))
    thread.start()
    thread.join()
    assert isinstance(got[0], Problem) and "article_seconds" in got[0].reason


def test_engines_model_loads_before_the_budget_starts(monkeypatch):
    loads: list[str] = []

    def slow_first(articles, *, settings, batch_size=None, budget=0.0):
        if not loads:
            time.sleep(0.5)  # the first call loads the model
        loads.append(articles[0].article_id)
        return [[] for _ in articles]

    monkeypatch.setattr(work, "_code", slow_first)
    monkeypatch.setattr(work, "_warm", False)
    assert work.code_batch([_article(1)], settings=Settings(article_seconds=0.3)) == [[]]
    assert loads == ["warm-up", "a1"]


# -- local engine --------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_engines_local_reads_its_input_lazily(fake_code, workers):
    read = itertools.count()

    def endless():
        for n in read:
            yield _article(n)

    settings = Settings(batch_size=4, workers=workers)
    first = list(itertools.islice(LocalEngine().code(endless(), settings=settings), 10))
    assert [a.article_id for a, _ in first] == [f"a{n}" for n in range(10)]
    assert next(read) <= 10 + 4 * (2 * workers + 1)  # a bounded window, not the whole stream


def test_engines_local_dead_worker_loses_only_its_batch(fake_code):
    articles = [_article(n, "die" if n == 5 else "fine") for n in range(12)]
    settings = Settings(batch_size=4, workers=2)
    results = {a.article_id: r for a, r in LocalEngine().code(articles, settings=settings)}
    assert list(results) == [a.article_id for a in articles]
    lost = {aid for aid, r in results.items() if isinstance(r, Problem)}
    assert lost == {"a4", "a5", "a6", "a7"}
    assert all("worker process died" in results[aid].reason for aid in lost)


def test_engines_local_dead_worker_spares_a_batch_still_running_beside_it(fake_code):
    # a0's batch is still at work when a5's worker dies: the pool breaks for both, and only
    # the batch that breaks a pool alone is lost
    articles = [_article(n, {0: "linger", 5: "die"}.get(n, "fine")) for n in range(12)]
    results = dict(LocalEngine().code(articles, settings=Settings(batch_size=4, workers=2)))
    lost = {a.article_id for a, r in results.items() if isinstance(r, Problem)}
    assert lost == {"a4", "a5", "a6", "a7"}


# -- Ray -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


def _place(name: str, cc: str, lat: float, lon: float) -> Place:
    return Place(name, name, cc, lat, lon, 1, "city", cc)


PLACES = [_place("Marib", "YE", 15.46, 45.32), _place("Aden", "YE", 12.78, 45.04),
          _place("Kharkiv", "UA", 49.99, 36.23), _place("Goma", "CD", -1.68, 29.22), None]


def _reports(n: int) -> list[Mention]:
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        day = dt.date(2022, 5, 1) + dt.timedelta(days=(i * 7) % 9)
        out.append(Mention(f"m{i:03d}", f"art{i % 13}", "f.txt", "s", i, i + 1, "Battles", "Armed clash",
                           "Rebels" if i % 3 else None, None, place, DateSpan.day(day), None,
                           published=day + dt.timedelta(days=1)))
    return out


def test_engines_ray_linking_by_country_equals_one_link_call(ray_cluster):
    from eventwire.engines.ray import RayEngine
    from eventwire.linking.stage import link_here

    reports = _reports(60)
    words = {f"art{k}": frozenset({"fighting", f"word{k % 4}"}) for k in range(13)}
    expected = link(reports, article_words=words)
    assert len({m.place.country_code for m in reports if m.place}) > 1 and len(expected) < len(reports)
    parts = [(reports, words), (reports[:25], words), (reports[25:], words)]  # one part, then two
    got = list(RayEngine().link_parts(iter(parts), settings=Settings()))
    here = list(link_here(iter(parts), settings=Settings()))

    def ids(groups):
        return [[m.mention_id for m in g] for g in groups]

    assert ids(got[0]) == ids(expected)
    assert [ids(g) for g in got] == [ids(g) for g in here]


@pytest.mark.slow
@needs_shared
def test_engines_ray_run_of_the_seeds_equals_the_local_run(ray_cluster, tmp_path):
    from eventwire.pipeline import run

    local = run([str(SHARED / "seeds")], out_dir=tmp_path / "local", db=tmp_path / "local.duckdb")
    remote = run([str(SHARED / "seeds")], out_dir=tmp_path / "ray", db=tmp_path / "ray.duckdb", engine="ray")
    assert local.summary["events"] > 0
    for name in ("events.jsonl", "articles.jsonl", "events.csv", "problems.jsonl"):
        ray_text, local_text = ((tmp_path / d / name).read_text() for d in ("ray", "local"))
        assert _unstamped(ray_text, name) == _unstamped(local_text, name), name
    assert remote.summary["engine"] == "ray"


def _unstamped(text: str, name: str) -> str:
    """An output without ACLED's ``timestamp`` (when each database recorded the row: two
    databases made a second apart differ in it, and in nothing else)."""
    import csv
    import io
    import json

    if name == "events.jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        for record in records:
            assert isinstance(record.pop("timestamp"), int)
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if name == "events.csv":
        rows = list(csv.reader(io.StringIO(text)))
        drop = rows[0].index("timestamp")
        return "\n".join(",".join(r[:drop] + r[drop + 1:]) for r in rows)
    return text


@pytest.mark.slow
@needs_shared
def test_engines_ray_run_of_the_isaf_dev_set_equals_the_local_run(ray_cluster, tmp_path):
    from eventwire.pipeline import run

    dev = str(SHARED / "bench" / "isaf" / "dev.jsonl")
    run([dev], out_dir=tmp_path / "local", db=None, settings=Settings(workers=2))
    run([dev], out_dir=tmp_path / "ray", db=None, engine="ray")
    events = (tmp_path / "local" / "events.jsonl").read_text()
    assert events.count("\n") > 100
    assert (tmp_path / "ray" / "events.jsonl").read_text() == events


@pytest.mark.slow
def test_engines_workers_end_when_the_run_is_killed(tmp_path):
    """SIGKILL on `eventwire run` must not leave forked workers behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "many.jsonl"
    text = ("Militants attacked a police post in the town of Baidoa on Monday, killing three officers, "
            "officials said. The army later shelled positions outside the town. ") * 6
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": text + f" Report {i}.", "published": "2024-03-05"})
                              + "\n" for i in range(3000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "run", str(corpus), "--out",
                             str(tmp_path / "out"), "--db", str(tmp_path / "db.duckdb"), "-q", "--set", "workers=2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == proc.pid:
                    found.append(int(entry))
        return found

    deadline = time.monotonic() + 120
    while len(children()) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    workers = children()
    assert len(workers) >= 2, "the run never started its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)
    alive = [pid for pid in workers if os.path.exists(f"/proc/{pid}") and
             Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert alive == []
