"""Sides: the two sides of acts told between two, and the doer a speaker blames (sentences of our own)."""

from __future__ import annotations

import pytest

from eventwire.extraction.actors import ActorContext
from eventwire.extraction.sides import blamed, pair, taken_from, transfer, under_fire

from ..conftest import find_token

pytestmark = pytest.mark.slow
CTX = ActorContext(country_code="SD", country="Sudan")


def names(found):
    return tuple(side[0].name if side else None for side in found)


@pytest.mark.parametrize(("sentence", "word", "first", "second"), [
    ("Fighting between army troops and RSF fighters near Kosti left nine dead on Monday.", "Fighting",
     "Military Forces of Sudan", "Rapid Support Forces"),
    ("Clashes broke out on Sunday between RSF fighters and army soldiers in Bara.", "Clashes",
     "Rapid Support Forces", "Military Forces of Sudan"),
    ("Army soldiers and RSF fighters clashed near Bara on Sunday.", "clashed",
     "Military Forces of Sudan", "Rapid Support Forces"),
    ("The RSF and the army signed a truce in Jeddah on Friday.", "signed",
     "Rapid Support Forces", "Military Forces of Sudan"),
    # a "between" the parse hung on the place, not on the event word
    ("Heavy gunfire broke out in Omdurman between army soldiers and RSF fighters, killing four people.", "killing",
     "Military Forces of Sudan", "Rapid Support Forces"),
    # the parse joined the second side to the name after "from"
    ("Fighters from Kutum and an RSF unit exchanged fire near Kabkabiya this morning.", "exchanged",
     "Unidentified Armed Group (Sudan)", "Rapid Support Forces"),
    # the event word is the participle after the exchange: the exchange's sides
    ("RSF fighters and army soldiers exchanged fire near Bara overnight, killing three.", "killing",
     "Rapid Support Forces", "Military Forces of Sudan"),
    # a state force named before a shared noun is the force itself ("army", not "army fighters")
    ("Army and RSF fighters fight for hours near Bara; 5 soldiers killed", "fight",
     "Military Forces of Sudan", "Rapid Support Forces"),
    # a fight that pitted one side against another
    ("Fierce clashes pitted RSF fighters against army soldiers near Bara on Monday.", "clashes",
     "Rapid Support Forces", "Military Forces of Sudan"),
    # a headline whose verb the tagger takes for a noun
    ("RSF and government sign truce in Jeddah", "truce", "Rapid Support Forces", "Government of Sudan"),
])
def test_sides_two_told_together_first_named_first(bare_nlp, sentence, word, first, second):
    found = pair(find_token(bare_nlp(sentence), word), CTX)
    assert found is not None and names(found) == (first, second)


def test_sides_one_side_alone_is_no_pair(bare_nlp):
    assert pair(find_token(bare_nlp("Army soldiers clashed with nobody near Bara."), "clashed"), CTX) is None


@pytest.mark.parametrize(("sentence", "taker", "leaver"), [
    # who takes the place over is actor1, who gives it up actor2
    ("RSF fighters withdrew from Bara on Monday, and army soldiers moved into the town.",
     "Military Forces of Sudan", "Rapid Support Forces"),
    ("RSF fighters handed the Bara garrison to army soldiers on Monday.",
     "Military Forces of Sudan", "Rapid Support Forces"),
    ("Army soldiers took over the base at Bara after the withdrawal of the RSF.",
     "Military Forces of Sudan", "Rapid Support Forces"),
    # the "to" hung on what was given
    ("RSF fighters handed over the Bara garrison to army soldiers on Monday.",
     "Military Forces of Sudan", "Rapid Support Forces"),
])
def test_sides_a_hand_over(bare_nlp, sentence, taker, leaver):
    doc = bare_nlp(sentence)
    assert names(transfer(doc[:], CTX)) == (taker, leaver)


def test_sides_the_side_a_place_was_taken_from(bare_nlp):
    doc = bare_nlp("Army soldiers recaptured the town of Bara from RSF fighters on Monday.")
    lost = taken_from(find_token(doc, "recaptured"), CTX)
    assert lost is not None and lost[0].name == "Rapid Support Forces"


@pytest.mark.parametrize(("sentence", "doer"), [
    ("Shells hit a market in Kosti on Friday, killing six people, and residents blamed the RSF.",
     "Rapid Support Forces"),
    ("Doctors accused the army of dropping gas bombs on a village near Golo.", "Military Forces of Sudan"),
    ("Shells hit a market in Kosti on Friday, killing six people, officials said, blaming RSF fighters.",
     "Rapid Support Forces"),
    # what is attributed is the act; whom it is attributed to is the doer
    ("A drone strike attributed to the RSF hit a fuel depot in Kosti on Friday.", "Rapid Support Forces"),
])
def test_sides_the_doer_a_speaker_blames(bare_nlp, sentence, doer):
    found = blamed(bare_nlp(sentence)[:], CTX)
    assert found is not None and found[0].name == doer


def test_sides_no_blame_when_denied_or_no_one(bare_nlp):
    assert blamed(bare_nlp("Residents did not blame the RSF for the fire in Kosti.")[:], CTX) is None
    assert blamed(bare_nlp("The army held talks with elders in Kosti.")[:], CTX) is None
    assert blamed(bare_nlp("Officials attributed the RSF's losses to the heavy rains in Kosti.")[:], CTX) is None


