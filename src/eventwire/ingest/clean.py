"""Plain-text cleaning: normalise characters, drop boilerplate lines, undo markdown.

The rules are general (what news pages, wire copy and press releases carry around an
article), never tuned to one site. Everything works line by line on text whose lines
are paragraphs or hard-wrapped pieces of them:

1. :func:`normalise_text` unifies line breaks (CRLF, U+2028, U+2029), spaces (NBSP,
   tabs, runs of spaces) and drops zero-width and control characters.
2. Release markers written inline ("For Immediate Release", "Download PDF") become
   paragraph breaks, so a dateline after them starts its own paragraph.
3. :func:`strip_boilerplate_lines` drops lines that are only share/subscribe/cookie
   prompts, contact footers, links, e-mail addresses, copyright and photo credits.
4. Markdown syntax is reduced to its text ("[text](url)" -> "text", "**x**" -> "x",
   "# Heading" -> "Heading").
5. Lines broken mid-sentence (a page break, a hard wrap) are joined again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters other than tab and line breaks (a stray byte from a bad export).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\u0085")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")

# Release furniture that often sits inline between the header and the dateline.
_INLINE_MARKERS = re.compile(
    r"[ \t]*(?:\b(?:For Immediate Release|FOR IMMEDIATE RELEASE|NEWS RELEASE|PRESS RELEASE)\b"
    r"|\b(?i:download (?:the )?pdf)\b)[ \t]*")

_BOILERPLATE = re.compile(
    r"""^(?:
      share(?:\ (?:it|this|this\ (?:article|story|page)|on\ \w+(?:\ \w+)?|via\ \w+))?
    | (?:tweet|print|e-?mail|whatsapp|facebook|twitter|linkedin|telegram|reddit)(?:\ this)?
    | (?:next|previous|prev|related|top|more|latest|recommended)
      \ (?:story|stories|article|articles|news|posts?)
    | related(?:\ (?:content|coverage|topics|links))?
    | (?:read|see|also\ read|read\ also|watch|listen)
      (?:\ more|\ next|\ also|\ the\ full\ story)?(?:\s*[:>»].*)?
    | advertisement | advertising | sponsored(?:\ content)? | ad | promoted
    | (?:scroll|story\ continues|article\ continues|continue\ reading)\b.*
    | subscribe\b.* | sign\ up\b.*\bnewsletter\b.* | (?:get\ )?(?:our\ )?newsletter\b.*
    | (?:we|this\ (?:web)?site|our\ site)\ uses?\ cookies\b.*
    | (?:accept|reject|manage)(?:\ all)?\ cookies\b.*
    | cookie\ (?:policy|settings|preferences|consent)\b.*
    | skip\ to\ (?:main\ )?content | back\ to\ top | menu | search | home | log\ ?in | sign\ in
    | for\ immediate\ release | download(?:\ the)?\ pdf | (?:news|press)\ release | end
    | follow\ (?:us|@\w+)\b.* | like\ us\ on\ \w+.* | join\ (?:us|our\ \w+)\ on\b.*
    | click\ here\b.* | tap\ here\b.*
    | (?:copyright\b|©|\(c\)\ ?(?:19|20)\d\d\b).* | .{0,80}\ball\ rights\ reserved\b.*
    | (?:file\ )?(?:photo|photograph|image|picture|video)s?(?:\ credits?)?\s*(?::|\bby\b|\bcourtesy\b|/).*
    | (?:image\ )?(?:credit|source|caption)s?\s*:.*
    | to\ contact\b.* | (?:media|press)\ (?:contact|enquiries|inquiries)\b.* | contact\ us\b.*
    | for\ more\ information,?\ (?:visit|contact|see)\b.*
    | tags?\s*:.* | filed\ under\b.* | posted\ in\b.* | categories\s*:.*
    | (?:leave\ a\ )?comments?(?:\ \(\d+\))? | \d+\ comments? | \d+\ min(?:ute)?s?\ read
    | listen\ to\ (?:this|the)\ (?:article|story)\b.* | loading\W* | \#{3,}
    )\W*$""", re.IGNORECASE | re.VERBOSE)
_PHOTO_CAPTION_END = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|image|pictures?)\b[^()]*"
    r"|[^()]*/(?:AP|AFP|Reuters|EPA|Getty[^()]*))\)\s*$",
    re.IGNORECASE)
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$")
_EMAIL_ONLY = re.compile(r"^(?:e-?mail:?\s*)?<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?$", re.IGNORECASE)
_MAX_BOILERPLATE_CHARS = 200

_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REF_DEFINITION = re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_QUOTE = re.compile(r"^\s*>\s?")
_BULLET = re.compile(r"^\s*(?:[-*+•▪●]|\d{1,2}[.)])\s+(?=\S)")
#: Every rule above needs one of these characters, or (a numbered item) a digit opening the line.
_MARKDOWN_CHARS = re.compile(r"[\[\]!<>#*_=+•▪●-]")
_NUMBERED = re.compile(r"\s*\d")

_TERMINAL = ".!?:;\"”’)]…"
_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "that", "which", "who", "whose", "than", "into", "onto", "near", "over", "under", "between", "against", "during", "after", "before", "its", "their", "his", "her", "our", "this", "these", "those", "were", "was", "is", "are", "has", "have", "had", "be", "been"])


def normalise_text(text: str) -> str:
    """Unify line breaks and spaces; one space inside lines, no trailing spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
        text = _LINE_BREAKS.sub("\n", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines)


