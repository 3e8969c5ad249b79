"""HTML pages: the main text by trafilatura, metadata from meta tags, JSON-LD and ``<time>``.

A page with no article (only menus, link lists and headings) is refused: at least
one block of running text (:data:`MIN_BLOCK_WORDS` words) must be left.
"""

from __future__ import annotations

import json
import re
from typing import Any

from eventwire.errors import EmptyInput
from eventwire.ingest.pubdate import parse_meta_date
from eventwire.ingest.text import parse_text
from eventwire.records import Article

#: a page's text must hold at least one block (paragraph) this long, in words
MIN_BLOCK_WORDS = 8


def parse_html(raw: str, *, file: str, article_id: str | None = None, default_id: str | None = None) -> Article:
    """One article from an HTML page: trafilatura's main text plus the page's metadata (its
    identity as :func:`~.text.parse_text` makes it: own id, page url, ``default_id``, ``file``).

    A page nested deeper than the HTML parser reads (:data:`PARSER_DEPTH` elements;
    the parser drops all that lies below) is read with its layout elements (``div``,
    ``span``, ...) taken out, and if it is still too deep, as plain text.
    """
    raw, deep = _within_parser_depth(_XML_UNSAFE.sub(" ", raw))
    meta = _html_metadata(raw)
    text = _plain_page_text(raw) if deep else _html_main_text(raw)
    if not text.strip():
        raise EmptyInput("no article text found in the HTML" + (" (it is nested too deep to read: more than "
                                                                 f"{PARSER_DEPTH} elements)" if deep else ""))
    if not any(len(block.split()) >= MIN_BLOCK_WORDS for block in text.split("\n")):
        raise EmptyInput("no article in the HTML: the page holds only navigation, links or "
                         f"headings (no paragraph of {MIN_BLOCK_WORDS} words or more)")
    published = meta.get("published")
    return parse_text(text, file=file, article_id=article_id, title=meta.get("title"),
                      source=meta.get("source"), published=published, url=meta.get("url"),
                      guess_title=True, published_origin="meta", default_id=default_id)


#: Characters an XML tree cannot hold (lxml refuses them when a text is set, as when a dropped
#: element's tail joins its parent's text); no page shows them, so they are read as spaces.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _html_tree(raw: str) -> Any:
    return _parsed(raw)[0]


def _parsed(raw: str) -> tuple[Any, bool]:
    """The page's tree (None if it cannot be parsed), and whether the parser stopped at its depth."""
    from lxml import etree
    from lxml import html as lxml_html

    cleaned = re.sub(r"^\s*<\?xml[^>]*\?>", "", raw)
    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.document_fromstring(cleaned, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    return tree, any("excessive depth" in entry.message.lower() for entry in parser.error_log)


#: How deep the HTML parser (libxml2) reads a page; below that it drops the rest of the page.
PARSER_DEPTH = 255
# Elements that only lay a page out: taken out of a page nested too deep, their text kept.
# (Links, menus and tables stay: they tell the extractor what is not the story.)
_LAYOUT = re.compile(r"</?(?:div|span|section|article|main|center|font|b|i|u|em|strong|small|big)\b[^>]*>",
                     re.IGNORECASE)
_DROPPED = re.compile(r"<(script|style|noscript|template|nav|header|footer|aside|form)\b.*?</\1\s*>",
                      re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(?:p|br|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|div|section|article|tr|td|th|table)\b[^>]*>",
                    re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _within_parser_depth(raw: str) -> tuple[str, bool]:
    """``raw``, or (nested deeper than the parser reads) without its layout elements; and
    whether it is still too deep to parse (then it is read as plain text)."""
    if not _parsed(raw)[1]:
        return raw, False
    flat = _LAYOUT.sub(" ", raw)
    return flat, _parsed(flat)[1]


def _plain_page_text(raw: str) -> str:
    """A page's text without a parser: scripts and styles dropped, each block on a line of its
    own, tags taken out, entities decoded."""
    import html

    body = re.split(r"<body\b[^>]*>", _DROPPED.sub(" ", raw), maxsplit=1, flags=re.IGNORECASE)[-1]
    text = html.unescape(_TAG.sub(" ", _BLOCK.sub("\n", body)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _html_metadata(raw: str) -> dict[str, str]:
    tree = _html_tree(raw)
    if tree is None:
        return {}
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        key = key.strip().lower()
        content = (element.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    found: dict[str, str] = {}
    for key in ("article:published_time", "og:published_time", "og:article:published_time",
                "datepublished", "date", "pubdate", "publishdate", "publish-date", "dc.date.issued",
                "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date"):
        if key in metas and parse_meta_date(metas[key]) is not None:
            found["published"] = metas[key]
            break
    linked = _json_ld(tree)
    if "published" not in found and linked.get("published"):
        found["published"] = linked["published"]
    if "published" not in found:
        for element in tree.iter("time"):
            stamp = element.get("datetime") or ""
            if parse_meta_date(stamp) is not None and not _in_footer(element):
                found["published"] = stamp
                break
    source = metas.get("og:site_name") or metas.get("application-name") or linked.get("source")
    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower() and link.get("href")), None)
    url = metas.get("og:url") or canonical or linked.get("url")
    title = (metas.get("og:title") or linked.get("title")
             or _first_text(tree, "title") or _first_text(tree, "h1"))
    if title and source:
        title = _without_site_name(title, source)
    for key, value in (("source", source), ("url", url), ("title", title)):
        if value:
            found[key] = value
    return found


def _without_site_name(title: str, source: str) -> str:
    """"Troops retake town | The Daily Example" -> "Troops retake town"."""
    parts = re.split(r"\s+[|–—:-]\s+", title)
    kept = [part for part in parts if part.strip().lower() != source.strip().lower()]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


def _first_text(tree: Any, tag: str) -> str | None:
    for element in tree.iter(tag):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _in_footer(element: Any) -> bool:
    for parent in element.iterancestors():
        marks = f"{parent.tag} {parent.get('class') or ''} {parent.get('id') or ''}".lower()
        if any(word in marks for word in ("footer", "copyright", "comment", "related")):
            return True
    return False


def _json_ld(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.setdefault("published", node["datePublished"])
            publisher = node.get("publisher")
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and name.strip():
                found.setdefault("source", name)
            if isinstance(node.get("headline"), str):
                found.setdefault("title", node["headline"])
            if isinstance(node.get("url"), str) and "headline" in node:
                found.setdefault("url", node["url"])
            visit(node.get("@graph"))

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        body = re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|\]\]>\s*$", "", script.text.strip())
        try:
            visit(json.loads(body))
        except (json.JSONDecodeError, RecursionError):  # broken or absurdly nested JSON-LD
            continue
    return found


def _html_main_text(raw: str) -> str:
    import trafilatura

    for precise in (True, False):  # favouring precision, then recall
        document = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                               with_metadata=False, favor_precision=precise,
                                               favor_recall=not precise)
        text = getattr(document, "text", None) if document is not None else None
        if text and text.strip():
            return "\n\n".join(line for line in text.split("\n") if line.strip())
    tree = _html_tree(raw)
    if tree is None:
        return ""
    for element in tree.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside|//form"):
        element.drop_tree()
    nodes = tree.xpath("//p|//h1|//h2|//h3|//li|//blockquote")
    blocks = [" ".join(node.text_content().split()) for node in nodes]
    blocks = [block for block in blocks if block]
    return "\n\n".join(blocks) if blocks else " ".join(tree.text_content().split())
