"""Toll: which event of a sentence or an article a number of dead belongs to (our own sentences)."""

from __future__ import annotations

import pytest

from eventwire.extraction.extract import extract
from eventwire.ingest import parse_text

pytestmark = pytest.mark.slow


def _mentions(nlp, text: str, published: str = "2025-09-19"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return extract(nlp(article.text), article)


def test_toll_the_killing_word_takes_the_toll_of_its_sentence(nlp) -> None:
    mentions = _mentions(nlp, "Bandits stormed the village of Kwatarkwashi on Tuesday and killed seven farmers "
                              "in their fields.")
    tolls = {m.trigger: m.fatalities for m in mentions}
    assert tolls.get("killed") == 7, tolls
    assert sum(t or 0 for t in tolls.values()) == 7  # once, not once per act


def test_toll_a_passive_killing_with_no_event_of_its_own_is_the_last_reports_toll(nlp) -> None:
    text = ("On Sunday, soldiers engaged a band of insurgents trying to cross the river near Kolofata. "
            "Thanks to the swift response, five insurgents were killed.")
    mentions = _mentions(nlp, text)
    assert mentions
    assert mentions[0].fatalities == 5
    assert sum(m.fatalities or 0 for m in mentions) == 5
