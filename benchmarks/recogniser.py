"""Compare the recogniser's ways of reading a sentence, by quality and speed.

    python benchmarks/recogniser.py [--corpus corpus]

On the validation split of ``corpus/train`` (never the test split), with the shipped
weights: hashed n-grams alone, the MiniLM embedding alone, both mixed on every sentence,
and both with the n-gram gate as shipped; each with its validation macro and weighted F1,
the share of non-events kept out, and its CPU time per sentence on one thread.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

from eventwire.extraction.recogniser import NONE, _sigmoid, recogniser
from eventwire.extraction.recogniser.corpus import files, read, split
from eventwire.extraction.recogniser.encoder import encoder
from eventwire.extraction.recogniser.metrics import label_matrix, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    args = parser.parse_args()
    with threadpool_limits(limits=1):
        _, val = split(read(files(args.corpus / "train")))
        texts = [r.text for r in val]
        gold = label_matrix([r.labels for r in val])
        model = recogniser()
        t0 = time.process_time()
        zn = model.ngram_logits(texts)
        t_ngram = (time.process_time() - t0) / len(texts)
        enc = encoder()
        enc.embed(texts[:8])
        t0 = time.process_time()
        emb = enc.embed(texts)
        t_embed = (time.process_time() - t0) / len(texts)
        ze = model.embed_logits(emb)
        mixed = _sigmoid(model.mix * zn + (1 - model.mix) * ze)
        gated = _sigmoid(zn)
        on = gated[:, :NONE].max(axis=1) >= model.gate
        gated[on] = mixed[on]
        rows = [
            ("hashed n-grams alone", _sigmoid(zn), t_ngram),
            ("MiniLM embedding alone", _sigmoid(ze), t_ngram + t_embed),
            (f"both, mix {model.mix}, every sentence", mixed, t_ngram + t_embed),
            (f"both, n-gram gate {model.gate} (shipped)", gated, t_ngram + t_embed * float(on.mean())),
        ]
    print(f"validation split: {len(val)} records; threshold {model.threshold}")
    print(f"{'method':44} {'macro F1':>9} {'weighted':>9} {'non-events out':>15} {'ms/sentence':>12}")
    for name, probs, cost in rows:
        s = scores(gold, probs[:, :NONE] >= model.threshold)
        print(f"{name:44} {s['macro_f1']:9.3f} {s['weighted_f1']:9.3f} {s['non_events_kept_out']:15.3f} "
              f"{cost * 1000:12.2f}")
    print(f"(the gate sends {float(on.mean()):.0%} of validation sentences to the encoder; validation is "
          "mostly events, news articles far fewer)")


if __name__ == "__main__":
    main()
