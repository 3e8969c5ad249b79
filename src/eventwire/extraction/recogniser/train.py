"""Training the recogniser: ``eventwire train-recogniser`` (reproducible, fixed seed).

1. Read ``corpus/train/``, split it into train and validation (:mod:`.corpus`).
2. Fit the n-gram head and the embedding head: one-vs-rest logistic regression over the
   25 sub-event types, L2-regularised, by L-BFGS from zero weights (deterministic: no
   sampling, one BLAS thread; the seed is recorded for the shuffles there are none of,
   and fixes the order of the grid).
3. Choose each head's L2 strength, then the mix, the threshold and the encoder's gate,
   on validation only.
4. Write ``recogniser.npz`` and ``recogniser.json`` (weights, the three numbers, the
   validation scores, the corpus's hash, the date).

The test split (:data:`.corpus.TEST_WRITERS`) is never trained or tuned on: ``eventwire
train-recogniser --score-test`` scores the written model on it afterwards, once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.extraction.recogniser import (
    LABELS,
    META,
    NONE,
    PROBE,
    WEIGHTS,
    Heads,
    Recogniser,
    _sigmoid,
    weights_digest,
)
from eventwire.extraction.recogniser.corpus import Record, files, read, split
from eventwire.extraction.recogniser.features import featurise
from eventwire.extraction.recogniser.metrics import label_matrix, scores

#: Hash buckets of the n-gram head.
NGRAM_DIMS = 2 ** 16
#: Grids tried on validation.
L2_GRID_NGRAM = (0.03, 0.1, 0.3, 1.0)
L2_GRID_EMBED = (0.003, 0.01, 0.03, 0.1)
MIX_GRID = (0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0)
THRESHOLD_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
GATE_GRID = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
#: How much validation macro F1 the gate may cost: it buys speed (on the benchmark's news articles
#: the encoder runs on 52% of sentences at a gate of 0.02, 24% at 0.05, 11% at 0.1).
GATE_TOLERANCE = 0.02


@dataclass(frozen=True, slots=True)
class Options:
    corpus: Path
    out: Path
    seed: int = 13
    limit: int | None = None  # train on the first N training records only (the reproduction test)
    gate: float | None = None  # the encoder's gate, fixed (for speed) instead of chosen on validation
    embeddings: Callable[[Sequence[str]], np.ndarray] | None = None


def fit_logistic(x: Any, y: np.ndarray, *, l2: float, max_iter: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression: (weights (d, k), bias (k,)) minimising mean binary
    cross-entropy + l2/2n * |W|^2, by L-BFGS from zero."""
    from scipy import sparse
    from scipy.optimize import minimize

    n, d = x.shape
    k = y.shape[1]
    if sparse.issparse(x):
        # A hashed column no record has keeps a zero gradient from the zero start, so L-BFGS never
        # moves it: fitting the columns in use gives the same weights, without carrying millions
        # of zeros through every step (most of the hash space on a small corpus).
        used = np.flatnonzero(sparse.csc_matrix(x).getnnz(axis=0))
        if len(used) < d:
            w_used, bias = fit_logistic(sparse.csr_matrix(x)[:, used], y, l2=l2, max_iter=max_iter)
            weights = np.zeros((d, k), dtype=np.float32)
            weights[used] = w_used
            return weights, bias
    y64 = y.astype(np.float64)

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[:d * k].reshape(d, k)
        b = theta[d * k:]
        z = np.asarray(x @ w) + b
        # log(1 + e^z) - y z, stably
        loss = np.logaddexp(0.0, z) - y64 * z
        p = _sigmoid(z)
        g = (p - y64) / n
        gw = np.asarray(x.T @ g) + (l2 / n) * w
        gb = g.sum(axis=0)
        value = float(loss.sum() / n + 0.5 * (l2 / n) * float((w * w).sum()))
        return value, np.concatenate([gw.ravel(), gb])

    theta0 = np.zeros(d * k + k)
    result = minimize(objective, theta0, jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter, "maxcor": 20})
    theta = result.x
    return theta[:d * k].reshape(d, k).astype(np.float32), theta[d * k:].astype(np.float32)


def _predict(probs: np.ndarray, threshold: float) -> np.ndarray:
    return probs[:, :NONE] >= threshold


