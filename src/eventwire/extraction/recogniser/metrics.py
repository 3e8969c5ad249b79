"""Scores of a recogniser on labelled records: per-type P/R/F1, macro and weighted F1,
and the share of non-events that get no type."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from eventwire.taxonomy import NAMES


def label_matrix(labels: Sequence[Sequence[str]], *, with_none: bool = False) -> np.ndarray:
    """(n, 25) 0/1 labels; with ``with_none`` a 26th column, 1 for records with no type."""
    index = {name: j for j, name in enumerate(NAMES)}
    y = np.zeros((len(labels), len(NAMES) + (1 if with_none else 0)), dtype=np.float32)
    for i, labs in enumerate(labels):
        for lab in labs:
            y[i, index[lab]] = 1.0
        if with_none and not labs:
            y[i, len(NAMES)] = 1.0
    return y


def scores(gold: np.ndarray, pred: np.ndarray) -> dict:
    """Scores of 0/1 predictions against 0/1 gold, both (n, 25) (a 26th column is ignored)."""
    gold = gold[:, :len(NAMES)].astype(bool)
    pred = pred[:, :len(NAMES)].astype(bool)
    per_type = {}
    f1s, supports = [], []
    for j, name in enumerate(NAMES):
        tp = int((gold[:, j] & pred[:, j]).sum())
        fp = int((~gold[:, j] & pred[:, j]).sum())
        fn = int((gold[:, j] & ~pred[:, j]).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_type[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                          "support": tp + fn}
        f1s.append(f)
        supports.append(tp + fn)
    none_gold = ~gold.any(axis=1)
    none_kept = float((~pred[none_gold].any(axis=1)).mean()) if none_gold.any() else 1.0
    events_gold = gold.any(axis=1)
    event_found = float(pred[events_gold].any(axis=1).mean()) if events_gold.any() else 1.0
    total = sum(supports)
    return {
        "macro_f1": round(float(np.mean(f1s)), 4),
        "weighted_f1": round(float(np.dot(f1s, supports) / total) if total else 0.0, 4),
        "non_events_kept_out": round(none_kept, 4),
        "events_given_a_type": round(event_found, 4),
        "records": len(gold),
        "per_type": per_type,
    }
