"""Score eventwire's arguments on the corpus's argument-annotated sentences.

    python benchmarks/arguments.py --split train|test [--limit N] [--errors] [--json]

Each record of ``corpus/<split>/*.jsonl`` that carries ``args`` is coded alone, as a
one-sentence text published on :data:`PUBLISHED` (one fixed day for all, so "on Friday" and
"last night" resolve the same way every run), through the public API (:class:`eventwire.Coder`).
The ``args`` describe the event of the record's first label; a sentence is *covered* when
eventwire codes an event of that sub-event type, and the arguments are scored over the covered
sentences, on the first such event in the exports' order:

* **place**: the coded place's name occurs, as whole words and case- and accent-folded, in the
  gold place phrase ("Kabkabiya" in "a livestock market in Kabkabiya"), or a name in the gold
  phrase is in the gazetteer at the coded place's coordinates (another spelling of the same
  entry). A province or country where the phrase names a town is a miss. Sentences whose gold
  has no place, or a phrase with no name in it ("a church compound", "a nearby village": the
  town named elsewhere in the sentence may or may not be right), are not scored.
* **actor1**, **actor2**: the coded canonical name equals the gold ``actor1_name`` /
  ``actor2_name`` (case, accents and punctuation ignored), over the sentences whose gold names
  that actor. "Either order" counts the gold name as found when it is either coded actor.
  How often an actor is coded where the gold names none is reported beside them.
* **date**: the gold phrase is resolved from the publication day by :func:`gold_window`, this
  file's own small reader (not eventwire's), to one day or a window: a weekday is the last such
  day on or before publication (the day itself counts: "on Monday" in a Monday report is that
  day), a day and month without a year the last such date on or before it, "last night" and
  "yesterday" the day before, "this morning"/"tonight"/"today" the day itself, "overnight" with
  no weekday either of the two, "this week"/"last week"/"over the weekend"/"in March"/"between 3
  and 5 May" their windows ("the previous night", relative to another date, is not read). Correct when the coded dates are that day, or lie inside the window.
  Phrases it cannot resolve ("after two days of fighting", "during Friday prayers" is resolved,
  "on election day" is not) and sentences with no gold date are counted as *not checked*. A
  second figure asks only whether the coded date's own phrase and the gold phrase overlap.
* **fatalities**: in ACLED's convention an unknown toll is 0, so when the gold gives no number
  (the key is omitted) or says 0 ("no one was hurt"), a coded ``None`` or ``0`` is correct and a
  positive number is wrong; when the gold gives ``n > 0`` only ``n`` is correct. The figure over
  the sentences with a gold toll above 0 is reported beside it.

``--errors`` prints every miss with its sentence; it is refused on the test split, which is
scored and never read (its figures only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
#: The publication day every sentence is coded with (a Monday).
PUBLISHED = dt.date(2026, 6, 15)
FIELDS = ("place", "actor1", "actor2", "date", "fatalities")
_ORDER = ("place", "actor1", "actor1 either order", "actor2", "actor2 either order", "date", "date phrase overlaps",
          "fatalities", "fatalities, gold above 0", "actor1 coded where the gold has none",
          "actor2 coded where the gold has none")

_MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH = "(" + "|".join(_MONTHS) + ")"
_WEEKDAY = r"\b(" + "|".join(_WEEKDAYS) + r")\b"
_TODAY = re.compile(r"\b(today|tonight|this (morning|afternoon|evening))\b")
_YESTERDAY = re.compile(r"\b(yesterday|last night)\b")


@dataclass(frozen=True, slots=True)
class Gold:
    """One argument-annotated record of the corpus."""

    record_id: str
    text: str
    labels: tuple[str, ...]
    args: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Miss:
    """One argument eventwire got wrong (or one sentence with no event of the gold type)."""

    record_id: str
    field: str  # "coverage" or one of FIELDS
    gold: str
    coded: str
    text: str


@dataclass(slots=True)
class Tally:
    """Right answers out of the scored cases for one figure."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def share(self) -> float | None:
        return round(self.right / self.total, 3) if self.total else None


