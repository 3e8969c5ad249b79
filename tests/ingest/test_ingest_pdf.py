"""PDF input: the text layer as an article, metadata, and a one-line problem for each bad PDF.

Every PDF here is made by the test (tests/pdfmaker.py), with text of our own.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.ingest import iter_inputs, problem_kind
from eventwire.pipeline import run
from eventwire.records import Article, Problem

from ..pdfmaker import encrypt_pdf, make_pdf

HEADLINE = "Clashes spread along the road to Kutum"
REPORT = [
    ("KHARTOUM, Sudan - Gunmen attacked a livestock market in the town of Kutum in North Darfur on "
     "Tuesday, killing seven traders and wounding a dozen others, a local official told reporters by "
     "telephone."),
    ("The official said the attackers came on motorbikes and had left before police reached the market. "
     "Aid workers said families were leaving for camps near El Fasher."),
]
SECOND_PAGE = [("Separately, the army said its aircraft struck positions of the Rapid Support Forces near "
                "the city of Nyala on Wednesday. It gave no figure for casualties.")]


def _pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read(*paths: Path) -> list[Article | Problem]:
    return list(iter_inputs([str(p) for p in paths]))


def test_ingest_pdf_text_title_and_date_from_metadata(tmp_path: Path) -> None:
    path = _pdf(tmp_path, "sitrep.pdf", make_pdf([[HEADLINE, *REPORT], [*SECOND_PAGE, "Page 2 of 2"]],
                                                 title="Darfur situation update", created="D:20240312081500+03'00'"))
    (article,) = _read(path)
    assert isinstance(article, Article)
    assert article.title == "Darfur situation update"
    assert article.published == dt.date(2024, 3, 12) and article.published_origin == "meta"
    assert "killing seven traders and wounding a dozen others" in article.text  # wrapped lines joined again
    assert "near the city of Nyala on Wednesday" in article.text  # the second page follows the first
    assert "Page 2 of 2" not in article.text
    assert article.file == str(path) and article.article_id == str(path)


def test_ingest_pdf_without_metadata_reads_title_and_date_from_the_first_page(tmp_path: Path) -> None:
    dated = ["KHARTOUM, Sudan, March 12, 2024 - " + REPORT[0].split(" - ", 1)[1], REPORT[1]]
    path = _pdf(tmp_path, "nometa.pdf", make_pdf([[HEADLINE, *dated]], title="Microsoft Word - sitrep_12.docx"))
    (article,) = _read(path)
    assert isinstance(article, Article)
    assert article.title == HEADLINE  # a word processor's label is not a title
    assert article.published == dt.date(2024, 3, 12) and article.published_origin == "dateline"


def test_ingest_pdf_encrypted_with_an_empty_password_is_read(tmp_path: Path) -> None:
    path = _pdf(tmp_path, "protected.pdf", encrypt_pdf(make_pdf([[HEADLINE, *REPORT]]), user_password=""))
    (article,) = _read(path)
    assert isinstance(article, Article) and "livestock market" in article.text


def test_ingest_pdf_mended_by_pypdf_is_read_without_noise(tmp_path: Path) -> None:
    data = make_pdf([[HEADLINE, *REPORT]])
    first = data.index(b"1 0 obj")
    damaged = data.replace(f"{first:010d} 00000 n".encode(), f"{first + 40:010d} 00000 n".encode())
    assert damaged != data
    path = _pdf(tmp_path, "mended.pdf", damaged)
    # in a process of its own: pytest's log capture would hide what Python prints when logging is not set up
    script = ("import sys; from eventwire.ingest import iter_inputs; (a,) = iter_inputs([sys.argv[1]]); "
              "print(type(a).__name__, 'livestock market' in a.text)")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["Article", "True"]
    assert done.stderr == ""  # pypdf's notes on what it mended are not printed


BAD = [
    ("scan.pdf", lambda: make_pdf(scanned_pages=2, title="Scanned report"),
     "PDF has no text layer (2 pages of images only: a scanned document?); eventwire does not run OCR",
     "no_text_layer"),
    ("locked.pdf", lambda: encrypt_pdf(make_pdf([[HEADLINE, *REPORT]]), user_password="s3cret"),
     "encrypted PDF: it needs a password to open; not read", "encrypted_pdf"),
    ("cut.pdf", lambda: make_pdf([[HEADLINE, *REPORT]])[:700],
     "truncated PDF: the file ends before its end-of-file marker (%%EOF); a download cut short?", "bad_pdf"),
    ("junk.pdf", lambda: b"%PDF-1.4\nthis is not really a PDF at all\n%%EOF\n",
     "broken PDF: PdfReadError: startxref not found", "bad_pdf"),
    ("empty.pdf", lambda: b"", ("truncated PDF: the file ends before its end-of-file marker (%%EOF); "
                               "a download cut short?"), "bad_pdf"),
]


@pytest.mark.parametrize(("name", "make", "reason", "kind"), BAD, ids=[b[0] for b in BAD])
def test_ingest_pdf_bad_file_is_one_problem_and_the_rest_is_read(tmp_path: Path, name: str, make: object,
                                                                  reason: str, kind: str) -> None:
    assert callable(make)
    bad = _pdf(tmp_path, name, make())
    good = _pdf(tmp_path, "zgood.pdf", make_pdf([[HEADLINE, *REPORT]]))
    problem, article = _read(bad, good)
    assert isinstance(problem, Problem) and problem.file == str(bad)
    assert problem.reason == reason and "\n" not in problem.reason
    assert problem_kind(problem) == kind
    assert isinstance(article, Article) and article.file == str(good)


@pytest.mark.slow
def test_ingest_pdf_is_coded_like_the_same_text(tmp_path: Path) -> None:
    """A PDF of our own gives the events of the same words in a .txt file."""
    pdf_dir, txt_dir = tmp_path / "pdf", tmp_path / "txt"
    pdf_dir.mkdir()
    txt_dir.mkdir()
    _pdf(pdf_dir, "sitrep.pdf", make_pdf([[HEADLINE, *REPORT], SECOND_PAGE], title=HEADLINE,
                                         created="D:20240313"))
    (txt_dir / "sitrep.txt").write_text(" date 2024-03-13\n" + "\n\n".join([HEADLINE, *REPORT, *SECOND_PAGE]) + "\n",
                                        encoding="utf-8")

    def coded(folder: Path) -> list[tuple[object, ...]]:
        result = run([str(folder)])
        assert not result.problems and result.article_count == 1
        return sorted((e.event_type, e.sub_event_type, e.dates.start, e.dates.end, e.actor1, e.actor2,
                       e.place and (e.place.name, e.place.admin1, e.place.country), e.fatalities,
                       tuple(sorted(m.sentence for m in e.mentions))) for e in result.events)

    from_pdf = coded(pdf_dir)
    assert from_pdf == coded(txt_dir)
    places = {e[6] for e in from_pdf}
    assert any(p and p[0] == "Kutum" for p in places)  # the market attack of the first page
    assert any(e[2] == dt.date(2024, 3, 12) and e[7] == 7 for e in from_pdf)  # Tuesday, seven killed
