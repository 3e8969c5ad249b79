"""Whether a stored article changed: its content hash (the migrations and the store both ask)."""

from __future__ import annotations

import hashlib
import json

from eventwire.records import Article


def article_hash(article: Article) -> str:
    """A content hash of an article: its text and metadata (sha256 hex), not its id or the path
    it was read by. Whether a stored article changed is its hash; two articles with one hash
    (the same text, title, outlet, url and date) are one report."""
    parts = [article.text, article.title, article.source,
             article.published.isoformat() if article.published else None,
             article.published_origin, article.url, article.year_hint]
    blob = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
