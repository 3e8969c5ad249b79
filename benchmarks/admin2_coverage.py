"""How many town-level events have an admin2, per country, in a run's ``events.jsonl``.

    python benchmarks/admin2_coverage.py OUT/events.jsonl [MORE.jsonl ...]

A town-level event is one whose place is a town itself (``geo_precision`` 1); events placed
near a town or in a district (precision 2) are counted on their own line. Prints one line per
country (events, with admin2, share) and the totals; the README quotes the figures.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def coverage(paths: list[Path]) -> tuple[Counter[str], Counter[str], Counter[int], Counter[int]]:
    """(town-level events per country, those with admin2, all events per precision, with admin2)."""
    towns: Counter[str] = Counter()
    filled: Counter[str] = Counter()
    by_precision: Counter[int] = Counter()
    filled_precision: Counter[int] = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            event = json.loads(line)
            precision = event.get("geo_precision")
            if precision is None:
                continue
            has = bool(event.get("admin2"))
            by_precision[precision] += 1
            filled_precision[precision] += has
            if precision == 1:
                country = event.get("country") or "(unknown)"
                towns[country] += 1
                filled[country] += has
    return towns, filled, by_precision, filled_precision


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 1
    towns, filled, by_precision, filled_precision = coverage([Path(a) for a in argv])
    print(f"{'country':32} {'town events':>11} {'admin2':>7} {'share':>7}")
    for country, count in sorted(towns.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{country:32} {count:>11} {filled[country]:>7} {filled[country] / count:>7.1%}")
    total, done = sum(towns.values()), sum(filled.values())
    if total:
        print(f"{'all town-level (precision 1)':32} {total:>11} {done:>7} {done / total:>7.1%}")
    for precision in sorted(p for p in by_precision if p != 1):
        n = by_precision[precision]
        print(f"{f'precision {precision}':32} {n:>11} {filled_precision[precision]:>7} "
              f"{filled_precision[precision] / n:>7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