@dataclass(slots=True)
class Scores:
    """Every figure of one run."""

    sentences: int = 0
    covered: int = 0
    several: int = 0  # covered sentences with more than one event of the gold type
    figures: dict[str, Tally] = field(default_factory=dict)
    not_checked: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.figures.setdefault(name, Tally())

    def skip(self, name: str) -> None:
        self.not_checked[name] = self.not_checked.get(name, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "covered": self.covered,
                "coverage": round(self.covered / self.sentences, 3) if self.sentences else None,
                "several_events_of_the_type": self.several,
                **{name: {"share": t.share, "right": t.right, "of": t.total} for name, t in self.figures.items()},
                "not_checked": dict(self.not_checked)}


# -- reading the corpus ------------------------------------------------------------------------

def load(split: str, *, corpus: Path = CORPUS, limit: int | None = None) -> list[Gold]:
    """The records of ``corpus/<split>`` that carry arguments and a label, in file order."""
    folder = corpus / split
    if not folder.is_dir():
        raise SystemExit(f"error: no corpus split at {folder}")
    found: list[Gold] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("args") and record.get("labels"):
                found.append(Gold(record["id"], record["text"], tuple(record["labels"]), record["args"]))
                if limit is not None and len(found) >= limit:
                    return found
    return found


def code_all(golds: Sequence[Gold], *, published: dt.date = PUBLISHED) -> Iterator[tuple[Gold, list[Any]]]:
    """Each record with the events eventwire codes from its text alone."""
    import eventwire

    coder = eventwire.Coder()
    for gold, coded in zip(golds, coder.code_many([g.text for g in golds], published=published), strict=True):
        yield gold, list(coded.events)


# -- matching ------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation as spaces, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.replace("'", "").replace("\u2019", "")).split())


def same_actor(coded: str | None, gold: str | None) -> bool:
    return coded is not None and gold is not None and fold(coded) == fold(gold)


def _contains(phrase: str, name: str) -> bool:
    words = fold(name)
    return bool(words) and f" {words} " in f" {fold(phrase)} "


def _names_in(phrase: str) -> Iterator[str]:
    """The runs of capitalised words in a place phrase ("Cal Miskaad", "Kabkabiya")."""
    words = re.findall(r"[\w'\u2019-]+", phrase)
    for i in range(len(words)):
        for j in range(i + 1, min(i + 4, len(words)) + 1):
            run = words[i:j]
            if run[0][:1].isupper() and run[-1][:1].isupper():
                yield " ".join(run)


def _gazetteer() -> Any:
    """eventwire's gazetteer (the one internal this file uses: the public API has no place lookup)."""
    from eventwire.geo.gazetteer import default_gazetteer

    return default_gazetteer()


_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")


def place_matches(coded: Any, phrase: str) -> bool:
    """Whether a coded :class:`~eventwire.records.Place` is the place the gold phrase names (a
    possessive is its name: "Baqubah's main market" names Baqubah)."""
    if coded is None:
        return False
    phrase = _POSSESSIVE.sub("", phrase)
    if _contains(phrase, coded.name):
        return True
    if coded.latitude is None or coded.longitude is None:
        return False
    here = (round(coded.latitude, 3), round(coded.longitude, 3))
    gaz = _gazetteer()
    return any((round(p.latitude, 3), round(p.longitude, 3)) == here
               for name in _names_in(phrase) for p in gaz.candidates(name) if p.latitude is not None)


