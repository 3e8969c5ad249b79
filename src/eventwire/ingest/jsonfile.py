"""JSON and JSONL: records with a text field become articles; every bad record is a problem.

A ``.json`` file holds one object, a list of objects, or an object wrapping such a
list (``{"articles": [...]}``); a ``.jsonl`` file holds one object per line. A bad
item or line never spoils the others: it becomes a :class:`Problem` naming its
item number or line, and the rest are read.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import IO, Any

from eventwire.errors import EmptyInput, InputError, InputTooLarge, MalformedInput
from eventwire.ingest.codepoints import scrub
from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.htmlpage import parse_html
from eventwire.ingest.limits import within_article_limit
from eventwire.ingest.pubdate import dateline_span, parse_meta_date
from eventwire.ingest.text import parse_text, plain_or_none
from eventwire.records import Article, Problem
from eventwire.settings import Settings

TEXT_KEYS = ("text", "body", "content", "article", "maintext", "full_text")
DATE_KEYS = ("published", "date", "pubdate", "published_at", "date_published", "datePublished",
             "publication_date", "published_date")
SOURCE_KEYS = ("source", "outlet", "site", "site_name", "publisher")
URL_KEYS = ("url", "link", "canonical_url")
_WRAPPER_KEYS = ("articles", "items", "records", "data", "results", "documents")
_HTML_BODY = re.compile(r"<(?:p|div|br|html|body|article|span|h[1-6])\b[^>]*>", re.IGNORECASE)
_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
               bool: "true or false", type(None): "null"}


def json_articles(raw: str, *, path: str, settings: Settings, key: str | None = None) -> Iterator[Article | Problem]:
    """Articles and problems from the text of a ``.json`` file.

    An item without an id or url is known by ``key`` (the file's real path; default
    ``path``) and its item number.
    """
    key = key or path
    data = _loads(raw, where="")
    if isinstance(data, dict) and not _first(data, TEXT_KEYS):
        wrapped = next((data[key] for key in _WRAPPER_KEYS if isinstance(data.get(key), list)), None)
        data = wrapped if wrapped is not None else data
    if isinstance(data, dict):
        yield within_article_limit(record_to_article(data, file=path, default_id=key), settings)
        return
    if not isinstance(data, list):
        raise MalformedInput(f"JSON holds {json_type(data)}, expected an object or a list of objects")
    if not data:
        raise EmptyInput("JSON list is empty")
    for number, record in enumerate(data, start=1):
        try:
            if not isinstance(record, dict):
                raise MalformedInput(f"is {json_type(record)}, expected an object")
            article = record_to_article(record, file=path, default_id=f"{key}#{number}")
            yield within_article_limit(article, settings, where=f"item {number}: ")
        except InputError as exc:
            yield Problem(path, f"item {number}: {exc}")


def jsonl_articles(raw: str, *, path: str, settings: Settings, key: str | None = None) -> Iterator[Article | Problem]:
    """Articles and problems from the text of a ``.jsonl`` file, one record per line (a file on
    disk is read line by line instead: :func:`jsonl_stream_articles`)."""
    return jsonl_stream_articles(io.BytesIO(raw.encode("utf-8", "surrogatepass")), path=path, settings=settings, key=key,
                                 empty_error=True)


#: JSON Lines are UTF-8: a line of ``max_line_chars`` characters takes at most this many bytes each.
_UTF8_MOST = 4
_SKIP_CHUNK = 1 << 16


def jsonl_stream_articles(stream: IO[bytes], *, path: str, settings: Settings, key: str | None = None,
                          empty_error: bool = False) -> Iterator[Article | Problem]:
    """Articles and problems from JSON Lines read from ``stream`` one bounded line at a time.

    A line longer than ``max_line_chars`` is refused (a :class:`Problem` naming
    its line) and skipped in chunks, never held whole; the other lines are read
    on. Lines without an id or url are known by ``key`` (default ``path``) and
    their line number. ``empty_error``: raise :class:`EmptyInput` when no line
    holds anything.
    """
    limit = settings.max_line_chars
    cap = limit * _UTF8_MOST
    any_line = False
    number = 0
    while True:
        raw = stream.readline(cap + 1)
        if not raw:
            break
        number += 1
        try:
            if len(raw) > cap and not raw.endswith(b"\n"):
                any_line = True
                _skip_line(stream)
                raise InputTooLarge(f"line is over the limit of {limit:,} characters (max_line_chars); "
                                    "skipped without reading it whole")
            line = decode_bytes(raw.strip()).strip().lstrip("\ufeff") if raw.strip() else ""
            if not line:
                continue
            any_line = True
            if len(line) > limit:
                raise InputTooLarge(f"line is {len(line):,} characters, over the limit of "
                                    f"{limit:,} (max_line_chars)")
            yield line_article(line, path=path, number=number, settings=settings, key=key)
        except InputError as exc:
            yield Problem(path, str(exc), line=number)
    if empty_error and not any_line:
        raise EmptyInput("empty file (no JSON lines)")


def _skip_line(stream: IO[bytes]) -> None:
    """Read past the rest of the current line, a chunk at a time."""
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def line_article(line: str, *, path: str, number: int, settings: Settings,
                 key: str | None = None) -> Article | Problem:
    """The article of one JSON Lines line (a file's or standard input's), or a :class:`Problem` when
    its text is over ``max_article_chars``; raises :class:`InputError`. Without an id or url it
    is known as ``KEY#NUMBER`` (``key`` defaults to ``path``)."""
    record = _loads(line, where="line ")
    if not isinstance(record, dict):
        raise MalformedInput(f"line holds {json_type(record)}, expected an object")
    article = record_to_article(record, file=path, default_id=f"{key or path}#{number}")
    return within_article_limit(article, settings, line=number)


