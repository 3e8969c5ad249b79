"""Walking inputs: files and folders in, one reader per file type, problems for the rest.

Folders are read recursively in name order. Hidden, system and documentation files
are skipped inside folders; a folder link that leads back to one of its own parents
is reported once and not followed; named pipes, devices and sockets are reported
and never opened (reading a pipe could wait for ever). A file reached twice is read
once, and an article id met twice in one run for two texts is reported rather than
stored twice. An article without an id or url of its own is known by its file's real
path (links and ``..`` resolved), so the same file by any path is the same article;
its ``file`` is the path as given.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence

from eventwire.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    UnreadableInput,
    UnsupportedInput,
    os_reason,
)
from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.htmlpage import parse_html
from eventwire.ingest.jsonfile import json_articles, jsonl_articles, jsonl_stream_articles
from eventwire.ingest.limits import within_article_limit
from eventwire.ingest.pdf import PDF_SUFFIXES, parse_pdf
from eventwire.ingest.text import parse_text
from eventwire.records import Article, Problem
from eventwire.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_DOC_FILES = frozenset({"readme", "license", "licence", "changelog", "contributing", "notice"})
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "__macosx", "icon\r"})
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def iter_inputs(paths: Sequence[str], *, settings: Settings | None = None) -> Iterator[Article | Problem]:
    """Articles and problems from files and folders (folders recursively, in name order)."""
    settings = settings or Settings()
    seen: set[str] = set()
    ids: dict[str, tuple[str, bytes]] = {}  # article id -> (file, text digest) of its first article
    for given in paths:
        for item in _expand(given):
            if isinstance(item, Problem):
                yield Problem(display_path(item.file), item.reason, item.line)
                continue
            real = os.path.realpath(item)
            if real in seen:
                continue
            seen.add(real)
            for found in read_path(item, settings=settings):
                yield unique_id(found, ids)


def unique_id(item: Article | Problem, ids: dict[str, tuple[str, bytes]]) -> Article | Problem:
    """``item``, or a problem when its article id was already used in this run for another text.

    Two articles with one id would overwrite each other in the store. One id with the
    same text (one page saved twice with its url) is one report: it is passed on, and
    the run counts it once (:func:`eventwire.pipeline.run`).
    """
    if isinstance(item, Problem):
        return item
    digest = hashlib.sha1(item.text.encode("utf-8", "surrogatepass")).digest()
    first = ids.get(item.article_id)
    if first is None:
        ids[item.article_id] = (item.file, digest)
        return item
    if first[1] == digest:
        return item
    return Problem(item.file, f"duplicate article id {item.article_id!r}: already read from {first[0]} "
                              "(a different text); ids must be unique within a run, so this one was skipped")


def _expand(path: str) -> Iterator[str | Problem]:
    if os.path.isdir(path):
        found = False
        for item in _walk(path, frozenset({os.path.realpath(path)})):
            found = True
            yield item
        if not found:
            yield Problem(path, "folder holds no input files (hidden and README-like files are skipped)")
    elif os.path.isfile(path):
        yield path
    elif os.path.islink(path) and not os.path.exists(path):
        yield Problem(path, "broken symbolic link: its target does not exist")
    elif os.path.exists(path):
        yield Problem(path, f"not a regular file but {_file_kind(path)}; not read")
    else:
        yield Problem(path, "no such file or folder")


def _walk(folder: str, parents: frozenset[str]) -> Iterator[str | Problem]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Problem(folder, f"cannot list folder: {os_reason(exc)}")
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        child = os.path.join(folder, entry.name)
        try:
            is_dir, is_file, is_link = entry.is_dir(), entry.is_file(), entry.is_symlink()
        except OSError as exc:
            yield Problem(child, f"cannot inspect: {os_reason(exc)}")
            continue
        if is_dir:
            real = os.path.realpath(child)
            if real in parents:
                yield Problem(child, f"folder link loop: it leads back to {real}; not followed")
                continue
            yield from _walk(child, parents | {real})
        elif is_file:
            yield child
        elif is_link and not os.path.exists(child):
            yield Problem(child, "broken symbolic link: its target does not exist")
        else:
            yield Problem(child, f"not a regular file but {_file_kind(child)}; not read")


def _file_kind(path: str) -> str:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"something that cannot be inspected ({os_reason(exc)})"
    for test, kind in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def _is_hidden(name: str) -> bool:
    """Hidden, system and documentation files (a folder's README is not an article)."""
    stem = name.lower().rsplit(".", 1)[0]
    return (name.startswith((".", "~$")) or name.endswith("~")
            or name.lower() in _SYSTEM_FILES or stem in _DOC_FILES)


def display_path(path: str) -> str:
    """``path`` as valid Unicode: bytes of a non-UTF-8 file name become ``\\xff`` escapes.

    Records carry this name (it is stored and exported as text); the file itself is
    still opened by its real name.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def read_path(path: str, *, settings: Settings) -> Iterator[Article | Problem]:
    """Articles and problems from one file."""
    for item in _read_path(path, settings=settings):
        yield item if isinstance(item, Article) else Problem(display_path(item.file), item.reason, item.line)


def _read_path(path: str, *, settings: Settings) -> Iterator[Article | Problem]:
    suffix = os.path.splitext(path)[1].lower()
    name = display_path(path)
    key = display_path(os.path.realpath(path))  # identity: the same file by any path is one article
    try:
        if suffix in TEXT_SUFFIXES:
            yield within_article_limit(parse_text(read_text(path, settings), file=name, default_id=key), settings)
        elif suffix in HTML_SUFFIXES:
            yield within_article_limit(parse_html(read_text(path, settings, html=True), file=name,
                                                  default_id=key), settings)
        elif suffix in JSON_SUFFIXES:
            yield from json_articles(read_text(path, settings), path=name, settings=settings, key=key)
        elif suffix in JSONL_SUFFIXES:
            yield from _jsonl_file(path, name=name, key=key, settings=settings)
        elif suffix in PDF_SUFFIXES:
            yield within_article_limit(parse_pdf(read_bytes(path, settings), file=name, default_id=key), settings)
        else:
            raise UnsupportedInput(f"unsupported file type {suffix or '(no extension)'}; "
                                   "eventwire reads .txt, .md, .html, .htm, .json, .jsonl and .pdf")
    except InputError as exc:
        yield Problem(path, str(exc))


def _jsonl_file(path: str, *, name: str, key: str, settings: Settings) -> Iterator[Article | Problem]:
    """A ``.jsonl`` file's articles, read one bounded line at a time (a line over
    ``max_line_chars`` is never held whole); UTF-16 and UTF-32 files are decoded whole."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the generator is done)
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {os_reason(exc)}") from None
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
        except OSError as exc:
            raise UnreadableInput(f"cannot read file: {os_reason(exc)}") from None
        if size > settings.max_file_bytes:
            raise InputTooLarge(f"file is {size:,} bytes, over the limit of {settings.max_file_bytes:,} bytes "
                                "(max_file_bytes)")
        if size == 0:
            raise EmptyInput("empty file")
        if head.startswith(_WIDE_BOMS) or b"\x00" in head:
            yield from jsonl_articles(read_text(path, settings), path=name, settings=settings, key=key)
            return
        try:
            yield from jsonl_stream_articles(handle, path=name, settings=settings, key=key, empty_error=True)
        except OSError as exc:
            raise UnreadableInput(f"cannot read file: {os_reason(exc)}") from None


def read_text(path: str, settings: Settings, *, html: bool = False) -> str:
    """The text of one file, within ``max_file_bytes`` (see :func:`decode_bytes`)."""
    data = read_bytes(path, settings)
    declared = _CHARSET.search(data[:4096]) if html else None
    return decode_bytes(data, declared=declared.group(1).decode("ascii") if declared else None)


def read_bytes(path: str, settings: Settings) -> bytes:
    """The bytes of one regular file, within ``max_file_bytes``."""
    limit = settings.max_file_bytes
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput(f"not a regular file but {_file_kind(path)}; not read")
        if info.st_size > limit:
            raise InputTooLarge(f"file is {info.st_size:,} bytes, over the limit of {limit:,} bytes "
                                "(max_file_bytes)")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {os_reason(exc)}") from None
    if len(data) > limit:
        raise InputTooLarge(f"file is over the limit of {limit:,} bytes (max_file_bytes)")
    return data
