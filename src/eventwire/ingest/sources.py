"""Streaming sources: JSON Lines on standard input, and RSS/Atom feeds over HTTP.

Adapters over :mod:`eventwire.ingest`, which reads files: they turn a stream
into the same :class:`~eventwire.records.Article` and
:class:`~eventwire.records.Problem` records, lazily, so a run can consume an
endless stream with flat memory.

* :func:`read_jsonl_stream` reads one JSON record per line (the fields
  :func:`eventwire.ingest.record_to_article` knows); a bad line is a problem
  naming its line number.
* :func:`read_feed` fetches an RSS or Atom feed, then each item's page, which
  goes through the HTML ingester; the feed fills in a title or date the page
  lacks. A page that cannot be fetched or read is a problem; so is a feed that
  cannot be fetched or parsed. Only ``http`` and ``https`` are fetched, each
  request with a timeout and within ``max_file_bytes``.
* :func:`iter_sources` chains files and folders, ``-`` (standard input) and
  feeds, and reports an article id met twice in one run.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import IO, Any

from eventwire.errors import InputError, InputTooLarge, UnreadableInput
from eventwire.ingest import decode_bytes, iter_inputs, parse_html
from eventwire.ingest.files import unique_id
from eventwire.ingest.jsonfile import jsonl_stream_articles
from eventwire.ingest.limits import within_article_limit
from eventwire.records import Article, Problem
from eventwire.settings import Settings
from eventwire.version import __version__

#: Seconds a feed or page request may take.
FETCH_TIMEOUT = 20.0
#: The name problems and articles from standard input carry as their file.
STDIN_NAME = "<stdin>"
USER_AGENT = f"eventwire/{__version__} (+offline news coder)"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


# -- JSON Lines on a stream -----------------------------------------------------------------


def read_jsonl_stream(stream: IO[bytes], *, settings: Settings | None = None,
                      name: str = STDIN_NAME) -> Iterator[Article | Problem]:
    """Articles and problems from JSON Lines read from ``stream``, one bounded line at a time
    (:func:`eventwire.ingest.jsonfile.jsonl_stream_articles`)."""
    yield from jsonl_stream_articles(stream, path=name, settings=settings or Settings())


# -- feeds ----------------------------------------------------------------------------------


def fetch(url: str, *, limit: int, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str | None]:
    """The body of ``url`` (at most ``limit`` bytes) and the charset its server declares.

    Raises :class:`UnreadableInput` when it cannot be fetched and
    :class:`InputTooLarge` when it is over ``limit``.
    """
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in {"http", "https"}:
        raise UnreadableInput(f"cannot fetch {url!r}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(limit + 1)
            declared = _CHARSET.search(response.headers.get("Content-Type") or "")
    except urllib.error.HTTPError as exc:
        raise UnreadableInput(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise UnreadableInput(f"cannot fetch {url}: {exc.reason}") from None
    except (TimeoutError, OSError, ValueError) as exc:
        reason = "timed out" if isinstance(exc, TimeoutError) else str(exc)
        raise UnreadableInput(f"cannot fetch {url}: {reason}") from None
    if len(data) > limit:
        raise InputTooLarge(f"{url} is over the limit of {limit:,} bytes (max_file_bytes)")
    return data, declared.group(1) if declared else None


def read_feed(url: str, *, settings: Settings | None = None,
              timeout: float = FETCH_TIMEOUT) -> Iterator[Article | Problem]:
    """Articles from the pages an RSS or Atom feed links to, and problems for the rest."""
    import feedparser

    settings = settings or Settings()
    try:
        data, _ = fetch(url, limit=settings.max_file_bytes, timeout=timeout)
    except InputError as exc:
        yield Problem(url, str(exc))
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        why = (f"not an RSS or Atom feed ({feed.get('bozo_exception')})" if feed.get("bozo")
               else "the feed has no items")
        yield Problem(url, why)
        return
    outlet = _text(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        if not link:
            yield Problem(url, f"item {number}: no link to an article")
            continue
        page = urllib.parse.urljoin(url, link)
        try:
            yield _feed_article(entry, page, outlet=outlet, settings=settings, timeout=timeout)
        except InputError as exc:
            yield Problem(page, str(exc))


def _feed_article(entry: Any, page: str, *, outlet: str | None, settings: Settings, timeout: float) -> Article | Problem:
    data, declared = fetch(page, limit=settings.max_file_bytes, timeout=timeout)
    article = parse_html(decode_bytes(data, declared=declared), file=page,
                         article_id=_text(entry.get("id")) or page)
    published = _entry_date(entry)
    article = replace(
        article,
        title=article.title or _text(entry.get("title")),
        source=article.source or outlet,
        url=article.url or page,
        published=article.published or published,
        published_origin=article.published_origin if article.published or published is None else "field",
    )
    return within_article_limit(article, settings)


def _entry_date(entry: Any) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# -- everything at once ---------------------------------------------------------------------


def unique_ids(items: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
    """``items``, with an article whose id was already read in this run for another text turned
    into a problem (:func:`eventwire.ingest.files.unique_id`)."""
    first: dict[str, tuple[str, bytes]] = {}
    for item in items:
        yield unique_id(item, first)


def iter_sources(inputs: Sequence[str], *, settings: Settings | None = None, feeds: Sequence[str] = (),
                 stdin: IO[bytes] | None = None, timeout: float = FETCH_TIMEOUT) -> Iterator[Article | Problem]:
    """Articles and problems from files and folders, ``-`` (JSON Lines on ``stdin``,
    default the process's standard input) and feed addresses, in that order."""
    settings = settings or Settings()

    def chained() -> Iterator[Article | Problem]:
        paths = [given for given in inputs if given != "-"]
        if paths:
            yield from iter_inputs(paths, settings=settings)
        if "-" in inputs:
            yield from read_jsonl_stream(stdin if stdin is not None else sys.stdin.buffer, settings=settings)
        for url in feeds:
            yield from read_feed(url, settings=settings, timeout=timeout)

    return unique_ids(chained())
