"""The ``eventwire serve`` and ``eventwire report`` commands (registered in :mod:`eventwire.cli`).

FastAPI and uvicorn are imported inside ``serve`` only, so the rest of the CLI
starts without them.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

import click

from eventwire.errors import EventwireError


def _fail(exc: Exception) -> None:
    click.echo(f"eventwire: error: {exc}", err=True)
    sys.exit(1)


@click.command("serve")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("eventwire.duckdb"),
              show_default=True, help="The DuckDB event database to show (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default is reachable from this computer only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve_cmd(db: Path, host: str, port: int) -> None:
    """Browse the events of DB in a web app: map, timeline, table, evidence, downloads, JSON API."""
    import uvicorn

    from eventwire.web.app import create_app

    if not db.is_file():
        _fail(EventwireError(f"no event database at {db}; run 'eventwire run' first or give --db"))
    try:
        app = create_app(db, host=host)
    except EventwireError as exc:
        _fail(exc)
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(f"eventwire: warning: listening on {host}; anyone who can reach it can read the events",
                   err=True)
    click.echo(f"eventwire: serving {db} at http://{host}:{port}/ (read-only; Ctrl-C stops)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        app.state.snapshot.close()


@click.command("report")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
def report_cmd(source: Path, out: Path) -> None:
    """Write one self-contained HTML report (map, timeline, table, evidence) of SOURCE.

    SOURCE is an event database or the output folder of 'eventwire run'. The
    report has its data and scripts inline and opens offline.
    """
    from eventwire.output.export import REPORT_EVENTS, write_text_atomic
    from eventwire.web.report import render_report, report_from

    try:
        records, articles, total = report_from(source, limit=REPORT_EVENTS)
        shown = f"the latest {len(records):,} of {total:,} events" if total > len(records) else f"{total:,} events"
        title = f"eventwire report: {source.name}" + (f" ({shown})" if total > len(records) else "")
        write_text_atomic(out, render_report(records, articles, title=title, total=total))
    except EventwireError as exc:
        _fail(exc)
    click.echo(f"eventwire: wrote {out} ({shown})", err=True)
