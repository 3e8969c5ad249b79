"""Extract stage: from one parsed article to its event mentions.

For each sentence: find triggers (:mod:`eventwire.triggers`), drop those the
article does not assert (:mod:`eventwire.factuality`), then give each the
place, date, actors and fatalities that the sentence (or, failing that, the
sentences just before it) attaches to it. A trigger with places joined by
"and" ("the fall of Kandahar and Herat") yields one mention per place.

Needs: a spaCy ``Doc`` of ``Article.text`` with entities from
:mod:`eventwire.analyse`. Adds: :class:`~eventwire.records.Mention` records,
one per (trigger, place), before the within-article merge of
:mod:`eventwire.link`.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import actors as actor_mod
from .dates import TimeExpression, find_dates
from .factuality import assertion_blocker, running_total
from .fatalities import count_fatalities
from .lexicon import SPEECH_VERBS, TERRITORY_WORDS
from .records import Article, DateSpan, Mention, Place
from .triggers import EVENT_TYPES, WEAK_KINDS, Trigger, arguments, classify, trigger_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VIOLENT_FAMILIES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
AREA_KIND = {"province": "admin1", "provinces": "admin1", "region": "admin1", "state": "admin1",
             "governorate": "admin1", "oblast": "admin1", "prefecture": "admin1", "district": "district",
             "districts": "district", "county": "district"}
ANAPHORA = {"city": "city", "town": "city", "village": "city", "province": "admin1", "region": "admin1",
            "district": "district", "capital": "city", "area": None, "governorate": "admin1"}
#: Sub-event types outside the violent families that a follow-up sentence may report.
SCENE_SUBTYPES = frozenset({"Arrests", "Disrupted weapons use"})
#: Nouns by which a sentence points back at an operation already told ("during the raid").
OPERATION_NOUNS = frozenset({"operation", "raid", "search", "patrol", "force", "forces", "unit", "team",
                             "assault", "offensive", "attack", "strike", "clash", "fighting", "ambush",
                             "engagement", "mission", "battle", "troops", "soldiers", "convoy"})
#: How many sentences back a mention may look for a place or date it lacks.
LOOKBACK = 3
#: Places further than this (dependency steps plus penalties) from a trigger are not its scene.
MAX_PLACE_DISTANCE = 13


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place named (or referred back to) in the text, geocoded."""

    start: int  # token index
    end: int
    place: Place
    sent_index: int


@dataclass(frozen=True, slots=True)
class TimeRef:
    expr: TimeExpression
    root: Token | None
    sent_index: int


def article_country(doc: Doc) -> str | None:
    """The country an article is about: a vote in which towns and provinces weigh more than
    country names and nationality words, so a report on Afghanistan from Washington is about
    Afghanistan.

    A name counts at most twice however often it recurs, so one ambiguous name ("Andar",
    an acronym tagged as a place) cannot outvote the article's other places, and a short
    all-capitals name ("IMU", "ALP") only votes when it is a country's abbreviation.
    """
    from collections import Counter

    from .gazetteer import default_gazetteer, name_key
    from .geocode import geocode, infer_country

    votes: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "NORP"}:
            continue
        key = name_key(ent.text)
        seen[key] += 1
        if seen[key] > 2:
            continue
        if ent.label_ == "NORP":
            code = default_gazetteer().demonym_country(ent.text)
            if code:
                votes[code] += 1
            continue
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        place = geocode(ent.text, kind=AREA_KIND.get(after))
        if place is None or not place.country_code:
            continue
        if place.kind != "country" and ent.text.isupper() and len(ent.text.strip()) <= 4:
            continue
        votes[place.country_code] += 1 if place.kind == "country" else 2
    if votes:
        return max(votes, key=lambda c: votes[c])
    return infer_country([e.text for e in doc.ents if e.label_ in {"GPE", "NORP", "LOC"}])


