"""Faster stand-ins for two of the English model's rule components, with identical output.

The model's ``attribute_ruler`` (its tag map, morphology rules and lemma
exceptions: about 180 one- and two-token patterns) runs through spaCy's general
``Matcher``, which tries every pattern at every token: it cost more than the
parser. Its patterns only test token attributes for equality or membership, so
:class:`AttributeMatcher` compiles them into hash lookups on the token's tag,
lower-cased form or orth and checks only the few patterns a token can match;
the ruler's own ``set_annotations`` then applies the matches, in the ruler's
order (later rules win), so every attribute it sets is the one it set before.

The rule ``lemmatizer`` recomputes each token's lemma from its text, part of
speech and morphology (spaCy's own cache skips the common base forms);
:class:`LemmaComponent` remembers the lemma of each (text, part of speech,
morphology) once and writes a document's lemmas in one array.

:func:`install` disables the two originals (they stay loaded: their tables are
read from them) and adds the stand-ins at their place. A pipeline whose patterns
or lemmatizer mode do not fit is left as it is. Both stand-ins are checked
against the originals on parsed documents (``tests/analysis/test_fastpipes.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Token attributes a compiled pattern may test: ones stored as string ids, and flags.
STRING_ATTRS = ("TAG", "LOWER", "ORTH", "NORM", "DEP")
FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_UPPER", "IS_LOWER", "IS_TITLE")
#: Attributes a pattern is indexed by (its first token's equality test on one of them), best first.
INDEX_ATTRS = ("TAG", "LOWER", "ORTH", "NORM")
#: Distinct token rows whose matching rules are kept before the memory is cleared.
MAX_ROWS = 200_000
#: Distinct (text, part of speech, morphology) lemmas kept before the memory is cleared.
MAX_LEMMAS = 200_000
ATTRIBUTES_NAME = "eventwire_attributes"
LEMMAS_NAME = "eventwire_lemmas"


class Unsupported(ValueError):
    """A pattern or component this module cannot reproduce exactly."""


# -- the attribute ruler -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Test:
    column: int
    op: str  # "eq", "in", "not_in", "regex"
    value: int | frozenset[int] | re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Pattern:
    attr_id: int  # the rule's position in the ruler: later rules win
    match_id: int  # the id spaCy's matcher reports for the rule
    tokens: tuple[tuple[_Test, ...], ...]


_TokenMatches = tuple[tuple[tuple[int, int], ...], tuple[_Pattern, ...]]


class AttributeMatcher:
    """The matches spaCy's matcher finds for an attribute ruler's patterns, in the order
    ``AttributeRuler.match`` returns them: ``(attr_id, match_id, start, end)``, sorted."""

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS

        self.rules = len(ruler.attrs)
        columns = [*STRING_ATTRS, *FLAG_ATTRS]
        self._attr_ids = [IDS[c] for c in columns]
        self._column = {c: k for k, c in enumerate(columns)}
        self._index: dict[tuple[int, int], list[_Pattern]] = {}
        self._unindexed: list[_Pattern] = []
        self._indexed = [self._column[name] for name in INDEX_ATTRS]
        self._memory: dict[tuple[int, ...], _TokenMatches] = {}
        for attr_id, rule in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings.add(str(attr_id))
            index = rule["index"]
            for tokens in rule["patterns"]:
                if not tokens or not -len(tokens) <= index < len(tokens):
                    raise Unsupported(f"rule {attr_id}: index {index} outside a pattern of {len(tokens)}")
                self._add(_Pattern(attr_id, match_id, tuple(self._tests(spec) for spec in tokens)))

    def _tests(self, spec: dict[str, Any]) -> tuple[_Test, ...]:
        from spacy.strings import get_string_id

        tests = []
        for key, value in spec.items():
            name = key.upper()
            if name not in self._column:
                raise Unsupported(f"attribute {key!r}")
            column = self._column[name]
            flag = name in FLAG_ATTRS
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in {"IN", "NOT_IN", "REGEX"} or flag:
                    raise Unsupported(f"predicate {value!r}")
                (op, values), = value.items()
                if op == "REGEX" and isinstance(values, str):
                    tests.append(_Test(column, "regex", re.compile(values)))
                    continue
                if not all(isinstance(v, str) for v in values):
                    raise Unsupported(f"values {values!r}")
                tests.append(_Test(column, op.lower(), frozenset(get_string_id(v) for v in values)))
            elif flag and isinstance(value, bool):
                tests.append(_Test(column, "eq", int(value)))
            elif not flag and isinstance(value, str):
                tests.append(_Test(column, "eq", get_string_id(value)))
            else:
                raise Unsupported(f"value {value!r} for {key}")
        return tuple(tests)

    def _add(self, pattern: _Pattern) -> None:
        first = {t.column: t for t in pattern.tokens[0]}
        for name in INDEX_ATTRS:
            test = first.get(self._column[name])
            if test is not None and test.op == "eq":
                key = (test.column, test.value)
                self._index.setdefault(key, []).append(pattern)  # type: ignore[arg-type]
                return
            if test is not None and test.op == "in":
                for value in test.value:  # type: ignore[union-attr]
                    self._index.setdefault((test.column, value), []).append(pattern)
                return
        self._unindexed.append(pattern)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = [tuple(r) for r in doc.to_array(self._attr_ids).tolist()] if len(doc) else []
        strings = doc.vocab.strings
        found: list[tuple[int, int, int, int]] = []
        memory = self._memory
        for i, row in enumerate(rows):
            known = memory.get(row)
            if known is None:
                known = self._token_matches(row, strings)
            singles, longer = known
            found.extend((attr_id, match_id, i, i + 1) for attr_id, match_id in singles)
            for pattern in longer:
                end = i + len(pattern.tokens)
                if end <= len(rows) and all(_passes(tests, rows[i + k], strings)
                                            for k, tests in enumerate(pattern.tokens[1:], start=1)):
                    found.append((pattern.attr_id, pattern.match_id, i, end))
        return sorted(set(found))

    def _token_matches(self, row: tuple[int, ...], strings: Any) -> _TokenMatches:
        """The one-token rules a token with these attributes matches, and the longer rules
        it may start (its first token matches); remembered per distinct row."""
        singles: list[tuple[int, int]] = []
        longer: list[_Pattern] = []
        for pattern in self._candidates(row):
            if _passes(pattern.tokens[0], row, strings):
                if len(pattern.tokens) == 1:
                    singles.append((pattern.attr_id, pattern.match_id))
                else:
                    longer.append(pattern)
        if len(self._memory) >= MAX_ROWS:
            self._memory.clear()
        self._memory[row] = known = (tuple(singles), tuple(longer))
        return known

    def _candidates(self, row: tuple[int, ...]) -> Iterator[_Pattern]:
        for column in self._indexed:
            yield from self._index.get((column, row[column]), ())
        yield from self._unindexed


def _passes(tests: Sequence[_Test], row: Sequence[int], strings: Any) -> bool:
    for test in tests:
        value = row[test.column]
        if test.op == "eq":
            if value != test.value:
                return False
        elif test.op == "regex":
            if not test.value.search(strings[value]):  # type: ignore[union-attr]
                return False
        elif (value in test.value) != (test.op == "in"):  # type: ignore[operator]
            return False
    return True


class AttributeComponent:
    """spaCy component: the attribute ruler's rules, matched by :class:`AttributeMatcher`."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.matcher = AttributeMatcher(ruler)

    def __call__(self, doc: Doc) -> Doc:
        if len(self.ruler.attrs) != self.matcher.rules:  # rules added since: recompile
            self.matcher = AttributeMatcher(self.ruler)
        matches = self.matcher(doc)
        try:
            from spacy.tokens._retokenize import set_token_attrs
        except ImportError:  # pragma: no cover - another spaCy: the ruler's own (slower) way
            self.ruler.set_annotations(doc, matches)
            return doc
        # What AttributeRuler.set_annotations does, without a Span per match: the matcher
        # refused any rule whose token index can fall outside its match.
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[attr_id])
        return doc


