"""The command line: exit codes, problems on stderr, outputs on disk."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.output.acled import ACLED_COLUMNS

pytestmark = pytest.mark.slow

ARTICLE = (" date 2024-02-17\nAVDIIVKA, Ukraine — Russian forces captured the town of Avdiivka in Donetsk "
           "region on Saturday after Ukrainian troops withdrew, the defence ministry in Moscow said.\n")


def test_cli_run_reports_bad_files_and_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.stderr and "empty file" in result.stderr
    assert "broken.json" in result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["problems"] == 2 and summary["articles"] == 1
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert any(e["sub_event_type"] == "Non-state actor overtakes territory" or
               e["sub_event_type"] == "Government regains territory" for e in events)
    problems = [json.loads(line) for line in (out / "problems.jsonl").read_text().splitlines()]
    assert {p["file"].rsplit("/", 1)[-1] for p in problems} == {"empty.txt", "broken.json"}


def test_cli_run_writes_everything_else_when_the_report_cannot_be_made(tmp_path, monkeypatch):
    from eventwire.web import assets

    monkeypatch.setattr(assets, "VENDOR", tmp_path / "no-vendor")  # the report's map files gone
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("an older run's report", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "report.html" in line]
    assert len(warnings) == 1 and warnings[0].startswith("eventwire: warning: report.html not written: web assets "
                                                         "missing (d3.min.js")
    assert "Traceback" not in result.output
    assert not (out / "report.html").exists()  # not a stale page of another run
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert events and (out / "events.csv").read_text().count("\n") == len(events) + 1
    assert (out / "events.geojson").is_file() and (out / "articles.jsonl").read_text().strip()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["events"] == len(events) and summary["report_error"].startswith("report.html not written")


def test_cli_run_exits_1_when_nothing_is_readable(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(tmp_path / "out"), "--db",
                                      str(tmp_path / "e.duckdb"), "--quiet"])
    assert result.exit_code == 1
    assert "no input could be read" in result.stderr


def test_cli_run_bad_setting_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--set", "nope=1"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("eventwire: error: unknown setting")


def test_cli_settings_lists_every_setting():
    from eventwire.settings import SETTINGS

    result = CliRunner().invoke(cli, ["settings"])
    for setting in SETTINGS:
        assert setting.name in result.output


def _run_on_terminal(tmp_path, *extra: str) -> str:
    """Run `eventwire run` with stderr on a pseudo-terminal; return what the terminal showed."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a real terminal has a size
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "run", str(root / "examples"), "--out",
                             str(tmp_path / "out"), "--db", str(tmp_path / "e.duckdb"), *extra],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=300)
    os.close(master)
    assert proc.returncode == 0, shown.decode(errors="replace")
    return shown.decode(errors="replace")


def test_cli_progress_bar_on_a_terminal(tmp_path):
    shown = _run_on_terminal(tmp_path)
    assert "coding:" in shown and "articles/s" in shown


def test_cli_no_progress_bar_with_quiet(tmp_path):
    assert "coding" not in _run_on_terminal(tmp_path, "--quiet")


def test_cli_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    result = CliRunner().invoke(cli, ["run", "examples", "--out", str(tmp_path / "out"), "--db",
                                      str(tmp_path / "e.duckdb")])
    assert result.exit_code == 0 and "coding" not in result.stderr and "\r" not in result.stderr


KHERSON_A = ("Shelling in Kherson\n\nKHERSON, June 6, 2023 - Russian shelling killed three civilians in the city "
             "of Kherson on June 5, 2023, the regional governor said.\n")
KHERSON_B = ("Kherson mourns\n\nKHERSON, June 7, 2023 - Three civilians were killed when Russian forces shelled "
             "Kherson on June 5, 2023, officials said.\n")


def _run(src, out, db):
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]


def test_cli_field_correction_survives_rerun_and_a_new_article(tmp_path):
    src, out, db = tmp_path / "in", tmp_path / "out", tmp_path / "e.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(KHERSON_A, encoding="utf-8")
    [event] = _run(src, out, db)
    assert event["fatalities"] == 3 and event["location"] == "Kherson"
    header = (out / "events.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header[:31]) == ACLED_COLUMNS and header[31] == "event_id"  # the run's events.csv
    assert (event["inter1"], event["inter2"], event["interaction"]) == (8, 7, 78)
    assert event["admin2"] and event["iso"] == 804 and event["region"] == "Europe"
    first_stamp = event["timestamp"]
    [again] = _run(src, out, db)  # an identical re-run: the row did not change, nor its timestamp
    assert again["timestamp"] == first_stamp and again["event_id"] == event["event_id"]
    runner = CliRunner()
    result = runner.invoke(cli, ["set", event["event_id"], "fatalities", "4", "--note", "a fourth died",
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["set", event["event_id"], "type", "Air/drone strike", "--db", str(db)])
    assert result.exit_code == 0, result.output
    [fixed] = _run(src, out, db)  # a re-run replays the corrections
    assert fixed["fatalities"] == 4 and fixed["sub_event_type"] == "Air/drone strike"
    (src / "b.txt").write_text(KHERSON_B, encoding="utf-8")  # one more article on the same event
    [grown] = _run(src, out, db)
    assert len(grown["mentions"]) == 2  # the event gains the new report ...
    assert grown["fatalities"] == 4 and grown["sub_event_type"] == "Air/drone strike"  # ... and keeps the fixes
    assert grown["event_type"] == "Explosions/Remote violence"
    shown = runner.invoke(cli, ["show", grown["event_id"], "--db", str(db)])
    assert shown.exit_code == 0 and "fatalities = 4" in shown.stdout and "(a fourth died)" in shown.stdout
