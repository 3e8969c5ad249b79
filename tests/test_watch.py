"""Watching a folder: settled files are coded once, changed files again, outputs grow."""

from __future__ import annotations

import json
import os
import threading

import pytest
from click.testing import CliRunner

from eventwire.errors import InputError
from eventwire.settings import Settings
from eventwire.watch import _Watcher, scan, watch

# Articles written for these tests, about real events, in our own words.
FIRST = (" date 2024-02-17\nAVDIIVKA, Ukraine - Russian forces captured the town of Avdiivka in Donetsk "
         "region on Saturday after Ukrainian troops withdrew, the defence ministry in Moscow said.\n")
SECOND = (" date 2021-06-06\nMARIB, Yemen - A missile struck a petrol station in the city of Marib on "
          "Saturday, killing 14 people including a child, local officials said.\n")


def test_watch_scan_sees_readable_visible_files_only(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.txt", "sub/b.html", "sub/c.jsonl", ".d.txt", ".hidden/e.txt", "f.txt.part", "g.docx",
                 "~$h.txt", "sub/i.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert sorted(os.path.relpath(p, tmp_path) for p in scan(tmp_path)) == ["a.txt", "sub/b.html", "sub/c.jsonl",
                                                                             "sub/i.pdf"]


class _Recorder(_Watcher):
    def __init__(self, folder):
        super().__init__(folder, out_dir=None, db=folder / "unused.duckdb", settings=Settings(),
                         engine="local", on_batch=None)
        self.calls: list[list[str]] = []

    def code(self, paths, signatures):
        self.calls.append(sorted(os.path.basename(p) for p in paths))
        for path in paths:
            self.coded[path] = signatures[path]


def test_watch_codes_a_file_once_it_stops_changing(tmp_path):
    watcher = _Recorder(tmp_path)
    growing = tmp_path / "a.txt"
    growing.write_text("first part", encoding="utf-8")
    watcher.poll(settle=True)  # seen once: not settled yet
    with growing.open("a", encoding="utf-8") as handle:
        handle.write(" and more")
    watcher.poll(settle=True)  # changed since: still not settled
    watcher.poll(settle=True)  # unchanged: coded
    watcher.poll(settle=True)  # already coded: nothing
    assert watcher.calls == [["a.txt"]]


def test_watch_codes_a_changed_file_again(tmp_path):
    watcher = _Recorder(tmp_path)
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    watcher.poll(settle=False)
    (tmp_path / "a.txt").write_text("one two", encoding="utf-8")
    (tmp_path / "b.txt").write_text("three", encoding="utf-8")
    watcher.poll(settle=False)
    assert watcher.calls == [["a.txt"], ["a.txt", "b.txt"]]


def test_watch_refuses_a_missing_folder(tmp_path):
    with pytest.raises(InputError, match="is not a folder"):
        watch(tmp_path / "nope", db=tmp_path / "e.duckdb", once=True)


@pytest.mark.slow
def test_watch_codes_files_as_they_arrive(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    batches: list[int] = []
    stop = threading.Event()

    def coded(result) -> None:  # the second file arrives while the watch is running
        batches.append(result.summary["articles"])
        if len(batches) == 1:
            (folder / "second.txt").write_text(SECOND, encoding="utf-8")
        else:
            stop.set()

    done = watch(folder, db=tmp_path / "e.duckdb", out_dir=tmp_path / "out", interval=0.3, max_seconds=300,
                 on_batch=coded, stop=stop)
    assert batches == [1, 1] and done.batches == 2 and done.articles == 2
    events = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert {e["country"] for e in events} >= {"Ukraine", "Yemen"}
    articles = (tmp_path / "out" / "articles.jsonl").read_text().splitlines()
    assert len(articles) == 2


@pytest.mark.slow
def test_watch_cli_once_codes_what_is_there(tmp_path):
    from eventwire.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["watch", str(folder), "--once", "--out", str(tmp_path / "out"),
                                      "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.stderr and "1 batches, 1 articles" in result.stderr
    assert (tmp_path / "out" / "events.jsonl").read_text().strip()
    problems = (tmp_path / "out" / "problems.jsonl").read_text().splitlines()
    assert len(problems) == 1 and "empty.txt" in problems[0]
