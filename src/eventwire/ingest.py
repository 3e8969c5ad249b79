"""Ingest: files and folders in, :class:`Article` and :class:`Problem` records out.

Reads ``.txt``/``.md`` (plain text, optional `` date YYYY-MM-DD`` header line),
``.html``/``.htm`` (main text by trafilatura, metadata from meta tags and JSON-LD),
``.json`` (an object or a list of objects) and ``.jsonl`` (one object per line).
Nothing here is fatal: a file or a JSONL line that cannot be read becomes a
:class:`Problem` with a specific reason, and the run goes on.

Needs: paths. Adds: cleaned text, title, source, url, publication date with its
origin, and a context year for datelines without one.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from .clean import clean_text, markdown_to_plain, normalise_text
from .errors import EmptyInput, InputError, InputTooLarge, MalformedInput, UnreadableInput, UnsupportedInput
from .pubdate import dateline_span, find_publication_date, parse_meta_date, split_header, year_of
from .records import Article, Problem
from .settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_DOC_FILES = frozenset({"readme", "license", "licence", "changelog", "contributing", "notice"})
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "__macosx", "icon\r"})

TEXT_KEYS = ("text", "body", "content", "article", "maintext", "full_text")
DATE_KEYS = ("published", "date", "pubdate", "published_at", "date_published", "datePublished",
             "publication_date", "published_date")
SOURCE_KEYS = ("source", "outlet", "site", "site_name", "publisher")
URL_KEYS = ("url", "link", "canonical_url")
_WRAPPER_KEYS = ("articles", "items", "records", "data", "results", "documents")

_MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or office document"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "an executable"),
          (b"\xd0\xcf\x11\xe0", "an old office document"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_HTML_BODY = re.compile(r"<(?:p|div|br|html|body|article|span|h[1-6])\b[^>]*>", re.I)


# -- walking inputs -------------------------------------------------------------------------


def iter_inputs(paths: Sequence[str], *, settings: Settings = Settings()) -> Iterator[Article | Problem]:
    """Articles and problems from files and folders (folders recursively, in name order).

    Hidden and system files are skipped inside folders; a folder symlink that leads
    back to one of its own parents is reported once and not followed. A file reached
    twice (through a link, or named twice) is read once.
    """
    seen: set[str] = set()
    for given in paths:
        for item in _expand(given):
            if isinstance(item, Problem):
                yield item
                continue
            real = os.path.realpath(item)
            if real in seen:
                continue
            seen.add(real)
            yield from read_path(item, settings=settings)


def _expand(path: str) -> Iterator[str | Problem]:
    if os.path.isdir(path):
        yield from _walk(path, frozenset({os.path.realpath(path)}))
    elif os.path.isfile(path):
        yield path
    elif os.path.islink(path):
        yield Problem(path, "broken symbolic link: its target does not exist")
    elif os.path.exists(path):
        yield Problem(path, "not a regular file or folder")
    else:
        yield Problem(path, "no such file or folder")


def _walk(folder: str, parents: frozenset[str]) -> Iterator[str | Problem]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Problem(folder, f"cannot list folder: {_os_reason(exc)}")
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        child = os.path.join(folder, entry.name)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield Problem(child, f"cannot inspect: {_os_reason(exc)}")
            continue
        if is_dir:
            real = os.path.realpath(child)
            if real in parents:
                yield Problem(child, f"folder link loop: it leads back to {real}; not followed")
                continue
            yield from _walk(child, parents | {real})
        elif is_file:
            yield child
        elif entry.is_symlink():
            yield Problem(child, "broken symbolic link: its target does not exist")


def _is_hidden(name: str) -> bool:
    """Hidden, system and documentation files (a folder's README is not an article)."""
    stem = name.lower().rsplit(".", 1)[0]
    return (name.startswith((".", "~$")) or name.endswith("~")
            or name.lower() in _SYSTEM_FILES or stem in _DOC_FILES)


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# -- one file -------------------------------------------------------------------------------


def read_path(path: str, *, settings: Settings) -> Iterator[Article | Problem]:
    """Articles and problems from one file."""
    suffix = os.path.splitext(path)[1].lower()
    try:
        if suffix in TEXT_SUFFIXES:
            articles: Iterator[Article | Problem] = iter([parse_text(_read_text(path, settings), file=path)])
        elif suffix in HTML_SUFFIXES:
            articles = iter([parse_html(_read_text(path, settings, html=True), file=path)])
        elif suffix in JSON_SUFFIXES:
            articles = _json_articles(_read_text(path, settings), path)
        elif suffix in JSONL_SUFFIXES:
            articles = _jsonl_articles(_read_text(path, settings), path, settings)
        else:
            raise UnsupportedInput(f"unsupported file type {suffix or '(no extension)'}; "
                                   "eventwire reads .txt, .md, .html, .htm, .json and .jsonl")
        for item in articles:
            yield _within_limit(item, settings)
    except InputError as exc:
        yield Problem(path, str(exc))


def _within_limit(item: Article | Problem, settings: Settings, line: int | None = None) -> Article | Problem:
    if isinstance(item, Article) and len(item.text) > settings.max_article_chars:
        return Problem(item.file, f"article text is {len(item.text):,} characters, over the limit of "
                                  f"{settings.max_article_chars:,} (max_article_chars)", line)
    return item


def _read_text(path: str, settings: Settings, *, html: bool = False) -> str:
    limit = settings.max_file_bytes
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise InputTooLarge(f"file is {size:,} bytes, over the limit of {limit:,} bytes (max_file_bytes)")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {_os_reason(exc)}") from None
    if len(data) > limit:
        raise InputTooLarge(f"file is over the limit of {limit:,} bytes (max_file_bytes)")
    declared = _CHARSET.search(data[:4096]) if html else None
    return decode_bytes(data, declared=declared.group(1).decode("ascii") if declared else None)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Text from bytes: UTF-8 (BOM stripped), UTF-16/32 with a BOM, else the ``declared``
    encoding (an HTML page's charset), else cp1252 or latin-1.

    Raises :class:`EmptyInput` for empty or blank input and :class:`MalformedInput`
    for binary data.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(codec))
            except UnicodeDecodeError:
                raise MalformedInput(f"invalid {codec.replace('-sig', '').upper()} text after its "
                                     "byte-order mark") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise MalformedInput(f"binary file, not text (looks like {kind})")
    if b"\x00" in data:
        raise MalformedInput("binary file, not text (it holds NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
        for codec in (declared, "cp1252"):
            try:
                text = data.decode(codec) if codec else ""
            except (UnicodeDecodeError, LookupError):
                continue
            if text:
                break
        text = text or data.decode("latin-1")
    return _checked_text(text)


def _checked_text(text: str) -> str:
    if not text.strip():
        raise EmptyInput("empty file")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 50):
        raise MalformedInput("binary file, not text (too many control characters)")
    return text


# -- text -----------------------------------------------------------------------------------


def parse_text(raw: str, *, file: str, article_id: str | None = None, title: str | None = None,
               source: str | None = None, published: dt.date | str | None = None,
               url: str | None = None, guess_title: bool = True, year_hint: int | None = None,
               published_origin: str = "field") -> Article:
    """One article from plain text or markdown, with its metadata.

    ``published`` given by the caller (a record's field) wins over dates in the text;
    when it is a year without a day it only becomes the year hint for a dateline.
    ``guess_title`` picks a headline from the first lines when ``title`` is None.
    """
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
    found, origin, hint = find_publication_date(text, year_hint=year_hint)
    if day is not None:
        found, origin = day, published_origin
    elif header_date is not None:
        found, origin = header_date, "header"
    if title is None and guess_title:
        title = heading or _headline(text)
    return Article(article_id=article_id or file, file=file, text=text, title=_plain_or_none(title),
                   source=_plain_or_none(source), published=found, published_origin=origin,
                   url=_plain_or_none(url), year_hint=hint)


def _plain_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalise_text(str(value)).replace("\n", " ").strip()
    return value or None


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


# -- HTML -----------------------------------------------------------------------------------


def parse_html(raw: str, *, file: str, article_id: str | None = None) -> Article:
    """One article from an HTML page: trafilatura's main text plus the page's metadata."""
    meta = _html_metadata(raw)
    text = _html_main_text(raw)
    if not text.strip():
        raise EmptyInput("no article text found in the HTML")
    published = meta.get("published")
    return parse_text(text, file=file, article_id=article_id, title=meta.get("title"),
                      source=meta.get("source"), published=published, url=meta.get("url"),
                      guess_title=True, published_origin="meta")


def _html_tree(raw: str) -> Any:
    from lxml import etree
    from lxml import html as lxml_html

    cleaned = re.sub(r"^\s*<\?xml[^>]*\?>", "", raw)
    try:
        return lxml_html.document_fromstring(cleaned)
    except (etree.ParserError, ValueError):
        return None


def _html_metadata(raw: str) -> dict[str, str]:
    tree = _html_tree(raw)
    if tree is None:
        return {}
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        key = key.strip().lower()
        content = (element.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    found: dict[str, str] = {}
    for key in ("article:published_time", "og:published_time", "og:article:published_time",
                "datepublished", "date", "pubdate", "publishdate", "publish-date", "dc.date.issued",
                "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date"):
        if key in metas and parse_meta_date(metas[key]) is not None:
            found["published"] = metas[key]
            break
    linked = _json_ld(tree)
    if "published" not in found and linked.get("published"):
        found["published"] = linked["published"]
    if "published" not in found:
        for element in tree.iter("time"):
            stamp = element.get("datetime") or ""
            if parse_meta_date(stamp) is not None and not _in_footer(element):
                found["published"] = stamp
                break
    source = metas.get("og:site_name") or metas.get("application-name") or linked.get("source")
    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower() and link.get("href")), None)
    url = metas.get("og:url") or canonical or linked.get("url")
    title = (metas.get("og:title") or linked.get("title")
             or _first_text(tree, "title") or _first_text(tree, "h1"))
    if title and source:
        title = _without_site_name(title, source)
    for key, value in (("source", source), ("url", url), ("title", title)):
        if value:
            found[key] = value
    return found