def extract(doc: Doc, article: Article) -> list[Mention]:
    """Every asserted event mention in one parsed article."""
    from .geocode import country_name

    code = article_country(doc)
    ctx = actor_mod.build_context(article.text, country_code=code,
                                  country=country_name(code) if code else None)
    sents = list(doc.sents)
    places = _place_refs(doc, sents, code)
    times = _time_refs(doc, article, sents)
    out: list[Mention] = []
    last: Mention | None = None
    for si, sent in enumerate(sents):
        found = _sentence_triggers(sent, ctx)
        if not found and last is not None:
            found_mentions = _elliptical(sent, si, last, places)
            out.extend(found_mentions)
            continue
        deaths = count_fatalities(sent.text)
        if deaths and any(running_total(t) for t in sent if t.pos_ == "VERB"):
            deaths = None  # "the war has killed thousands": a running total, no event's toll
        gave_deaths = False
        for trig, sub in found:
            family = EVENT_TYPES[sub]
            fat = None
            if deaths is not None and family in VIOLENT_FAMILIES | {"Protests"} and not gave_deaths:
                fat, gave_deaths = deaths, True
            elif deaths is None and family in VIOLENT_FAMILIES and not gave_deaths and _one_named_victim(trig):
                fat, gave_deaths = 1, True
            chosen = _places_for(trig, sent, si, places, code)
            for place in chosen or [None]:
                mention = _mention(article, trig, sub, sent, si, place, fat, times, ctx, out)
                own_date = _date_for(trig.token, si, times).known
                if place is None and _may_look_back(trig.token, own_date or fat is not None) and (
                        mention.event_type in VIOLENT_FAMILIES | {"Protests"} or sub == "Arrests"):
                    back = _lookback_place(trig, si, places)
                    if back:
                        mention = replace(mention, place=back[0].place)
                mention = _same_scene(mention, sent, out)
                out.append(mention)
                last = mention
            out.extend(_that_of(sent, si, found, places, out))
    return out


def _one_named_victim(trig: Trigger) -> bool:
    """"killed Taliban leader Saifullah", "the death of Ahmed Nur": one named person died."""
    if trig.kind != "kill":
        return False
    tok = trig.token
    victims = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    victims += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj"]
    if len(victims) != 1:
        return False
    victim = victims[0]
    if victim.ent_type_ != "PERSON" or victim.tag_ != "NNP":
        return False
    return not any(c.dep_ in {"conj", "nummod"} for c in victim.children)


def _sentence_triggers(sent: Span, ctx: actor_mod.ActorContext) -> list[tuple[Trigger, str]]:
    found: list[tuple[Trigger, str, str]] = []
    for tok in sent:
        kind = trigger_kind(tok)
        if not kind:
            continue
        trig = arguments(tok, ctx)
        sub = classify(kind, trig, sentence=sent)
        if sub is None or assertion_blocker(tok):
            continue
        found.append((replace(trig, kind=kind), sub, kind))
    strong_violent = [f for f in found if f[2] not in WEAK_KINDS and EVENT_TYPES[f[1]] in VIOLENT_FAMILIES]
    kept: list[tuple[Trigger, str]] = []
    seen_weak: set[str] = set()
    for trig, sub, kind in found:
        if kind in WEAK_KINDS and EVENT_TYPES[sub] in VIOLENT_FAMILIES:
            if strong_violent or sub in seen_weak:
                continue
            seen_weak.add(sub)
        kept.append((trig, sub))
    return kept