def _best_threshold(gold: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    best = (-1.0, 0.5)
    for t in THRESHOLD_GRID:
        m = scores(gold, _predict(probs, t))["macro_f1"]
        if m > best[0]:
            best = (m, t)
    return best[1], best[0]


def _embed(texts: Sequence[str]) -> np.ndarray:
    from eventwire.extraction.recogniser.encoder import encoder

    return encoder().embed(texts)


def corpus_digest(records: Sequence[Record]) -> str:
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps([r.record_id, r.text, list(r.labels)], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]


def train(options: Options, *, log: Callable[[str], None] = lambda _: None) -> dict:
    """Train, tune on validation, write the model; returns its metadata."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _train(options, log)


def _train(options: Options, log: Callable[[str], None]) -> dict:
    records = read(files(options.corpus / "train"))  # test writers' records are left out by split
    train_set, val_set = split(records)
    if options.limit is not None:
        train_set = train_set[:options.limit]
        val_set = val_set[:max(1, options.limit // 4)]
    log(f"corpus: {len(train_set)} train, {len(val_set)} validation records")
    embed = options.embeddings or _embed
    xt = featurise([r.text for r in train_set], dims=NGRAM_DIMS)
    xv = featurise([r.text for r in val_set], dims=NGRAM_DIMS)
    yt = label_matrix([r.labels for r in train_set], with_none=True)
    yv = label_matrix([r.labels for r in val_set], with_none=True)
    log("embedding the corpus")
    et = embed([r.text for r in train_set])
    ev = embed([r.text for r in val_set])

    def pick(x_train: Any, x_val: Any, grid: Sequence[float], name: str) -> tuple[np.ndarray, np.ndarray, float]:
        best: tuple[float, float, np.ndarray, np.ndarray] | None = None
        for l2 in grid:
            w, b = fit_logistic(x_train, yt, l2=l2)
            zv = np.asarray(x_val @ w) + b
            _, macro = _best_threshold(yv, _sigmoid(zv))
            log(f"{name} head, l2={l2}: validation macro F1 {macro:.4f}")
            if best is None or macro > best[0]:
                best = (macro, l2, w, b)
        assert best is not None
        return best[2], best[3], best[1]

    ngram_w, ngram_b, l2_ngram = pick(xt, xv, L2_GRID_NGRAM, "n-gram")
    # the n-gram weights ship as float16 (half the size); everything below scores the rounded ones
    ngram_w = ngram_w.astype(np.float16).astype(np.float32)
    embed_w, embed_b, l2_embed = pick(et, ev, L2_GRID_EMBED, "embedding")
    zn = np.asarray(xv @ ngram_w) + ngram_b
    ze = ev @ embed_w + embed_b
    best_mix: tuple[float, float, float] = (-1.0, 1.0, 0.5)
    for mix in MIX_GRID:
        t, macro = _best_threshold(yv, _sigmoid(mix * zn + (1 - mix) * ze))
        log(f"mix {mix}: threshold {t}, validation macro F1 {macro:.4f}")
        if macro > best_mix[0]:
            best_mix = (macro, mix, t)
    ungated, mix, threshold = best_mix
    gate = GATE_GRID[0]
    for g in GATE_GRID:
        probs = _gated(zn, ze, mix=mix, gate=g)
        macro = scores(yv, _predict(probs, threshold))["macro_f1"]
        share = float((_sigmoid(zn)[:, :NONE].max(axis=1) >= g).mean())
        log(f"gate {g}: encoder on {share:.0%} of validation sentences, macro F1 {macro:.4f}")
        if macro >= ungated - GATE_TOLERANCE:
            gate = g
    if options.gate is not None:
        gate = options.gate
    probs = _gated(zn, ze, mix=mix, gate=gate)
    val_scores = scores(yv, _predict(probs, threshold))
    heads = Heads(ngram_w=ngram_w, ngram_b=ngram_b, embed_w=embed_w, embed_b=embed_b, probe=embed([PROBE])[0])
    meta = {
        "labels": list(LABELS),
        "gate": gate, "mix": mix, "threshold": threshold,
        "ngram_dims": NGRAM_DIMS, "l2_ngram": l2_ngram, "l2_embed": l2_embed, "seed": options.seed,
        "corpus": {"train_records": len(train_set), "validation_records": len(val_set),
                   "digest": corpus_digest(train_set + val_set)},
        "validation": val_scores,
        "trained_on": dt.date.today().isoformat(),
        "weights": weights_digest(heads, gate=gate, mix=mix, threshold=threshold),
    }
    _write(options.out, heads, meta)
    log(f"validation: macro F1 {val_scores['macro_f1']}, weighted F1 {val_scores['weighted_f1']}, "
        f"non-events kept out {val_scores['non_events_kept_out']}; wrote {options.out}")
    return meta


def _gated(zn: np.ndarray, ze: np.ndarray, *, mix: float, gate: float) -> np.ndarray:
    probs = _sigmoid(zn)
    on = probs[:, :NONE].max(axis=1) >= gate
    probs[on] = _sigmoid(mix * zn[on] + (1 - mix) * ze[on])
    return probs


def _write(out: Path, heads: Heads, meta: dict) -> None:
    assert heads.probe is not None  # trained heads always carry their probe
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, ngram_w=heads.ngram_w.astype(np.float16), ngram_b=heads.ngram_b, embed_w=heads.embed_w,
                        embed_b=heads.embed_b, encoder_probe=heads.probe)
    (out / WEIGHTS).write_bytes(buffer.getvalue())
    (out / META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def score_split(model: Recogniser, records: Sequence[Record]) -> dict:
    """The model's scores on these records (the test split, once per finished change)."""
    probs = model.score([r.text for r in records])
    return scores(label_matrix([r.labels for r in records]), _predict(probs, model.threshold))
