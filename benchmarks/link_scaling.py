"""How cross-article linking time grows with the number of mentions (issue: near-linear).

Generates synthetic reports shaped like a year of news: real events in 40
countries, each reported by one to four articles published over the following
days, with towns scattered around a few hundred real-looking hubs (so many
events share a province and a week), some undated reports and province-level
places. Then times :func:`eventwire.linking.link.link` (the blocking index) at several
sizes and prints seconds, microseconds per mention and the growth ratio.

    .venv/bin/python benchmarks/link_scaling.py [--sizes 12500 25000 50000 100000] [--seed 7]

Linear growth shows as a steady microseconds-per-mention figure; quadratic as
one that doubles with each doubling of N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import time

from eventwire.linking.link import link
from eventwire.linking.merge import build_events
from eventwire.records import DateSpan, Mention, Place

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Strategic developments", "Looting/property destruction")]
ACTORS = ["Military Forces of A", "Rebels of B", "Militia of C", "Police Forces of D", None]
YEAR = dt.date(2024, 1, 1)


def synthetic_reports(n: int, *, seed: int) -> list[Mention]:
    rnd = random.Random(seed)
    countries = [(f"C{i:02d}", rnd.uniform(-30, 50), rnd.uniform(-20, 100)) for i in range(40)]
    hubs = [(cc, lat + rnd.uniform(-4, 4), lon + rnd.uniform(-4, 4), f"P{cc}{k}")
            for cc, lat, lon in countries for k in range(8)]
    reports: list[Mention] = []
    event = 0
    while len(reports) < n:
        cc, lat, lon, admin1 = rnd.choice(hubs)
        town = Place(f"T{rnd.randrange(60)}{admin1}", admin1, cc, lat + rnd.gauss(0, 0.3), lon + rnd.gauss(0, 0.3),
                     1, "city", cc)
        province = Place(admin1, admin1, cc, lat, lon, 3, "admin1", cc)
        family, sub = rnd.choice(TYPES)
        day = YEAR + dt.timedelta(days=rnd.randrange(365))
        actor1, actor2 = rnd.choice(ACTORS), rnd.choice(ACTORS)
        for k in range(rnd.choice([1, 1, 2, 2, 3, 4])):
            published = day + dt.timedelta(days=rnd.randrange(4))
            dates = DateSpan.day(day) if rnd.random() < 0.8 else DateSpan.unknown()
            place = town if rnd.random() < 0.85 else province
            reports.append(Mention(f"m{len(reports):07d}", f"e{event}-a{k}", f"e{event}-a{k}.txt",
                                   f"report {k} of event {event} at {place.name}", 0, 40, family, sub,
                                   actor1, actor2 if actor2 != actor1 else None, place, dates,
                                   rnd.choice([None, 0, 1, 3]), published=published))
        event += 1
    return reports[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_500, 25_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"{'mentions':>9} {'events':>8} {'link s':>8} {'build s':>8} {'us/mention':>11} {'x time':>7}")
    previous = None
    for size in args.sizes:
        reports = synthetic_reports(size, seed=args.seed)
        started = time.perf_counter()
        groups = link(reports)
        linked = time.perf_counter() - started
        started = time.perf_counter()
        events = build_events(groups)
        built = time.perf_counter() - started
        ratio = f"{linked / previous:.2f}" if previous else "-"
        print(f"{size:>9} {len(events):>8} {linked:>8.2f} {built:>8.2f} {1e6 * linked / size:>11.1f} {ratio:>7}")
        previous = linked


if __name__ == "__main__":
    main()