def _mention(article: Article, trig: Trigger, sub: str, sent: Span, si: int, place: PlaceRef | None,
             fatalities: int | None, times: list[TimeRef], ctx: actor_mod.ActorContext,
             earlier: list[Mention]) -> Mention:
    actor1, actor2 = _default_actors(trig, sub, ctx)
    dates = _date_for(trig.token, si, times)
    if not dates.known and sent.text.rstrip().endswith((".", "!", '"', "”")):
        dates = _inherited_date(EVENT_TYPES[sub], earlier, sent)
        if not dates.known and (EVENT_TYPES[sub] in VIOLENT_FAMILIES or sub == "Arrests"):
            dates = _lede_date(si, times)
    place_rec = place.place if place else None
    key = f"{article.article_id}|{sent.start_char}|{trig.token.i}|{sub}|{place_rec.name if place_rec else ''}"
    return Mention(
        mention_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        article_id=article.article_id, file=article.file, sentence=sent.text.strip(),
        start=sent.start_char, end=sent.end_char, event_type=EVENT_TYPES[sub], sub_event_type=sub,
        actor1=actor1, actor2=actor2, place=place_rec, dates=dates, fatalities=fatalities,
        trigger=trig.token.text, source=article.source, published=article.published,
    )


def _default_actors(trig: Trigger, sub: str, ctx: actor_mod.ActorContext) -> tuple[str | None, str | None]:
    a1 = trig.agent
    a2 = trig.patient
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    name1 = a1.name if a1 else None
    name2 = a2.name if a2 else None
    family = EVENT_TYPES[sub]
    if name1 is None:
        if sub == "Non-state actor overtakes territory" or (family in {"Battles", "Explosions/Remote violence"}
                                                            and sub not in {"Air/drone strike"}
                                                            and (a2 is None or a2.kind != "nonstate")):
            name1 = ctx.main_group
        elif sub in {"Arrests"} or (family == "Battles" and a2 is not None and a2.kind == "nonstate"):
            name1 = actor_mod._military(ctx.country) if ctx.country else None
    if name2 is None and sub in {"Air/drone strike", "Shelling/artillery/missile attack", "Armed clash",
                                 "Arrests"} and a1 is not None and a1.kind == "state":
        name2 = ctx.main_group
    if name2 is None and sub in {"Non-state actor overtakes territory"}:
        name2 = actor_mod._military(ctx.country) if ctx.country else None
    if name1 == name2:
        name2 = None
    return name1, name2


# --- places -------------------------------------------------------------------------------------------

def _place_refs(doc: Doc, sents: list[Span], code: str | None) -> list[PlaceRef]:
    """Places named in the text, and "the city"/"the province" resolved to the last one named.

    The dateline ("KABUL, Afghanistan -") says where the reporter was, not where an
    event happened, so its places are left out.
    """
    from .geocode import geocode
    from .pubdate import dateline_span

    dateline = dateline_span(doc.text) or (0, 0)

    sent_index = {}
    for i, s in enumerate(sents):
        for t in range(s.start, s.end):
            sent_index[t] = i
    refs: list[PlaceRef] = []
    cache: dict[tuple[str, str | None], Place | None] = {}
    recent: dict[str, Place] = {}
    ent_at = {e.start: e for e in doc.ents if e.label_ in {"GPE", "LOC", "FAC"}}
    for tok_i, tok in enumerate(doc):
        ent = ent_at.get(tok_i)
        if ent is not None and dateline[0] <= ent.start_char < dateline[1]:
            continue
        if ent is not None:
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            kind = AREA_KIND.get(after)
            name = ent.text
            for lead in ("the ", "The "):
                name = name.removeprefix(lead)
            if not any(ch.isupper() for ch in name):
                continue  # "the west bank of the river": a place name is capitalised in English
            kind = kind or _own_kind(name)
            province = _enclosing_province(doc, ent, code) if kind in {"district", None} else None
            where = _stated_country(doc, ent.start) or code  # "the Yemeni city of Saada"
            cache_key = (name, kind, province.admin1 if province else None, where)
            if cache_key not in cache:
                cache[cache_key] = geocode(name, country_code=where, kind=kind,
                                           admin1_hint=province.admin1 if province else None)
            place = cache[cache_key]
            if province is not None and kind == "district" and (place is None or place.admin1 != province.admin1):
                place = None  # "Khugyani district, Nangarhar province": not the Khugyani elsewhere
            if place is None and kind == "district" and province is not None:
                place = _district_in(ent, province)
            if place is None:
                continue
            if place.kind in {"city", "district"} and name != place.name and name[:1].isupper():
                # the article's spelling ("Gondar", "Kryvyi Rih"), not the gazetteer's ("Gonder"):
                # every value traces to the text; the coordinates say which place it is
                place = replace(place, name=name)
            refs.append(PlaceRef(ent.start, ent.end, place, sent_index.get(ent.start, 0)))
            recent[place.kind] = place
            if place.kind in {"city", "district"} and place.admin1:
                recent.setdefault("admin1", place)
            continue
        low = tok.lower_
        if low in ANAPHORA and tok_i > 0 and doc[tok_i - 1].lower_ in {"the", "that", "this"} \
                and tok.dep_ not in {"compound"} and not tok.ent_type_:
            want = ANAPHORA[low]
            if low == "capital" and tok_i > 1 and doc[tok_i - 2].lower_ in {"national"}:
                continue
            target = recent.get(want or "city") if want else recent.get("city") or recent.get("district")
            if target is not None and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                refs.append(PlaceRef(tok_i, tok_i + 1, target, sent_index.get(tok_i, 0)))
    return refs


