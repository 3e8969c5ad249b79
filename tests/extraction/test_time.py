"""Timing: which date expression of a sentence belongs to which event word."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import taxonomy as tx
from eventwire.extraction.time import date_for, reported_date, time_refs
from eventwire.ingest import parse_text

from ..conftest import find_token

pytestmark = pytest.mark.slow


def _refs(nlp, text: str, published: str):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    doc = nlp(article.text)
    return doc, time_refs(doc, article, list(doc.sents))


@pytest.mark.parametrize(("text", "word", "expected"), [
    # the event's own date
    ("Gunmen attacked a market in Maiduguri on Tuesday, police said on Wednesday.", "attacked",
     dt.date(2024, 5, 14)),
    # the report's day is not the event's
    ("Police said on Wednesday that gunmen attacked a market in Maiduguri.", "attacked", None),
    # a date inside a relative clause on the object belongs to that clause
    ("Troops recaptured the bridge, which rebels had held since 2019, on Monday.", "recaptured",
     dt.date(2024, 5, 13)),
    # the day told on the verb joined to the event's own: "killed ... and wounded ... on Tuesday"
    (("A drone strike on a market in Kutum killed nine people and wounded 20 late on Tuesday, "
     "medics said on Wednesday."), "strike", dt.date(2024, 5, 14)),
    # a date told before a source given after the news is the event's
    (("Fighting between the army and the rebels went on around Kutum, north of El Fasher, on Tuesday, "
     "residents there said."), "Fighting", dt.date(2024, 5, 14)),
])
def test_time_date_for_the_event_word(nlp, text: str, word: str, expected: dt.date | None) -> None:
    doc, refs = _refs(nlp, text, "2024-05-16")
    assert date_for(find_token(doc, word), 0, refs).start == expected


def test_time_event_told_in_a_dated_statement_takes_its_day(nlp) -> None:
    doc, refs = _refs(nlp, "The army said on Friday that its soldiers had recaptured the palace.", "2025-03-22")
    assert reported_date(find_token(doc, "recaptured"), 0, refs).start == dt.date(2025, 3, 21)
    # a comment on an event told before is not dated by the comment
    doc, refs = _refs(nlp, "A spokesman said on Monday that the strikes were lawful.", "2022-01-18")
    assert not reported_date(find_token(doc, "strikes"), 0, refs).known


@pytest.mark.parametrize("cue", ["Hours later", "The same afternoon", "Later that day"])
def test_time_an_event_dated_by_the_one_told_before_takes_its_date(nlp, cue: str) -> None:
    from eventwire.extraction.extract import extract

    text = (f"Gunmen attacked a bank in Kisumu on Monday. {cue}, hundreds of traders protested "
            "in Nakuru against the insecurity.")
    article = parse_text(f" date 2024-05-16\n{text}", file="t.txt")
    mentions = extract(nlp(article.text), article)
    protest = next(m for m in mentions if m.event_type == tx.PROTESTS)
    assert protest.dates.start == dt.date(2024, 5, 13)


def test_time_fighting_reported_on_a_day_is_dated_by_that_day(nlp) -> None:
    doc, refs = _refs(nlp, "Heavy fighting was reported around the town of Kobo on 3 and 4 March.", "2024-03-09")
    day = date_for(find_token(doc, "fighting"), 0, refs)
    assert (day.start, day.end) == (dt.date(2024, 3, 3), dt.date(2024, 3, 4))


def test_time_the_victims_clause_dates_an_event_without_a_date(nlp) -> None:
    doc, refs = _refs(nlp, "Gunmen seized three teachers who were driving to the school near Kagoro on Tuesday.",
                      "2024-05-16")
    assert date_for(find_token(doc, "seized"), 0, refs).start == dt.date(2024, 5, 14)
    doc, refs = _refs(nlp, "Troops retook the bridge, which the rebels had held since 2021.", "2024-05-16")
    assert not date_for(find_token(doc, "retook"), 0, refs).known


def test_time_the_same_night_reaches_past_the_details_between(nlp) -> None:
    from eventwire.extraction.extract import extract

    text = ("Drones struck a market in Kharkiv on Monday, killing three people. Rescuers searched the rubble "
            "for hours. Many shops were destroyed. Officials said power was cut. In Izium, a missile hit a "
            "depot during the same attack, killing a guard.")
    article = parse_text(f" date 2024-05-16\n{text}", file="t.txt")
    mentions = extract(nlp(article.text), article)
    izium = [m for m in mentions if m.place is not None and m.place.name == "Izium"]
    assert izium and all(m.dates.start == dt.date(2024, 5, 13) for m in izium)


def test_time_a_clause_below_the_event_word_dates_it(nlp) -> None:
    doc, refs = _refs(nlp, "Gunmen killed a lawyer as he left the court in Multan on Tuesday.", "2024-05-16")
    assert date_for(find_token(doc, "killed"), 0, refs).start == dt.date(2024, 5, 14)


@pytest.mark.parametrize(("text", "word", "expected"), [
    # the day hangs on the marchers, not on the act: still the act's day
    (("Riot police fired rubber bullets at nurses marching to the governor's office in Bukavu on Thursday, "
      "arresting nine."), "arresting", dt.date(2024, 5, 16)),
    # the day hangs on the object's participle ("a lorry carrying ... on Monday")
    ("A landmine wrecked a lorry carrying maize near Kadugli on Monday, killing the driver.", "killing",
     dt.date(2024, 5, 13)),
])
def test_time_the_one_day_of_the_sentence_dates_its_event(nlp, text: str, word: str, expected: dt.date) -> None:
    from eventwire.extraction.time import date_of

    doc, refs = _refs(nlp, text, "2024-05-17")
    sent = next(iter(doc.sents))
    dates, rule = date_of(find_token(doc, word), tx.ATTACK, sent, 0, refs, [])
    assert dates.start == expected, rule


def test_time_the_one_day_rule_leaves_a_reporting_day_and_two_dates_alone(nlp) -> None:
    from eventwire.extraction.time import sentence_day

    doc, refs = _refs(nlp, "Gunmen killed a trader near Kaduna, his brother told reporters on Monday.", "2024-05-17")
    assert not sentence_day(0, refs, next(iter(doc.sents))).known
    doc, refs = _refs(nlp, "Rebels freed on Monday by a court attacked a checkpoint near Goma on Wednesday.",
                      "2024-05-17")
    assert not sentence_day(0, refs, next(iter(doc.sents))).known
    doc, refs = _refs(nlp, "Troops shot down a drone over Bunia on Monday, two days after rebels shelled the "
                           "airport.", "2024-05-17")
    assert not sentence_day(0, refs, next(iter(doc.sents))).known


def test_time_the_previous_day_counts_from_the_event_day_told_before(nlp) -> None:
    text = ("Rebels shelled the market of Rutshuru on Tuesday, the army said on Thursday. The next day, "
            "troops retook the hill above the town. The previous day, a patrol had come under fire near Kiwanja.")
    _, refs = _refs(nlp, text, "2024-05-17")
    days = {r.expr.text.lower(): r.expr.span.start for r in refs}
    assert days["the next day"] == dt.date(2024, 5, 15)  # from Tuesday, not from the statement's Thursday
    assert days["the previous day"] == dt.date(2024, 5, 14)  # from the next day just told


def test_time_the_day_of_the_operation_a_capture_was_confirmed_during(nlp) -> None:
    # "confirmed" is a statement, but "during an operation ... Nov 25" is the capture's day
    doc, refs = _refs(nlp, "The coalition confirmed the capture of a Taliban commander during an operation "
                           "in Kunduz province Nov 25.", "2010-11-28")
    assert date_for(find_token(doc, "capture"), 0, refs).start == dt.date(2010, 11, 25)


def test_time_the_day_of_an_act_told_beside_the_statement(nlp) -> None:
    # "today" is the statement's; "Sunday" dates the seizure told with the arrest, the same operation
    doc, refs = _refs(nlp, "Afghan forces confirmed today the arrest of a Taliban bomb maker and seized "
                           "40 kilograms of explosives in Kandahar province Sunday.", "2012-11-20")
    assert date_for(find_token(doc, "arrest"), 0, refs).start == dt.date(2012, 11, 18)


def _mentions(nlp, text: str, published: str, sub: str):
    from eventwire.extraction.extract import extract

    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return [m for m in extract(nlp(article.text), article) if m.sub_event_type == sub]


def test_time_a_report_that_points_back_takes_the_day_of_the_operation(nlp) -> None:
    text = ("KABUL, Afghanistan (June 12, 2012)\n\n"
            "In Chak district, Wardak province, a combined security force conducted an operation to find "
            "a Taliban leader today. The leader moves weapons for the group across the province. During the "
            "operation, the force saw several armed insurgents in a field. After checking that no civilians "
            "were in the area, the security force engaged the insurgents with an air strike.")
    strikes = _mentions(nlp, text, "2012-06-12", tx.AIR_STRIKE)
    assert strikes and strikes[0].dates.start == dt.date(2012, 6, 12), strikes


def test_time_an_undated_arrest_takes_the_day_its_story_told(nlp) -> None:
    # the day is told in the lede; four sentences on, the arrest names none and points back to nothing
    text = ("KABUL, Afghanistan (May 3, 2011)\n\n"
            "A combined force targeted a Taliban weapons dealer in Nahr-e Saraj district, Helmand province, today. "
            "The dealer buys rifles across the border. He sells them to fighters in three districts. Tips from "
            "farmers led the force to a walled compound. Several suspected insurgents were detained.")
    arrests = _mentions(nlp, text, "2011-05-03", tx.ARRESTS)
    assert arrests and arrests[0].dates.start == dt.date(2011, 5, 3), arrests


def test_time_the_next_day_counts_from_a_day_told_four_sentences_before(nlp):
    """"The next day" says outright that it counts from the last day told, however many lines
    of detail lie between."""
    from eventwire.extraction.extract import extract
    from eventwire.ingest import parse_text
    from eventwire.linking.link import consolidate

    text = ("Rebels attacked an army post outside Bria on Sunday, military sources said. "
            "Two soldiers were wounded, an officer told reporters. "
            "He said the attackers came on motorbikes. "
            "The post guards the road to Ndele. "
            "The next day, soldiers shot dead three men they accused of guiding the rebels in Bria, residents said.")
    article = parse_text(f" date 2026-07-08\n{text}", file="t.txt")
    attack = next(m for m in consolidate(extract(nlp(article.text), article)) if m.sub_event_type == "Attack")
    assert (attack.dates.start, attack.dates.end) == (dt.date(2026, 7, 6), dt.date(2026, 7, 6))


def test_time_a_date_of_history_told_between_two_reports_is_not_lent(nlp):
    from eventwire.extraction.extract import extract

    text = ("Police fired tear gas at hundreds of teachers marching in Harare on Saturday, union leaders said.\n\n"
            "The dispute began with a strike over unpaid allowances in March 2024.\n\n"
            "Some marchers threw stones at police lines and burned tyres across the road.")
    article = parse_text(f" date 2026-03-16\n{text}", file="t.txt")
    riots = [m for m in extract(nlp(article.text), article) if m.sub_event_type == tx.VIOLENT_DEMONSTRATION]
    assert riots, riots
    assert riots[0].dates.start == dt.date(2026, 3, 14), riots[0].dates


def test_time_an_act_told_in_a_when_clause_on_a_date_is_of_that_date(nlp) -> None:
    mentions = _mentions(nlp, "On Monday jihadists attacked an army post near Bol, killing seven soldiers. The raid "
                                 "was the deadliest in the province since October 2024, when fighters attacked the "
                              "army base at Barkaram.", "2025-03-11", "Armed clash")
    dates = sorted((m.dates.start.isoformat(), m.dates.precision) for m in mentions)
    assert dates == [("2024-10-01", "month"), ("2025-03-10", "day")], dates  # the ranked raid is no third one


def test_time_a_statement_day_is_not_lent_to_the_next_sentence(nlp) -> None:
    mentions = _mentions(nlp, "Raiders attacked a kraal near Loyoro before dawn on Sunday, killing two herdsmen. "
                                 "Soldiers pursued the raiders and caught up with them later that morning, the army "
                              "spokesperson said on Monday. Four of the raiders were killed in the exchange of fire.",
                       "2025-03-11", "Armed clash")
    clash = mentions
    assert clash and all(m.dates.start.isoformat() == "2025-03-09" for m in clash), [(m.dates, m.trigger) for m in clash]
