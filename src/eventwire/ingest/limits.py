"""The size limits of :class:`~eventwire.settings.Settings` applied to articles."""

from __future__ import annotations

from eventwire.records import Article, Problem
from eventwire.settings import Settings


def within_article_limit(item: Article | Problem, settings: Settings, *, line: int | None = None,
                         where: str = "") -> Article | Problem:
    """``item``, or a :class:`Problem` when its text is over ``max_article_chars``.

    ``line`` is the JSONL line and ``where`` a prefix ("item 3: ") that say which
    part of the file the article came from.
    """
    if isinstance(item, Article) and len(item.text) > settings.max_article_chars:
        return Problem(item.file, f"{where}article text is {len(item.text):,} characters, over the "
                                  f"limit of {settings.max_article_chars:,} (max_article_chars)", line)
    return item