def _enclosing_province(doc: Doc, ent: Span, code: str | None) -> Place | None:
    """The province a place is said to lie in: "Gelan district, Ghazni province",
    "Marka district of Lower Shabelle region", "a village in Bakhmut district, Donetsk oblast"."""
    from .geocode import geocode

    i = ent.end
    if i < len(doc) and doc[i].lower_ in AREA_KIND:
        i += 1
    if i < len(doc) and doc[i].lower_ in {",", "of", "in"}:
        i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    other = next((e for e in ent.sent.ents if e.start == i and e.label_ in {"GPE", "LOC"}), None)
    if other is None:
        return None
    after = doc[other.end].lower_ if other.end < len(doc) else ""
    if AREA_KIND.get(after) != "admin1" and not other.text.lower().endswith(
            ("province", "region", "state", "governorate", "oblast")):
        return None
    place = geocode(other.text, country_code=code, kind="admin1")
    return place if place is not None and place.admin1 else None


def _own_kind(name: str) -> str | None:
    """"district" for a name that carries its kind word ("Ghormach district")."""
    from .geocode import split_kind

    said = split_kind(name)[1]
    return said if said in {"district", "admin1"} else None


def _district_in(ent: Span, province: Place) -> Place:
    """A district the gazetteer lacks (or places elsewhere), placed in the province the text names."""
    from .geocode import split_kind

    return Place(name=split_kind(ent.text)[0], admin1=province.admin1, country=province.country,
                 latitude=province.latitude, longitude=province.longitude, geo_precision=2, kind="district",
                 country_code=province.country_code)


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    pos_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in pos_b:
            return k + pos_b[t.i]
    return 99


_PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "port", "province", "region", "district",
                          "state", "governorate", "oblast", "county", "area", "border", "outskirts"})


def _stated_country(doc: Doc, start: int) -> str | None:
    """The country a place's own phrase names: "the Yemeni city of Saada", "Syria's Idlib"."""
    from .gazetteer import default_gazetteer

    i = start - 1
    if i >= 1 and doc[i].lower_ in {"'s", "’s"}:
        i -= 1
    elif i >= 2 and doc[i].lower_ == "of" and doc[i - 1].lower_ in _PLACE_NOUNS:
        i -= 2
        if i >= 0 and doc[i].pos_ == "ADJ" and doc[i].ent_type_ != "NORP":
            i -= 1  # "the northern Yemeni city of"
    else:
        return None
    if i < 0 or not doc[i].text[:1].isupper():
        return None
    gaz = default_gazetteer()
    found = gaz.demonym_country(doc[i].text)
    if found is None:
        country = gaz.country(doc[i].text)
        found = country.country_code if country is not None else None
    return found


