"""Extract stage: from one parsed article to its event mentions.

For each sentence: find triggers (:mod:`eventwire.extraction.triggers`), drop those the
article does not assert (:mod:`eventwire.extraction.factuality`), let the learned recogniser
confirm, retype, reject or add to them (:mod:`eventwire.extraction.recogniser.fuse`), then give each the
place, date, actors and fatalities that the sentence (or, failing that, the
sentences just before it, :mod:`eventwire.extraction.scenes`) attaches to it, with dates from
:mod:`eventwire.extraction.timing`. A trigger with places joined by "and" ("the fall of
Kandahar and Herat") yields one mention per place.

Needs: a spaCy ``Doc`` of ``Article.text`` with entities from
:mod:`eventwire.analysis.analyse`. Adds: :class:`~eventwire.records.Mention` records,
one per (trigger, place), before the within-article merge of
:mod:`eventwire.linking.link`.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis.eventwords import candidates_in
from eventwire.analysis.lexicon import definite
from eventwire.extraction import actors as actor_mod
from eventwire.extraction.actors import ARMED_KINDS
from eventwire.extraction.factuality import assertion_blocker, running_total
from eventwire.extraction.fatalities import count_fatalities
from eventwire.extraction.places import PlaceRef, article_country, place_refs, places_for
from eventwire.extraction.recogniser import recogniser
from eventwire.extraction.recogniser.fuse import Thresholds, fuse
from eventwire.extraction.scenes import (
    elliptical,
    place_from_context,
    same_scene,
    scenes_of,
    that_of,
)
from eventwire.extraction.timing import TimeRef, date_for, inherited_date, lede_date, reported_date, time_refs
from eventwire.extraction.triggers import (
    WEAK_KINDS,
    Trigger,
    arguments,
    classify,
    told_by_pronoun,
    trigger_kind,
)
from eventwire.records import Article, Mention

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from spacy.tokens import Doc, Span, Token


def extract(doc: Doc, article: Article, *, limits: Thresholds | None = None,
            scores: np.ndarray | None = None) -> list[Mention]:
    """Every asserted event mention in one parsed article.

    ``limits``: the recogniser's accept and reject thresholds (:mod:`eventwire.extraction.recogniser.fuse`);
    by default those of :class:`~eventwire.settings.Settings`. ``scores``: the recogniser's
    scores of the document's sentences, when the caller scored a batch at once
    (:func:`score_docs`); otherwise they are computed here.
    """
    from eventwire.geo.geocode import country_name

    code = article_country(doc)
    ctx = actor_mod.build_context(article.text, country_code=code,
                                  country=country_name(code) if code else None)
    sents = list(doc.sents)
    places = place_refs(doc, sents, code)
    times = time_refs(doc, article, sents)
    scenes = scenes_of(sents, places, times)
    limits = limits or default_thresholds()
    probs = None
    if not limits.off:
        model = recogniser()
        limits = limits.resolved(model.threshold)
        probs = scores if scores is not None else model.score([s.text for s in sents])
    out: list[Mention] = []
    last: Mention | None = None
    for si, sent in enumerate(sents):
        claimant = _claimed_by(sent, ctx) if out else None
        if claimant is not None:
            # "the BLA said it carried out the attack": the claim names who did what was told
            out = [replace(m, actor1=claimant) if m.event_type in tx.VIOLENT_EVENT_TYPES and _unnamed(m.actor1)
                   and m.sub_event_type not in tx.STATE_WEAPONS else m for m in out]
            last = out[-1] if out else None
            continue
        rule_found = _sentence_triggers(sent, ctx)
        row = probs[si] if probs is not None else None
        fused = fuse(rule_found, row, sent, ctx, limits)
        found = fused.found
        score_of = {(t.token.i, sub): p for (t, sub), p in zip(found, fused.scores, strict=True)}
        if not rule_found and not found and last is not None:
            out.extend(_scored(m, row) for m in elliptical(sent, si, last, places))
            continue
        deaths = count_fatalities(sent.text)
        if deaths and any(running_total(t) for t in sent if t.pos_ == "VERB"):
            deaths = None  # "the war has killed thousands": a running total, no event's toll
        gave_deaths = False
        if found and last is not None and last.fatalities is None and deaths is not None \
                and _toll_of_the_last(found, sent, si, last, places, times):
            here = [r.place for r in places if r.sent_index == si and r.place.kind != "country"]
            out[out.index(last)] = last = replace(last, fatalities=deaths, place=last.place or (
                here[0] if here else None))  # "... were killed in Kyiv": the toll can also say where
            continue
        if out:  # once events are told, "the gunmen who attacked the market" tells one again
            found = [(t, sub) for t, sub in found
                     if not (_relative_retelling(t.token, out) and not date_for(t.token, si, times).known)
                     and not (deaths is None and _definite_retelling(t.token, sub, sent, si, out, places, times))]
        for trig, sub in found:
            family = tx.event_type(sub)
            fat = None
            if deaths is not None and family in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} and not gave_deaths:
                fat, gave_deaths = deaths, True
            elif deaths is None and family in tx.VIOLENT_EVENT_TYPES and not gave_deaths and _one_named_victim(trig):
                fat, gave_deaths = 1, True
            chosen: Sequence[PlaceRef | None] = places_for(trig, sent, si, places, code)
            for place in chosen or [None]:
                mention = _mention(article, trig, sub, sent, si, place, fat, times, ctx, out)
                mention = replace(mention, confidence=score_of.get((trig.token.i, sub)))
                if place is None:
                    anchored = date_for(trig.token, si, times).known or fat is not None
                    mention = place_from_context(mention, trig, sent, si, anchored=anchored, refs=places,
                                                  scenes=scenes, earlier=out)
                mention = same_scene(mention, sent, out)
                if mention.actor1 is None and last is not None and told_by_pronoun(trig) \
                        and last.start >= (sents[si - 1].start_char if si else 0):
                    mention = replace(mention, actor1=last.actor1)  # "Gunmen stormed a camp. They killed five"
                out.append(mention)
                last = mention
            out.extend(_scored(m, row) for m in that_of(sent, si, found, places, out))
    return out


def score_docs(docs: Sequence[Doc]) -> list[np.ndarray]:
    """The recogniser's scores of each document's sentences, in one call for all of them (the
    encoder's batches then span documents)."""
    sentences = [[s.text for s in doc.sents] for doc in docs]
    flat = recogniser().score([text for texts in sentences for text in texts])
    out, at = [], 0
    for texts in sentences:
        out.append(flat[at:at + len(texts)])
        at += len(texts)
    return out


def default_thresholds() -> Thresholds:
    from eventwire.settings import Settings

    defaults = Settings()
    return Thresholds(accept=defaults.recogniser_accept, reject=defaults.recogniser_reject)


def _scored(mention: Mention, row: np.ndarray | None) -> Mention:
    """A mention told without a trigger of its own, with the recogniser's score of its type."""
    if row is None:
        return mention
    return replace(mention, confidence=float(row[tx.NAMES.index(mention.sub_event_type)]))


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
        elif tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_ in {"carry", "conduct"} \
                and definite(tok) and trigger_kind(tok) is not None:
            verb = tok.head  # "carried out the attack": a definite event, told before
        if verb is None or any(c.dep_ == "neg" for c in verb.children):
            continue  # "no group claimed responsibility", "did not claim the attack"
        agent = arguments(verb, ctx).agent
        if agent is not None and agent.kind == "nonstate" and not _unnamed(agent.name):
            return agent.name
    return None


#: How many sentences after a report its toll may come.
TOLL_SENTENCES = 2


def _toll_of_the_last(found: list[tuple[Trigger, str]], sent: Span, si: int, last: Mention,
                      refs: list[PlaceRef], times: list[TimeRef]) -> bool:
    """"At least five people were shot dead, rights groups said": after a violent report without
    a toll, a passive killing with no one doing it, no day and no other place of its own is its toll.
    (When the report has a toll, a second one is other victims and stays an event of its own.)"""
    if len(found) != 1 or last.event_type not in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} \
            or last.sub_event_type == tx.PEACEFUL_PROTEST:
        return False
    trig, _ = found[0]
    tok = trig.token
    if trig.kind not in {"kill", "shoot"} or tok.pos_ != "VERB" or trig.agent is not None \
            or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    here = [r.place for r in refs if r.sent_index == si and r.place.kind != "country"]
    if date_for(tok, si, times).known or len({p.name for p in here}) > 1 or any(
            last.place is not None and p.name != last.place.name for p in here):
        return False  # a place of its own, other than the report's: victims elsewhere
    doc = sent.doc
    between = doc.char_span(last.end, sent.start_char, alignment_mode="expand") if last.end < sent.start_char \
        else None
    # the next sentence or so (Span.sents exists since spaCy 3.2; spaCy's span.pyi omits it)
    return between is None or len(list(between.sents)) <= TOLL_SENTENCES  # type: ignore[attr-defined]


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
    doc = sent.doc
    for i in candidates_in(sent):
        tok = doc[i]
        kind = trigger_kind(tok)
        if not kind:
            continue
        trig = arguments(tok, ctx)
        sub = classify(kind, trig, sentence=sent)
        if sub is None:
            continue
        if assertion_blocker(tok):
            continue
        found.append((replace(trig, kind=kind), sub, kind))
    found = [f for f in found if not _time_reference(f[0].token) and not _described(f[0].token)]
    tokens = {f[0].token.i for f in found}
    found = [f for f in found if not (f[2] == "kill" and _killed_in(f[0].token) & tokens)]
    found = _one_with_its_toll(found)
    if any(tx.event_type(f[1]) == tx.RIOTS for f in found):  # "crowds attacked the embassy, looting offices"
        found = [f for f in found if f[1] != tx.LOOTING or f[0].agent is not None]
    strong_violent = [f for f in found if f[2] not in WEAK_KINDS and tx.event_type(f[1]) in tx.VIOLENT_EVENT_TYPES]
    kept: list[tuple[Trigger, str]] = []
    seen_weak: set[str] = set()
    arrests = any(sub in tx.SCENE_TYPES for _, sub, _ in found)
    for trig, sub, kind in found:
        if kind == "raid" and arrests and trig.token.pos_ == "NOUN":
            continue  # "in a raid near Kismayo, two fighters were captured": the raid is the arrest
        if kind in WEAK_KINDS and tx.event_type(sub) in tx.VIOLENT_EVENT_TYPES:
            if strong_violent or sub in seen_weak:
                continue
            seen_weak.add(sub)
        kept.append((trig, sub))
    return kept


