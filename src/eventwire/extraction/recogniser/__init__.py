"""The learned event recogniser: which sub-event types a sentence tells, with a score.

Two linear heads over two views of a sentence, trained on the project's own corpus
(``corpus/``, see ``corpus/MODEL_CARD.md``) by ``eventwire train-recogniser``:

- hashed word n-grams (:mod:`.features`): cheap, run on every sentence;
- a sentence embedding (:mod:`.encoder`, all-MiniLM-L6-v2 int8 on ONNX Runtime): run only
  on the sentences whose n-gram score for some type reaches the gate (``gate``), so an
  article pays for the encoder only where an event may be told.

For a gated sentence the two heads' logits are mixed (``mix``: the share of the n-gram
head); a type is coded when its probability reaches ``threshold``. A 26th output, *none*,
is trained on the corpus's non-events (strikes, sports, plans, history, ...): its score
says how sure the model is that a sentence tells no event, which is not the same as
every type scoring low on a sentence unlike anything it was trained on. The weights and these
three numbers ship in ``eventwire/data/recogniser.npz`` and ``recogniser.json``.

    Recogniser   the loaded model: score(texts) -> (n, 25) probabilities
    recogniser() the process's model, loaded once
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from eventwire.errors import ModelError
from eventwire.extraction.recogniser.features import featurise
from eventwire.taxonomy import NAMES
from eventwire.version import __version__

WEIGHTS = "recogniser.npz"
META = "recogniser.json"
#: The column of the none output.
NONE = len(NAMES)
#: The model's labels: the 25 types, then none.
LABELS = (*NAMES, "none")
#: A sentence whose embedding is stored with the weights, so that an encoder giving other
#: embeddings than those trained on is found out (:func:`.encoder.encoder`).
PROBE = "Soldiers and rebels exchanged fire near the river crossing on Tuesday morning."


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True, slots=True)
class Heads:
    """The trained weights: an n-gram head and an embedding head over the 25 labels."""

    ngram_w: np.ndarray  # (dims, 26): the 25 types, then none
    ngram_b: np.ndarray  # (26,)
    embed_w: np.ndarray  # (384, 26)
    embed_b: np.ndarray  # (26,)
    probe: np.ndarray | None = None  # (384,): the embedding of PROBE the embedding head was trained with

    @property
    def dims(self) -> int:
        return int(self.ngram_w.shape[0])


@dataclass(frozen=True, slots=True)
class Recogniser:
    """A trained recogniser: heads, the decision numbers and the version they make."""

    heads: Heads
    gate: float
    mix: float
    threshold: float
    version: str
    meta: dict[str, Any]

    def ngram_logits(self, texts: Sequence[str]) -> np.ndarray:
        x = featurise(texts, dims=self.heads.dims)
        return np.asarray(x @ self.heads.ngram_w) + self.heads.ngram_b

    def embed_logits(self, embeddings: np.ndarray) -> np.ndarray:
        return embeddings @ self.heads.embed_w + self.heads.embed_b

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 26) array: each sentence's probability of each sub-event type (label
        order :data:`eventwire.taxonomy.NAMES`), then of none (:data:`NONE`)."""
        if not texts:
            return np.zeros((0, len(NAMES) + 1), dtype=np.float32)
        z = self.ngram_logits(texts)
        probs = _sigmoid(z)
        gated = np.flatnonzero(probs[:, :NONE].max(axis=1) >= self.gate)
        if gated.size:
            from eventwire.extraction.recogniser.encoder import encoder

            probe = None if self.heads.probe is None else (PROBE, self.heads.probe)
            emb = encoder(probe).embed([texts[int(i)] for i in gated])
            mixed = self.mix * z[gated] + (1.0 - self.mix) * self.embed_logits(emb)
            probs[gated] = _sigmoid(mixed)
        return probs.astype(np.float32)

    def labels(self, probs: np.ndarray) -> list[list[tuple[str, float]]]:
        """Per sentence, the coded types and their scores, best first."""
        out = []
        for row in probs:
            picked = [(NAMES[j], float(row[j])) for j in np.flatnonzero(row[:NONE] >= self.threshold)]
            out.append(sorted(picked, key=lambda x: -x[1]))
        return out


def weights_digest(heads: Heads, *, gate: float, mix: float, threshold: float) -> str:
    """A short hash of the weights and the three numbers that decide with them (the model part
    of the coder version: a new gate codes differently, so it is a new version)."""
    h = hashlib.sha256()
    for arr in (heads.ngram_w, heads.ngram_b, heads.embed_w, heads.embed_b):
        h.update(np.ascontiguousarray(arr).tobytes())
    h.update(json.dumps([gate, mix, threshold]).encode("utf-8"))
    return h.hexdigest()[:12]


def load(npz_bytes: bytes | None = None, meta_text: str | None = None) -> Recogniser:
    """The packaged recogniser (or one from the given file contents)."""
    import io

    data = resources.files("eventwire") / "data"
    try:
        raw = npz_bytes if npz_bytes is not None else (data / WEIGHTS).read_bytes()
        meta = json.loads(meta_text if meta_text is not None else (data / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"the recogniser's weights cannot be read: {exc}") from exc
    with np.load(io.BytesIO(raw)) as arrays:
        heads = Heads(ngram_w=arrays["ngram_w"].astype(np.float32), ngram_b=arrays["ngram_b"].astype(np.float32),
                      embed_w=arrays["embed_w"].astype(np.float32), embed_b=arrays["embed_b"].astype(np.float32),
                      probe=arrays["encoder_probe"].astype(np.float32) if "encoder_probe" in arrays else None)
    if list(meta.get("labels", [])) != list(LABELS) or heads.ngram_w.shape[1] != len(LABELS):
        raise ModelError("the recogniser's labels are not the taxonomy's 25 sub-event types and none")
    gate, mix, threshold = float(meta["gate"]), float(meta["mix"]), float(meta["threshold"])
    digest = weights_digest(heads, gate=gate, mix=mix, threshold=threshold)  # of the float32 weights as loaded
    return Recogniser(heads=heads, gate=gate, mix=mix, threshold=threshold, version=f"recogniser-{digest}",
                      meta=meta)


@functools.cache
def coder_version() -> str:
    """What coded an article: eventwire's version and the recogniser's weights (their digest,
    recorded at training). A stored article coded by another version is coded again."""
    try:
        meta = json.loads((resources.files("eventwire") / "data" / META).read_text(encoding="utf-8"))
        weights = str(meta["weights"])
    except (OSError, ValueError, KeyError):
        weights = "no-recogniser"
    return f"eventwire {__version__}, recogniser {weights}"


@functools.cache
def recogniser() -> Recogniser:
    """The packaged recogniser, loaded once per process (the encoder session is per process)."""
    return load()


__all__ = ["Heads", "Recogniser", "coder_version", "load", "recogniser", "weights_digest"]
