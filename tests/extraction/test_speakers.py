"""Speakers: who tells a report, and when the teller is the doer (sentences of our own)."""

from __future__ import annotations

import pytest

from eventwire.extraction import speakers
from eventwire.extraction.actor_context import build_context

pytestmark = pytest.mark.slow


def _verb(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_speakers_a_reporting_verb_is_not_the_act(nlp):
    doc = nlp("Gunmen attacked a bus near Garissa on Monday, police said.")
    assert speakers.reports(_verb(doc, "said"))
    assert {t.text for t in doc if t.i in speakers.speakers_words(doc[:])} == {"police"}
    doc = nlp("The army declared a curfew in Garissa on Monday.")
    assert not speakers.reports(_verb(doc, "declared"))


@pytest.mark.parametrize(("text", "verb", "name"), [
    ("The M23 announced on Monday that it would leave Kitshanga.", "announced", "M23"),
    ("The leader of the M23 announced on Monday that the group would leave Kitshanga.", "announced", "M23"),
    ("Residents announced on Monday that they would leave Kitshanga.", "announced", None),
])
def test_speakers_the_armed_side_that_speaks(nlp, text, verb, name):
    ctx = build_context(text, country_code="CD", country="Democratic Republic of the Congo")
    found = speakers.armed_speaker(_verb(nlp(text), verb), ctx)
    assert (found[0].name if found else None) == name


def test_speakers_the_speaker_of_a_reported_clause(nlp):
    text = "The FARDC said it shelled rebel positions near Sake on Friday."
    ctx = build_context(text, country_code="CD", country="Democratic Republic of the Congo")
    found = speakers.speaker_of(_verb(nlp(text), "shelled"), ctx)
    assert found is not None and found[0].name == "Military Forces of the Democratic Republic of the Congo"
    # a clause no one reports has no speaker
    assert speakers.speaker_of(_verb(nlp("The FARDC shelled rebel positions near Sake."), "shelled"), ctx) is None


@pytest.mark.parametrize(("text", "verb", "name"), [
    # a verb joined to the reported clause's own is in that clause; "they" and the police too
    ("Police in Goma said they found and defused a bomb near the market on Friday.", "defused",
     "Police Forces of the Democratic Republic of the Congo"),
    ("The FARDC said they had pushed the rebels back and retaken Kibumba.", "retaken",
     "Military Forces of the Democratic Republic of the Congo"),
    # residents are no armed side, whatever they say they did
    ("Residents said they found and buried three bodies near Sake.", "buried", None),
])
def test_speakers_the_speaker_of_a_joined_verb(nlp, text, verb, name):
    ctx = build_context(text, country_code="CD", country="Democratic Republic of the Congo")
    found = speakers.speaker_of(_verb(nlp(text), verb), ctx)
    assert (found[0].name if found else None) == name