def _described(tok: Token) -> bool:
    """"... in the deadliest attack in the capital for years": an event told, then ranked."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and any(
        c.dep_ == "amod" and c.tag_ == "JJS" for c in tok.children)


def _relative_retelling(tok: Token, earlier: list[Mention]) -> bool:
    """"the man who attacked the junction": a definite someone named by an event already told
    (its object is named in a sentence that told an event)."""
    head = tok.head
    if tok.dep_ != "relcl" or head.pos_ != "NOUN" or not definite(head):
        return False
    objects = [c for c in tok.children if c.dep_ in {"dobj", "pobj"}]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(o.lower_ in m.sentence.lower() for o in objects for m in earlier)


#: Event nouns that can name any violent event already told ("the attack" after a drone strike).
GENERIC_EVENT_NOUNS = frozenset({"attack", "assault", "incident", "violence"})


def _definite_retelling(tok: Token, sub: str, sent: Span, si: int, earlier: list[Mention],
                        refs: list[PlaceRef], times: list[TimeRef]) -> bool:
    """"Analysts said the attack showed ...", "residents hid during the attack": a definite event
    noun in a sentence with no time and no other place, after a violent event of its kind was
    told in an earlier sentence, names that event again (a generic noun, "the attack", any
    violent one)."""
    if tok.pos_ != "NOUN" or not definite(tok) or any(c.dep_ == "nummod" for c in tok.children):
        return False
    generic = tok.lemma_.lower() in GENERIC_EVENT_NOUNS
    told = [m for m in earlier if m.end <= sent.start_char and m.event_type in tx.VIOLENT_EVENT_TYPES
            and (generic or m.event_type == tx.event_type(sub))]
    if not told or any(t.sent_index == si for t in times):
        return False  # a time in the sentence may be its own ("the strikes, carried out over the
        # last two days, mark ..." parses the time onto the main verb): it then says more than a retelling
    known = {name for m in told if m.place for name in (m.place.name, m.place.admin1)}
    return all(r.place.name in known for r in refs if r.sent_index == si and r.place.kind != "country")


def _time_reference(tok: Token) -> bool:
    """"Suspects were detained after the attack": an event already told, used as a point in time."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {
        "after", "before", "since", "following", "until"} and definite(tok)