def _last_on_or_before(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _day_of_month(day: int, month: int, year: int | None, published: dt.date) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        found = dt.date(published.year, month, day)
        return found if found <= published else dt.date(published.year - 1, month, day)
    except ValueError:
        return None


def gold_window(phrase: str, published: dt.date = PUBLISHED) -> tuple[dt.date, dt.date] | None:
    """The first and last day a gold date phrase can mean, read from ``published``; None when
    this reader does not know the phrase (see the module docstring)."""
    text = phrase.lower()
    year_match = re.search(r"\b(19|20)\d\d\b", text)
    year = int(year_match.group()) if year_match else None
    days = [(int(d), _MONTHS[m]) for d, m in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH, text)]
    days += [(int(d), _MONTHS[m]) for m, d in re.findall(_MONTH + r"\s+(\d{1,2})\b", text)]
    pair = re.search(r"\b(\d{1,2})\s+(?:and|to|-)\s+(\d{1,2})\s+" + _MONTH, text)
    if pair:
        month = _MONTHS[pair.group(3)]
        first = _day_of_month(int(pair.group(1)), month, year, published)
        last = _day_of_month(int(pair.group(2)), month, year, published)
        return (first, last) if first and last and first <= last else None
    if len(days) == 1:
        day = _day_of_month(*days[0], year, published)
        return (day, day) if day else None
    if days:
        return None
    weekdays = [_WEEKDAYS[w] for w in re.findall(_WEEKDAY, text)]
    if len(weekdays) == 1 and not re.search(r"\b(next|since|every)\b", text):
        day = _last_on_or_before(published, weekdays[0])
        return day, day
    if len(weekdays) > 1:
        return None
    month_only = re.fullmatch(r"(?:in|during) (?:early |late |mid-?)?" + _MONTH + r"(?: (\d{4}))?", text)
    if month_only:
        month = _MONTHS[month_only.group(1)]
        y = int(month_only.group(2)) if month_only.group(2) else (
            published.year if month <= published.month else published.year - 1)
        last = (dt.date(y + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(y, month, 1), last
    if _TODAY.search(text) and not _YESTERDAY.search(text):
        return published, published
    if _YESTERDAY.search(text):
        day = published - dt.timedelta(days=1)
        return day, day
    if re.fullmatch(r"(?:during the night|overnight|through the night)", text):
        return published - dt.timedelta(days=1), published
    if text == "a week ago":
        day = published - dt.timedelta(days=7)
        return day, day
    if text == "this week":
        return published - dt.timedelta(days=published.weekday()), published
    if text == "last week":
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return monday, monday + dt.timedelta(days=6)
    if text in ("over the past week", "in the past week"):
        return published - dt.timedelta(days=7), published
    if text == "over the weekend":
        sunday = _last_on_or_before(published, 6)
        return sunday - dt.timedelta(days=1), sunday
    return None


def _date_ok(span: Any, window: tuple[dt.date, dt.date]) -> bool:
    return span.start is not None and span.end is not None and window[0] <= span.start and span.end <= window[1]


def _phrases_overlap(coded: str | None, gold: str) -> bool:
    return coded is not None and bool(fold(coded)) and (_contains(gold, coded) or _contains(coded, gold))


def toll_ok(coded: int | None, gold: int | None) -> bool:
    """ACLED's convention: no number means 0 (see the module docstring)."""
    if gold is None or gold == 0:
        return coded is None or coded == 0
    return coded == gold


# -- scoring -------------------------------------------------------------------------------------

def _show_place(place: Any) -> str:
    return "-" if place is None else f"{place.name} ({place.kind}, {place.admin1})"


def _show_span(span: Any) -> str:
    if span.start is None:
        return "-"
    days = str(span.start) if span.start == span.end else f"{span.start}..{span.end}"
    return f"{days} from {span.text!r}"


def score(pairs: Iterable[tuple[Gold, list[Any]]], *, published: dt.date = PUBLISHED) -> Scores:
    """Every figure over the coded records (see the module docstring for each)."""
    out = Scores()
    for gold, events in pairs:
        out.sentences += 1
        label, args = gold.labels[0], gold.args
        mine = [e for e in events if e.sub_event_type == label]
        if not mine:
            coded = ", ".join(e.sub_event_type for e in events) or "no event"
            out.misses.append(Miss(gold.record_id, "coverage", label, coded, gold.text))
            continue
        out.covered += 1
        out.several += len(mine) > 1
        event = mine[0]

        def miss(name: str, want: str, got: str, *, _gold: Gold = gold) -> None:
            out.misses.append(Miss(_gold.record_id, name, want, got, _gold.text))

        if args.get("place") and any(_names_in(args["place"])):
            ok = place_matches(event.place, args["place"])
            out.tally("place").add(ok)
            if not ok:
                miss("place", args["place"], _show_place(event.place))
        else:
            out.skip("place (phrase names no place)" if args.get("place") else "place (no gold place)")
        coded_pair = (event.actor1, event.actor2)
        for key in ("actor1", "actor2"):
            want = args.get(f"{key}_name")
            got = getattr(event, key)
            if not want:
                out.tally(f"{key} coded where the gold has none").add(got is not None)
                continue
            ok = same_actor(got, want)
            out.tally(key).add(ok)
            out.tally(f"{key} either order").add(any(same_actor(c, want) for c in coded_pair))
            if not ok:
                miss(key, f"{want} ({args.get(key, '')!r})", got or "-")
        phrase = args.get("date")
        window = gold_window(phrase, published) if phrase else None
        if phrase:
            out.tally("date phrase overlaps").add(_phrases_overlap(event.dates.text, phrase))
        if window is None:
            out.skip("date (phrase not read)" if phrase else "date (no gold date)")
        else:
            ok = _date_ok(event.dates, window)
            out.tally("date").add(ok)
            if not ok:
                shown = str(window[0]) if window[0] == window[1] else f"{window[0]}..{window[1]}"
                miss("date", f"{shown} from {phrase!r}", _show_span(event.dates))
        want_toll = args.get("fatalities")
        ok = toll_ok(event.fatalities, want_toll)
        out.tally("fatalities").add(ok)
        if want_toll:
            out.tally("fatalities, gold above 0").add(ok)
        if not ok:
            said = f" ({args.get('fatalities_text')!r})" if args.get("fatalities_text") else ""
            miss("fatalities", f"{want_toll}{said}", str(event.fatalities))
    return out


def run(split: str, *, limit: int | None = None, corpus: Path = CORPUS, published: dt.date = PUBLISHED) -> Scores:
    """Load, code and score one split."""
    return score(code_all(load(split, corpus=corpus, limit=limit), published=published), published=published)


def report(scores: Scores, *, seconds: float | None = None) -> str:
    """The figures as a few lines of text."""
    head = (f"{scores.sentences} sentences with arguments; an event of the gold type in {scores.covered} "
            f"(coverage {scores.as_dict()['coverage']}; {scores.several} with more than one)")
    lines = [head]
    for name, tally in sorted(scores.figures.items(), key=lambda item: _ORDER.index(item[0])):
        lines.append(f"  {name:42} {tally.share!s:>6}  ({tally.right}/{tally.total})")
    if scores.not_checked:
        lines.append("  not checked: " + ", ".join(f"{k} {v}" for k, v in scores.not_checked.items()))
    if seconds is not None:
        lines.append(f"  ({seconds:.0f} s, published {PUBLISHED} for every sentence)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "test"), required=True)
    parser.add_argument("--limit", type=int, default=None, help="only the first N argument records")
    parser.add_argument("--errors", action="store_true", help="print every miss (train split only)")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    options = parser.parse_args(argv)
    if options.errors and options.split != "train":
        print("error: --errors is for the train split only (the test split is scored, never read)",
              file=sys.stderr)
        return 2
    if options.limit is not None and options.limit < 1:
        print("error: --limit must be 1 or more", file=sys.stderr)
        return 2
    started = time.perf_counter()
    scores = run(options.split, limit=options.limit, corpus=options.corpus)
    seconds = time.perf_counter() - started
    if options.errors:
        for m in sorted(scores.misses, key=lambda m: (FIELDS + ("coverage",)).index(m.field)):
            print(f"{m.field}\t{m.record_id}\tgold: {m.gold}\tcoded: {m.coded}\n\t{m.text}")
    if options.json:
        print(json.dumps({"split": options.split, "published": PUBLISHED.isoformat(), "seconds": round(seconds, 1),
                          **scores.as_dict()}))
    else:
        print(report(scores, seconds=seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