def test_sides_allies_that_met_a_third_side_are_no_pair(bare_nlp):
    doc = bare_nlp("Army soldiers and police engaged RSF fighters near Bara on Sunday.")
    assert pair(find_token(doc, "engaged"), CTX) is None


def test_sides_who_fired_on_a_side_that_came_under_fire(bare_nlp):
    doc = bare_nlp("An army patrol came under fire from RSF fighters near Bara on Monday.")
    shooter, hit = under_fire(doc[:], CTX)
    assert shooter is not None and shooter[0].name == "Rapid Support Forces"
    assert hit is not None and hit[0].name == "Military Forces of Sudan"
    assert under_fire(bare_nlp("The town came under RSF control on Monday.")[:], CTX) == (None, None)


@pytest.mark.parametrize(("sentence", "word"), [
    ("RSF fighters took control of Bara on Monday after driving out army soldiers.", "took"),
    ("RSF fighters took control of Bara on Monday after army soldiers abandoned their positions.", "took"),
    ("RSF fighters seized Bara on Monday after heavy fighting with army soldiers.", "seized"),
])
def test_sides_the_side_driven_out(bare_nlp, sentence, word):
    lost = taken_from(find_token(bare_nlp(sentence), word), CTX)
    assert lost is not None and lost[0].name == "Military Forces of Sudan"


def test_sides_a_second_side_told_by_what_it_is_part_of(bare_nlp):
    doc = bare_nlp("The army and a faction of the RSF signed a truce in Jeddah on Friday.")
    found = pair(find_token(doc, "signed"), CTX)
    assert found is not None and names(found) == ("Military Forces of Sudan", "Rapid Support Forces")


@pytest.mark.parametrize(("sentence", "word"), [
    ("Army soldiers regained control of Bara on Monday, a town previously held by RSF fighters.", "regained"),
    ("Army soldiers cleared the village of RSF fighters on Monday.", "cleared"),
])
def test_sides_who_held_the_place_before(bare_nlp, sentence, word):
    lost = taken_from(find_token(bare_nlp(sentence), word), CTX)
    assert lost is not None and lost[0].name == "Rapid Support Forces"


def test_sides_two_subjects_of_a_mutual_verb_are_its_two_sides(bare_nlp):
    # a parse that makes both sides subjects of the verb, with no "and" joining them
    sentence = "Three SPLM-N factions and the army signed a ceasefire in Kadugli on Monday."
    found = pair(find_token(bare_nlp(sentence), "signed"), CTX)
    assert found is not None and names(found) == ("SPLM-North (al-Hilu)", "Military Forces of Sudan")


def test_sides_generic_words_do_not_make_both_sides_the_main_group(bare_nlp):
    # "fighters" alone would be the article's main group, which is the other side already
    ctx = ActorContext(country_code="SD", country="Sudan", main_group="Rapid Support Forces")
    sentence = "Fighters from Kutum and an RSF unit exchanged fire near Kabkabiya this morning."
    found = pair(find_token(bare_nlp(sentence), "exchanged"), ctx)
    assert found is not None and names(found) == ("Unidentified Armed Group (Sudan)", "Rapid Support Forces"), found


def test_sides_two_names_the_parse_made_objects_of_one_of(bare_nlp):
    # a parse seen in the wild, built by hand so that it does not depend on the model's mood:
    # "Fighters of [the RSF] and [Islamist factions] traded fire", both names objects of "of"
    from spacy.tokens import Doc

    words = ["Fighters", "of", "the", "RSF", "and", "Islamist", "factions", "traded", "fire", "."]
    heads = [7, 0, 3, 1, 3, 6, 1, 7, 7, 7]
    deps = ["nsubj", "prep", "det", "pobj", "cc", "amod", "pobj", "ROOT", "dobj", "punct"]
    pos = ["NOUN", "ADP", "DET", "PROPN", "CCONJ", "ADJ", "NOUN", "VERB", "NOUN", "PUNCT"]
    lemmas = ["fighter", "of", "the", "RSF", "and", "islamist", "faction", "trade", "fire", "."]
    doc = Doc(bare_nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * 9)
    found = pair(doc[7], CTX)
    assert found is not None and names(found) == ("Rapid Support Forces", "Unidentified Armed Group (Sudan)"), found


@pytest.mark.parametrize(("sentence", "word", "first", "second"), [
    # people exchanged or freed between two sides do not make the pair allies against a third
    ("The army and the RSF exchanged 30 prisoners near Kosti on Sunday.", "exchanged",
     "Military Forces of Sudan", "Rapid Support Forces"),
    ("The army and the RSF each released 20 detainees in Kosti on Sunday.", "released",
     "Military Forces of Sudan", "Rapid Support Forces"),
    ("The army and the RSF handed over 20 prisoners each in Kosti on Sunday.", "handed",
     "Military Forces of Sudan", "Rapid Support Forces"),
])
def test_sides_two_that_exchange_people(bare_nlp, sentence, word, first, second):
    doc = bare_nlp(sentence)
    assert names(pair(find_token(doc, word), CTX)) == (first, second)
