"""Publication dates from metadata values and from the top of hand-written articles."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest.pubdate import (
    dateline_span,
    find_publication_date,
    parse_meta_date,
    split_header,
    title_date,
)

D = dt.date


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-02-24T05:30:00+02:00", D(2022, 2, 24)),
    ("2022-02-24", D(2022, 2, 24)),
    ("2022/02/24", D(2022, 2, 24)),
    ("20220224", D(2022, 2, 24)),
    ("Thu, 24 Feb 2022 05:30:00 GMT", D(2022, 2, 24)),
    ("24 February 2022", D(2022, 2, 24)),
    ("February 24, 2022", D(2022, 2, 24)),
    ("Sept. 3rd, 2019", D(2019, 9, 3)),
    ("31/01/2020", D(2020, 1, 31)),
    ("2022", None),
    ("February 2022", None),
    ("2022-02-30", None),
    ("04/05/2020", None),  # day-first or month-first: ambiguous
    ("", None),
    ("soon", None),
])
def test_pubdate_parse_meta_date(value: str, expected: dt.date | None) -> None:
    assert parse_meta_date(value) == expected


def test_pubdate_split_header_keeps_body_on_same_line() -> None:
    day, rest = split_header(" date 2023-04-16 KHARTOUM, Sudan — Heavy gunfire was heard.")
    assert day == D(2023, 4, 16)
    assert rest == "KHARTOUM, Sudan — Heavy gunfire was heard."


@pytest.mark.parametrize(("text", "expected"), [
    # header line
    (" date 2023-04-16 KHARTOUM, Sudan — Heavy gunfire was heard near the airport.",
     (D(2023, 4, 16), "header", None)),
    # byline: a date alone on a line under the author's name
    ("Army and militia clash in the capital\n\nSara Ahmed\n16 April 2023\n\nHeavy gunfire was heard.",
     (D(2023, 4, 16), "byline", 2023)),
    ("Fighting spreads\n\nPublished: April 16, 2023 10:15 GMT\n\nHeavy gunfire was heard.",
     (D(2023, 4, 16), "byline", 2023)),
    # a broadcast's or a release's stamp says when it went out, as "Published:" does
    ("Evening news (transcript)\nBroadcast: Tuesday 14 April 2026, 19:00 GMT\n\nShelling hit the town.",
     (D(2026, 4, 14), "byline", 2026)),
    ("Statement\nIssued 3 May 2026\n\nTroops repelled an attack.", (D(2026, 5, 3), "byline", 2026)),
    # datelines with a year
    ("KHARTOUM, Sudan (April 16, 2023) — Heavy gunfire was heard near the airport.",
     (D(2023, 4, 16), "dateline", 2023)),
    ("ADEN, Yemen, 3 March 2019 (Reuters) - Separatist fighters took the port.",
     (D(2019, 3, 3), "dateline", 2019)),
    # datelines without a year take it from a release number or another full date
    ("Joint Task Force\n2014-06-PA-031\n\nMOSUL, Iraq (June 10) - Militants overran army posts.",
     (D(2014, 6, 10), "dateline", 2014)),
    ("MOSUL, Iraq (June 12) - Militants held the city.\n\nThis updates the statement of (June 10, 2014).",
     (D(2014, 6, 12), "dateline", 2014)),
    # a December dateline in a release numbered in January belongs to the year before
    ("2016-01-PA-002\n\nALEPPO, Syria (Dec. 30) - Shelling resumed in the east of the city.",
     (D(2015, 12, 30), "dateline", 2015)),
    ("DONETSK, Aug 7 - Shelling hit the city centre overnight.\n\n2014-08-UA-017 is the release.",
     (D(2014, 8, 7), "dateline", 2014)),
    # no year anywhere: no date and no hint
    ("MOSUL, Iraq (June 10) - Militants overran army posts.", (None, None, None)),
    # a copyright footer is never a date nor a year hint
    ("MOSUL, Iraq (June 10) - Militants overran army posts.\n\n© 2014 Example Wire. All rights reserved.",
     (None, None, None)),
    ("Copyright 2019 Example Wire\nMOGADISHU, Somalia (AP) — A car bomb exploded near a hotel.",
     (None, None, None)),
    # a parenthesised date inside a sentence is not a dateline
    ("Officials said on Monday (March 3) that troops withdrew.\n\nRelease 2014-03-PA-001.",
     (None, None, 2014)),
    # plain prose: nothing
    ("Troops withdrew from the town on March 3 after a week of fighting.", (None, None, None)),
])
def test_pubdate_find_publication_date(text: str, expected: tuple) -> None:
    assert find_publication_date(text) == expected


def test_pubdate_find_publication_date_uses_callers_year_hint() -> None:
    text = "GAO, Mali (Nov. 2) — Gunmen attacked a convoy near the town."
    assert find_publication_date(text, year_hint=2017) == (D(2017, 11, 2), "dateline", 2017)


@pytest.mark.parametrize(("text", "span_text"), [
    ("MOGADISHU, Somalia (AP) — A car bomb exploded near a hotel.", "MOGADISHU, Somalia (AP) — "),
    ("KHARTOUM, Sudan (April 16, 2023) — Heavy gunfire.", "KHARTOUM, Sudan (April 16, 2023) — "),
    ("Headline here\n\nKYIV, Feb 24 (Reuters) - Explosions were heard.", "KYIV, Feb 24 (Reuters) - "),
    ("Mogadishu, Somalia (Dec. 9) - A patrol was attacked.", "Mogadishu, Somalia (Dec. 9) - "),
    # an outlet of any name in brackets, and a capital with an accent: still a dateline
    ("Headline\n\nGAROWE (Coast Desk) — Troops retook a village.", "GAROWE (Coast Desk) — "),
    ("BOGOTÁ (Andes Wire) - Two soldiers were seized.", "BOGOTÁ (Andes Wire) - "),
    # a press release's place-and-date line of its own
    ("STATEMENT No 12/2025\nMopti, March 4, 2025\n\nTroops repelled an attack.", "Mopti, March 4, 2025"),
    ("The army (Second Division) said it withdrew.", None),
    ("Troops withdrew from the town on March 3.", None),
    ("The army said on Monday (March 3) that it withdrew.", None),
    # a page's stamp is no "Place:" dateline; the dateline under it is
    ("Headline\n\nPublished: 24 February 2025\n\nCHATTOGRAM - Troops exchanged fire.", "CHATTOGRAM - "),
    ("Updated: 3 May 2025\nGao: fighting resumed.", "Gao: "),
])
def test_pubdate_dateline_span(text: str, span_text: str | None) -> None:
    span = dateline_span(text)
    assert (text[span[0]:span[1]] if span else None) == span_text


@pytest.mark.parametrize(("title", "year", "expected"), [
    ("Evening update, March 4, 2022: shelling across Kharkiv", None, dt.date(2022, 3, 4)),
    ("Live: 12 January 2024 — strikes on Hodeidah", None, dt.date(2024, 1, 12)),
    ("Oct. 9: Army says it retook two villages near Goma", 2023, dt.date(2023, 10, 9)),
    ("Oct. 9: Army says it retook two villages near Goma", None, None),
    ("Ceasefire talks resume in Jeddah", 2023, None),
])
def test_pubdate_title_date(title: str, year: int | None, expected: dt.date | None) -> None:
    assert title_date(title, year=year) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("MINISTRY OF DEFENCE\n\nPRESS RELEASE No. 7\n\nOuagadougou, 3 July 2024\n\nThe ministry informs the public.",
     dt.date(2024, 7, 3)),
    ("Kyiv, March 5, 2024\n\nThe general staff reported overnight strikes.", dt.date(2024, 3, 5)),
    ("Moreover, 3 July 2024 was the day the talks failed.", None),  # a sentence, not a place-date line
    ("Ouagadougou, 3 July\n\nThe ministry informs the public.", None),  # no year: no date
])
def test_pubdate_press_release_place_and_date_line(text: str, expected: dt.date | None) -> None:
    assert find_publication_date(text)[0] == expected


@pytest.mark.parametrize(("top", "expected"), [
    ("By a correspondent in Goma | 4 February 2026", dt.date(2026, 2, 4)),
    ("By our staff — March 9, 2025", dt.date(2025, 3, 9)),
    ("Lakeside Herald – 12 July 2024, 08:30", dt.date(2024, 7, 12)),
    ("Harbour Desk · 2023-11-30", dt.date(2023, 11, 30)),
    # the writer and the outlet, then the date, each part after a separator
    ("By Amina Tchad | Sahel Morning Post | 6 March 2026", dt.date(2026, 3, 6)),
    ("Staff reporter · Lakeside Herald · 2024-07-12", dt.date(2024, 7, 12)),
    # a long phrase before the date is a sentence or a headline, not a byline
    ("Fighting resumed around the northern city and several villages on the road — 3 May 2024", None),
])
def test_pubdate_byline_with_a_name_before_the_date(top: str, expected: dt.date | None) -> None:
    text = f"Militia and army trade fire in the hills\n{top}\n\nKABALE — Soldiers clashed with militiamen on Sunday."
    assert find_publication_date(text)[0] == expected


def test_pubdate_byline_under_a_headline_is_found_in_the_text_as_it_came() -> None:
    """Cleaning joins a headline and the date line under it into one paragraph; the date line is
    read from the lines as they came."""
    from eventwire.ingest.text import parse_text

    raw = "Traders close shops in protest at new levy\ndate: 2025-08-19\n\nSHOPKEEPERS in the old town shut their doors."
    article = parse_text(raw, file="levy.txt")
    assert (article.published, article.published_origin) == (dt.date(2025, 8, 19), "byline")
