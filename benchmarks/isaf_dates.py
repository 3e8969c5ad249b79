"""The restated ISAF date measure (issue 16): dates within a day, over the releases that name their year.

usage: python benchmarks/isaf_dates.py --gold ../shared/bench/isaf/dev.jsonl --pred OUTDIR

``OUTDIR`` is the output folder of ``eventwire run`` over the same file. Of the releases whose
text names the year of the annotated date (40 of the dev set's name none, and a release that
says only "Tuesday" cannot be dated to the day by anyone), the share with an event dated the
annotated day or one day either side (the annotation is often the day before what the release's
own dateline and "yesterday" say). Also the mentions per release, so that a gain made by coding
more events shows. Figures only: the releases and their errors are not printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path


def measure(gold_file: Path, pred_dir: Path) -> dict[str, float | int]:
    """``{"releases": n with the year named, "within_a_day": share, "mentions_per_release": m}``."""
    dates: dict[str, list[dt.date]] = defaultdict(list)
    mentions: dict[str, int] = defaultdict(int)
    with open(pred_dir / "events.jsonl", encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            for mention in event["mentions"]:
                mentions[mention["article_id"]] += 1
                if event.get("date_start"):
                    dates[mention["article_id"]].append(dt.date.fromisoformat(event["date_start"]))
    counted = hits = releases = 0
    with open(gold_file, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            releases += 1
            day = (record.get("gold") or {}).get("start_date")
            if not day:
                continue
            gold = dt.date.fromisoformat(day)
            if str(gold.year) not in record.get("text", ""):
                continue
            counted += 1
            hits += any(abs((found - gold).days) <= 1 for found in dates.get(record["id"], ()))
    return {"releases": counted, "within_a_day": round(hits / counted, 3) if counted else 0.0,
            "mentions_per_release": round(sum(mentions.values()) / releases, 2) if releases else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(measure(args.gold, args.pred)))


if __name__ == "__main__":
    main()
