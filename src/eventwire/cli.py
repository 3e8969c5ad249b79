"""Command line: a thin layer over :mod:`eventwire.pipeline` and friends.

Errors the library raises on purpose become one line on stderr and exit code 1;
progress and messages go to stderr, results to files (or stdout when asked).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from eventwire.errors import EventwireError
from eventwire.settings import SETTINGS, load_settings
from eventwire.version import __version__


def _settings(config: Path | None, pairs: tuple[str, ...]) -> Any:
    overrides = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--set")
        name, value = pair.split("=", 1)
        overrides[name.strip()] = value.strip()
    return load_settings(config=config, overrides=overrides)


def _store_and_settings(func: Any) -> Any:
    """``--db``, ``--config`` and ``--set``: the options every coding command shares."""
    func = click.option("--set", "pairs", multiple=True, metavar="NAME=VALUE", help="Override a setting.")(func)
    func = click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="A TOML settings file (default: ./eventwire.toml if present).")(func)
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
                        default=Path("eventwire.duckdb"), show_default=True,
                        help="The DuckDB event database to add to.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """eventwire: news articles in, geocoded and dated conflict events out."""


@cli.command("run")
@click.argument("inputs", nargs=-1)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for events.jsonl, articles.jsonl, events.csv, events.geojson.")
@_store_and_settings
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS or Atom feed: fetch and code the articles it links to (repeatable).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where to run: this machine ('workers' processes) or Ray (RAY_ADDRESS for a cluster).")
def run_cmd(inputs: tuple[str, ...], out_dir: Path, db: Path, config: Path | None, pairs: tuple[str, ...],
            quiet: bool, feeds: tuple[str, ...], engine: str) -> None:
    """Code INPUT files and folders (txt, md, html, json, jsonl, pdf) into events.

    INPUT '-' reads JSON Lines (one article record per line) from standard input.
    """
    from eventwire.ingest.sources import iter_sources
    from eventwire.pipeline import run

    if not inputs and not feeds:
        raise click.UsageError("give at least one INPUT, '-' for standard input, or --feed URL")
    try:
        settings = _settings(config, pairs)
        bar = _progress_bar(quiet=quiet)
        source = iter_sources(inputs, settings=settings, feeds=feeds) if "-" in inputs or feeds else None
        result = run([*inputs, *feeds], out_dir=out_dir, db=db, settings=settings, source=source,
                     engine=engine, progress=bar.update if bar is not None else None, keep_events=False)
        if bar is not None:
            bar.close()
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(1)
    s = result.summary
    for problem in result.problems:
        click.echo(f"eventwire: skipped {problem}", err=True)
    if s.get("report_error"):  # a warning: the events and every other file are written, exit status 0
        click.echo(f"eventwire: warning: {s['report_error']}", err=True)
    if not quiet:
        click.echo(f"eventwire: {s['articles']} articles, {s['events']} events, {s['problems']} problems "
                   f"in {s['seconds']} s; wrote {out_dir}", err=True)
    if not result.article_count and result.problems:
        click.echo("eventwire: error: no input could be read", err=True)
        sys.exit(1)


def _progress_bar(*, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, desc="coding", leave=False)


@cli.command("watch")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the outputs, rewritten after each batch of new files.")
@_store_and_settings
@click.option("--interval", type=click.FloatRange(min=0.05), default=2.0, show_default=True,
              help="Seconds between two looks at the folder.")
@click.option("--once", is_flag=True, help="Code the files there now, then stop.")
@click.option("--max-seconds", type=click.FloatRange(min=0), default=None,
              help="Stop watching after this many seconds (default: until interrupted).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where to run the per-article stages.")
@click.option("--quiet", "-q", is_flag=True, help="No messages on stderr.")
def watch_cmd(folder: Path, out_dir: Path, db: Path, config: Path | None, pairs: tuple[str, ...],
              interval: float, once: bool, max_seconds: float | None, engine: str, quiet: bool) -> None:
    """Code new files in FOLDER as they arrive (a file is read once it stops changing)."""
    from eventwire.watch import watch

    def report(result: Any) -> None:
        for problem in result.problems:
            click.echo(f"eventwire: skipped {problem}", err=True)
        if not quiet:
            s = result.summary
            click.echo(f"eventwire: {s['articles']} articles ({s['articles_reused']} already in the database), "
                       f"{s['events']} events, {s['problems']} problems; wrote {out_dir}", err=True)

    try:
        settings = _settings(config, pairs)
        if not quiet:
            click.echo(f"eventwire: watching {folder} (every {interval:g} s)", err=True)
        done = watch(folder, db=db, out_dir=out_dir, settings=settings, interval=interval, once=once,
                     max_seconds=max_seconds, engine=engine, on_batch=report)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("eventwire: stopped watching", err=True)
        return
    if not quiet:
        click.echo(f"eventwire: watched {folder}: {done.batches} batches, {done.articles} articles, "
                   f"{done.events} events, {len(done.problems)} problems", err=True)


@cli.command("explain")
@click.argument("inputs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per sentence instead of text.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML settings file (default: ./eventwire.toml if present).")
@click.option("--set", "pairs", multiple=True, metavar="NAME=VALUE", help="Override a setting.")
def explain_cmd(inputs: tuple[str, ...], as_json: bool, config: Path | None, pairs: tuple[str, ...]) -> None:
    """Say why each sentence of INPUT was or was not coded: its types and scores, each event's
    arguments with the phrase and rule that gave them, or the step and reason that dropped it.

    INPUT: files and folders as for 'run', '-' for JSON Lines on standard input. No database.
    """
    import json

    from eventwire.extraction.explain import as_json as json_of
    from eventwire.extraction.explain import as_text, explain
    from eventwire.ingest.sources import iter_sources
    from eventwire.records import Problem

    if not inputs:
        raise click.UsageError("give at least one INPUT, or '-' for standard input")
    read = 0

    def articles(settings: Any) -> Any:
        nonlocal read
        for item in iter_sources(inputs, settings=settings):
            if isinstance(item, Problem):
                click.echo(f"eventwire: skipped {item}", err=True)
                continue
            read += 1
            yield item

    try:
        settings = _settings(config, pairs)
        for done in explain(articles(settings), settings=settings):
            if done.problem is not None:
                click.echo(f"eventwire: skipped {done.problem}", err=True)
            for sent in done.sentences:
                click.echo(json.dumps(json_of(done.article, sent)) if as_json else as_text(done.article, sent))
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(1)
    if not read:
        click.echo("eventwire: error: no input could be read", err=True)
        sys.exit(1)


@cli.command("settings")
def settings_cmd() -> None:
    """List every setting with its default and meaning."""
    for s in SETTINGS:
        click.echo(f"{s.name:20} {s.default!s:12} {s.help}")


from eventwire.cli_store import COMMANDS as _STORE_COMMANDS

for _command in _STORE_COMMANDS:
    cli.add_command(_command)


from eventwire.cli_model import COMMANDS as _MODEL_COMMANDS

for _command in _MODEL_COMMANDS:
    cli.add_command(_command)

from eventwire.web.commands import report_cmd, serve_cmd

cli.add_command(serve_cmd)
cli.add_command(report_cmd)


def main() -> None:
    cli(prog_name="eventwire")


if __name__ == "__main__":
    main()
