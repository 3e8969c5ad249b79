"""Commands about the coder itself: ``train-recogniser`` and ``recode``.

A thin layer over :mod:`eventwire.extraction.recogniser.train` and :func:`eventwire.pipeline.run`;
messages go to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from eventwire.errors import EventwireError


@click.command("train-recogniser")
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("corpus"),
              show_default=True, help="The corpus folder (train/ and test/ inside).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write recogniser.npz and recogniser.json (default: the package's data folder).")
@click.option("--seed", type=int, default=13, show_default=True, help="The training seed (recorded).")
@click.option("--limit", type=int, default=None, help="Train on the first N training records only.")
@click.option("--gate", type=float, default=None,
              help="Fix the encoder's gate (a speed choice) instead of choosing it on validation.")
@click.option("--score-test", is_flag=True,
              help="Do not train: score the model in --out (or the packaged one) on corpus/test once.")
def train_cmd(corpus: Path, out: Path | None, seed: int, limit: int | None, gate: float | None,
              score_test: bool) -> None:
    """Train the sentence recogniser on CORPUS/train (validation split inside it), or score it."""
    from importlib import resources

    from eventwire.extraction.recogniser import META, WEIGHTS, load
    from eventwire.extraction.recogniser.corpus import files, read, test_split
    from eventwire.extraction.recogniser.train import Options, score_split, train

    target = out or Path(str(resources.files("eventwire") / "data"))
    try:
        if score_test:
            model = load((target / WEIGHTS).read_bytes(), (target / META).read_text(encoding="utf-8"))
            records = read(files(corpus / "train") + files(corpus / "test"))
            result = score_split(model, test_split(records))
            click.echo(json.dumps(result, indent=1))
            return
        train(Options(corpus=corpus, out=target, seed=seed, limit=limit, gate=gate),
              log=lambda line: click.echo(line, err=True))
    except (EventwireError, OSError) as exc:
        raise click.ClickException(str(exc)) from None


@click.command("recode")
@click.option("--db", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=Path("eventwire.duckdb"), show_default=True, help="The DuckDB event database.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write the recoded articles' outputs here (as 'eventwire run' does).")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def recode_cmd(db: Path, out_dir: Path | None, quiet: bool) -> None:
    """Code again, from their stored text, the articles an older coder version coded."""
    from eventwire.extraction.recogniser import coder_version
    from eventwire.recode import recode

    try:
        done = recode(db, out_dir=out_dir)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    if quiet:
        return
    if done.summary is None:
        click.echo(f"eventwire: every article in {db} was coded by {coder_version()}", err=True)
    else:
        click.echo(f"eventwire: recoded {done.articles} articles with {coder_version()}: "
                   f"{done.summary['events']} events", err=True)


COMMANDS = [train_cmd, recode_cmd]