def json_type(value: object) -> str:
    """How a JSON value's type is named in messages ("a number", "null")."""
    return _JSON_TYPES.get(type(value), f"a {type(value).__name__}")


def _loads(raw: str, *, where: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if where else f"line {exc.lineno} column {exc.colno}"
        ends_early = exc.pos >= len(raw.rstrip()) or (
            exc.msg.startswith("Unterminated string") and '"' not in raw[exc.pos + 1:])
        tail = f"; the {where.strip() or 'file'} ends too early (truncated?)" if ends_early else ""
        raise MalformedInput(f"invalid JSON: {exc.msg.replace(' at', '')} ({at}){tail}") from None
    except RecursionError:
        raise MalformedInput("invalid JSON: nested too deeply to read") from None


def _first(record: dict[str, Any], keys: Sequence[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, [], {}) and not (isinstance(value, str) and not value.strip()):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    return None


#: A record with an empty body is coded from its title when the title has this many words.
MIN_HEADLINE_WORDS = 8


def record_to_article(record: dict[str, Any], *, file: str, default_id: str) -> Article:
    """One article from a JSON record; unknown keys are ignored. Code points no output can
    hold (lone surrogates) are replaced and counted in ``Article.replaced``."""
    try:
        record, replaced = scrub(record)
    except RecursionError:
        raise MalformedInput("invalid JSON: nested too deeply to read") from None
    article = _record_article(record, file=file, default_id=default_id)
    return replace(article, replaced=article.replaced + replaced) if replaced else article


def _record_article(record: dict[str, Any], *, file: str, default_id: str) -> Article:
    body = _first(record, TEXT_KEYS)
    if isinstance(body, list) and all(isinstance(part, str) for part in body):
        body = "\n\n".join(body)
    headline = _as_text(record.get("title"))
    if body is None and headline and len(headline.split()) >= MIN_HEADLINE_WORDS \
            and any(isinstance(record.get(key), str) for key in TEXT_KEYS):
        body = headline  # an item whose story is all in its headline (feeds often have them)
    if body is None:
        if any(isinstance(record.get(key), str) for key in TEXT_KEYS):
            raise EmptyInput("record text is empty")
        keys = ", ".join(repr(str(key)[:40]) for key in list(record)[:8]) or "none"
        raise MalformedInput("record has no text (expected a 'text', 'body' or 'content' field; "
                             f"its fields: {keys})")
    if not isinstance(body, str):
        raise MalformedInput(f"record text is {json_type(body)}, expected a string")
    record_id = record.get("id")
    article_id = str(record_id) if record_id not in (None, "") else None  # else its url, else default_id
    title = _as_text(record.get("title"))
    lede = bool(title) and body.strip() != (title or "").strip() and title_is_lede(title or "")
    published = _as_text(_first(record, DATE_KEYS))
    source, url = _as_text(_first(record, SOURCE_KEYS)), _as_text(_first(record, URL_KEYS))
    if len(_HTML_BODY.findall(body[:5000])) >= 2:  # a scraper stored the page, not its text
        page = parse_html(body, file=file, article_id=article_id or plain_or_none(url), default_id=default_id)
        if lede:
            page, title = replace(page, text=f"{title}\n\n{page.text}"), None
        day = parse_meta_date(published) if published else None
        return replace(page, title=title or page.title, source=source or page.source, url=url or page.url,
                       published=day or page.published,
                       published_origin="field" if day else page.published_origin)
    if lede:
        body, title = f"{title}\n\n{body}", None  # the scraper put the story's first lines in the title
    return parse_text(body, file=file, article_id=article_id, title=title, source=source,
                      published=published, url=url, guess_title="title" not in record, default_id=default_id)


#: A "title" this long that ends like a sentence is the story's lead paragraph, not a headline.
LEDE_TITLE_WORDS = 20


def title_is_lede(title: str) -> bool:
    """Whether a record's title is really the start of its story.

    Scrapers and feeds sometimes store the dateline ("KABUL, Afghanistan (Jan. 14)")
    or the whole lead paragraph in the title field; the body then starts mid-story,
    and the event, the place and the date are all in the "title". Headlines carry
    no dateline and are rarely long, finished sentences.
    """
    head = title.strip()
    dateline = dateline_span(head + " ", dated=True)
    if dateline is not None and dateline[0] == 0:
        return True
    return len(head.split()) >= LEDE_TITLE_WORDS and head.endswith((".", "!", "?", '"', "”"))
