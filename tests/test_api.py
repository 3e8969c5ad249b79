"""The Python API: eventwire.code, eventwire.Coder, typed events, eventwire's own errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire
from eventwire import taxonomy
from eventwire.errors import EmptyInput, InputError, MalformedInput, SettingsError, UnsupportedInput
from eventwire.output.formats import CSV_COLUMNS
from eventwire.records import Event

# Written for these tests, in our own words: one clear attack, dated by its weekday.
BOMBING = ("MOGADISHU, Somalia - Militants set off a car bomb outside a police station in the town of "
           "Afgooye on Monday, killing nine officers and wounding 14 civilians, a regional governor said.")
RAID = ("BAMAKO, Mali - Gunmen attacked the village of Ouatagouna in the Gao region on Sunday, killing 11 "
        "villagers, a local official said.")
CAPTURE = ("AVDIIVKA, Ukraine - Russian forces captured the town of Avdiivka in Donetsk region on Saturday "
           "after Ukrainian troops withdrew, the defence ministry in Moscow said.")


def test_api_import_is_light() -> None:
    code = ("import sys, eventwire; heavy = [m for m in ('spacy', 'duckdb', 'pypdf', 'onnxruntime', "
            "'eventwire.api', 'eventwire.pipeline') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert callable(eventwire.code) and isinstance(eventwire.Coder, type)  # loaded on first use
    with pytest.raises(AttributeError):
        _ = eventwire.no_such_name  # type: ignore[attr-defined]


def test_api_bad_input_is_eventwires_own_error() -> None:
    coder = eventwire.Coder()
    with pytest.raises(EmptyInput):
        coder.code("   ")
    with pytest.raises(UnsupportedInput, match="cannot code an int"):
        coder.code(42)  # type: ignore[arg-type]
    with pytest.raises(MalformedInput, match="record has no text"):
        coder.code({"headline_only": "x"})
    with pytest.raises(InputError, match="is not a date"):
        coder.code(BOMBING, published="next Tuesday-ish")
    with pytest.raises(InputError, match="no such file"):
        coder.code(Path("/nonexistent/report.pdf"))
    with pytest.raises(SettingsError, match="unknown setting"):
        eventwire.Coder(no_such_setting=1)


@pytest.mark.slow
def test_api_code_a_paragraph_gives_typed_events() -> None:
    events = eventwire.code(BOMBING, published=dt.date(2024, 6, 11), source="Test Wire")
    assert events and all(isinstance(e, Event) for e in events)
    bomb = [e for e in events if e.event_type == taxonomy.REMOTE]
    assert len(bomb) == 1, events
    event = bomb[0]
    assert taxonomy.BY_NAME[event.sub_event_type].remote
    assert event.place is not None and event.place.name == "Afgooye" and event.place.country == "Somalia"
    assert event.dates.start == event.dates.end == dt.date(2024, 6, 10)  # the Monday before publication
    assert event.fatalities == 9
    assert {m.source for m in event.mentions} == {"Test Wire"}
    record = event.as_dict()
    assert record["event_id"] == event.event_id and record["date_start"] == "2024-06-10"
    json.dumps(record)  # plain values only
    rows = eventwire.as_rows(events)
    assert list(rows[0]) == list(CSV_COLUMNS) and rows[0]["location"] == "Afgooye"


@pytest.mark.slow
def test_api_coder_reused_streams_one_result_per_input(tmp_path: Path) -> None:
    article = tmp_path / "mali.txt"
    article.write_text(" date 2021-08-09\n" + RAID + "\n", encoding="utf-8")
    coder = eventwire.Coder(batch_size=2)
    inputs = [BOMBING, {"title": "Avdiivka falls", "text": CAPTURE, "published": "2024-02-17"}, "", article,
              object()]
    results = coder.code_many(iter(inputs), published=None)
    first = next(results)  # a generator: the first result comes before the rest are read
    assert first.ok and first.events and first.label.startswith("<text ")
    rest = list(results)
    assert len(rest) == 4
    capture, empty, mali, odd = rest
    assert capture.ok and capture.articles[0].title == "Avdiivka falls"
    assert capture.articles[0].published == dt.date(2024, 2, 17)
    assert any(e.place is not None and e.place.name == "Avdiivka" for e in capture.events)
    assert not empty.ok and empty.problems[0].reason == "text is empty" and not empty.events
    assert mali.ok and mali.label == str(article)
    assert any(e.place is not None and e.place.country == "Mali" and taxonomy.BY_NAME[e.sub_event_type].violent
               and e.dates.start == dt.date(2021, 8, 8) for e in mali.events)
    assert not odd.ok and "cannot code an object" in odd.problems[0].reason
    # the same coder again, and the module-level function: same events for the same text
    again = coder.code(BOMBING, published="2024-06-11")
    assert [e.sub_event_type for e in again] == [e.sub_event_type for e in eventwire.code(BOMBING,
                                                                                         published="2024-06-11")]
