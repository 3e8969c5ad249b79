"""``eventwire recode`` and the coder version: a database never mixes old and new coding silently."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.extraction.recogniser import coder_version

from .conftest import ROOT

pytestmark = pytest.mark.slow
ARTICLES = [ROOT / "examples" / "myanmar_pazigyi_airstrike.txt", ROOT / "examples" / "ethiopia_mekelle_falls.txt"]


def _run(tmp_path, out: str) -> dict:
    args = ["run", *map(str, ARTICLES), "--out", str(tmp_path / out), "--db", str(tmp_path / "e.duckdb"),
            "--quiet", "--set", "workers=1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads((tmp_path / out / "summary.json").read_text())


def _versions(tmp_path) -> list[str | None]:
    with duckdb.connect(str(tmp_path / "e.duckdb")) as con:
        return [r[0] for r in con.execute("SELECT coder_version FROM articles ORDER BY article_id").fetchall()]


def _age(tmp_path) -> None:
    with duckdb.connect(str(tmp_path / "e.duckdb")) as con:
        con.execute("UPDATE articles SET coder_version = 'eventwire 0.0.1, recogniser old'")


def test_cli_model_each_article_records_its_coder_version(tmp_path):
    _run(tmp_path, "out")
    assert _versions(tmp_path) == [coder_version()] * 2


def test_cli_model_same_articles_same_version_are_reused(tmp_path):
    _run(tmp_path, "out")
    assert _run(tmp_path, "again")["articles_reused"] == 2


def test_cli_model_articles_of_another_version_are_coded_again_on_the_next_run(tmp_path):
    _run(tmp_path, "out")
    _age(tmp_path)
    summary = _run(tmp_path, "again")
    assert summary["articles_reused"] == 0
    assert _versions(tmp_path) == [coder_version()] * 2


def test_cli_model_recode_codes_stored_articles_of_another_version(tmp_path):
    first = _run(tmp_path, "out")
    _age(tmp_path)
    result = CliRunner().invoke(cli, ["recode", "--db", str(tmp_path / "e.duckdb"), "-q"])
    assert result.exit_code == 0, result.output
    assert _versions(tmp_path) == [coder_version()] * 2
    with duckdb.connect(str(tmp_path / "e.duckdb")) as con:
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert events == first["events"]


def test_cli_model_recode_with_nothing_outdated_says_so(tmp_path):
    _run(tmp_path, "out")
    result = CliRunner().invoke(cli, ["recode", "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 0
    assert "every article" in result.output


def test_cli_model_recode_reads_the_store_in_batches_and_codes_every_article(tmp_path, monkeypatch):
    """The outdated articles are read a batch at a time (here one), never all at once, and every
    one of them is coded again, with the same events as the first run."""
    from eventwire.recode import recode
    from eventwire.store.database import Store

    first = _run(tmp_path, "out")
    _age(tmp_path)
    asked: list[int] = []
    articles = Store.articles

    def counting(self, *, ids=None):
        asked.append(len(ids) if ids is not None else -1)
        return articles(self, ids=ids)

    monkeypatch.setattr(Store, "articles", counting)
    done = recode(tmp_path / "e.duckdb", batch=1)
    assert asked == [1, 1]
    assert done.articles == 2 and done.summary["events"] == first["events"]
    assert _versions(tmp_path) == [coder_version()] * 2
    assert recode(tmp_path / "e.duckdb").summary is None  # nothing left to recode