# -- the lemmatizer ----------------------------------------------------------------------------


class LemmaComponent:
    """spaCy component: the rule (or lookup) lemmatizer's lemmas, each computed once."""

    def __init__(self, lemmatizer: Any) -> None:
        if lemmatizer.mode not in {"rule", "lookup"}:
            raise Unsupported(f"lemmatizer mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self._memory: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        memory = self._memory
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            known = memory.get(key)
            if known is None:
                known = self._lemma(doc, i)
                if pos:  # an untagged token warns each time, as the original does
                    if len(memory) >= MAX_LEMMAS:
                        memory.clear()
                    memory[key] = known
            lemmas[i] = known
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc

    def _lemma(self, doc: Doc, i: int) -> int:
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        return int(doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0]))


# -- installing --------------------------------------------------------------------------------


def install(nlp: Language) -> list[str]:
    """Swap the model's ``attribute_ruler`` and ``lemmatizer`` for the stand-ins; return the
    names of the components replaced (none when they are missing or do not fit)."""
    from spacy.language import Language as _Language

    replaced = []
    for original, name, make in (("attribute_ruler", ATTRIBUTES_NAME, AttributeComponent),
                                 ("lemmatizer", LEMMAS_NAME, LemmaComponent)):
        if original not in nlp.pipe_names or name in nlp.component_names:
            continue
        try:
            make(nlp.get_pipe(original))  # fits? (the factory below makes the one that runs)
        except Unsupported:
            continue
        if name not in _Language.factories:
            _Language.factory(name)(_from_pipeline(original, make))
        nlp.add_pipe(name, after=original)
        nlp.disable_pipe(original)
        replaced.append(original)
    return replaced


def _from_pipeline(original: str, make: Any) -> Any:
    def factory(nlp: Any, name: str) -> Any:
        return make(nlp.get_pipe(original))

    return factory
