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
from .places import PlaceRef, article_country, place_refs, places_for
from .records import Article, DateSpan, Mention
from .triggers import EVENT_TYPES, WEAK_KINDS, Trigger, arguments, classify, trigger_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VIOLENT_FAMILIES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
#: Sub-event types outside the violent families that a follow-up sentence may report.
SCENE_SUBTYPES = frozenset({"Arrests", "Disrupted weapons use"})
#: Nouns by which a sentence points back at an operation already told ("during the raid").
OPERATION_NOUNS = frozenset({"operation", "raid", "search", "patrol", "force", "forces", "unit", "team",
                             "assault", "offensive", "attack", "strike", "clash", "fighting", "ambush",
                             "engagement", "mission", "battle", "troops", "soldiers", "convoy", "scene"})
#: How many sentences back a mention may look for a place or date it lacks.
LOOKBACK = 3


@dataclass(frozen=True, slots=True)
class TimeRef:
    expr: TimeExpression
    root: Token | None
    sent_index: int


def extract(doc: Doc, article: Article) -> list[Mention]:
    """Every asserted event mention in one parsed article."""
    from .geocode import country_name

    code = article_country(doc)
    ctx = actor_mod.build_context(article.text, country_code=code,
                                  country=country_name(code) if code else None)
    sents = list(doc.sents)
    places = place_refs(doc, sents, code)
    times = _time_refs(doc, article, sents)
    scenes = _scenes(sents, places, times)
    out: list[Mention] = []
    last: Mention | None = None
    for si, sent in enumerate(sents):
        claimant = _claimed_by(sent, ctx)
        if claimant is not None:
            # "the BLA said it carried out the attack": the claim names who did what was told
            out = [replace(m, actor1=claimant) if m.event_type in VIOLENT_FAMILIES and _unnamed(m.actor1)
                   else m for m in out]
            last = out[-1] if out else None
            continue
        found = _sentence_triggers(sent, ctx)
        if not found and last is not None:
            found_mentions = _elliptical(sent, si, last, places)
            out.extend(found_mentions)
            continue
        deaths = count_fatalities(sent.text)
        if deaths and any(running_total(t) for t in sent if t.pos_ == "VERB"):
            deaths = None  # "the war has killed thousands": a running total, no event's toll
        gave_deaths = False
        if found and last is not None and last.fatalities is None and deaths is not None \
                and _toll_of_the_last(found, sent, si, last, places, times):
            out[out.index(last)] = last = replace(last, fatalities=deaths)
            continue
        if out:  # once events are told, "the gunmen who attacked the wedding" tells one again
            found = [(t, sub) for t, sub in found
                     if not (_relative_retelling(t.token) and not _date_for(t.token, si, times).known)]
        for trig, sub in found:
            family = EVENT_TYPES[sub]
            fat = None
            if deaths is not None and family in VIOLENT_FAMILIES | {"Protests"} and not gave_deaths:
                fat, gave_deaths = deaths, True
            elif deaths is None and family in VIOLENT_FAMILIES and not gave_deaths and _one_named_victim(trig):
                fat, gave_deaths = 1, True
            chosen = places_for(trig, sent, si, places, code)
            for place in chosen or [None]:
                mention = _mention(article, trig, sub, sent, si, place, fat, times, ctx, out)
                if place is None:
                    anchored = _date_for(trig.token, si, times).known or fat is not None
                    mention = _place_from_context(mention, trig, sent, si, anchored=anchored, refs=places,
                                                  scenes=scenes, earlier=out)
                mention = _same_scene(mention, sent, out)
                out.append(mention)
                last = mention
            out.extend(_that_of(sent, si, found, places, out))
    return out


def _unnamed(actor: str | None) -> bool:
    return actor is None or actor.startswith("Unidentified Armed Group")


