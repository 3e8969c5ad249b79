"""Triggers: who acted and who was hit, read from the parse."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorContext
from eventwire.triggers import arguments

from .conftest import find_token

pytestmark = pytest.mark.slow
CTX = ActorContext(country_code="SD", country="Sudan")


@pytest.mark.parametrize(("sentence", "word", "agent", "patient"), [
    # a past participle after its noun: the noun was hit, it did not act
    ("The number of civilians killed in the village rose to 40.", "killed", None, "Civilians (Sudan)"),
    # a relative clause: the noun acted
    ("Gunmen who attacked the market fled on motorbikes.", "attacked", "Unidentified Armed Group (Sudan)", None),
])
def test_triggers_participles_and_relative_clauses(bare_nlp, sentence, word, agent, patient):
    trig = arguments(find_token(bare_nlp(sentence), word), CTX)
    assert (trig.agent.name if trig.agent else None) == agent
    if patient is not None:
        assert trig.patient is not None and trig.patient.name == patient
