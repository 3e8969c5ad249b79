"""A synthetic event database for the web tests, built in code through the store (no model).

:func:`build` writes ``events`` events (6,000 by default) to a new database:
four countries far apart (Ukraine, Somalia, Colombia, Myanmar) whose province
names are those of the shipped boundary files; one town holds a large share
of Ukraine's events (so the map must group them); about 15% of the events
are undated, about 3% have a country but no coordinates, and some are dated only to a month or a year; one event has many
reports from few outlets and outlets that disagree (for the event page). The
sentences are generated from templates of our own. A fixed seed makes the
same database every time.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from eventwire.records import Article, DateSpan, Event, Mention, Place
from eventwire.store.database import Store
from eventwire.store.identity import article_hash

# country, code, [(town, province, lat, lon)], [actors]
COUNTRIES = [
    ("Ukraine", "UA", [("Bakhmut", "Donets'k", 48.595, 38.0), ("Kharkiv", "Kharkiv", 49.99, 36.23),
                       ("Kherson", "Kherson", 46.64, 32.61), ("Sumy", "Sumy", 50.91, 34.8),
                       ("Zaporizhzhia", "Zaporizhzhya", 47.84, 35.14), ("Avdiivka", "Donets'k", 48.14, 37.74)],
     ["Military Forces of Russia", "Military Forces of Ukraine", "Wagner Group", "Civilians (Ukraine)"]),
    ("Somalia", "SO", [("Mogadishu", "Banaadir", 2.04, 45.34), ("Beledweyne", "Hiiraan", 4.74, 45.2),
                       ("Baidoa", "Bay", 3.11, 43.65), ("Kismayo", "Jubbada Hoose", -0.36, 42.55)],
     ["Al Shabaab", "Military Forces of Somalia", "Civilians (Somalia)"]),
    ("Colombia", "CO", [("Cali", "Valle del Cauca", 3.45, -76.53), ("Cucuta", "Norte de Santander", 7.89, -72.5),
                        ("Medellin", "Antioquia", 6.25, -75.56), ("Popayan", "Cauca", 2.44, -76.61)],
     ["ELN: National Liberation Army", "Military Forces of Colombia", "Protesters (Colombia)"]),
    ("Myanmar", "MM", [("Mandalay", "Mandalay", 21.97, 96.08), ("Sittwe", "Rakhine", 20.15, 92.9),
                       ("Myitkyina", "Kachin", 25.38, 97.4)],
     ["Military Forces of Myanmar", "Arakan Army", "Civilians (Myanmar)"]),
]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
         ("Strategic developments", "Looting/property destruction")]
OUTLETS = ["Coast Radio", "Daily Ledger", "Frontline Wire", "Hill Gazette", "Morning Courier", "River Post"]
#: The event with many reports and disagreeing outlets.
BUSY_EVENT = "syn-busy"
BUSY_REPORTS = 40


def _dates(rng: random.Random) -> DateSpan:
    roll = rng.random()
    if roll < 0.15:
        return DateSpan.unknown()
    day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
    if roll < 0.20:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return DateSpan(first, last, "month", day.strftime("in %B %Y"))
    if roll < 0.22:
        return DateSpan(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year", f"in {day.year}")
    return DateSpan.day(day, day.strftime("on %d %B %Y"))


def _mention(event_id: str, n: int, *, kind: tuple[str, str], actors: tuple[str | None, str | None],
             place: Place, dates: DateSpan, deaths: int | None, outlet: str) -> tuple[Article, Mention]:
    sentence = (f"{actors[0]} clashed with {actors[1] or 'unknown forces'} in {place.name}, {place.admin1 or 'the country'}, "
                f"and {deaths if deaths is not None else 'an unknown number of'} people died, {outlet} reported.")
    text = f"{place.name.upper()} - {sentence} Witnesses described the scene. More reporting followed."
    start = text.index(sentence)
    article_id = f"art-{event_id}-{n}"
    published = (dates.end or dt.date(2024, 1, 1)) + dt.timedelta(days=1)
    article = Article(article_id=article_id, file=f"synthetic/{article_id}.txt", text=text,
                      title=f"{kind[0]} in {place.name} ({n})", source=outlet, published=published,
                      url=f"https://example.org/{article_id}")
    mention = Mention(mention_id=f"m-{event_id}-{n}", article_id=article_id, file=article.file, sentence=sentence,
                      start=start, end=start + len(sentence), event_type=kind[0], sub_event_type=kind[1],
                      actor1=actors[0], actor2=actors[1], place=place, dates=dates, fatalities=deaths,
                      trigger="clashed", source=outlet, published=published)
    return article, mention


def events_and_articles(events: int = 6000, *, seed: int = 19) -> tuple[list[Event], list[Article]]:
    """``events`` synthetic events and the articles of their mentions."""
    rng = random.Random(seed)
    out_events: list[Event] = []
    articles: list[Article] = []
    for i in range(events):
        country, code, towns, actors = COUNTRIES[0] if i % 2 == 0 else rng.choice(COUNTRIES[1:])
        town = towns[0] if (country == "Ukraine" and rng.random() < 0.3) else rng.choice(towns)
        place = Place(town[0], town[1], country, town[2], town[3], 1, "city", code)
        if rng.random() < 0.03:  # the country only, no coordinates
            place = Place(country, None, country, None, None, None, "country", code)
        kind = TYPES[min(int(rng.expovariate(0.9)), len(TYPES) - 1)]
        a1, a2 = rng.sample(actors, 2)
        deaths = None if rng.random() < 0.2 else int(rng.expovariate(0.25))
        dates = _dates(rng)
        event_id = BUSY_EVENT if i == 0 else f"syn-{i:05d}"
        reports = BUSY_REPORTS if i == 0 else 1 + int(rng.random() < 0.3)
        mentions = []
        for n in range(reports):
            outlet = OUTLETS[n % 3] if i == 0 else rng.choice(OUTLETS)
            told = deaths if i else (12 if n % 3 else 15)
            article, mention = _mention(event_id, n, kind=kind, actors=(a1, a2), place=place, dates=dates,
                                        deaths=told, outlet=outlet)
            articles.append(article)
            mentions.append(mention)
        disagreements: tuple[dict, ...] = ()
        if i == 0:
            deaths = 12
            disagreements = ({"field": "fatalities", "values": [
                {"value": 12, "articles": [m.article_id for m in mentions if m.fatalities == 12]},
                {"value": 15, "articles": [m.article_id for m in mentions if m.fatalities == 15]}]},)
        out_events.append(Event(event_id=event_id, event_type=kind[0], sub_event_type=kind[1], dates=dates,
                                actor1=a1, actor2=a2, place=place, fatalities=deaths, mentions=tuple(mentions),
                                provenance=(("fatalities", mentions[-1].mention_id),),
                                disagreements=disagreements))
    return out_events, articles


def build(path: Path, events: int = 6000, *, seed: int = 19) -> Path:
    """Write a new database at ``path`` holding the synthetic events; return ``path``."""
    made, articles = events_and_articles(events, seed=seed)
    by_article: dict[str, list[Mention]] = {}
    for event in made:
        for mention in event.mentions:
            by_article.setdefault(mention.article_id, []).append(mention)
    with Store.open(path) as store:
        store.save_articles([(a, by_article[a.article_id], article_hash(a)) for a in articles])
        store.replace_events(made)
    return path
