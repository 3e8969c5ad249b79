"""Tests of eventwire.settings: one table of settings, and the defaults it states are the defaults."""

from __future__ import annotations

from dataclasses import fields

import pytest

from eventwire.errors import SettingsError
from eventwire.settings import SETTINGS, Settings, load_settings


def test_settings_table_states_the_real_defaults() -> None:
    table = {s.name: s.default for s in SETTINGS}
    assert table == {f.name: getattr(Settings(), f.name) for f in fields(Settings)}


def test_settings_default_run_uses_every_core(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no eventwire.toml here
    assert load_settings(environ={}).workers == 0  # 0: one worker process per core


def test_settings_environment_and_overrides(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(config=None, overrides={"batch_size": "8"}, environ={"EVENTWIRE_WORKERS": "1"})
    assert (settings.workers, settings.batch_size) == (1, 8)
    with pytest.raises(SettingsError):
        load_settings(overrides={"workers": "-1"}, environ={})
