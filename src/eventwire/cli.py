"""Command line: a thin layer over :mod:`eventwire.pipeline` and friends.

Errors the library raises on purpose become one line on stderr and exit code 1;
progress and messages go to stderr, results to files (or stdout when asked).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import EventwireError
from .settings import SETTINGS, load_settings


def _settings(config: Path | None, pairs: tuple[str, ...]) -> Any:
    overrides = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--set")
        name, value = pair.split("=", 1)
        overrides[name.strip()] = value.strip()
    return load_settings(config=config, overrides=overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """eventwire: news articles in, geocoded and dated conflict events out."""


@cli.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for events.jsonl, articles.jsonl, events.csv, events.geojson.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("eventwire.duckdb"),
              show_default=True, help="The DuckDB event database to add to.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML settings file (default: ./eventwire.toml if present).")
@click.option("--set", "pairs", multiple=True, metavar="NAME=VALUE", help="Override a setting.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
def run_cmd(inputs: tuple[str, ...], out_dir: Path, db: Path, config: Path | None, pairs: tuple[str, ...],
            quiet: bool) -> None:
    """Code INPUT files and folders (txt, md, html, json, jsonl) into events."""
    from .pipeline import run

    try:
        settings = _settings(config, pairs)
        bar = _progress_bar(quiet=quiet)
        result = run(list(inputs), out_dir=out_dir, db=db, settings=settings,
                     progress=bar.update if bar is not None else None)
        if bar is not None:
            bar.close()
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(1)
    s = result.summary
    for problem in result.problems:
        click.echo(f"eventwire: skipped {problem}", err=True)
    if not quiet:
        click.echo(f"eventwire: {s['articles']} articles, {s['events']} events, {s['problems']} problems "
                   f"in {s['seconds']} s; wrote {out_dir}", err=True)
    if not result.articles and result.problems:
        click.echo("eventwire: error: no input could be read", err=True)
        sys.exit(1)


def _progress_bar(*, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, desc="coding", leave=False)


@cli.command("settings")
def settings_cmd() -> None:
    """List every setting with its default and meaning."""
    for s in SETTINGS:
        click.echo(f"{s.name:20} {s.default!s:12} {s.help}")


def main() -> None:
    cli(prog_name="eventwire")


if __name__ == "__main__":
    main()
