"""Kinds of problems, for the run summary: ``{"binary": 2, "empty": 1}``.

A :class:`~eventwire.records.Problem` carries a sentence for people; its kind is
read back from that sentence by the patterns below, which follow the messages
written in this package (and the pipeline's "extraction failed"). A reason that
matches none is ``other``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from eventwire.records import Problem

PROBLEM_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("missing", r"^no such file"),
        ("broken_link", r"^broken symbolic link"),
        ("link_loop", r"^folder link loop"),
        ("not_a_file", r"^not a regular file"),
        ("unreadable", r"^cannot (?:read|list|inspect)"),
        ("too_large", r"\((?:max_file_bytes|max_line_chars|max_article_chars)\)$"),
        ("unsupported_type", r"^unsupported file type"),
        ("not_english", r"^not English text"),
        ("binary", r"^binary file"),
        ("bad_encoding", r"^invalid UTF-\d+ text"),
        ("encrypted_pdf", r"^encrypted PDF"),
        ("no_text_layer", r"^PDF has no (?:text layer|pages)"),
        ("bad_pdf", r"^(?:truncated|broken) PDF"),
        ("bad_json", r"^invalid JSON|^JSON holds|^(?:line holds|is) .+, expected an object$"),
        ("no_text_field", r"^record has no text|^record text is (?!empty)"),
        ("duplicate_id", r"^duplicate article id"),
        ("no_article", r"^no article|^folder holds no input files"),
        ("empty", r"^empty file|empty$"),
        ("extraction_failed", r"^extraction failed"),
    ))
_ITEM = re.compile(r"^item \d+: ")


def problem_kind(problem: Problem) -> str:
    """The kind of one problem ("binary", "too_large", ...), or ``other``."""
    reason = _ITEM.sub("", problem.reason)
    for kind, pattern in PROBLEM_KINDS:
        if pattern.search(reason):
            return kind
    return "other"


def count_problem_kinds(problems: Iterable[Problem]) -> dict[str, int]:
    """How many problems of each kind, most frequent first (ties by name)."""
    counts = Counter(problem_kind(problem) for problem in problems)
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))
