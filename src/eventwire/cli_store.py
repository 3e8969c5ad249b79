"""Commands over the event database: ``events``, ``show``, ``export``, ``merge``, ``split``, ``set``.

A thin layer over :mod:`eventwire.store.query`, :mod:`eventwire.output.export` and
:mod:`eventwire.linking.corrections`: options become an :class:`~eventwire.store.query.EventFilter`
or a correction, results go to stdout (or a file), messages to stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from eventwire.errors import EventwireError
from eventwire.records import Event

_DB = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("eventwire.duckdb"),
                   show_default=True, help="The DuckDB event database.")
_TABLE_COLUMNS = ("event_id", "date_start", "sub_event_type", "location", "admin1", "country", "actor1",
                  "actor2", "fatalities", "mentions")


@contextmanager
def _store(db: Path, *, write: bool = False) -> Iterator[Any]:
    """Open the database, turning every error on purpose into one line and exit code 1."""
    from eventwire.store.database import Store

    try:
        if not db.exists():
            raise click.ClickException(f"no database at {db}; run `eventwire run ... --db {db}` first")
        with Store.open(db, read_only=not write) as store:
            yield store
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--country", help="Country name or ISO code."),
        click.option("--admin1", help="Province / state / region name."),
        click.option("--type", "event_type", help="ACLED event type, e.g. Battles."),
        click.option("--actor", help="Text found in actor1 or actor2."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after this day."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before this day."),
        click.option("--text", help="Text found in the place, actors, types or a mention's sentence."),
        click.option("--sort", default="date", show_default=True,
                     help="date, -date, fatalities, -fatalities, country, admin1, type, mentions, -mentions."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(*, limit: int, offset: int = 0, **kw: Any) -> Any:
    from eventwire.store.query import EventFilter

    day = {k: (kw[k].date() if isinstance(kw[k], dt.datetime) else kw[k]) for k in ("since", "until")}
    try:
        return EventFilter(country=kw["country"], admin1=kw["admin1"], event_type=kw["event_type"],
                           actor=kw["actor"], date_from=day["since"], date_to=day["until"], text=kw["text"],
                           sort=kw["sort"], limit=limit, offset=offset)
    except EventwireError as exc:
        raise click.BadParameter(str(exc)) from None


def _row(event: Event) -> dict[str, Any]:
    from eventwire.records import event_to_dict

    record = event_to_dict(event)
    record["mentions"] = len(event.mentions)
    return {k: record.get(k) for k in _TABLE_COLUMNS}


def _table(rows: Sequence[dict[str, Any]]) -> str:
    cells = [[("" if r[c] is None else str(r[c])) for c in _TABLE_COLUMNS] for r in rows]
    widths = [min(30, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(_TABLE_COLUMNS)]

    def line(values: Sequence[str]) -> str:
        return "  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths))

    return "\n".join([line(_TABLE_COLUMNS), line(["-" * w for w in widths]), *map(line, cells)])


@click.command("events")
@_DB
@_filter_options
@click.option("--limit", type=click.IntRange(0, 100_000), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events_cmd(db: Path, limit: int, fmt: str, **filters: Any) -> None:
    """List stored events, filtered (table, JSON lines or CSV on stdout)."""
    from eventwire.records import event_to_dict
    from eventwire.store.query import select_events

    flt = _filter(limit=limit, **filters)
    with _store(db) as store:
        page = select_events(store, flt)
    total, events = page.total, page.events
    if fmt == "json":
        from eventwire.output.formats import to_json

        for event in events:
            click.echo(to_json(event_to_dict(event)))  # one line each, whatever the text holds
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_TABLE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_row(e) for e in events)
        click.echo(out.getvalue(), nl=False)
    else:
        click.echo(_table([_row(e) for e in events]))
    click.echo(f"{len(events)} of {total} matching events", err=True)


@click.command("show")
@click.argument("event_id")
@_DB
@click.option("--json", "as_json", is_flag=True, help="The event as one JSON object.")
def show_cmd(event_id: str, db: Path, as_json: bool) -> None:
    """Show one event: its values, their sources, its mentions and the disagreements."""
    from eventwire.linking.corrections import event_field_corrections
    from eventwire.records import event_to_dict

    with _store(db) as store:
        event = store.event(event_id)
        if event is None:
            raise click.ClickException(f"no event {event_id!r} in {db}")
        articles = {m.article_id: store.article(m.article_id) for m in event.mentions}
        fixes = event_field_corrections(event, store.field_corrections())
    record = event_to_dict(event)
    if as_json:
        record["corrections"] = [{"correction_id": f.correction_id, "field": f.field, "value": f.value,
                                  "note": f.note, "made_at": f.made_at.isoformat(timespec="seconds")}
                                 for f in fixes]
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    if event.event_id != event_id:
        click.echo(f"({event_id} was merged into {event.event_id})")
    click.echo(f"{event.event_id}  {event.event_type} / {event.sub_event_type}")
    for name in ("date_start", "date_end", "date_precision", "location", "admin1", "country", "actor1",
                 "actor2", "fatalities"):
        source = record["provenance"].get({"location": "place", "admin1": "place", "country": "place",
                                           "date_start": "dates", "date_end": "dates",
                                           "date_precision": "dates"}.get(name, name))
        click.echo(f"  {name:15} {record[name]!s:40} {'from ' + source if source else ''}")
    if fixes:
        click.echo("corrections:")
        for f in fixes:
            why = f"  ({f.note})" if f.note else ""
            click.echo(f"  {f.correction_id}  {f.field} = {f.value or '(none)'}  "
                       f"{f.made_at.isoformat(sep=' ', timespec='seconds')}{why}")
    if event.disagreements:
        click.echo("disagreements:")
        for d in event.disagreements:
            values = "; ".join(f"{v['value']} ({', '.join(v['articles'])})" for v in d["values"])
            click.echo(f"  {d['field']}: {values}")
    click.echo(f"mentions ({len(event.mentions)}):")
    for m in event.mentions:
        article = articles.get(m.article_id)
        outlet = (article.source if article else None) or m.source or "unknown outlet"
        click.echo(f"  {m.mention_id}  {m.file}  {outlet}  published {m.published or 'unknown'}")
        click.echo(f"    {m.sub_event_type}; {m.place.name if m.place else '-'}; "
                   f"{m.dates.start or 'undated'}; deaths {m.fatalities if m.fatalities is not None else '-'}")
        click.echo(f"    “{m.sentence}”")
        if article and article.url:
            click.echo(f"    {article.url}")


@click.command("export")
@_DB
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "acled", "jsonl", "geojson", "parquet"]), required=True,
              help="csv: events.csv (ACLED's 31 columns, then eventwire's); acled: exactly ACLED's 31 columns.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write (replaced atomically).")
def export_cmd(db: Path, fmt: str, out: Path, **filters: Any) -> None:
    """Export stored events (all, or those matching the filters) to one file."""
    from eventwire.output.export import write_export
    from eventwire.store.query import MAX_LIMIT, select_events

    events: list[Event] = []
    with _store(db) as store:
        while True:  # page through, so any number of events can be exported
            page = select_events(store, _filter(limit=MAX_LIMIT, offset=len(events), **filters))
            events.extend(page.events)
            if not page.events or len(events) >= page.total:
                break
    try:
        write_export(out, events=events, fmt=fmt)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {len(events)} events to {out}", err=True)


@click.command("merge")
@click.argument("first_id")
@click.argument("second_id")
@_DB
@click.option("--note", help="Why: kept with the correction.")
def merge_cmd(first_id: str, second_id: str, db: Path, note: str | None) -> None:
    """Merge two events into one; the merge is kept across re-runs."""
    from eventwire.settings import load_settings
    from eventwire.store.corrections import merge_events

    with _store(db, write=True) as store:  # turns a CorrectionError into one line and exit code 1
        event = merge_events(store, first_id, second_id, settings=load_settings(), note=note)
    click.echo(event.event_id)
    click.echo(f"merged {first_id} and {second_id} into {event.event_id} ({len(event.mentions)} mentions)",
               err=True)


@click.command("split")
@click.argument("event_id")
@click.argument("mention_id")
@_DB
@click.option("--note", help="Why: kept with the correction.")
def split_cmd(event_id: str, mention_id: str, db: Path, note: str | None) -> None:
    """Take one mention out of an event into an event of its own; kept across re-runs."""
    from eventwire.settings import load_settings
    from eventwire.store.corrections import split_mention

    with _store(db, write=True) as store:
        rest, alone = split_mention(store, event_id, mention_id, settings=load_settings(), note=note)
    click.echo(alone.event_id)
    click.echo(f"split {mention_id} out of {event_id}: {rest.event_id} keeps {len(rest.mentions)} mentions, "
               f"{alone.event_id} is new", err=True)


@click.command("set", context_settings={"ignore_unknown_options": True})  # "-1" is a VALUE, refused below
@click.argument("event_id")
@click.argument("field", metavar="FIELD")
@click.argument("value")
@_DB
@click.option("--note", help="Why: kept with the correction.")
def set_cmd(event_id: str, field: str, value: str, db: Path, note: str | None) -> None:
    """Correct one FIELD of an event (type, actor1, actor2, place, date, fatalities); kept across re-runs.

    type is one of the 25 sub-event types; date is YYYY-MM-DD; fatalities a whole number;
    place a name the gazetteer knows (in the event's country first); an empty actor clears it.
    """
    from eventwire.linking.corrections import check_value
    from eventwire.settings import load_settings
    from eventwire.store.corrections import set_field

    try:
        check_value(field, value)  # before opening the database for writing
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    with _store(db, write=True) as store:
        event = set_field(store, event_id, field, value, settings=load_settings(), note=note)
    click.echo(event.event_id)
    click.echo(f"set {field} of {event.event_id}", err=True)


COMMANDS = (events_cmd, show_cmd, export_cmd, merge_cmd, split_cmd, set_cmd)
