"""Plain text and markdown: one :class:`Article` from a text and its metadata."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

from eventwire.errors import EmptyInput
from eventwire.ingest.clean import clean_text, markdown_to_plain, normalise_text
from eventwire.ingest.codepoints import replace_unencodable
from eventwire.ingest.language import check_english
from eventwire.ingest.pubdate import (
    dateline_span,
    find_publication_date,
    parse_meta_date,
    split_header,
    title_date,
    year_of,
)
from eventwire.records import Article


def parse_text(raw: str, *, file: str, article_id: str | None = None, title: str | None = None,
               source: str | None = None, published: dt.date | str | None = None,
               url: str | None = None, guess_title: bool = True, year_hint: int | None = None,
               published_origin: str = "field", default_id: str | None = None) -> Article:
    """One article from plain text or markdown, with its metadata.

    Its identity (``article_id``) is the input's own id, else its url, else
    ``default_id`` (the resolved real path of its file, :mod:`.files`), else ``file``:
    never the path as it was typed, so the same file read by another path is the
    same article. ``file`` stays the path as given.

    ``published`` given by the caller (a record's field) wins over dates in the text;
    when it is a year without a day it only becomes the year hint for a dateline.
    An impossible or future date there is ignored (see :func:`parse_meta_date`).
    ``guess_title`` picks a headline from the first lines when ``title`` is None.
    Raises :class:`EmptyInput` when no text is left after cleaning and
    :class:`~eventwire.errors.UnsupportedInput` for text that is not English.
    """
    raw, replaced = replace_unencodable(raw)
    fields = [replace_unencodable(v) if v is not None else (None, 0) for v in (title, source, url, article_id)]
    (title, _), (source, _), (url, _), (article_id, _) = fields
    replaced += sum(count for _, count in fields)
    if not raw.strip():
        raise EmptyInput("text is empty")
    header_date, raw = split_header(normalise_text(raw))
    day = published if isinstance(published, dt.date) else None
    if isinstance(published, str) and published.strip():
        day = parse_meta_date(published)
        if day is None and year_hint is None:
            year_hint = year_of(published)
    heading = _markdown_heading(raw)
    text = clean_text(raw)
    if not text:
        raise EmptyInput("no article text left after removing boilerplate")
    check_english(text)
    found, origin, hint = find_publication_date(text, year_hint=year_hint, lines=raw)
    if found is None and title:
        found = title_date(title, year=hint)
        origin = "title" if found else origin
    if day is not None:
        found, origin = day, published_origin
    elif header_date is not None:
        found, origin = header_date, "header"
    if title is None and guess_title:
        title = heading or _headline(text)
    url = plain_or_none(url)
    return Article(article_id=article_id or identifying_url(url) or default_id or file, file=file, text=text,
                   title=plain_or_none(title), source=plain_or_none(source), published=found,
                   published_origin=origin, url=url, year_hint=hint, replaced=replaced)


def plain_or_none(value: str | None) -> str | None:
    """A metadata value on one line, or None when blank."""
    if value is None:
        return None
    value = normalise_text(str(value)).replace("\n", " ").strip()
    return value or None


def identifying_url(url: str | None) -> str | None:
    """``url`` when it can name one article: not a site's home page ("https://example.org/",
    which pages with a misconfigured ``og:url`` all give, and which would make them one)."""
    if url is None:
        return None
    parts = urllib.parse.urlsplit(url)
    return None if parts.netloc and parts.path.strip("/") == "" and not parts.query else url


def _markdown_heading(raw: str) -> str | None:
    lines = [line for line in raw.split("\n") if line.strip()][:5]
    for line in lines:
        if re.match(r"^#{1,6}\s+\S", line):
            return markdown_to_plain(line) or None
    return None


def _headline(text: str) -> str | None:
    """The longest headline-like line among the first three: a few words, no full stop."""
    lines = [line for line in text.split("\n") if line.strip()]
    candidates = []
    for index, line in enumerate(lines[:3]):
        words = line.split()
        if not 3 <= len(words) <= 25 or not 15 <= len(line) <= 200 or index == len(lines) - 1:
            continue
        if line[-1] in ".,;:" or line.lower().startswith("by ") or dateline_span(line):
            continue
        if parse_meta_date(line) is not None:
            continue
        candidates.append(line)
    return max(candidates, key=len) if candidates else None
