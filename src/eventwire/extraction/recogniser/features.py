"""Hashed word n-gram features of a sentence: the recogniser's cheap, always-on view.

A sentence is lower-cased and split into words and punctuation; digits become ``0``
(so "12 people" and "40 people" are one feature). Its unigrams and bigrams, with
sentence-start and sentence-end markers, are hashed (CRC-32) into ``dims`` buckets
and the binary vector is scaled to unit length. Hashing keeps the model a fixed
size with no vocabulary file, and the same text always gives the same vector.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence

import numpy as np
from scipy import sparse

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
_DIGITS = re.compile(r"\d")


def words(text: str) -> list[str]:
    """The sentence's words, lower-cased, digits as ``0``."""
    return [_DIGITS.sub("0", w) for w in _WORD.findall(text.lower().replace("’", "'"))]


def ngrams(text: str) -> list[str]:
    """Unigrams and bigrams (with ``<s>``/``</s>`` markers) of a sentence."""
    toks = words(text)
    grams = list(toks)
    padded = ["<s>", *toks, "</s>"]
    grams += [f"{a} {b}" for a, b in itertools.pairwise(padded)]
    return grams


def featurise(texts: Sequence[str], *, dims: int) -> sparse.csr_matrix:
    """A (len(texts), dims) sparse matrix of unit-length hashed n-gram vectors."""
    indptr = [0]
    indices: list[int] = []
    mask = dims - 1
    for text in texts:
        cols = sorted({zlib.crc32(g.encode("utf-8")) & mask for g in ngrams(text)})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                               shape=(len(texts), dims))
    counts = np.diff(matrix.indptr).astype(np.float32)
    scale = np.where(counts > 0, 1.0 / np.sqrt(np.maximum(counts, 1.0)), 0.0).astype(np.float32)
    return sparse.diags(scale).dot(matrix).tocsr()