def markdown_to_plain(line: str) -> str:
    """One line with markdown syntax reduced to its text."""
    if not _MARKDOWN_CHARS.search(line) and not _NUMBERED.match(line):
        return line.strip()  # no character any rule below needs: nothing to reduce
    if _REF_DEFINITION.match(line):
        return ""
    if _SETEXT_RULE.match(line):
        return ""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    heading = _HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = _QUOTE.sub("", line)
    line = _BULLET.sub("", line)
    for _ in range(2):  # nested emphasis ("***x***")
        line = _STRONG.sub(r"\2", line)
        line = _EM_STAR.sub(r"\1", line)
        line = _EM_UNDERSCORE.sub(r"\1", line)
    return line.strip()


def is_boilerplate(line: str) -> bool:
    """Whether one line is furniture around an article rather than part of it."""
    plain = markdown_to_plain(line).strip(" *_|·•-–—")
    if not plain:
        return not _HEADING.match(line) and bool(line.strip()) and not _SETEXT_RULE.match(line)
    if _URL_ONLY.match(plain) or _EMAIL_ONLY.match(plain):
        return True
    if len(plain) <= _MAX_BOILERPLATE_CHARS and _BOILERPLATE.match(plain):
        return True
    return len(plain) <= _MAX_BOILERPLATE_CHARS * 2 and _PHOTO_CAPTION_END.search(plain) is not None


def strip_boilerplate_lines(lines: Iterable[str]) -> list[str]:
    """``lines`` without boilerplate lines (see :func:`is_boilerplate`).

    A contact footer written over two lines ("To contact the newsroom and the" /
    "editors visit:") goes as a whole.
    """
    pending = list(lines)
    kept: list[str] = []
    index = 0
    while index < len(pending):
        line = pending[index]
        index += 1
        if not is_boilerplate(line):
            kept.append(line)
            continue
        plain = markdown_to_plain(line)
        if plain.lower().startswith("to contact") and not plain.endswith(":"):
            nxt = index + 1 if index < len(pending) and not pending[index].strip() else index
            if nxt < len(pending) and len(pending[nxt]) <= _MAX_BOILERPLATE_CHARS \
                    and markdown_to_plain(pending[nxt]).endswith(":"):
                index = nxt + 1
    return kept


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join lines broken mid-sentence, across at most one blank line.

    A line continues on the next when it does not end a sentence and either the
    next starts in lower case, or the line ends on a word that cannot end one
    ("of", "the", "with") or on a comma or dash.
    """
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            out.append(line)
            continue
        while True:
            nxt = index + 1 if index < len(lines) and not lines[index] else index
            if nxt >= len(lines) or not lines[nxt] or not _continues(line, lines[nxt]):
                break
            glue = "" if line.endswith("-") and not line.endswith(" -") and lines[nxt][0].islower() else " "
            line = line + glue + lines[nxt]
            index = nxt + 1
        out.append(line)
    return out


def _continues(line: str, following: str) -> bool:
    if line[-1] in _TERMINAL:
        return False
    first = following[0]
    if first.islower():
        return True
    last_word = line.rsplit(" ", 1)[-1]
    if line[-1] in ",–—" or line.endswith(" -"):
        return first.isalnum() or first in "\"“‘'("
    return last_word in _FUNCTION_WORDS and (first.isalnum() or first in "\"“‘'(")


def clean_text(text: str) -> str:
    """The cleaned article text (see the module docstring for the steps)."""
    text = normalise_text(text)
    text = _INLINE_MARKERS.sub("\n\n", text)
    lines = [line.strip() for line in text.split("\n")]
    lines = strip_boilerplate_lines(lines)
    lines = [_SPACES.sub(" ", markdown_to_plain(line)) for line in lines]
    lines = join_broken_lines(lines)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