def _places_for(trig: Trigger, sent: Span, si: int, refs: list[PlaceRef], code: str | None) -> list[PlaceRef]:
    tok = trig.token
    doc = tok.doc
    in_sent = [r for r in refs if r.sent_index == si]
    actor_spans = [s for s in (trig.agent_span, trig.patient_span) if s is not None]
    scored: list[tuple[float, PlaceRef]] = []
    for ref in in_sent:
        root = doc[ref.start:ref.end].root
        if root.dep_ in {"nsubj", "poss"} and root.head.i != tok.i and ref.place.kind != "country":
            continue  # "Washington stated", "Kabul's airport": the place acts or owns, it is not the scene
        if ref.place.kind == "country":
            if any(s.start <= ref.start < s.end for s in actor_spans):
                continue
            if root.dep_ in {"nsubj", "poss", "compound", "amod", "npadvmod"}:
                continue
        dist = float(_tree_distance(tok, root))
        path_preps = {t.lower_ for t in root.ancestors if t.dep_ == "prep"} - {t.lower_ for t in tok.ancestors}
        if path_preps & {"despite", "between", "with", "from", "toward", "towards", "to"}:
            dist += 3
        if code and ref.place.country_code and ref.place.country_code != code \
                and _stated_country(tok.doc, ref.start) != ref.place.country_code:
            dist += 8  # a foreign place, unless the sentence says which country it is in
        if ref.place.kind == "country":
            dist += 6
        scored.append((dist, ref))
    scored = [x for x in scored if x[0] <= MAX_PLACE_DISTANCE]
    if not scored:
        return []
    scored.sort(key=lambda x: (x[0], x[1].place.geo_precision or 9))
    best = scored[0][1]
    for dist, ref in scored[1:]:
        # a town inside the chosen province, attached to the same clause: the more precise place
        if best.place.kind == "admin1" and ref.place.kind in {"city", "district"} \
                and ref.place.admin1 == best.place.admin1 and dist <= scored[0][0] + 5:
            best = ref
            break
    chosen = [best]
    best_root = doc[best.start:best.end].root
    # "strikes in Kandahar and Helmand", "the fall of Kandahar and Herat": one mention per place
    for _, ref in scored[1:]:
        root = doc[ref.start:ref.end].root
        if ref.place.kind == best.place.kind and (root.head.i == best_root.i and root.dep_ == "conj"
                                                 or best_root.head.i == root.i and best_root.dep_ == "conj"):
            if ref.place.name != best.place.name:
                chosen.append(ref)
    # a town and its province in one sentence: keep the town, it is the more precise
    return chosen


def _may_look_back(tok: Token, anchored: bool) -> bool:
    """Only a new, anchored report borrows the place of the sentences before it.

    "The strikes" or "this week's airstrikes" refer back to events already placed
    (they are merged with them later); a headline has no sentences before it; and
    a report with neither a date nor a toll is too loose to place by proximity.
    """
    if tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "these", "those", "this", "that", "its", "their"}
            or c.dep_ == "poss" for c in tok.children):
        return False
    if not tok.sent.text.rstrip().endswith((".", "!", '"', "”", "'")):
        return False
    if tok.pos_ in {"VERB", "AUX"}:
        return True  # a clause that reports its own action: the scene is the one just named
    return anchored