def _claimed_by(sent: Span, ctx: actor_mod.ActorContext) -> str | None:
    """The armed group that claims an event already told in this sentence: "Al-Shabaab claimed
    responsibility for the attack", "the BLA said it carried out the bombing"."""
    for tok in sent:
        verb = None
        if tok.lemma_ == "claim" and tok.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_ in {"responsibility", "credit"} for c in tok.children):
            verb = tok
        elif tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_ in {"carry", "conduct"} and any(
                c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in tok.children) \
                and trigger_kind(tok) is not None:
            verb = tok.head  # "carried out the attack": a definite event, told before
        if verb is None:
            continue
        agent = arguments(verb, ctx).agent
        if agent is not None and agent.kind == "nonstate" and not _unnamed(agent.name):
            return agent.name
    return None


def _toll_of_the_last(found: list[tuple[Trigger, str]], sent: Span, si: int, last: Mention,
                      refs: list[PlaceRef], times: list[TimeRef]) -> bool:
    """"At least five people were shot dead, rights groups said": after a violent report without
    a toll, a passive killing with no one doing it, no place and no day of its own is its toll.
    (When the report has a toll, a second one is other victims and stays an event of its own.)"""
    if len(found) != 1 or last.event_type not in VIOLENT_FAMILIES | {"Protests"}:
        return False
    trig, _ = found[0]
    tok = trig.token
    if trig.kind not in {"kill", "shoot"} or tok.pos_ != "VERB" or trig.agent is not None \
            or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    if any(r.sent_index == si and r.place.kind != "country" for r in refs) or _date_for(tok, si, times).known:
        return False
    return sent.start_char - last.end < 400 and last.start < sent.start_char


def _place_from_context(mention: Mention, trig: Trigger, sent: Span, si: int, *, anchored: bool,
                        refs: list[PlaceRef], scenes: list[Scene], earlier: list[Mention]) -> Mention:
    """A place for a mention whose sentence names none: the scene it points back to
    ("during the operation"), else the place named in the sentences just before."""
    if _points_back(sent):
        mention = _same_scene(mention, sent, earlier)
        if mention.place is None:
            mention = _told_operation(mention, sent, si, scenes)
        if mention.place is not None:
            return mention
    if _may_look_back(trig.token, anchored) and (
            mention.event_type in VIOLENT_FAMILIES | {"Protests"} or mention.sub_event_type == "Arrests"):
        back = _lookback_place(trig, si, refs)
        if back:
            return replace(mention, place=back[0].place)
    return mention


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
    tokens = {f[0].token.i for f in found}
    found = [f for f in found if not (f[2] == "kill" and _killed_in(f[0].token) & tokens)
             and not _time_reference(f[0].token) and not _described(f[0].token)]
    if any(EVENT_TYPES[f[1]] == "Riots" for f in found):  # "crowds attacked the embassy, looting offices"
        found = [f for f in found if f[1] != "Looting/property destruction" or f[0].agent is not None]
    strong_violent = [f for f in found if f[2] not in WEAK_KINDS and EVENT_TYPES[f[1]] in VIOLENT_FAMILIES]
    kept: list[tuple[Trigger, str]] = []
    seen_weak: set[str] = set()
    arrests = any(sub in SCENE_SUBTYPES for _, sub, _ in found)
    for trig, sub, kind in found:
        if kind == "raid" and arrests and trig.token.pos_ == "NOUN":
            continue  # "in a raid near Kismayo, two fighters were captured": the raid is the arrest
        if kind in WEAK_KINDS and EVENT_TYPES[sub] in VIOLENT_FAMILIES:
            if strong_violent or sub in seen_weak:
                continue
            seen_weak.add(sub)
        kept.append((trig, sub))
    return kept


def _described(tok: Token) -> bool:
    """"... in the deadliest attack in the capital for years": an event told, then ranked."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and any(
        c.dep_ == "amod" and c.tag_ == "JJS" for c in tok.children)


def _relative_retelling(tok: Token) -> bool:
    """"the woman who attacked the wedding": a definite someone named by what was already told."""
    head = tok.head
    return tok.dep_ == "relcl" and head.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in {"the", "that", "those"} for c in head.children)


def _time_reference(tok: Token) -> bool:
    """"Suspects were detained after the attack": an event already told, used as a point in time."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {
        "after", "before", "since", "following", "until"} and any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"} for c in tok.children)


