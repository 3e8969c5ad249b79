"""Ingest: files and folders in, :class:`Article` and :class:`Problem` records out.

Reads ``.txt``/``.md`` (plain text, optional `` date YYYY-MM-DD`` header line),
``.html``/``.htm`` (main text by trafilatura, metadata from meta tags and JSON-LD),
``.json`` (an object or a list of objects), ``.jsonl`` (one object per line) and
``.pdf`` (the text layer, by pypdf; no OCR).
Nothing here is fatal: a file, a JSON item or a JSONL line that cannot be read
becomes a :class:`Problem` with a specific reason, and the run goes on.

Needs: paths. Adds: cleaned text, title, source, url, publication date with its
origin, and a context year for datelines without one.

Modules: :mod:`.files` (walking folders, reading files, limits), :mod:`.decode`
(bytes to text), :mod:`.text`, :mod:`.htmlpage` and :mod:`.jsonfile` (one per
format), :mod:`.pdf` (PDF documents), :mod:`.language` (English only), :mod:`.kinds` (problem kinds for the
run summary).
"""

from __future__ import annotations

from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.files import (
                    HTML_SUFFIXES,
                    JSON_SUFFIXES,
                    JSONL_SUFFIXES,
                    TEXT_SUFFIXES,
                    iter_inputs,
                    read_path,
                    read_text,
)
from eventwire.ingest.htmlpage import parse_html
from eventwire.ingest.jsonfile import DATE_KEYS, SOURCE_KEYS, TEXT_KEYS, URL_KEYS, record_to_article
from eventwire.ingest.kinds import PROBLEM_KINDS, count_problem_kinds, problem_kind
from eventwire.ingest.language import check_english, not_english_reason
from eventwire.ingest.pdf import PDF_SUFFIXES, parse_pdf
from eventwire.ingest.text import parse_text

__all__ = [
    "DATE_KEYS",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "JSON_SUFFIXES",
    "PDF_SUFFIXES",
    "PROBLEM_KINDS",
    "SOURCE_KEYS",
    "TEXT_KEYS",
    "TEXT_SUFFIXES",
    "URL_KEYS",
    "check_english",
    "count_problem_kinds",
    "decode_bytes",
    "iter_inputs",
    "not_english_reason",
    "parse_html",
    "parse_pdf",
    "parse_text",
    "problem_kind",
    "read_path",
    "read_text",
    "record_to_article",
]
