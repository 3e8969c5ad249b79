"""Harmed: who an act killed or wounded, and whether a blast hit civilians (sentences of our own)."""

from __future__ import annotations

import pytest

from eventwire.extraction.actors import ActorContext
from eventwire.extraction.harmed import civilians_hit, victims

from ..conftest import find_token

pytestmark = pytest.mark.slow

CTX = ActorContext(country_code="SD", country="Sudan")


def test_harmed_victims_of_the_participle(bare_nlp):
    doc = bare_nlp("RSF fighters attacked a checkpoint near Bara on Monday, killing four army soldiers.")
    hit = victims(find_token(doc, "attacked"), CTX)
    assert hit is not None and hit[0] is not None and hit[0].name == "Military Forces of Sudan"


def test_harmed_no_victims_without_a_harming_participle(bare_nlp):
    doc = bare_nlp("RSF fighters attacked a checkpoint near Bara on Monday, taking four army trucks.")
    assert victims(find_token(doc, "attacked"), CTX) is None


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("A bomb exploded at the bus station in Kosti, wounding several passengers.", "exploded", True),
    ("Shells hit a market in the town's east on Sunday.", "hit", True),
    ("Shells hit an army barracks in the town's east on Sunday.", "hit", False),
])
def test_harmed_civilians_hit_by_a_blast(bare_nlp, sentence, word, expected):
    assert civilians_hit(find_token(bare_nlp(sentence), word)) is expected
