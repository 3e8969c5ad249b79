"""``eventwire recode``: code again, from their stored text, the articles an older coder coded.

The outdated articles are read from the database in batches and spooled to an anonymous
temporary file before the run opens the database for writing (a run holds the write
connection, so it cannot read the store as it goes); the run then reads them back one at a
time. Memory stays at one batch whatever the number of articles, and the spool vanishes with
the process however it ends.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from eventwire.records import Article
from eventwire.settings import Settings, load_settings

#: Articles read from the database at a time.
BATCH = 256


@dataclass(frozen=True, slots=True)
class Recoded:
    """What a recode did: how many articles it coded again and the run's summary (None: none)."""

    articles: int
    summary: dict | None


def recode(db: Path, *, out_dir: Path | None = None, settings: Settings | None = None,
           batch: int = BATCH) -> Recoded:
    """Code again the articles of ``db`` coded by another coder version; returns what it did."""
    from eventwire.pipeline import run
    from eventwire.store.database import Store

    with tempfile.TemporaryFile(prefix="eventwire-recode-") as spool:
        with Store.open(db) as store:
            ids = store.outdated_articles()
            for start in range(0, len(ids), batch):
                for article in store.articles(ids=ids[start:start + batch]):
                    pickle.dump(article, spool, protocol=pickle.HIGHEST_PROTOCOL)
        if not ids:
            return Recoded(0, None)
        spool.seek(0)
        result = run(["(recode)"], source=_read(spool), db=db, out_dir=out_dir,
                     settings=settings or load_settings(), keep_events=False)
    return Recoded(len(ids), result.summary)


def _read(spool: IO[bytes]) -> Iterator[Article]:
    """The spooled articles, in the order they were written (our own file: pickle is safe)."""
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return