def _same_scene(mention: Mention, sent: Span, earlier: list[Mention]) -> Mention:
    """A follow-up report of the operation just told takes its scene.

    "During the search, the force killed two gunmen" names neither place nor day: when
    the same force acts and the sentence points back with a definite noun ("the
    search", "the patrol", "the force"), the place and date are those of the last
    placed report by that force. A new place or a date of its own is kept. (A sentence
    that names no actor is left alone: on other conflicts' wire stories that carried
    background sentences to the wrong scene.)
    """
    family = mention.event_type
    retold = _retelling(mention, earlier)
    if retold is not None:
        return replace(mention, place=retold.place,
                       dates=mention.dates if mention.dates.known else retold.dates)
    if mention.place is not None and mention.dates.known:
        return mention
    if family not in VIOLENT_FAMILIES and mention.sub_event_type not in SCENE_SUBTYPES:
        return mention
    if mention.actor1 is None or not _points_back(sent):
        return mention
    scene = next((m for m in reversed(earlier) if m.actor1 == mention.actor1 and m.place is not None
                  and m.place.kind != "country"), None)
    if scene is None:
        return mention
    if mention.place is None:
        mention = replace(mention, place=scene.place)
    elif mention.place.admin1 != scene.place.admin1:
        return mention
    if not mention.dates.known and scene.dates.known:
        mention = replace(mention, dates=scene.dates)
    return mention


def _retelling(mention: Mention, earlier: list[Mention]) -> Mention | None:
    """An earlier report of the same event: same type and toll in the same province.

    Stories tell an event twice, in the lede and in the detail ("killed 18 fighters in
    Kunar ... the unit was engaged, resulting in 18 fighters killed"); the second
    telling takes the first one's place so that the article's event is counted once.
    """
    if mention.fatalities is None or mention.place is None:
        return None
    for m in reversed(earlier):
        if m.sub_event_type == mention.sub_event_type and m.fatalities == mention.fatalities \
                and m.place is not None and m.place.admin1 == mention.place.admin1 \
                and (m.actor1 is None or mention.actor1 is None or m.actor1 == mention.actor1) \
                and (not m.dates.known or not mention.dates.known or m.dates == mention.dates):
            return m
    return None


def _points_back(sent: Span) -> bool:
    """Whether a sentence refers to an operation already told: "the raid", "the patrol"."""
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in OPERATION_NOUNS and any(
                c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "these", "its", "their"}
                for c in tok.children):
            return True
    return False


def _that_of(sent: Span, si: int, found: list, refs: list[PlaceRef], out: list[Mention]) -> list[Mention]:
    """"The fall of X followed that of Y": the same kind of event at Y."""
    nouns = [t for t, _ in found if t.token.pos_ == "NOUN"]
    if not nouns or not out:
        return []
    model = next((m for m in reversed(out) if m.start == sent.start_char), None)
    if model is None:
        return []
    extra = []
    for tok in sent:
        if tok.lower_ not in {"that", "those"} or tok.pos_ != "PRON":
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                ref = next((r for r in refs if r.start <= obj.i < r.end and r.sent_index == si), None)
                if ref is None or ref.place.kind == "country":
                    continue
                key = f"{model.mention_id}|that-of|{ref.place.name}"
                extra.append(replace(model, mention_id=hashlib.sha1(key.encode()).hexdigest()[:16],
                                     place=ref.place, dates=DateSpan.unknown(), fatalities=None,
                                     trigger=tok.text))
    return extra


def _names_an_institution(doc: Doc, ref: PlaceRef) -> bool:
    """"the Kabul administration", "U.S. Forces Afghanistan": a place naming a body, not a scene."""
    root = doc[ref.start:ref.end].root
    if ref.end - ref.start == 1 and doc[ref.start].i != root.i:
        return False
    return root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"} \
        and root.head.lower_ not in TERRITORY_WORDS


def _lookback_place(trig: Trigger, si: int, refs: list[PlaceRef]) -> list[PlaceRef]:
    """A place from the sentences just before, for mentions whose sentence names none."""
    for back in range(1, LOOKBACK + 1):
        prior = [r for r in refs if r.sent_index == si - back and r.place.kind != "country"
                 and not _names_an_institution(trig.token.doc, r)]
        if prior:
            return [prior[-1]]
    return []