def _killed_in(tok: Token) -> set[int]:
    """The event words a killing happened in: "16 people were killed in the raids" (the raids' toll)."""
    return {g.i for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "during", "by"}
            for g in c.children if g.dep_ == "pobj"}


def _mention(article: Article, trig: Trigger, sub: str, sent: Span, si: int, place: PlaceRef | None,
             fatalities: int | None, times: list[TimeRef], ctx: actor_mod.ActorContext,
             earlier: list[Mention]) -> Mention:
    actor1, actor2 = _default_actors(trig, sub, ctx)
    dates = _date_for(trig.token, si, times)
    if not dates.known:
        dates = _reported_date(trig.token, si, times)
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
                                                            and sub not in {"Air/drone strike",
                                                                            "Shelling/artillery/missile attack"}
                                                            and (a2 is None or a2.kind != "nonstate")):
            name1 = ctx.main_group
        elif sub in {"Arrests"} or (family == "Battles" and a2 is not None and a2.kind == "nonstate"):
            name1 = actor_mod._military(ctx.country) if ctx.country else None
    if name2 is None and family == "Explosions/Remote violence" and ctx.country and _civilians_hit(trig.token):
        name2 = f"Civilians ({ctx.country})"  # "missiles hit the city centre, killing 21 people"
    if name2 is None and sub in {"Air/drone strike", "Shelling/artillery/missile attack", "Armed clash",
                                 "Arrests", "Government regains territory"} and a1 is not None \
            and a1.kind == "state":
        name2 = ctx.main_group
    if name2 is None and sub in {"Non-state actor overtakes territory"}:
        name2 = actor_mod._military(ctx.country) if ctx.country else None
    if sub in {"Excessive force against protesters", "Protest with intervention"} and a1 is not None \
            and a1.kind in {"state", "police"}:
        # protest events are the protesters' (actor1); the force that met them is actor2
        crowd = a2.name if a2 is not None and a2.kind in {"protester", "rioter"} else (
            f"Protesters ({ctx.country})" if ctx.country else "Protesters")
        name1, name2 = crowd.replace("Rioters", "Protesters", 1), a1.name
    if sub == "Violent demonstration" and a2 is not None and a2.kind not in {"police", "civilian"}:
        name2 = None  # "rioters attacked the embassies of Rwanda": a building, not Rwanda's army
    if sub in {"Peaceful protest", "Protest with intervention"} and name1 and name1.startswith("Rioters"):
        name1 = "Protesters" + name1.removeprefix("Rioters")  # crowds that rally peacefully protest
    if name1 == name2:
        name2 = None
    return name1, name2


#: Victims whose killing in a strike or blast makes its target civilians.
CIVILIAN_VICTIMS = frozenset({"people", "civilians", "residents", "villagers", "children", "women", "passengers",
                              "worshippers", "students", "pupils", "shoppers", "diners", "patients", "families",
                              "bystanders", "pedestrians", "commuters", "refugees", "displaced"})


#: Places whose shelling or bombing is violence against the civilians in them.
CIVILIAN_PLACES = frozenset({"hospital", "hospitals", "school", "schools", "market", "marketplace", "homes",
                             "houses", "apartment", "apartments", "residential", "church", "mosque", "wedding",
                             "funeral", "playground", "kindergarten", "shelter", "camp", "camps"})


