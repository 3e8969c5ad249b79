"""End-to-end tests of the web app and the report in headless Chromium.

Debian's ``chromium`` (installed by scripts/install.sh) driven by Playwright
through ``executable_path``; a real uvicorn server on 127.0.0.1 on a free port.
Screenshots go to ``test-artifacts/web/``. The seeds come from ../shared
(skipped when absent); the hostile article is written here. A missing Chromium
fails these tests (the project's own install script installs it); set
EVENTWIRE_SKIP_BROWSER=1 to skip them on a machine without it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Self

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "web"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("EVENTWIRE_SKIP_BROWSER") == "1", reason="EVENTWIRE_SKIP_BROWSER=1"),
]

# The payloads set a flag and the title if they ever run.
RUN = "window.__ew_pwned=1;document.title='PWNED'"
SCRIPT = f"<script>{RUN}</script>"
IMG = f'<img src=x onerror="{RUN}">'
HOSTILE_ARTICLE = {
    "title": f"Fighting near Beledweyne {SCRIPT}{IMG}",
    "source": f"Coast Radio {IMG}",
    "url": f"javascript:{RUN}",
    "published": "2023-03-05",
    "text": (f"Al-Shabaab fighters attacked an army base in Beledweyne on Friday, killing five soldiers, "
             f"officials said. {IMG} Residents said the fighting lasted two hours. {SCRIPT}"),
}


class Server:
    """uvicorn serving ``app`` on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()


def _run(inputs: list[Path], folder: Path) -> tuple[Path, Path]:
    from eventwire.pipeline import run

    db, out = folder / "events.duckdb", folder / "out"
    run([str(p) for p in inputs], out_dir=out, db=db)
    return db, out


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    folder = tmp_path_factory.mktemp("seeds")
    shutil.copytree(SEEDS, folder / "in")
    return _run([folder / "in"], folder)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "in").mkdir()
    (folder / "in" / "hostile.json").write_text(json.dumps(HOSTILE_ARTICLE), encoding="utf-8")
    return _run([folder / "in"], folder)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "Debian's chromium is not installed: run scripts/install.sh"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    yield opened
    context.close()


def _ready(page: object) -> None:
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)


def _count(page: object) -> int:
    return int(page.get_attribute("#event-count", "data-count"))


def _free_point(page: object) -> tuple[str, float, float]:
    """A map point of one event not covered by another: its place and its centre on screen."""
    found = page.evaluate("""() => {
        for (const c of document.querySelectorAll('#map g.ew-group[data-events="1"] circle')) {
            const r = c.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (document.elementFromPoint(x, y) === c) return [c.parentNode.getAttribute('data-box'), x, y];
        }
        return null; }""")
    assert found, "no map point can be clicked"
    return found[0], found[1], found[2]


def _on_map(page: object) -> int:
    """How many events the map's groups hold."""
    return int(page.evaluate("""() => [...document.querySelectorAll('#map g.ew-group')]
        .reduce((n, g) => n + Number(g.dataset.events), 0)"""))


def test_web_browser_map_point_opens_event_with_highlighted_sentence(seeds: tuple[Path, Path],
                                                                     page: object) -> None:
    from eventwire.web.app import create_app

    db, _ = seeds
    with Server(create_app(db)) as server:
        page.goto(server.url + "/")
        _ready(page)
        facts = json.loads(page.evaluate("() => fetch('/api/facets').then(r => r.text())"))
        assert page.get_attribute("#totals", "data-events") == str(facts["events"])
        assert _on_map(page) == int(page.get_attribute("#map-note", "data-located")) > 0
        assert page.locator("#map path.admin1").count() > 0  # province borders are drawn
        page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
        box, x, y = _free_point(page)
        event_id = json.loads(page.evaluate(f"() => fetch('/api/events?bbox={box}').then(r => r.text())"))[
            "events"][0]["event_id"]
        page.mouse.click(x, y)
        page.wait_for_url(f"**/events/{event_id}")
        _ready(page)
        detail = json.loads(page.evaluate(f"() => fetch('/api/events/{event_id}').then(r => r.text())"))
        first = detail["mentions"][0]
        text = first["article"]["text"]
        marked = page.locator("mark.ew-hl").first
        assert marked.is_visible()
        assert marked.text_content() == text[first["start"]:first["end"]]
        assert page.locator("mark.ew-hl").count() == len(detail["mentions"])
        # each report's trail, stored when its article was coded: opened, it lists every argument
        assert first["trail"] and first["trail"]["arguments"]
        trails = page.locator("details.ew-trail")
        assert trails.count() == sum(1 for m in detail["mentions"] if m.get("trail"))
        trails.first.locator("summary").click()
        shown = trails.first.locator("li[data-argument]")
        assert shown.first.is_visible()
        assert [shown.nth(i).get_attribute("data-argument") for i in range(shown.count())] == [
            a["argument"] for a in first["trail"]["arguments"]]
        page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)
    assert page.errors == []