def _without_site_name(title: str, source: str) -> str:
    """"Troops retake town | The Daily Example" -> "Troops retake town"."""
    parts = re.split(r"\s+[|–—:-]\s+", title)
    kept = [part for part in parts if part.strip().lower() != source.strip().lower()]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


def _first_text(tree: Any, tag: str) -> str | None:
    for element in tree.iter(tag):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _in_footer(element: Any) -> bool:
    for parent in element.iterancestors():
        marks = f"{parent.tag} {parent.get('class') or ''} {parent.get('id') or ''}".lower()
        if any(word in marks for word in ("footer", "copyright", "comment", "related")):
            return True
    return False


def _json_ld(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.setdefault("published", node["datePublished"])
            publisher = node.get("publisher")
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and name.strip():
                found.setdefault("source", name)
            if isinstance(node.get("headline"), str):
                found.setdefault("title", node["headline"])
            if isinstance(node.get("url"), str) and "headline" in node:
                found.setdefault("url", node["url"])
            visit(node.get("@graph"))

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        body = re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|\]\]>\s*$", "", script.text.strip())
        try:
            visit(json.loads(body))
        except json.JSONDecodeError:
            continue
    return found


def _html_main_text(raw: str) -> str:
    import trafilatura

    for options in ({"favor_precision": True}, {"favor_recall": True}):
        document = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                               with_metadata=False, **options)
        text = getattr(document, "text", None) if document is not None else None
        if text and text.strip():
            return "\n\n".join(line for line in text.split("\n") if line.strip())
    tree = _html_tree(raw)
    if tree is None:
        return ""
    for element in tree.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside|//form"):
        element.drop_tree()
    nodes = tree.xpath("//p|//h1|//h2|//h3|//li|//blockquote")
    blocks = [" ".join(node.text_content().split()) for node in nodes]
    blocks = [block for block in blocks if block]
    return "\n\n".join(blocks) if blocks else " ".join(tree.text_content().split())


