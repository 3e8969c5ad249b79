"""Roles: actor1 and actor2 of whole sentences of our own, through extraction and the merge."""

from __future__ import annotations

import pytest

from eventwire.extraction.extract import extract
from eventwire.ingest import parse_text
from eventwire.linking.link import consolidate

pytestmark = pytest.mark.slow


def events_of(nlp, text: str, published: str = "2024-03-12"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return consolidate(extract(nlp(article.text), article))


def of_type(nlp, text: str, sub: str):
    found = [m for m in events_of(nlp, text) if m.sub_event_type == sub]
    assert found, events_of(nlp, text)
    return found[0]


@pytest.mark.parametrize(("text", "sub", "crowd"), [
    ("Several hundred midwives walked through the streets of Eldoret on Monday, demanding their unpaid wages.",
     "Peaceful protest", "Protesters (Kenya)"),
    ("Traders in Eldoret beat to death a man they accused of stealing a phone on Monday.",
     "Mob violence", "Rioters (Kenya)"),
])
def test_roles_a_crowd_is_coded_by_what_it_does_whoever_its_people_are(nlp, text, sub, crowd):
    assert of_type(nlp, text, sub).actor1 == crowd