def _civilians_hit(trigger: Token) -> bool:
    """Whether the trigger's sentence says the blast killed or wounded people, not fighters."""
    for tok in trigger.sent:
        if tok.lemma_ in {"kill", "wound", "injure", "hurt"} and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in CIVILIAN_VICTIMS for c in tok.children):
            return True
    hit = [c for c in trigger.head.children if c.dep_ == "dobj"] if trigger.dep_ == "nsubj" else []
    hit += [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "the barrage struck the children's hospital", "shells hit a market": a civilian place
    return any(w.lower_ in CIVILIAN_PLACES for h in hit for w in h.subtree)


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


@dataclass(frozen=True, slots=True)
class Scene:
    """An operation told with its place and day ("forces searched a compound in X district today")."""

    sent_index: int
    place: PlaceRef
    dates: DateSpan


#: Nouns that tell an operation as a scene, before anything happens in it.
SCENE_NOUNS = frozenset({"operation", "raid", "search", "patrol", "mission", "assault", "offensive",
                         "sweep", "clearance", "ambush", "engagement", "battle", "fighting", "clash"})


def _scenes(sents: list[Span], refs: list[PlaceRef], times: list[TimeRef]) -> list[Scene]:
    """Every sentence that introduces an operation at a place below the country level.

    Press releases and wire stories often set the scene first ("Security forces conducted
    an operation in X district, Y province, yesterday") and tell what happened in it later
    ("During the operation, the force detained two suspects"): the later report has
    neither place nor day of its own.
    """
    found: list[Scene] = []
    for si, sent in enumerate(sents):
        local = [r for r in refs if r.sent_index == si and r.place.kind != "country"
                 and not _names_an_institution(sent.doc, r)]
        if not local:
            continue
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SCENE_NOUNS:
                continue
            if any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"}
                   for c in tok.children):
                continue  # "the operation" looks back; it introduces nothing
            inside = [r for r in local if tok.left_edge.i <= r.start and r.end - 1 <= tok.right_edge.i]
            place = (inside or local)[0]
            dates = _date_for(tok, si, times)
            if not dates.known:
                dates = _date_for(_clause_verb(tok), si, times)
            found.append(Scene(si, place, dates))
            break
    return found


def _told_operation(mention: Mention, sent: Span, si: int, scenes: list[Scene]) -> Mention:
    """A placeless report that points back ("during the operation") takes the scene last told;
    the caller checks that it points back."""
    if mention.event_type not in VIOLENT_FAMILIES and mention.sub_event_type not in SCENE_SUBTYPES:
        return mention
    scene = next((s for s in reversed(scenes) if s.sent_index < si), None)
    if scene is None:
        return mention
    dates = mention.dates if mention.dates.known else scene.dates
    return replace(mention, place=scene.place.place, dates=dates)


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
            # the most precise place told there: "a village of Kokorou commune, Tera department,
            # Tillaberi region" is placed at Tera, not across the region
            local = [r for r in prior if r.place.kind in {"city", "district"}]
            return [local[0] if local else prior[-1]]
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


def _reported_date(tok: Token, si: int, times: list[TimeRef]) -> DateSpan:
    """"The army said on Friday that its soldiers had retaken the palace": an event with no
    date of its own, told in what a dated statement says, is coded on the statement's day."""
    if tok.pos_ != "VERB":
        return DateSpan.unknown()  # "said on Monday that the strikes were lawful": a comment, not the act
    node = tok
    while node.dep_ in {"conj", "xcomp"} and node.head is not node:
        node = node.head  # "said that they had stormed and taken the town"
    if node.dep_ != "ccomp" or node.head.lemma_ not in SPEECH_VERBS:
        return DateSpan.unknown()
    speech = node.head
    for ref in times:
        if ref.sent_index == si and ref.root is not None and _clause_verb(ref.root).i == speech.i:
            return ref.expr.span
    return DateSpan.unknown()


def _attachment(root: Token, trigger: Token) -> int | None:
    """0: the expression modifies the trigger; 1: elsewhere in the sentence; None: a reporting date."""
    node = root
    for _ in range(12):
        if node.i == trigger.i:
            return 0
        head = node.head
        if head is node:
            break
        if node.dep_ == "relcl" and node.pos_ in {"VERB", "AUX"} and head.i != trigger.i \
                and trigger_kind(head) is None and _dominates(trigger, node):
            return 1  # "recaptured the palace, which the RSF had held since 2023": that clause's date
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
