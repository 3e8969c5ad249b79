"""PDF documents: the text layer of a ``.pdf`` as one :class:`Article` (no OCR).

Read with pypdf (BSD-3-Clause, pure Python, no binary of its own). What is read:

* the text of every page, in page order (pypdf's ``extract_text``); the lines
  the page wrapped are joined again, a wider gap between two lines ends a
  paragraph, and lines that are only a page number ("3", "Page 3 of 9") are
  dropped;
* the title from the document information's ``/Title`` unless it is a file
  name or a word processor's label ("Microsoft Word - sitrep.docx"), else the
  headline of the first page (as for plain text);
* the publication date from ``/CreationDate`` (the day the report was made into
  a PDF), else from the first page's dateline or date line, as for plain text.
  An impossible or future date in the metadata is ignored.

Each of these is a one-line problem, never a traceback, and the run goes on:

* ``PDF has no text layer`` -- a scanned document (page images only); eventwire
  does not run OCR;
* ``encrypted PDF`` -- it needs a password to open (a PDF encrypted with an
  empty user password, as many reports "protected" against printing are, is
  read: any PDF reader opens it without asking);
* ``truncated PDF`` -- the file ends before its end-of-file marker (a download
  cut short), and ``broken PDF`` -- pypdf cannot parse it.
"""

from __future__ import annotations

import io
import logging
import re
from itertools import pairwise
from typing import TYPE_CHECKING

from eventwire.errors import EmptyInput, MalformedInput
from eventwire.ingest.text import parse_text
from eventwire.records import Article

if TYPE_CHECKING:  # pypdf is imported on first use, not with the package
    from pypdf import PageObject, PdfReader

PDF_SUFFIXES = frozenset({".pdf"})

#: A PDF ends with ``%%EOF`` (a writer may put a few bytes after it); one cut short does not.
_EOF_WINDOW = 2048
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
# A /Title that names a file or a word processor's window, not the report.
_FILE_TITLE = re.compile(r"^(?:microsoft (?:word|powerpoint|excel)\s*-\s*.*|.*\.(?:docx?|odt|rtf|pptx?|xlsx?|pdf|"
                         r"txt|indd|tmp))$|^untitled\b", re.IGNORECASE)


def parse_pdf(data: bytes, *, file: str, default_id: str | None = None) -> Article:
    """One article from the bytes of a PDF file (see the module docstring); ``default_id`` is its
    identity when it has none of its own (the file's real path, :mod:`.files`).

    Raises :class:`MalformedInput` for encrypted, truncated and broken files and
    :class:`EmptyInput` for a PDF without a text layer.
    """
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise MalformedInput("truncated PDF: the file ends before its end-of-file marker (%%EOF); "
                             "a download cut short?")
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    # pypdf logs what it mends in a damaged file ("Ignoring wrong pointing object") as warnings, which
    # Python prints on stderr when nothing is configured: a file it cannot read is our one-line problem.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    # pypdf reports a damaged file with its own PdfReadError but also, from deep inside its parser,
    # with KeyError, ValueError, TypeError, AttributeError, RecursionError...: any of them means the
    # file cannot be read, and is reported as such rather than stopping the run.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise MalformedInput("encrypted PDF (AES): reading it needs the 'cryptography' package, "
                                     "which is not installed; not read") from None
            if opened == PasswordType.NOT_DECRYPTED:
                raise MalformedInput("encrypted PDF: it needs a password to open; not read")
        pages = [_page_text(page) for page in reader.pages]
        title, created = _metadata(reader)
    except MalformedInput:
        raise
    except Exception as exc:  # noqa: BLE001 -- see above: pypdf's errors on damaged files have no one base
        raise MalformedInput(f"broken PDF: {_reason(exc)}") from None
    text = "\n\n".join(page for page in pages if page.strip())
    if not pages:
        raise EmptyInput("PDF has no pages")
    if not text.strip():
        raise EmptyInput(f"PDF has no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''} "
                         "of images only: a scanned document?); eventwire does not run OCR")
    return parse_text(text, file=file, title=title, published=created, published_origin="meta",
                      default_id=default_id)


def _page_text(page: PageObject) -> str:
    """A page's text as paragraphs: lines are joined, and a paragraph ends where two lines are
    further apart than the page's line step.

    pypdf gives the lines in the order the page draws them (so columns stay apart) but
    no blank line between paragraphs; the gaps tell where a headline or paragraph ends.
    Without a wider gap, the lines of a page are one paragraph (the sentences are still
    found by their punctuation).
    """
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text:
            pieces.append((text, tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))  # the baseline's height on the page

    page.extract_text(visitor_text=visit)
    lines: list[tuple[str, float]] = []
    for text, y in pieces:
        for index, part in enumerate(text.split("\n")):
            if index == 0 and lines and not lines[-1][0].endswith("\n"):
                lines[-1] = (lines[-1][0] + part, lines[-1][1])
            else:
                lines.append((part, y))
        if text.endswith("\n"):
            lines[-1] = (lines[-1][0] + "\n", lines[-1][1])
    lines = [(line.rstrip("\n"), y) for line, y in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    # the line step: the smallest drop between lines (a raised or lowered piece moves less than 2 points)
    usual = min((a[1] - b[1] for a, b in pairwise(lines) if a[1] - b[1] > 2), default=0.0)
    paragraphs: list[str] = []
    for index, (line, y) in enumerate(lines):
        line = line.strip()
        if not paragraphs or (usual and lines[index - 1][1] - y > 1.5 * usual):
            paragraphs.append(line)
        elif paragraphs[-1].endswith("-") and line[:1].isalpha():
            paragraphs[-1] += line  # a word or compound broken at its hyphen ("long-" "range")
        else:
            paragraphs[-1] += " " + line  # a line wrapped by the page, whatever its first letter
    return "\n\n".join(paragraphs)


def _metadata(reader: PdfReader) -> tuple[str | None, str | None]:
    """The document's /Title (unless it names a file) and /CreationDate as ``YYYY-MM-DD``."""
    info = reader.metadata
    if info is None:
        return None, None
    title = info.title if isinstance(info.title, str) else None
    if title is not None and (not title.strip() or _FILE_TITLE.match(title.strip())):
        title = None
    try:
        created = info.creation_date
    except ValueError:  # a /CreationDate pypdf cannot parse: as if there were none
        created = None
    return title, created.date().isoformat() if created is not None else None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