def _elliptical(sent: Span, si: int, last: Mention, refs: list[PlaceRef]) -> list[Mention]:
    """"Others were in Helmand", "that of Ghazni": the previous event's kind at a new place."""
    subjects = [t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.lemma_.lower() in
                {"other", "another", "some", "one", "rest", "several", "more"}]
    if not subjects:
        return []
    in_sent = [r for r in refs if r.sent_index == si and r.place.kind != "country"]
    if not in_sent:
        return []
    ref = in_sent[0]
    key = f"{last.mention_id}|{sent.start_char}|{ref.place.name}"
    return [replace(last, mention_id=hashlib.sha1(key.encode()).hexdigest()[:16], sentence=sent.text.strip(),
                    start=sent.start_char, end=sent.end_char, place=ref.place, fatalities=None,
                    trigger=subjects[0].text)]


# --- dates --------------------------------------------------------------------------------------------

def _time_refs(doc: Doc, article: Article, sents: list[Span]) -> list[TimeRef]:
    refs: list[TimeRef] = []
    starts = [s.start_char for s in sents]

    for expr in find_dates(article.text, published=article.published, year_hint=article.year_hint):
        if expr.kind == "vague" or not expr.span.known:
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        si = bisect.bisect_right(starts, expr.start) - 1
        refs.append(TimeRef(expr, root, max(si, 0)))
    return refs


def _clause_verb(tok: Token) -> Token:
    node = tok
    while node.dep_ in {"aux", "auxpass"} and node.head is not node:
        node = node.head
    for _ in range(10):
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            return node
        node = node.head
    return node


def _date_for(tok: Token, si: int, times: list[TimeRef]) -> DateSpan:
    best: tuple[int, int, DateSpan] | None = None
    for ref in times:
        if ref.sent_index != si or ref.root is None:
            continue
        prio = _attachment(ref.root, tok)
        if prio is None:
            continue
        if prio == 1 and (ref.root.dep_ == "poss" or _clause_verb(ref.root).i != _clause_verb(tok).i):
            # "last year's agreement": a date of something else in the sentence
            if not any(_clause_verb(ref.root).i == a.i for a in tok.ancestors):
                continue
        cand = (prio, abs(ref.root.i - tok.i), ref.expr.span)
        if best is None or cand[:2] < best[:2]:
            best = cand
    return best[2] if best else DateSpan.unknown()


def _attachment(root: Token, trigger: Token) -> int | None:
    """0: the expression modifies the trigger; 1: elsewhere in the sentence; None: a reporting date."""
    node = root
    for _ in range(12):
        if node.i == trigger.i:
            return 0
        head = node.head
        if head is node:
            break
        if head.lemma_ in SPEECH_VERBS and head.i != trigger.i and not _dominates(head, trigger):
            return None
        if head.lemma_ in SPEECH_VERBS and head.i != trigger.i and node.dep_ in {"npadvmod", "prep", "advmod",
                                                                                  "tmod", "pobj"}:
            return None
        node = head
    return 1


def _dominates(head: Token, tok: Token) -> bool:
    return any(a.i == head.i for a in tok.ancestors)


def _inherited_date(family: str, earlier: list[Mention], sent: Span) -> DateSpan:
    """The date of the closest earlier mention of the same family in this or the previous sentences."""
    for mention in reversed(earlier):
        if mention.event_type == family and mention.dates.known \
                and mention.start >= _sentence_start_before(sent, LOOKBACK - 1):
            return mention.dates
    return DateSpan.unknown()


def _lede_date(si: int, times: list[TimeRef]) -> DateSpan:
    """The event date of the sentence just before ("... in Helmand yesterday. Forces detained two.")."""
    for ref in reversed(times):
        if si - 2 <= ref.sent_index < si and ref.root is not None:
            head = ref.root.head
            if head.lemma_ in SPEECH_VERBS:
                continue
            return ref.expr.span
    return DateSpan.unknown()


def _sentence_start_before(sent: Span, back: int) -> int:
    doc = sent.doc
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return doc[start].idx
