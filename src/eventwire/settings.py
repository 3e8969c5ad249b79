"""The one settings table: name, default, type and help.

It feeds the CLI (``--set NAME=VALUE``), the docs (``eventwire settings``) and
validation. Precedence, lowest first: defaults < config file (``eventwire.toml``
or ``--config``) < environment (``EVENTWIRE_<NAME>``) < command line.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from eventwire.errors import SettingsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_file_bytes", 50_000_000, "largest input file read, in bytes; larger files are reported and skipped"),
    Setting("max_article_chars", 200_000, "longest article text coded, in characters; longer articles are reported and skipped"),
    Setting("max_line_chars", 1_000_000, "longest JSONL line read, in characters"),
    Setting("article_seconds", 30.0, "time budget per article for analysis; an article over it is reported"),
    Setting("batch_size", 32, "articles per spaCy batch"),
    Setting("workers", 0, "processes for the per-article stages (0: one per core; 1: all in this process)"),
    Setting("link_days", 1, "largest gap in days between two dated mentions of one event from two outlets (none within one)"),
    Setting("link_km", 30.0, "largest distance in km between the places of two mentions of one event"),
    Setting("recogniser_accept", 0.3, "recogniser score from which a sentence is coded with a type "
            "(0: the threshold chosen at training; above 1: the recogniser adds and retypes nothing)"),
    Setting("recogniser_reject", 0.85, "recogniser score of 'no event' from which a rule's event is dropped "
            "(above 1: never)"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    max_file_bytes: int = 50_000_000
    max_article_chars: int = 200_000
    max_line_chars: int = 1_000_000
    article_seconds: float = 30.0
    batch_size: int = 32
    workers: int = 0
    link_days: int = 1
    link_km: float = 30.0
    recogniser_accept: float = 0.3
    recogniser_reject: float = 0.85

    def updated(self, values: dict[str, Any]) -> Settings:
        """A copy with ``values`` (strings or typed) validated and applied."""
        known = {f.name: f for f in fields(self)}
        clean: dict[str, Any] = {}
        for name, value in values.items():
            key = name.replace("-", "_").lower()
            if key not in known:
                raise SettingsError(f"unknown setting {name!r}; see 'eventwire settings'")
            kind = type(getattr(self, key))
            try:
                typed = kind(value)
            except (TypeError, ValueError):
                raise SettingsError(f"setting {name} needs a {kind.__name__}, got {value!r}") from None
            if typed < 0:
                raise SettingsError(f"setting {name} cannot be negative")
            clean[key] = typed
        return replace(self, **clean)


def load_settings(*, config: Path | None = None, overrides: dict[str, Any] | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Settings from defaults, a TOML file, the environment and explicit overrides."""
    settings = Settings()
    path = config or Path("eventwire.toml")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: {exc}") from None
        settings = settings.updated(data.get("eventwire", data))
    elif config is not None:
        raise SettingsError(f"config file {config} not found")
    env = os.environ if environ is None else environ
    from_env = {s.name: env[f"EVENTWIRE_{s.name.upper()}"] for s in SETTINGS
                if f"EVENTWIRE_{s.name.upper()}" in env}
    settings = settings.updated(from_env)
    return settings.updated(overrides or {})