def _one_with_its_toll(found: list[tuple[Trigger, str, str]]) -> list[tuple[Trigger, str, str]]:
    """"Attacked a police post, killing five people": a killing told as an act's participle is
    that act's toll, one event. Against an armed side it stays the clash; an attack or raid on no
    armed side is the attack on those it killed ("stormed a displacement camp, killing 300
    people"). Fighting ("clashed, killing five civilians") keeps both."""
    by_token = {f[0].token.i: f for f in found}
    dropped: set[int] = set()
    for f in found:
        tok = f[0].token
        if f[2] != "kill" or tok.dep_ != "advcl" or tok.tag_ != "VBG":
            continue
        head = by_token.get(tok.head.i)
        if head is None or head is f or head[1] != tx.ARMED_CLASH:
            continue
        patient = head[0].patient
        if patient is not None and patient.kind in ARMED_KINDS:
            dropped.add(tok.i)
        elif patient is None and head[2] in {"attack", "raid"} and f[1] == tx.ATTACK:
            dropped.add(head[0].token.i)
    return [f for f in found if f[0].token.i not in dropped]


def _killed_in(tok: Token) -> set[int]:
    """The event words a killing happened in or was done by: "16 people were killed in the raids",
    "a drone attack killed three people" (the toll of the raids, of the attack)."""
    return {g.i for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "during", "by"}
            for g in c.children if g.dep_ == "pobj"} | {c.i for c in tok.children if c.dep_ == "nsubj"}


