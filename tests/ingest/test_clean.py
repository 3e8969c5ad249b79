"""Cleaning hand-made article text: characters, boilerplate, markdown, broken lines."""

from __future__ import annotations

import pytest

from eventwire.ingest.clean import (
    clean_text,
    is_boilerplate,
    join_broken_lines,
    markdown_to_plain,
    normalise_text,
    strip_boilerplate_lines,
)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Shelling hit\u2028the market.", "Shelling hit\nthe market."),
    ("First part.\u2029Second part.", "First part.\nSecond part."),
    ("Line one.\r\nLine two.\rLine three.", "Line one.\nLine two.\nLine three."),
    ("Five\u00a0soldiers   were\t\twounded.  ", "Five soldiers were wounded."),
    ("Zero\u200bwidth and soft\u00adhyphen", "Zerowidth and softhyphen"),
    ("Troops &amp; police", "Troops & police"),
    ("Para one.\n\n\n\nPara two.", "Para one.\n\n\n\nPara two."),  # blank lines kept here
])
def test_clean_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("line", [
    "Share it", "Share this article", "Next Story", "Read more", "Read more: Rebels seize border town",
    "Advertisement", "ADVERTISEMENT", "Subscribe to our daily briefing",
    "Sign up for our newsletter", "We use cookies to improve your experience. Accept?",
    "Accept all cookies", "For Immediate Release", "Download PDF", "NEWS RELEASE",
    "To contact the desk, visit:", "https://example.org/contact", "www.example.org",
    "example.org/contact", "press@example.org", "**[example.org/contact](https://example.org/contact)**",
    "Follow us on Twitter", "Copyright 2020 Example Media", "© 2021 Example Wire. All rights reserved.",
    "© 2021 Example Wire", "(c) 2018 Example Media",
    "Photo: Jane Roe/Example Agency", "Image credit: Example Agency",
    "Residents inspect a damaged house in the town (Photo by John Roe/AFP)",
    "-END-", "###", "Tags: Sudan, Darfur", "3 min read",
])
def test_clean_is_boilerplate_true(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Read the statement aloud, the commander told the assembled troops.",
    "Share prices fell in Nairobi after the attack on the mall.",
    "Subscribers to the local radio station heard the warning first.",
    "Photographs shared online showed smoke over the airport.",
    "The rebels said they follow the orders of their own council.",
    "Contact with the garrison was lost on Tuesday.",
    "Home guards repelled the raid near the village.",
    "",
])
def test_clean_is_boilerplate_false(line: str) -> None:
    assert not is_boilerplate(line)


def test_clean_strip_boilerplate_lines_drops_two_line_contact_footer() -> None:
    lines = ["The ceasefire held overnight.", "", "To contact the editors and the",
             "reporting team visit:", "", "**[example.org/contact](https://example.org/contact)**"]
    assert strip_boilerplate_lines(lines) == ["The ceasefire held overnight.", "", ""]


@pytest.mark.parametrize(("line", "expected"), [
    ("See the [full report](https://example.org/r?id=3) here.", "See the full report here."),
    ("A **major** offensive began.", "A major offensive began."),
    ("A __major__ offensive began.", "A major offensive began."),
    ("An *unusual* move.", "An unusual move."),
    ("An _unusual_ move.", "An unusual move."),
    ("The file_name_here stays.", "The file_name_here stays."),
    ("Rates rose 2*3*4 times.", "Rates rose 2*3*4 times."),
    ("# Rebels take airport", "Rebels take airport"),
    ("### Aftermath ###", "Aftermath"),
    ("![a burnt truck](https://example.org/truck.jpg)", ""),
    ("> Nobody was hurt, he said.", "Nobody was hurt, he said."),
    ("- Two bridges destroyed", "Two bridges destroyed"),
    ("---", ""),
])
def test_clean_markdown_to_plain(line: str, expected: str) -> None:
    assert markdown_to_plain(line) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    # a page break inside a sentence: next paragraph starts in lower case
    (["Militia fighters entered the", "", "town before dawn."],
     ["Militia fighters entered the town before dawn."]),
    (["Militia fighters entered", "", "the town before dawn."],
     ["Militia fighters entered the town before dawn."]),
    # a paragraph cannot end on "with": joined even before a capital
    (["The army was faced with", "", "Russian armour on the road."],
     ["The army was faced with Russian armour on the road."]),
    # a hard wrap with a single line break
    (["Gunmen attacked a compound near the village of", "Bir Hasan in the north."],
     ["Gunmen attacked a compound near the village of Bir Hasan in the north."]),
    # a heading followed by a paragraph stays apart
    (["Fighting continues", "", "Clashes went on in the south."],
     ["Fighting continues", "", "Clashes went on in the south."]),
    # complete sentences stay apart
    (["The bridge was blown up.", "", "nobody claimed it."],
     ["The bridge was blown up.", "", "nobody claimed it."]),
])
def test_clean_join_broken_lines(lines: list[str], expected: list[str]) -> None:
    assert join_broken_lines(lines) == expected


def test_clean_clean_text_whole_article() -> None:
    raw = (
        "# Rebels   seize **river** port\r\n\r\n"
        "By Ana Lopez\r\n"
        "ADEN, Yemen (AP) \u2014 Separatist fighters took control of the\u2028port on Sunday, "
        "[officials said](https://example.org/x).\r\n\r\n"
        "Advertisement\r\n\r\n"
        "Two guards were killed in the\r\n\r\nclashes, a medic said.\r\n\r\n"
        "Share it\r\n"
        "\u00a9 2021 Example Wire\r\n"
    )
    assert clean_text(raw) == (
        "Rebels seize river port\n\n"
        "By Ana Lopez\n"
        "ADEN, Yemen (AP) \u2014 Separatist fighters took control of the port on Sunday, officials said.\n\n"
        "Two guards were killed in the clashes, a medic said."
    )


def test_clean_clean_text_inline_release_markers_become_breaks() -> None:
    raw = ("Task Force North 2015-02-PA-004 For Immediate Release Download PDF   "
           "GAO, Mali (Feb. 4) - A patrol.")
    assert clean_text(raw) == "Task Force North 2015-02-PA-004\n\nGAO, Mali (Feb. 4) - A patrol."


def test_clean_clean_text_keeps_news_release_mentions_in_prose() -> None:
    text = "This is an update to the news release of Feb. 4."
    assert clean_text(text) == text


@pytest.mark.parametrize("line", [
    "  Troops entered the town on Monday.  ", "1. Gunmen attacked a bus", " 12) Second item", "2024 was calm",
    "# Heading #", "> quoted", "- a bullet", "• dot bullet", "**bold** and _em_", "a [link](http://x.org)",
    "![img](a.png) caption", "<https://example.org>", "===", "[ref]: http://x.org", "plain, no marks: 5 dead",
    "\u3000wide space line\u2003", "",
])
def test_clean_markdown_quick_path_equals_full_rules(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    import re

    from eventwire.ingest import clean

    quick = clean.markdown_to_plain(line)
    monkeypatch.setattr(clean, "_MARKDOWN_CHARS", re.compile(""))  # every line takes every rule
    assert quick == clean.markdown_to_plain(line)
