"""Countries: the country a text is about, when the tagger finds no place (sentences of our own)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from eventwire.extraction.countries import article_country

pytestmark = pytest.mark.slow


def _tagged(nlp, text: str, name: str, label: str):
    """``text`` with ``name`` (and nothing else) tagged as ``label``, as the small tagger may do."""
    doc = nlp(text)
    start = next(t.i for t in doc if doc[t.i:].text.startswith(name))
    end = start + len(nlp.make_doc(name))
    doc.ents = [Span(doc, start, end, label=label)] if label else []
    return doc


@pytest.mark.parametrize(("text", "name", "label", "country"), [
    # a town the tagger took for a facility, an organisation or missed votes after "in"/"near"
    ("Hundreds of teachers marched in Kakamega on Monday over unpaid wages.", "Kakamega", "FAC", "KE"),
    ("Gunmen shot dead two traders near Tizi Ouzou on Friday.", "Tizi Ouzou", "ORG", "DZ"),
    ("A crowd in Sohag burned a shop on Thursday.", "Sohag", "", "EG"),
])
def test_countries_a_town_the_tagger_missed_votes(nlp, text, name, label, country):
    assert article_country(_tagged(nlp, text, name, label)) == country


def test_countries_a_name_cut_short_does_not_vote(nlp):
    # "Bir" alone is another country's town: the name goes on past the hyphenated particle
    doc = _tagged(nlp, "Militants stopped a car near Bir al-Abd on Thursday.", "Bir", "")
    assert article_country(doc) is None


def test_countries_a_town_told_before_its_police_votes(nlp):
    # "Lusaka police" tagged as an organisation: the town's police, so the town votes
    text = "A crowd in Kanyama beat a suspected thief to death on Sunday, Lusaka police said."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Lusaka")
    doc.ents = [Span(doc, 2, 3, label="GPE"), Span(doc, start, start + 1, label="ORG")]
    assert article_country(doc) == "ZM"
