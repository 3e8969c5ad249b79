"""Tests of eventwire.analysis.scoped_ner: the recogniser runs where an event can be told, nowhere else."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow

#: Sentence 1 and 3 hold event words; sentence 2 holds none (a person and an organisation).
MIXED = ("Gunmen attacked a bus near Kismayo on Tuesday, killing four passengers. "
         "Ahmed Hassan of the Somali Red Crescent Society visited the town later. "
         "Troops clashed with al-Shabaab fighters in Jilib, officials said.")


def _ents(doc: Any) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def _bare(nlp: Any, text: str) -> Any:
    """``text`` through the model's own recogniser on the whole document (places left out)."""
    with nlp.select_pipes(disable=["eventwire_entities", "eventwire_places"]):
        doc = nlp(text)
    return nlp.get_pipe("ner")(doc)


def test_scoped_ner_replaces_the_recogniser(nlp: Any) -> None:
    assert "eventwire_entities" in nlp.pipe_names and "ner" not in nlp.pipe_names
    assert "ner" in nlp.disabled  # kept loaded: the stand-in calls it


def test_scoped_ner_runs_of_adjacent_event_sentences(nlp: Any) -> None:
    from eventwire.analysis.eventwords import candidates
    from eventwire.analysis.scoped_ner import sentence_runs

    doc = nlp(MIXED + " The evening was cold. Shelling resumed at dawn. Mortars hit a market.")
    sents = list(doc.sents)
    assert len(sents) == 6
    runs = sentence_runs(doc, candidates(doc))
    assert runs == [(sents[0].start, sents[0].end), (sents[2].start, sents[2].end),
                    (sents[4].start, sents[5].end)]  # the last two are one run


def test_scoped_ner_entities_only_in_event_sentences(nlp: Any) -> None:
    doc = nlp(MIXED)
    sents = list(doc.sents)
    quiet = sents[1]
    assert not [e for e in doc.ents if quiet.start <= e.start < quiet.end and e.label_ in {"PERSON", "ORG"}]
    bare = _bare(nlp, MIXED)
    assert ("Ahmed Hassan", "PERSON") in _ents(bare)  # what the skipped sentence would have had
    found = _ents(doc)
    assert ("Tuesday", "DATE") in found and ("four", "CARDINAL") in found
    assert any(label == "GPE" and text.startswith("Kismayo") for text, label in found)
    assert any(text == "Jilib" for text, _ in found)


def test_scoped_ner_whole_document_when_every_sentence_qualifies(nlp: Any) -> None:
    text = "Rebels attacked Goma on Sunday. Fighting killed 12 civilians in Sake, the UN said."
    assert _ents(nlp(text)) == _ents(nlp.get_pipe("eventwire_places")(_bare(nlp, text)))


def test_scoped_ner_no_event_word_no_recogniser_but_gazetteer_places(nlp: Any) -> None:
    doc = nlp("Wheat prices in Kansas reached a record on Monday, traders in Chicago said.")
    assert {label for _, label in _ents(doc)} <= {"GPE"}
    assert {"Kansas", "Chicago"} <= {text for text, _ in _ents(doc)}


def test_scoped_ner_pipe_keeps_order_and_batches(nlp: Any) -> None:
    texts = [MIXED, "Nothing happened.", "", "Militants stormed a hotel in Mogadishu."] * 3
    alone = [_ents(nlp(t)) for t in texts]
    assert [_ents(d) for d in nlp.pipe(texts, batch_size=5)] == alone