def test_web_browser_brush_narrows_map_and_table_and_csv_follows(seeds: tuple[Path, Path], page: object) -> None:
    from eventwire.web.app import create_app

    db, _ = seeds
    with Server(create_app(db)) as server:
        page.goto(server.url + "/")
        _ready(page)
        before = _count(page)
        box = page.locator("#timeline svg .brush .overlay").bounding_box()
        page.mouse.move(box["x"] + 1, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2, steps=5)
        page.mouse.up()
        page.wait_for_function(f"() => document.querySelector('#event-count').dataset.count !== '{before}'")
        after = _count(page)
        assert 0 < after < before
        assert page.locator("#table tbody tr").count() == min(after, 50)
        assert _on_map(page) == int(page.get_attribute("#map-note", "data-located")) <= after
        assert "sel_from=" in page.url  # the selection is part of the view's address
        assert page.text_content("#brush-range").startswith("Selected ")
        page.screenshot(path=str(ARTIFACTS / "brushed.png"), full_page=True)
        with page.expect_download() as info:
            page.click("#download-csv")
        rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
        assert len(rows) == after
        shown = set(page.eval_on_selector_all("#table tbody tr", "rows => rows.map(r => r.dataset.id)"))
        assert shown <= {r["event_id"] for r in rows}
    assert page.errors == []


def _assert_inert(page: object) -> None:
    assert page.evaluate("() => window.__ew_pwned") is None
    assert "PWNED" not in page.title()
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0


def test_web_browser_hostile_article_never_runs(hostile: tuple[Path, Path], page: object) -> None:
    from eventwire.web.app import create_app

    db, out = hostile
    with Server(create_app(db)) as server:
        page.goto(server.url + "/")
        _ready(page)
        assert _count(page) >= 1
        _assert_inert(page)
        event_id = page.get_attribute("#table tbody tr", "data-id")
        page.goto(f"{server.url}/events/{event_id}")
        _ready(page)
        _assert_inert(page)
        title = page.text_content("h4.ew-article-title")
        assert SCRIPT in title and IMG in title  # shown as text, not run
        body = page.text_content(".ew-article-text")  # (cleaning may touch the payload's punctuation)
        assert "<img src=x onerror=" in body and "<script>" in body
        assert page.locator("text=address (not a web link)").count() == 1
        page.screenshot(path=str(ARTIFACTS / "hostile-event.png"), full_page=True)
        page.goto(f"{server.url}/api/events/{event_id}")
        _assert_inert(page)
    from eventwire.web.report import render_report, report_from

    from_db = out / "from-db.html"
    from_db.write_text(render_report(*report_from(db)[:2]), encoding="utf-8")
    for report in (out / "report.html", from_db):  # the run's report, and one with the articles' text
        page.goto(report.as_uri())
        _ready(page)
        page.click("#table tbody tr a")
        page.wait_for_selector("#detail mark.ew-hl")
        _assert_inert(page)
    assert SCRIPT in page.text_content("#detail h4.ew-article-title")
    assert "<img src=x onerror=" in page.text_content("#detail .ew-article-text")
    page.screenshot(path=str(ARTIFACTS / "hostile-report.png"), full_page=True)


def test_web_browser_report_opens_offline_with_the_database_counts(seeds: tuple[Path, Path], browser: object,
                                                                   tmp_path: Path) -> None:
    from eventwire.store.database import Store
    from eventwire.store.query import facets
    from eventwire.web.report import render_report, report_from

    db, _ = seeds
    records, articles, _ = report_from(db)
    report = tmp_path / "report.html"
    report.write_text(render_report(records, articles), encoding="utf-8")
    with Store.open(db, read_only=True) as store:
        want = facets(store)
    context = browser.new_context(offline=True, viewport={"width": 1300, "height": 1000})
    asked: list[str] = []
    context.route("**/*", lambda route: (asked.append(route.request.url), route.abort())
                  if not route.request.url.startswith("file:") else route.continue_())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri())
    _ready(page)
    totals = {k: int(page.get_attribute("#totals", f"data-{k}")) for k in ("events", "mentions", "articles")}
    assert totals == {"events": want.events, "mentions": want.mentions, "articles": want.articles}
    assert _count(page) == want.events
    located = [r for r in records if r.get("latitude") is not None]
    assert _on_map(page) == len(located)
    assert page.locator("#map path.admin1").count() > 0
    box, x, y = _free_point(page)
    west, south, east, north = map(float, box.split(","))
    here = [r["event_id"] for r in located if west <= r["longitude"] <= east and south <= r["latitude"] <= north]
    page.mouse.click(x, y)
    page.wait_for_selector("#detail mark.ew-hl")
    assert page.text_content("#detail .ew-hint") == f"event {here[0]}" and len(here) == 1
    assert f"event={here[0]}" in page.url
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    context.close()
    assert asked == [] and errors == []