# -- JSON and JSONL -------------------------------------------------------------------------


def _json_articles(raw: str, path: str) -> Iterator[Article | Problem]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if isinstance(data, dict) and not _first(data, TEXT_KEYS):
        wrapped = next((data[key] for key in _WRAPPER_KEYS if isinstance(data.get(key), list)), None)
        data = wrapped if wrapped is not None else data
    if isinstance(data, dict):
        yield record_to_article(data, file=path, default_id=path)
        return
    if not isinstance(data, list):
        raise MalformedInput(f"JSON holds a {type(data).__name__}, expected an object or a list of objects")
    if not data:
        raise EmptyInput("JSON list is empty")
    for number, record in enumerate(data, start=1):
        try:
            if not isinstance(record, dict):
                raise MalformedInput(f"is a {type(record).__name__}, expected an object")
            yield record_to_article(record, file=path, default_id=f"{path}#{number}")
        except InputError as exc:
            yield Problem(path, f"item {number}: {exc}")


def _jsonl_articles(raw: str, path: str, settings: Settings) -> Iterator[Article | Problem]:
    any_line = False
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        any_line = True
        try:
            if len(line) > settings.max_line_chars:
                raise InputTooLarge(f"line is {len(line):,} characters, over the limit of "
                                    f"{settings.max_line_chars:,} (max_line_chars)")
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInput(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
            if not isinstance(record, dict):
                raise MalformedInput(f"line holds a {type(record).__name__}, expected an object")
            yield _within_limit(record_to_article(record, file=path, default_id=f"{path}#{number}"),
                                settings, number)
        except InputError as exc:
            yield Problem(path, str(exc), line=number)
    if not any_line:
        raise EmptyInput("empty file")


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


def record_to_article(record: dict[str, Any], *, file: str, default_id: str) -> Article:
    """One article from a JSON record; unknown keys are ignored."""
    body = _first(record, TEXT_KEYS)
    if isinstance(body, list) and all(isinstance(part, str) for part in body):
        body = "\n\n".join(body)
    if body is None:
        if any(isinstance(record.get(key), str) for key in TEXT_KEYS):
            raise EmptyInput("record text is empty")
        raise MalformedInput("record has no text (expected a 'text', 'body' or 'content' field)")
    if not isinstance(body, str):
        raise MalformedInput(f"record text is a {type(body).__name__}, expected a string")
    record_id = record.get("id")
    article_id = str(record_id) if record_id not in (None, "") else default_id
    title = _as_text(record.get("title"))
    published = _as_text(_first(record, DATE_KEYS))
    source, url = _as_text(_first(record, SOURCE_KEYS)), _as_text(_first(record, URL_KEYS))
    if len(_HTML_BODY.findall(body[:5000])) >= 2:  # a scraper stored the page, not its text
        page = parse_html(body, file=file, article_id=article_id)
        day = parse_meta_date(published) if published else None
        return replace(page, title=title or page.title, source=source or page.source, url=url or page.url,
                       published=day or page.published,
                       published_origin="field" if day else page.published_origin)
    return parse_text(body, file=file, article_id=article_id, title=title, source=source,
                      published=published, url=url, guess_title="title" not in record)
