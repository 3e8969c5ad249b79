"""Explain: why each sentence of an article was or was not coded.

:func:`explain` runs the extraction steps (:mod:`.extract`) on articles and gives, for every
sentence, the recogniser's most likely types and scores, each candidate coded with the value,
phrase and rule of each argument, and each candidate dropped with the step and the reason.
:func:`as_json` and :func:`as_text` render one sentence's trail. The reports shown are those
of the sentence, before the linking stage merges the reports of one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventwire.extraction.candidates import Candidate, Reason, SentenceTrail
from eventwire.extraction.extract import EXTRACTION_ERRORS
from eventwire.records import Problem

if TYPE_CHECKING:
    from eventwire.records import Article
    from eventwire.settings import Settings

#: The arguments shown for a coded candidate, in this order.
ARGUMENTS = ("actor1", "actor2", "place", "date", "fatalities")


@dataclass(frozen=True, slots=True)
class Explained:
    """One article's sentences, each with its trail; or the problem that stopped its extraction."""

    article: Article
    sentences: tuple[SentenceTrail, ...]
    problem: Problem | None = None


def explain(articles: Iterable[Article], *, settings: Settings | None = None) -> Iterator[Explained]:
    """Each article with the trail of each of its sentences (parsed and scored in batches)."""
    from eventwire.analysis.analyse import analyse
    from eventwire.extraction.extract import score_docs, trail
    from eventwire.extraction.recogniser.fuse import Thresholds
    from eventwire.settings import Settings

    settings = settings or Settings()
    limits = Thresholds(accept=settings.recogniser_accept, reject=settings.recogniser_reject)
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= max(1, settings.batch_size):
            yield from _explained(batch, limits, analyse, score_docs, trail, settings.batch_size)
            batch = []
    if batch:
        yield from _explained(batch, limits, analyse, score_docs, trail, settings.batch_size)


def _explained(batch: Sequence[Article], limits: Any, analyse: Any, score_docs: Any, trail: Any,
               batch_size: int) -> Iterator[Explained]:
    docs = list(analyse((a.text for a in batch), batch_size=max(1, batch_size)))
    scores: list[Any] = [None] * len(docs) if limits.off else score_docs(docs)
    for article, doc, doc_scores in zip(batch, docs, scores, strict=True):
        try:
            sentences = trail(doc, article, limits=limits, scores=doc_scores).sentences
        except EXTRACTION_ERRORS as exc:  # a defect on one article: it is reported, the others go on
            yield Explained(article, (), Problem(article.file, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        yield Explained(article, sentences)


def as_json(article: Article, sent: SentenceTrail) -> dict[str, Any]:
    """One sentence's trail as a JSON object."""
    return {
        "file": article.file, "article_id": article.article_id, "sentence": sent.index + 1,
        "start": sent.start, "text": sent.text,
        "recogniser": None if sent.none is None else {
            "types": [{"type": name, "score": round(p, 4)} for name, p in sent.types],
            "none": round(sent.none, 4)},
        "coded": [_candidate(c) for c in sent.coded],
        "dropped": [_candidate(c) for c in sent.dropped],
    }


def _candidate(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {"trigger": c.trigger or None, "kind": c.kind or None,
                           "type": c.sub_event_type or None, "rule_type": c.rule_type,
                           "score": None if c.score is None else round(c.score, 4)}
    if c.dropped is not None:
        out["step"] = c.dropped.step
        out["reason"] = c.dropped.reason.name.lower()
        out["explanation"] = c.dropped.reason.text
        out["detail"] = c.dropped.detail or None
    else:
        by_name = {e.argument: e for e in c.evidence}
        out["arguments"] = {name: {"value": by_name[name].value, "phrase": by_name[name].phrase,
                                   "rule": by_name[name].rule} for name in ARGUMENTS if name in by_name}
    return out


def as_text(article: Article, sent: SentenceTrail) -> str:
    """One sentence's trail as indented lines of text."""
    lines = [f"{article.file} sentence {sent.index + 1}: {sent.text}"]
    if sent.none is not None:
        types = ", ".join(f"{name} {p:.2f}" for name, p in sent.types)
        lines.append(f"  recogniser: {types}; no event {sent.none:.2f}")
    for c in sent.coded:
        score = "" if c.score is None else f" {c.score:.2f}"
        rule = f", rules said {c.rule_type}" if c.rule_type and c.rule_type != c.sub_event_type else ""
        lines.append(f"  coded: {c.sub_event_type}{score} from '{c.trigger}' ({c.kind}{rule})")
        by_name = {e.argument: e for e in c.evidence}
        for name in ARGUMENTS:
            e = by_name.get(name)
            if e is None:
                continue
            phrase = f" from '{e.phrase}'" if e.phrase else ""
            lines.append(f"    {name}: {e.value if e.value is not None else '-'}{phrase} [{e.rule}]")
    for c in sent.dropped:
        if c.dropped is None:
            continue  # (the dropped list holds dropped candidates only)
        what = f"{c.sub_event_type or 'no type'} from '{c.trigger}'" if c.trigger else (c.sub_event_type or "the sentence")
        detail = f" ({c.dropped.detail})" if c.dropped.detail else ""
        lines.append(f"  dropped: {what} at {c.dropped.step}: {c.dropped.reason.name.lower()}{detail}"
                     f" - {c.dropped.reason.text}")
    if not sent.coded and not sent.dropped:
        lines.append("  no event word")
    return "\n".join(lines)


def reasons() -> list[tuple[str, str, str]]:
    """Every drop reason: (step, name, explanation), in pipeline order."""
    return [(r.step, r.name.lower(), r.text) for r in Reason]
