"""The model's entity recogniser, run only on the sentences that can tell an event.

The recogniser is the most expensive part of the English model (its own
token-to-vector network, then a transition loop that tests every one of its 74
moves at every token). The extractors read entities in the
sentences that hold an event word (an actor's name, a place, a date); elsewhere
places come from the gazetteer (:class:`eventwire.analysis.analyse.PlaceTagger` runs on
every sentence). What is lost elsewhere: names the gazetteer does not know;
nationality words ("Somali"), which no longer vote for the article's country
outside event sentences; and the person and organisation names that keep the
gazetteer from tagging a place inside them ("Hassan" in a president's name).
On the seeds, the ISAF set and our three sets no score fell (ISAF with events
0.979 -> 0.981, province 0.960 -> 0.963, type 0.952 -> 0.955, killed 0.870 ->
0.873). On the benchmark's articles (65% of words in such sentences) the recogniser
takes 12.8 ms of CPU per article instead of 15.5 with spaCy 3.8.7 (26 ms instead of
42 with the slower 3.8.18 wheels it was written for).

:class:`ScopedRecogniser` stands in for ``ner``: it joins each run of adjacent
sentences that hold a possible event word (:func:`eventwire.analysis.eventwords.candidates`,
the first test of :func:`~eventwire.extraction.triggers.trigger_kind`) into one short
document, runs the original recogniser over those, and copies the entities back.
A document whose every sentence qualifies is recognised whole, as before. Inside
a run the recogniser sees the same words as in the whole document, except at the
run's two ends, where its four-word window no longer reaches into the sentence
left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NAME = "eventwire_entities"


def sentence_runs(doc: Doc, wanted: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) token offsets of each run of adjacent sentences holding one of the token
    indices ``wanted`` (in ascending order)."""
    runs: list[tuple[int, int]] = []
    k = 0
    for sent in doc.sents:
        while k < len(wanted) and wanted[k] < sent.start:
            k += 1
        if k < len(wanted) and wanted[k] < sent.end:
            if runs and runs[-1][1] == sent.start:
                runs[-1] = (runs[-1][0], sent.end)
            else:
                runs.append((sent.start, sent.end))
    return runs


class ScopedRecogniser:
    """spaCy component: the original ``ner`` over the sentences that may tell an event."""

    def __init__(self, ner: Any) -> None:
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            yield from self._recognise(list(batch), batch_size)

    def _recognise(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        from spacy.tokens import Span

        from eventwire.analysis.eventwords import candidates

        parts: list[tuple[Doc, int]] = []
        pieces: list[Doc] = []
        for doc in docs:
            for start, end in sentence_runs(doc, candidates(doc)):
                parts.append((doc, start))
                pieces.append(doc if (start, end) == (0, len(doc)) else doc[start:end].as_doc())
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for piece, (doc, start) in zip(self.ner.pipe(pieces, batch_size=batch_size), parts):
            found[id(doc)].extend(Span(doc, start + e.start, start + e.end, label=e.label) for e in piece.ents)
        for doc in docs:
            doc.ents = found[id(doc)]
        return docs


def install(nlp: Language) -> bool:
    """Put :class:`ScopedRecogniser` in the place of the model's ``ner`` (kept loaded, disabled)."""
    from spacy.language import Language as _Language

    if "ner" not in nlp.pipe_names or NAME in nlp.component_names:
        return False
    if NAME not in _Language.factories:
        _Language.factory(NAME)(_from_pipeline)
    nlp.add_pipe(NAME, after="ner")
    nlp.disable_pipe("ner")
    return True


def _from_pipeline(nlp: Any, name: str) -> ScopedRecogniser:
    return ScopedRecogniser(nlp.get_pipe("ner"))
