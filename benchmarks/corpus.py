"""A generated corpus of realistic news articles for the benchmarks.

Articles are recombined from the project's own example articles
(``examples/``, written for this project): each generated article keeps one
example's lead (headline, dateline, first paragraphs) and is filled to about
500 words with background paragraphs from other examples, in a seeded random
order. Publication dates are shifted by a random number of days so the coded
events spread over time, as a real day of news does. Nothing here reads
``../shared``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
OUTLETS = ("The Northwind Daily", "Lantern Asia News", "Harbour Desk", "Meridian Wire", "Coastline Post")


@dataclass(frozen=True, slots=True)
class Template:
    title: str
    published: dt.date
    paragraphs: tuple[str, ...]


def load_templates(folder: Path = EXAMPLES) -> list[Template]:
    """The example articles as templates (through eventwire's own ingesters)."""
    from eventwire.ingest import iter_inputs
    from eventwire.records import Article

    templates = []
    for item in iter_inputs([str(folder)]):
        if not isinstance(item, Article) or item.published is None:
            continue
        paragraphs = tuple(p.strip() for p in item.text.split("\n") if len(p.split()) >= 12)
        if len(paragraphs) >= 2:
            templates.append(Template(item.title or paragraphs[0][:60], item.published, paragraphs))
    if len(templates) < 3:
        raise SystemExit(f"too few example articles in {folder}")
    return templates


def article(templates: list[Template], number: int, *, seed: int = 7, words: int = 500) -> dict[str, str]:
    """The ``number``-th generated article, as a JSONL record (same number, same article)."""
    rng = random.Random(seed * 1_000_003 + number)
    base = templates[rng.randrange(len(templates))]
    chosen = list(base.paragraphs)
    count = sum(len(p.split()) for p in chosen)
    others = [(t, p) for t in templates if t is not base for p in t.paragraphs[1:]]
    while count < words:
        _, paragraph = others[rng.randrange(len(others))]
        if paragraph in chosen:
            continue
        chosen.insert(rng.randrange(2, len(chosen) + 1), paragraph)
        count += len(paragraph.split())
    published = base.published + dt.timedelta(days=rng.randrange(-900, 900))
    return {"id": f"gen-{seed}-{number:07d}", "title": base.title, "published": published.isoformat(),
            "source": OUTLETS[rng.randrange(len(OUTLETS))], "text": "\n\n".join(chosen)}


def articles(count: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    templates = load_templates()
    for number in range(count):
        yield article(templates, number, seed=seed)


def write_jsonl(path: Path, count: int, *, seed: int = 7) -> int:
    """Write ``count`` articles to ``path``; return the number of words written."""
    total = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in articles(count, seed=seed):
            total += len(record["text"].split())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total