def _mention(article: Article, trig: Trigger, sub: str, sent: Span, si: int, place: PlaceRef | None,
             fatalities: int | None, times: list[TimeRef], ctx: actor_mod.ActorContext,
             earlier: list[Mention]) -> Mention:
    actor1, actor2 = _default_actors(trig, sub, ctx)
    dates = date_for(trig.token, si, times)
    if not dates.known:
        dates = reported_date(trig.token, si, times)
    if not dates.known and sent.text.rstrip().endswith((".", "!", '"', "”")):
        dates = inherited_date(tx.event_type(sub), earlier, sent)
        if not dates.known and (tx.event_type(sub) in tx.VIOLENT_EVENT_TYPES or sub == tx.ARRESTS):
            dates = lede_date(si, times)
    place_rec = place.place if place else None
    key = f"{article.article_id}|{sent.start_char}|{trig.token.i}|{sub}|{place_rec.name if place_rec else ''}"
    return Mention(
        mention_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        article_id=article.article_id, file=article.file, sentence=sent.text.strip(),
        start=sent.start_char, end=sent.end_char, event_type=tx.event_type(sub), sub_event_type=sub,
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
    family = tx.event_type(sub)
    if name1 is None:
        if sub == tx.NON_STATE_OVERTAKES or (family in {tx.BATTLES, tx.REMOTE}
                                             and sub not in {tx.AIR_STRIKE, tx.SHELLING}
                                             and (a2 is None or a2.kind != "nonstate")):
            name1 = ctx.main_group
        elif sub in {tx.ARRESTS} or (family == tx.BATTLES and a2 is not None and a2.kind == "nonstate"):
            name1 = actor_mod._military(ctx.country) if ctx.country else None
    if name2 is None and family == tx.REMOTE and ctx.country and _civilians_hit(trig.token):
        name2 = f"Civilians ({ctx.country})"  # "missiles hit the city centre, killing 21 people"
    if name2 is None and sub in {tx.AIR_STRIKE, tx.SHELLING, tx.ARMED_CLASH, tx.ARRESTS,
                                 tx.GOVERNMENT_REGAINS} and a1 is not None \
            and a1.kind == "state":
        name2 = ctx.main_group
    if name2 is None and sub in {tx.NON_STATE_OVERTAKES}:
        name2 = actor_mod._military(ctx.country) if ctx.country else None
    if sub in {tx.EXCESSIVE_FORCE, tx.PROTEST_WITH_INTERVENTION} and a1 is not None \
            and a1.kind in {"state", "police"}:
        # protest events are the protesters' (actor1); the force that met them is actor2
        crowd = a2.name if a2 is not None and a2.kind in {"protester", "rioter"} else (
            f"Protesters ({ctx.country})" if ctx.country else "Protesters")
        name1, name2 = crowd.replace("Rioters", "Protesters", 1), a1.name
    if sub == tx.VIOLENT_DEMONSTRATION and a2 is not None and a2.kind not in {"police", "civilian"}:
        name2 = None  # "rioters attacked the embassies of Rwanda": a building, not Rwanda's army
    if sub in {tx.PEACEFUL_PROTEST, tx.PROTEST_WITH_INTERVENTION} and name1 and name1.startswith("Rioters"):
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
                             "houses", "apartment", "apartments", "church", "mosque", "wedding", "funeral",
                             "playground", "kindergarten", "store", "shop", "shops", "neighbourhood",
                             "neighbourhoods", "neighborhood", "neighborhoods"})


def _civilians_hit(trigger: Token) -> bool:
    """Whether the trigger's sentence says the blast killed or wounded people, not fighters."""
    for tok in trigger.sent:
        if tok.lemma_ in {"kill", "wound", "injure", "hurt"} and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in CIVILIAN_VICTIMS for c in tok.children):
            return True
    hit = [c for c in trigger.head.children if c.dep_ == "dobj"] if trigger.dep_ == "nsubj" else []
    hit += [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "the barrage struck the children's hospital", "shells hit a market", "targets including a
    # school": a civilian place (not "the barracks near the school")
    heads = hit + [c for h in hit for c in h.children if c.dep_ == "conj"]
    heads += [g for h in hit for c in h.children if c.dep_ == "prep" and c.lower_ == "including"
              for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        mods = {c.lower_ for c in h.children if c.dep_ in {"compound", "amod"}}
        if h.lower_ in CIVILIAN_PLACES or mods & {"residential", "civilian"} or (
                h.lower_ in {"camp", "camps", "shelter", "shelters"} and mods & {"displacement", "refugee",
                                                                                  "displaced", "idp"}):
            return True
    return False


