"""Publication dates: from metadata values and from the top of an article's text.

Where a date may come from, in the order :func:`find_publication_date` tries them:

    header    a leading `` date YYYY-MM-DD`` line (the seeds' export format)
    byline    a line near the top that is only a date ("12 August 2021",
              "Published: Aug. 12, 2021 10:30 GMT")
    dateline  the place-and-date opening of a wire story or press release:
              "GAO, Mali (Jan. 25, 2015) -", "KYIV, March 3 (Reuters) -"

A dateline that omits the year ("(Sept. 1) -") takes the year from context: a
caller's hint (the record's own metadata), a release number such as
``2014-06-PA-031`` near the top, or a full date written elsewhere in the text.
Copyright and footer lines are never read: a "© 2021" year is not a date.
Impossible dates ("2021-02-30") and dates after tomorrow (a typo, a placeholder
such as "2999-12-31": nothing is published in the future) are ignored, so the
article falls back to the next source of a date, or to none.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "febr": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# "August 12, 2021" / "Aug. 12 2021" / "July 13. 2012"; "12 August 2021" / "12 Aug, 2021"; ISO
_MDY = (_WEEKDAY + r"(?P<mon>" + _MONTH_NAMES + r")\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        r"(?:\s*[,.]\s*|\s+)(?P<year>(?:19|20)\d\d)")
_DMY = (_WEEKDAY + r"(?P<dday>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmon>" + _MONTH_NAMES
        + r")\.?,?\s+(?P<dyear>(?:19|20)\d\d)")
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
_FULL_DATE = re.compile(rf"\b(?:{_MDY}|{_DMY}|{_ISO})\b", re.IGNORECASE)

_HEADER = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_TIME = (r"(?:\s*(?:,|at|-|–|—)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
         r"\s*(?:[A-Z]{2,4}|UTC[+-]?\d*|GMT[+-]?\d*)?)?")
#: The words of a page's or a release's stamp before its date ("Published: 24 May", "Broadcast: Tuesday 14 April").
_STAMPS = ("last updated", "first published", "published", "posted", "updated", "modified", "dated", "date",
           "released", "issued", "filed", "broadcast", "aired", "transmitted")
_BYLINE_PREFIX = rf"(?:(?:{'|'.join(_STAMPS)})(?:\s+on)?\s*:?\s*)?"
_BYLINE = re.compile(rf"^\s*{_BYLINE_PREFIX}(?:{_MDY}|{_DMY}|{_ISO}){_TIME}\s*$", re.IGNORECASE)
# A byline that names who wrote it before the date: "By a staff reporter in Aden | 3 December 2025",
# "Harbour Desk — April 15, 2026", "By Ana Ruiz | Andes Review | 10 May 2026" (the date is the
# line's last part, after a separator; the parts before it may be separated too).
_BYLINE_AFTER_NAME = re.compile(
    rf"^\s*(?P<who>[^|—–•·]{{2,70}}?(?:\s*[|•·]\s*[^|—–•·]{{2,70}}?)?)\s*(?:[|—–•·]|\s-\s)\s*{_BYLINE_PREFIX}(?:{_MDY}|{_DMY}|{_ISO}){_TIME}\s*$",
    re.IGNORECASE)
#: Words at most in the name part of such a byline that does not begin with "By".
_BYLINE_NAME_WORDS = 6
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved", re.IGNORECASE)
_RELEASE_NO = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(0[1-9]|1[0-2])-[A-Z]{1,4}\s?[-–]\s?\d{1,4}\b")

# Datelines. The place is an all-caps city ("ADEN", "DAR ES SALAAM") with an optional
# region ("Yemen", "Somalia"); a title-case place is accepted only when a date
# in parentheses follows, which ordinary sentences never have.
_CAPS = "A-ZÀ-ÖØ-Þ"  # capitals, accented ones too ("SÃO PAULO")
_CAPS_PLACE = rf"[{_CAPS}][{_CAPS}'’.\-]+(?:[ \-][{_CAPS}][{_CAPS}'’.\-]+){{0,3}}"
_TITLE_PLACE = r"[A-Z][a-z'’.\-]+(?:[ \-][A-Z][A-Za-z'’.\-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})?"
_DASH = r"\s*(?:[-–—−:]+|\s)"
# the outlet in brackets: a wire's name ("(AFP)") or any short capitalised one ("(Horn Wire)")
_AGENCY = r"(?:\s*\((?:AP|AFP|Reuters|UPI|IANS|PTI|ANI|Xinhua|dpa|DPA|Anadolu|EFE|Bernama|UNI|KUNA|WAM"
_AGENCY += r"|[A-Z][\w&'’.\-]*(?:\s+[A-Z&][\w&'’.\-]*){0,3})\))"
_D_MD = r"(?P<mon>(?i:" + _MONTH_NAMES + r"))\.?\s+(?P<day>[0-3]?\d)"
_D_DM = r"(?P<day2>[0-3]?\d)\s+(?P<mon2>(?i:" + _MONTH_NAMES + r"))\.?"
_D_YEAR = r"(?:\s*[,.]?\s*(?P<year>(?:19|20)\d\d))?"
_DATE_IN = rf"(?:{_D_MD}|{_D_DM}){_D_YEAR}"
_DATELINE_PAREN = re.compile(
    rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION}\s*\(\s*{_DATE_IN}\s*\){_AGENCY}?{_DASH}")
_DATELINE_WIRE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE}){_REGION},?\s+{_DATE_IN}{_AGENCY}?\s*[-–—−:]+", re.MULTILINE)
#: The words of a page's stamps, which a title-case "Place:" dateline never is ("Published: 24 May").
_STAMP_WORDS = rf"(?i:{'|'.join(_STAMPS)}|source|by)\b"
_DATELINE_UNDATED = re.compile(
    rf"^(?:(?P<place>{_CAPS_PLACE}){_REGION}{_AGENCY}?\s*[-–—−:]+"
    rf"|(?!{_STAMP_WORDS})(?P<place2>{_TITLE_PLACE}){_REGION}{_AGENCY}?\s*:)(?=\s)", re.MULTILINE)
_TOP_CHARS = 1500  # datelines and bylines live at the top of a story
# A press release's place-and-date line, alone on its line: "Ouagadougou, 3 July 2024".
_PLACE_DATE_LINE = re.compile(rf"^\s*(?-i:{_TITLE_PLACE}|{_CAPS_PLACE}),\s+(?:{_MDY}|{_DMY})\s*\.?\s*$",
                              re.IGNORECASE)


def parse_meta_date(value: str) -> dt.date | None:
    """A date from a metadata value: ISO date or datetime, RFC 2822, or a human date.

    Values without a day ("2021", "August 2021") give None: a publication date is a day.
    """
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"^((?:19|20)\d\d)[-/.]?([01]\d)[-/.]?([0-3]\d)(?:$|[T\s_])", text)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    found = _FULL_DATE.search(text)
    if found and len(text) <= 80:
        return _date_from_match(found)
    dmy = re.match(r"^([0-3]?\d)[/.]([01]?\d)[/.]((?:19|20)\d\d)$", text)
    if dmy:  # numeric day-first dates: only when unambiguous
        first, second = int(dmy.group(1)), int(dmy.group(2))
        if first > 12:
            return _make_date(int(dmy.group(3)), second, first)
        if second > 12:
            return _make_date(int(dmy.group(3)), first, second)
        return None
    return _dateparser_date(text)


def year_of(value: str) -> int | None:
    """The year in a metadata value that is not a full date ("2011", "March 2011")."""
    found = re.search(r"\b((?:19|20)\d\d)\b", str(value))
    return int(found.group(1)) if found else None


def split_header(text: str) -> tuple[dt.date | None, str]:
    """A leading `` date YYYY-MM-DD`` line's date, and the text without it.

    The body may follow the date on the same line; it is kept.
    """
    found = _HEADER.match(text)
    if not found:
        return None, text
    return parse_meta_date(found.group(1)), text[found.end():].lstrip(" \t")


def find_publication_date(text: str, *, year_hint: int | None = None, lines: str | None = None
                          ) -> tuple[dt.date | None, str | None, int | None]:
    """(date, origin, year hint) read from the top of ``text``.

    ``origin`` is ``header``, ``byline`` or ``dateline``. The third value is the year
    taken from context (``year_hint``, a release number, a full date in the text);
    it is None when no year is known. ``lines`` is the text as it came, before cleaning
    joined its short lines into paragraphs: a byline under a headline is a line of its own there.
    """
    header, rest = split_header(text)
    context = _context_year(rest, year_hint)
    hint_year = context[0] if context else None
    if header is not None:
        return header, "header", hint_year
    byline = _byline_date(rest) or (_byline_date(split_header(lines)[1]) if lines is not None else None)
    if byline is not None:
        return byline, "byline", hint_year
    dateline, used_year = _dateline_date(rest, context)
    if dateline is not None:
        return dateline, "dateline", used_year or hint_year
    return None, None, hint_year


_TITLE_PREFIX = re.compile(r"^\s*(?P<mon>" + _MONTH_NAMES + r")\.?\s+(?P<day>[0-3]?\d)\s*[:\-–—|]\s",
                           re.IGNORECASE)


def title_date(title: str, *, year: int | None = None) -> dt.date | None:
    """A date that a headline carries: a full date anywhere in it ("Morning update,
    Feb. 8, 2011"), or a leading "May 15: ..." when ``year`` is known from context.

    Wire services and live pages often date the headline rather than the body.
    """
    for found in _FULL_DATE.finditer(title):
        day = _date_from_match(found)
        if day is not None:
            return day
    lead = _TITLE_PREFIX.match(title)
    if lead and year is not None:
        month = _month_number(lead.group("mon"))
        return _make_date(year, month, int(lead.group("day"))) if month else None
    return None


def dateline_span(text: str, *, dated: bool = False) -> tuple[int, int] | None:
    """Character span of the article's dateline ("MOSUL, Iraq (Jan. 5) - "), if any;
    with ``dated``, only a dateline that carries a date."""
    top = text[:_TOP_CHARS]
    patterns = (_DATELINE_PAREN, _DATELINE_WIRE) if dated else (_DATELINE_PAREN, _DATELINE_WIRE, _DATELINE_UNDATED)
    for pattern in patterns:
        found = _first_at_line_start(pattern, top)
        if found:
            end = found.end()
            while end < len(top) and top[end] in " \t":
                end += 1
            return found.start(), end
    at = 0
    for line in top.splitlines(keepends=True):  # a press release's "Rawalpindi, October 14, 2026" line
        if _PLACE_DATE_LINE.match(line.rstrip("\n")):
            return at, at + len(line.rstrip("\n"))
        at += len(line)
    return None


# -- helpers -------------------------------------------------------------------------------


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        made = dt.date(year, month, day)
    except ValueError:
        return None
    return made if made <= latest_publication_date() else None


def latest_publication_date() -> dt.date:
    """Tomorrow: the latest plausible publication date (a day of slack for time zones)."""
    return dt.date.today() + dt.timedelta(days=1)


def _month_number(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def _date_from_match(found: re.Match[str]) -> dt.date | None:
    groups = found.groupdict()
    if groups.get("iy"):
        return _make_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups.get("dmon"):
        month, day, year = _month_number(groups["dmon"]), groups["dday"], groups["dyear"]
    else:
        month, day, year = _month_number(groups.get("mon")), groups.get("day"), groups.get("year")
    if month is None or not year or not day:
        return None
    return _make_date(int(year), month, int(day))


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    """dateparser loads slowly: import it on first use only."""
    import dateparser

    return dateparser


def _dateparser_date(text: str) -> dt.date | None:
    if len(text) > 80 or not re.search(r"\d", text):
        return None
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = _dateparser().parse(text, languages=["en"], settings=settings)
    if parsed is None or not 1900 <= parsed.year or parsed.date() > latest_publication_date():
        return None
    return parsed.date()


def _lines_without_footers(text: str) -> str:
    """``text`` with copyright lines blanked (same length, so offsets hold)."""
    return "".join(" " * len(line) if _COPYRIGHT.search(line) else line
                   for line in text.splitlines(keepends=True))


def _byline_date(text: str) -> dt.date | None:
    """A line near the top that holds only a date (and maybe a time)."""
    lines = [line for line in text[:_TOP_CHARS].split("\n") if line.strip()][:8]
    for line in lines:
        if len(line) > 90 or _COPYRIGHT.search(line):
            continue
        found = _BYLINE.match(line.strip().strip("*_|·•")) or _PLACE_DATE_LINE.match(line.strip())
        named = None if found else _BYLINE_AFTER_NAME.match(line.strip().strip("*_"))
        if named is not None and (named.group("who").lower().startswith("by ")
                                  or len(named.group("who").split()) <= _BYLINE_NAME_WORDS):
            found = named
        if found:
            day = _date_from_match(found)
            if day is not None:
                return day
    return None


def _context_year(text: str, year_hint: int | None) -> tuple[int, int | None] | None:
    """(year, month or None) from the caller, a release number, or a full date in the text."""
    if year_hint is not None:
        return year_hint, None
    clean = _lines_without_footers(text)
    release = _RELEASE_NO.search(clean[:_TOP_CHARS * 2]) or _RELEASE_NO.search(clean)
    if release:
        return int(release.group(1)), int(release.group(2))
    for found in _FULL_DATE.finditer(clean):
        day = _date_from_match(found)
        if day is not None:
            return day.year, day.month
    return None


def _first_at_line_start(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` that opens a line: datelines never sit mid-sentence."""
    for found in pattern.finditer(text):
        before = text[:found.start()].rstrip(" \t")
        if not before or before.endswith("\n"):
            return found
    return None


def _dateline_date(text: str, context: tuple[int, int | None] | None
                   ) -> tuple[dt.date | None, int | None]:
    """The dateline's date, and the context year used when the dateline has none."""
    top = _lines_without_footers(text[:_TOP_CHARS])
    found = _first_at_line_start(_DATELINE_PAREN, top) or _first_at_line_start(_DATELINE_WIRE, top)
    if not found:
        return None, None
    groups = found.groupdict()
    month = _month_number(groups.get("mon") or groups.get("mon2"))
    day = int(groups.get("day") or groups.get("day2") or 0)
    if month is None:
        return None, None
    if groups.get("year"):
        return _make_date(int(groups["year"]), month, day), None
    if context is None:
        return None, None
    year, hint_month = context
    if hint_month is not None and month - hint_month > 6:
        year -= 1  # a December dateline in a January release
    elif hint_month is not None and hint_month - month > 6:
        year += 1
    return _make_date(year, month, day), year
