"""Streaming sources: JSON Lines on a stream, RSS/Atom feeds from a local HTTP server."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from eventwire.ingest.sources import fetch, iter_sources, read_feed, read_jsonl_stream, unique_ids
from eventwire.records import Article, Problem
from eventwire.settings import Settings

# Article pages and feeds written for these tests, about real events, in our own words.
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Flooding cuts roads in Beledweyne | Riverside Courier</title>
<meta property="og:site_name" content="Riverside Courier">
{meta}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Flooding cuts roads in Beledweyne</h1>
<p>BELEDWEYNE, Somalia - The Shabelle river burst its banks on Sunday and flooded large parts of the
town, cutting the main road north and forcing thousands of families to move to higher ground.</p>
<p>Local officials said boats were being used to reach people trapped in the lower districts, and aid
groups warned that stocks of food and clean water would run short within days.</p></article>
<footer>Copyright 2019 Riverside Courier</footer></body></html>"""
NAV_ONLY = "<html><body><nav><a href='/a'>One</a> <a href='/b'>Two</a></nav></body></html>"
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Riverside Courier</title><link>http://example.invalid/</link>
<item><title>Flooding cuts roads in Beledweyne</title><link>/news/flood.html</link>
<guid>courier-flood-1</guid><pubDate>Mon, 04 Nov 2019 08:00:00 GMT</pubDate></item>
<item><title>Missing page</title><link>/news/gone.html</link></item>
<item><title>Menu only</title><link>/news/menu.html</link></item>
<item><title>Slow page</title><link>/news/slow.html</link></item>
<item><title>No link at all</title></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Riverside Courier</title>
<entry><title>Flooding cuts roads in Beledweyne</title><link href="/news/flood.html"/>
<id>tag:courier,2019:flood</id><updated>2019-11-04T08:00:00Z</updated></entry></feed>"""


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, str]]] = {
        "/feed.xml": ("application/rss+xml", RSS),
        "/atom.xml": ("application/atom+xml", ATOM),
        "/news/flood.html": ("text/html; charset=utf-8", PAGE.format(meta="")),
        "/news/dated.html": ("text/html; charset=utf-8",
                             PAGE.format(meta='<meta property="article:published_time" content="2019-11-03">')),
        "/news/menu.html": ("text/html", NAV_ONLY),
        "/notafeed.html": ("text/html", "<html><body><p>just a page, not a feed</p></body></html>"),
    }

    def do_GET(self) -> None:
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (a timeout, an error status read without its body)

    def _answer(self) -> None:
        if self.path == "/news/slow.html":
            time.sleep(1.5)
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        body = route[1].encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", route[0])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# -- JSON Lines on a stream ------------------------------------------------------------------------

GOOD = {"id": "w1", "title": "Clashes near Kismayo", "published": "2023-03-02", "source": "Coast Desk",
        "text": "Clashes broke out near Kismayo on Wednesday between clan militias, residents said."}


def _stream(*lines: str | bytes) -> io.BytesIO:
    return io.BytesIO(b"".join((line if isinstance(line, bytes) else line.encode()) + b"\n" for line in lines))


def test_sources_jsonl_stream_reads_records_and_reports_bad_lines():
    stream = _stream(json.dumps(GOOD), "", "{broken", "[1, 2]", '{"title": "no text"}',
                     json.dumps({**GOOD, "id": "w2"}))
    items = list(read_jsonl_stream(stream))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.article_id for a in articles] == ["w1", "w2"]
    assert articles[0].published == dt.date(2023, 3, 2) and articles[0].source == "Coast Desk"
    assert [(p.file, p.line) for p in problems] == [("<stdin>", 3), ("<stdin>", 4), ("<stdin>", 5)]
    assert problems[0].reason.startswith("invalid JSON")


@pytest.mark.parametrize("limit", [300, 600])
def test_sources_jsonl_stream_skips_an_overlong_line_and_goes_on(limit):
    long_line = json.dumps({**GOOD, "text": "word " * 100})
    items = list(read_jsonl_stream(_stream(long_line, json.dumps(GOOD)),
                                   settings=Settings(max_line_chars=limit, max_article_chars=10_000)))
    assert isinstance(items[0], Problem) and "(max_line_chars)" in items[0].reason and items[0].line == 1
    assert isinstance(items[1], Article) and items[1].article_id == "w1"


def test_sources_jsonl_stream_numbers_lines_without_ids():
    record = {k: v for k, v in GOOD.items() if k != "id"}
    items = list(read_jsonl_stream(_stream(json.dumps(record), json.dumps(record)), name="feed"))
    assert [i.article_id for i in items] == ["feed#1", "feed#2"]


def test_sources_duplicate_ids_are_reported_once_read():
    a = Article("x", "one.txt", "first text")
    items = list(unique_ids([a, Article("x", "two.txt", "other text"), Article("y", "three.txt", "t")]))
    assert items[0] is a and items[2].article_id == "y"
    assert isinstance(items[1], Problem) and items[1].reason.startswith("duplicate article id 'x'")
    assert "a different text" in items[1].reason


def test_sources_iter_sources_reads_files_then_stdin(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({**GOOD, "id": "file-1"}) + "\n", encoding="utf-8")
    items = list(iter_sources([str(tmp_path / "a.jsonl"), "-"], stdin=_stream(json.dumps(GOOD))))
    assert [i.article_id for i in items] == ["file-1", "w1"]


# -- feeds -----------------------------------------------------------------------------------------


def test_sources_feed_items_become_articles_or_problems(server):
    items = list(read_feed(f"{server}/feed.xml", timeout=0.5))
    articles = [i for i in items if isinstance(i, Article)]
    problems = {i.file.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Problem)}
    assert len(articles) == 1
    flood = articles[0]
    assert flood.article_id == "courier-flood-1" and flood.file == f"{server}/news/flood.html"
    assert flood.title == "Flooding cuts roads in Beledweyne" and flood.source == "Riverside Courier"
    assert flood.published == dt.date(2019, 11, 4) and flood.published_origin == "field"
    assert "Shabelle river burst its banks" in flood.text and "Home" not in flood.text
    assert "HTTP 404" in problems["gone.html"]
    assert problems["menu.html"].startswith("no article")
    assert "timed out" in problems["slow.html"]
    assert problems["feed.xml"] == "item 5: no link to an article"


def test_sources_atom_feed_is_read_too(server):
    items = list(read_feed(f"{server}/atom.xml"))
    assert [i.article_id for i in items] == ["tag:courier,2019:flood"]
    assert items[0].published == dt.date(2019, 11, 4)


@pytest.mark.parametrize(("path", "reason"), [("/missing.xml", "HTTP 404"), ("/notafeed.html", "feed")])
def test_sources_bad_feed_is_one_problem(server, path, reason):
    items = list(read_feed(server + path))
    assert len(items) == 1 and isinstance(items[0], Problem) and reason in items[0].reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_sources_only_http_is_fetched(url):
    items = list(read_feed(url))
    assert isinstance(items[0], Problem) and "only http and https" in items[0].reason


def test_sources_fetch_respects_the_size_limit(server):
    from eventwire.errors import InputTooLarge

    with pytest.raises(InputTooLarge, match="max_file_bytes"):
        fetch(f"{server}/news/flood.html", limit=100)


def test_sources_page_date_wins_over_the_feed_date(server, monkeypatch):
    monkeypatch.setitem(_Handler.routes, "/feed.xml", ("application/rss+xml", RSS.replace(
        "/news/flood.html", "/news/dated.html")))
    items = [i for i in read_feed(f"{server}/feed.xml", timeout=0.5) if isinstance(i, Article)]
    assert items[0].published == dt.date(2019, 11, 3) and items[0].published_origin == "meta"


def test_sources_unreachable_feed_is_a_problem():
    items = list(read_feed("http://127.0.0.1:9/feed.xml", timeout=1))
    assert len(items) == 1 and isinstance(items[0], Problem) and "cannot fetch" in items[0].reason


# -- the command line ------------------------------------------------------------------------------


def _cli(args, **kwargs):
    from click.testing import CliRunner

    from eventwire.cli import cli

    return CliRunner().invoke(cli, args, **kwargs)


def test_sources_cli_run_needs_an_input_or_a_feed(tmp_path):
    result = _cli(["run", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--feed URL" in result.output


@pytest.mark.slow
def test_sources_cli_run_reads_jsonl_from_stdin(tmp_path):
    battle = {"id": "s1", "published": "2024-02-17", "source": "Test Wire",
              "text": "AVDIIVKA, Ukraine - Russian forces captured the town of Avdiivka in Donetsk region "
                      "on Saturday after Ukrainian troops withdrew, the defence ministry in Moscow said."}
    data = (json.dumps(battle) + "\nnot json\n").encode("utf-8")
    result = _cli(["run", "-", "--out", str(tmp_path / "out"), "--db", str(tmp_path / "e.duckdb")], input=data)
    assert result.exit_code == 0, result.output
    assert "<stdin>:2: invalid JSON" in result.stderr
    events = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert events and events[0]["mentions"][0]["article_id"] == "s1"
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["inputs"] == ["-"] and summary["articles"] == 1 and summary["problems"] == 1


@pytest.mark.slow
def test_sources_cli_run_codes_a_feed(tmp_path, server):
    result = _cli(["run", "--feed", f"{server}/atom.xml", "--out", str(tmp_path / "out"),
                   "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 0, result.output
    articles = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert [(a["article_id"], a["source"], a["published"]) for a in articles] == [
        ("tag:courier,2019:flood", "Riverside Courier", "2019-11-04")]


@pytest.mark.slow
def test_sources_cli_run_of_a_dead_feed_exits_1(tmp_path):
    result = _cli(["run", "--feed", "http://127.0.0.1:9/feed.xml", "--out", str(tmp_path / "out"),
                   "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 1 and "no input could be read" in result.stderr
