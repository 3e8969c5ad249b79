"""Tests of eventwire.analysis.analyse: sentence breaks set by the paragraph component."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.analysis.analyse import paragraph_breaks

TEXTS = [
    "Clashes in Kassala\nFighting broke out near the border on Monday. Two soldiers died.",
    "KYIV, Ukraine - Missiles struck the capital overnight, officials said.\n\nAir defences were active.",
    "Muhammad Aghah district was quiet; \"calm returned,\" a resident said… Then shops opened (briefly).",
    "  \n  Protests in Dhaka\n \nStudents marched - police watched — nobody was hurt",
    "One",
    "",
]


def _by_setter(doc: Any) -> Any:
    """The rule written with spaCy's per-token setter (the component's first version)."""
    from eventwire.analysis.analyse import _SENTENCE_END
    from eventwire.ingest.pubdate import dateline_span

    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif prev.text not in _SENTENCE_END and not prev.is_space and not tok.is_space:
            tok.is_sent_start = False
    span = dateline_span(doc.text)
    if span is not None:
        body = doc.char_span(span[1], min(len(doc.text), span[1] + 1), alignment_mode="expand")
        if body is not None and body.start > 0:
            doc[body.start].is_sent_start = True
    return doc


@pytest.mark.parametrize("text", TEXTS)
def test_analyse_paragraph_breaks_equal_per_token_setting(text: str) -> None:
    import spacy

    nlp = spacy.blank("en")
    ours = paragraph_breaks(nlp(text))
    expected = _by_setter(nlp(text))
    assert [t.is_sent_start for t in ours][1:] == [t.is_sent_start for t in expected][1:]


@pytest.mark.parametrize("text,starts", [
    ("Clashes in Kassala\nFighting broke out", ["Clashes", "Fighting"]),
    ("KYIV, Ukraine - Missiles struck the capital.", ["KYIV", "Missiles"]),
])
def test_analyse_paragraph_breaks_line_and_dateline_start_sentences(nlp: Any, text: str,
                                                                     starts: list[str]) -> None:
    doc = nlp(text)
    assert [s[0].text for s in doc.sents if not s[0].is_space] == starts


@pytest.mark.parametrize("text", ["Shells hit Kherson.\n\nTwo died.", "", "  spaced  out  "])
def test_analyse_doc_text_is_the_text_and_is_kept(text: str) -> None:
    import spacy

    from eventwire.analysis.analyse import doc_text

    doc = spacy.blank("en")(text)
    assert doc_text(doc) == doc.text == text
    assert doc_text(doc) is doc_text(doc)


@pytest.mark.slow
def test_analyse_model_layers_use_numpy_blas_not_blis(nlp: Any) -> None:
    from thinc.api import NumpyOps

    # the token-to-vector layers, where the large matrix products are (the parser's and the
    # recogniser's small output layer is rebuilt when their labels are set, and their state
    # loop calls BLAS from Cython either way)
    for name in ("tok2vec", "ner"):
        model = nlp.get_pipe(name).model
        layers = list((model.get_ref("tok2vec") if model.has_ref("tok2vec") else model).walk())
        assert {type(node.ops) for node in layers} == {NumpyOps}, name
        assert {getattr(node.ops, "use_blis", None) for node in layers} == {False}, name


def test_analyse_one_blas_thread_limits_this_process() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    from eventwire.analysis.analyse import one_blas_thread

    with threadpool_limits(limits=None):  # restored afterwards
        one_blas_thread()
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
