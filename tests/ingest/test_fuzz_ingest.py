"""Fuzzing the ingesters: random bytes, random JSON and random markup.

Property: reading any input gives articles and problems only (a problem names its
file and has a reason); no other exception escapes. Articles have non-empty text
within ``max_article_chars``, and their dates are real and not in the future.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import decode_bytes, iter_inputs, parse_text, problem_kind, record_to_article
from eventwire.ingest.pubdate import latest_publication_date
from eventwire.records import Article, Problem
from eventwire.settings import Settings

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LIMITS = Settings(max_file_bytes=20_000, max_article_chars=3_000, max_line_chars=2_000)
SENTENCE = "Gunmen attacked a police post near the town of Example on Monday, killing two officers."
KEYS = ["text", "body", "content", "id", "title", "date", "published", "source", "url", "articles", "x"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.just(SENTENCE), st.sampled_from(["2021-02-30", "3000-01-01",
                                                                             "2021-08-12", "March 2011"]))
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)), max_leaves=12)
MARKUP = st.lists(st.one_of(st.sampled_from(["<p>", "</p>", "<div>", "<nav>", "<script>", "</script>",
                                             "<meta charset='x-bogus'>", "<html>", "<!--", "-->", "&amp;",
                                             "&#0;", "<time datetime='2099-01-01'>", SENTENCE]),
                            st.text(max_size=8)), max_size=20).map("".join)
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv"]


def _check(items: list[Article | Problem], path: Path) -> None:
    for item in items:
        assert isinstance(item, Article | Problem), item
        assert item.file == str(path)
        if isinstance(item, Problem):
            assert item.reason.strip() and problem_kind(item) != "other", item
        else:
            assert item.text.strip() and len(item.text) <= LIMITS.max_article_chars
            assert item.published is None or item.published <= latest_publication_date()


@FUZZ
@given(data=st.binary(max_size=3_000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _check(list(iter_inputs([str(path)], settings=LIMITS)), path)


@FUZZ
@given(value=JSON_VALUES, suffix=st.sampled_from([".json", ".jsonl"]))
def test_fuzz_ingest_random_json(tmp_path: Path, value: object, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    if suffix == ".jsonl":
        items = value if isinstance(value, list) else [value]
        path.write_text("\n".join(json.dumps(item) for item in items), encoding="utf-8")
    else:
        path.write_text(json.dumps(value), encoding="utf-8")
    _check(list(iter_inputs([str(path)], settings=LIMITS)), path)


@FUZZ
@given(record=st.dictionaries(st.sampled_from(KEYS), JSON_VALUES, max_size=6))
def test_fuzz_ingest_record_to_article(record: dict[str, object]) -> None:
    try:
        article = record_to_article(record, file="feed.json", default_id="feed.json#1")
    except InputError as exc:
        assert str(exc)
    else:
        assert article.text.strip()


@FUZZ
@given(page=MARKUP)
def test_fuzz_ingest_random_markup(tmp_path: Path, page: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8", errors="surrogatepass")
    _check(list(iter_inputs([str(path)], settings=LIMITS)), path)


@FUZZ
@given(text=st.text(max_size=600))
def test_fuzz_ingest_parse_text_and_decode(text: str) -> None:
    for call in (lambda: parse_text(text, file="a.txt"),
                 lambda: decode_bytes(text.encode("utf-8", "surrogatepass"))):
        try:
            call()
        except InputError as exc:
            assert str(exc)


@pytest.mark.parametrize("depth", [10, 900, 5_000])
def test_fuzz_ingest_deep_json_in_jsonl(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * depth + "]" * depth + "\n" + json.dumps({"text": SENTENCE}) + "\n", encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    assert isinstance(items[0], Problem) and items[0].line == 1
    assert isinstance(items[1], Article)
