"""``eventwire explain``: every drop reason on a sentence of our own, the JSON shape, stdin, bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.extraction.candidates import Reason
from eventwire.extraction.explain import as_json, as_text, explain, reasons
from eventwire.ingest import parse_text
from eventwire.settings import Settings

pytestmark = pytest.mark.slow

#: The rules alone (the recogniser off): the reasons of the rule steps do not hang on its weights.
RULES_ONLY = Settings(recogniser_accept=2.0, recogniser_reject=2.0)
#: The recogniser accepting every type: a sentence with no rule event gets learned candidates.
EVERY_TYPE = Settings(recogniser_accept=0.0001, recogniser_reject=0.9)
DEFAULT = Settings()

# (reason, settings, article text: paragraphs split by " || ", the trigger word dropped or None)
CASES = [
    (Reason.UNTYPED, RULES_ONLY, "Drought struck the region last year.", "struck"),
    (Reason.WEAKER_WORD, RULES_ONLY, ("Warplanes bombed the market in Sirte on Monday as fighting continued "
                                      "nearby."), "fighting"),
    (Reason.RAID_IS_THE_ARREST, RULES_ONLY, "In a raid near Baidoa, police arrested two suspects on Sunday.", "raid"),
    (Reason.LOOTING_OF_A_RIOT, RULES_ONLY, "Shops were looted during the riots in Dakar on Monday.", "looted"),
    (Reason.TOLL_OF_ANOTHER_WORD, RULES_ONLY, "Eleven people were killed in the raids on Tuesday, residents said.",
     "killed"),
    (Reason.KILLING_IN_A_CLASH, RULES_ONLY, ("Militants ambushed an army convoy near Diffa on Friday, killing nine "
                                             "soldiers."), "killing"),
    (Reason.ATTACK_TOLD_BY_ITS_KILLING, RULES_ONLY, ("Gunmen stormed a displacement camp in Ituri on Saturday, "
                                                     "killing 30 people."), "stormed"),
    (Reason.RECOGNISER_NO_EVENT, DEFAULT, "Fans stormed the pitch after the final whistle.", "stormed"),
    (Reason.NO_ANCHOR, EVERY_TYPE, "So sad.", None),
    (Reason.LEARNED_UNASSERTED, EVERY_TYPE, "Will the militants storm the town?", None),
    (Reason.QUESTION, RULES_ONLY, "Will the rebels attack Goma?", "attack"),
    (Reason.GENERIC_PRESENT, RULES_ONLY, "The coalition only attacks military targets.", "attacks"),
    (Reason.RUNNING_TOTAL, RULES_ONLY, "The insurgency has seized vast areas of the north.", "seized"),
    (Reason.ONGOING, RULES_ONLY, ("The gang has been fighting rival vigilantes for months in the hills above "
                                  "the port."), "fighting"),
    (Reason.PERIOD_TOTAL, RULES_ONLY, ("More than 900 people were killed across the country in the first half "
                                       "of the year."), "killed"),
    (Reason.NOT_FACTUAL, RULES_ONLY, "The army denied that it had shelled the hospital in Kadugli.", "shelled"),
    (Reason.BACKGROUND, RULES_ONLY, ("Families who fled fighting in the western hills arrived in the camp on "
                                     "Friday."), "fighting"),
    (Reason.TREND, RULES_ONLY, "The militia has stepped up attacks on aid convoys this year.", "attacks"),
    (Reason.WITHOUT, RULES_ONLY, "The garrison surrendered without a battle on Thursday.", "battle"),
    (Reason.INFINITIVE, RULES_ONLY, "The commander threatened to capture the border town of Kassala.", "capture"),
    (Reason.NEGATED, RULES_ONLY, "Troops did not shell the village of Marwa on Monday, the army said.", "shell"),
    (Reason.MODAL, RULES_ONLY, "Rebels could capture the provincial capital within days, a diplomat said.",
     "capture"),
    (Reason.CONDITIONAL, RULES_ONLY, "Officials asked whether the army shelled the village.", "shelled"),
    (Reason.HEDGED, RULES_ONLY, "The town has nearly fallen to the rebels.", "fallen"),
    (Reason.HABITUAL, RULES_ONLY, "Gunmen attacked the village every night last week.", "attacked"),
    (Reason.HABITUAL, RULES_ONLY, "Villagers blamed the army and the militias fighting alongside it.", "fighting"),
    (Reason.AGGREGATE, RULES_ONLY, "Hundreds of air attacks have hit the region since the coup.", "attacks"),
    (Reason.CUMULATIVE, RULES_ONLY, "The rebels have since captured large parts of the province.", "captured"),
    (Reason.CLAIM_OF_A_TOLD_EVENT, RULES_ONLY, ("A bomb exploded at a checkpoint in Quetta on Monday. || The "
                                                "Baloch Liberation Army claimed responsibility for the attack."), None),
    (Reason.TOLL_OF_THE_LAST, RULES_ONLY, ("Militants attacked a village in Borno state on Sunday. || At least "
                                           "seven people were shot dead, residents said."), "shot"),
    (Reason.TIME_REFERENCE, RULES_ONLY, "Police arrested three men in Mombasa after the attack, officials said.",
     "attack"),
    (Reason.RANKED, RULES_ONLY, ("Militants ambushed an army convoy near Diffa on Friday, killing nine soldiers. "
                                 "|| It was the deadliest attack in the region this year."), "attack"),
    (Reason.RELATIVE_RETELLING, RULES_ONLY, ("A drone struck a fuel depot in Gedaref on Wednesday. || The men who "
                                             "attacked the depot escaped, witnesses said."), "attacked"),
    (Reason.DEFINITE_RETELLING, RULES_ONLY, ("Gunmen stormed a school in Zamfara on Monday. || Analysts said "
                                             "the attack showed how far the gangs now reach."), "attack"),
    (Reason.ANSWERED, RULES_ONLY, ("Thousands of students protested in Dakar on Monday. || On Tuesday, drivers in "
                                   "Ziguinchor blocked the main road in solidarity with the protest."), "protest"),
]


def _article(text: str, name: str = "case.txt"):
    return parse_text(" date 2025-03-12\n" + text.replace(" || ", "\n\n"), file=name)


def _dropped(text: str, settings: Settings):
    [done] = list(explain([_article(text)], settings=settings))
    return [c for s in done.sentences for c in s.dropped]


@pytest.mark.parametrize(("reason", "settings", "text", "word"), CASES, ids=[c[0].name.lower() for c in CASES])
def test_explain_drop_reason(reason, settings, text, word):
    dropped = [c for c in _dropped(text, settings) if c.dropped is not None and c.dropped.reason is reason]
    assert dropped, [(c.trigger, c.dropped) for c in _dropped(text, settings)]
    assert all(c.dropped is not None and c.dropped.step == reason.step for c in dropped)
    if word is not None:
        assert word in {c.trigger for c in dropped}


def test_explain_every_reason_has_a_case():
    assert {c[0] for c in CASES} == set(Reason)
    assert [r[1] for r in reasons()] == [r.name.lower() for r in Reason]


def test_explain_coded_sentence_gives_each_argument_with_phrase_and_rule():
    text = "Rebel fighters seized the town of Bunia in Ituri province on Tuesday, a local official said."
    [done] = list(explain([_article(text)], settings=RULES_ONLY))
    [sent] = done.sentences
    [coded] = sent.coded
    assert coded.sub_event_type == "Non-state actor overtakes territory" and coded.trigger == "seized"
    evidence = {e.argument: e for e in coded.evidence}
    assert evidence["place"].value == "Bunia" and evidence["place"].phrase == "Bunia"
    assert evidence["date"].value == "2025-03-11" and evidence["date"].phrase == "Tuesday"
    assert evidence["actor1"].phrase == "Rebel fighters" and evidence["actor1"].rule
    shown = as_text(done.article, sent)
    assert "coded: Non-state actor overtakes territory from 'seized'" in shown and "place: Bunia from 'Bunia'" in shown


def test_explain_json_shape(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(" date 2025-03-12\nTroops did not shell the village of Marwa on Monday. Gunmen attacked a "
                   "police post in Garissa on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", str(src), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["sentence"] for r in rows] == [1, 2]
    assert set(rows[0]) == {"file", "article_id", "sentence", "start", "text", "recogniser", "coded", "dropped"}
    assert rows[0]["coded"] == [] and rows[0]["dropped"][0]["step"] == "assertion"
    assert rows[0]["dropped"][0]["reason"] == "negated" and rows[0]["dropped"][0]["trigger"] == "shell"
    assert {t["type"] for t in rows[0]["recogniser"]["types"]} and 0 <= rows[0]["recogniser"]["none"] <= 1
    [attack] = rows[1]["coded"]
    assert set(attack["arguments"]) == {"actor1", "actor2", "place", "date", "fatalities"}
    assert attack["arguments"]["place"] == {"value": "Garissa", "phrase": "Garissa",
                                            "rule": "the nearest place of the trigger's clause"}


def test_explain_reads_stdin_and_prints_text():
    line = json.dumps({"text": "Police arrested three men in Mombasa after the attack, officials said.",
                       "published": "2025-02-03"})
    result = CliRunner().invoke(cli, ["explain", "-"], input=line + "\n")
    assert result.exit_code == 0, result.output
    assert "coded: Arrests" in result.stdout
    assert "at retelling: time_reference" in result.stdout


def test_explain_bad_file_is_one_line_and_the_others_go_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(" date 2025-03-12\nThe coalition only attacks military targets.\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", str(good), str(tmp_path / "broken.json")])
    assert result.exit_code == 0, result.output
    assert "broken.json" in result.stderr and "Traceback" not in result.output
    assert "generic_present" in result.stdout


def test_explain_nothing_readable_exits_1(tmp_path):
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "eventwire: error: no input could be read"
    assert "Traceback" not in result.output


def test_explain_without_input_is_a_usage_error():
    result = CliRunner().invoke(cli, ["explain"])
    assert result.exit_code == 2 and "INPUT" in result.output


def test_explain_json_of_a_sentence_with_no_event_word():
    article = _article("The weather was fine.")
    [done] = list(explain([article], settings=RULES_ONLY))
    row = as_json(done.article, done.sentences[0])
    assert row["coded"] == [] and row["dropped"] == [] and row["recogniser"] is None


def test_explain_codes_what_extract_codes(nlp):
    from eventwire.extraction.extract import extract

    text = ("Militants attacked a village in Borno state on Sunday. At least seven people were shot dead, "
            "residents said. Others were in Yobe. Police arrested three men in Maiduguri after the attack.")
    article = _article(text)
    [done] = list(explain([article], settings=DEFAULT))
    explained = sorted((c.record.mention_id, c.record.fatalities, c.record.place.name if c.record.place else None)
                       for s in done.sentences for c in s.coded)
    coded = sorted((m.mention_id, m.fatalities, m.place.name if m.place else None)
                   for m in extract(nlp(article.text), article))
    assert explained == coded and len(coded) >= 2


def test_explain_an_event_in_a_since_clause_is_a_point_in_time():
    text = "Attacks on the valley have grown more frequent since the army sent troops into the district in 2019."
    dropped = [c for c in _dropped(text, RULES_ONLY) if c.dropped is not None
               and c.dropped.reason is Reason.TIME_REFERENCE]
    assert [c.trigger for c in dropped] == ["sent"], [(c.trigger, c.dropped) for c in _dropped(text, RULES_ONLY)]
