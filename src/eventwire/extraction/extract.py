"""Extract stage: from one parsed article to its event mentions, as steps over candidates.

For each sentence, in this order (each step a module of its own, each returning new
:class:`~.candidates.Candidate` records and the ones it drops, with the reason):

1. :mod:`.roles` first reads a claim of responsibility ("the BLA said it carried out the
   attack"), which names the doer of events already told and tells none of its own;
2. :mod:`.find`: the trigger words with a kind and a type (:mod:`.triggers`, :mod:`.classify`);
3. :mod:`.assertion`: the article must assert the event (no plan, denial, question, habit);
4. :mod:`.retelling`: not an event told before, used as a time or ranked;
5. :mod:`.find`: one candidate per act, then the recogniser's say (:mod:`.recogniser.fuse`);
6. a sentence with no candidate may tell the report just before at a new place ("others were
   in Helmand", :func:`.place.elliptical`); :mod:`.toll`: the sentence's toll, or the toll of
   the report just before;
7. :mod:`.retelling`: not the people or the event of an earlier report named again;
8. for each candidate: :mod:`.place` (its clause's places: one candidate per place joined by
   "and"), :mod:`.roles` (actor1, actor2), :mod:`.time` (the date), :mod:`.toll`, then the
   place from the context when the sentence names none.

No step changes a candidate another emitted: a claim (step 1) or a toll told a sentence later
(step 6) gives a new candidate for the report it completes, which takes that report's place in
the list of the article's reports. :func:`extract` returns the mentions; :func:`trail` also what
each sentence gave and dropped (for ``eventwire explain``).

Needs: a spaCy ``Doc`` of ``Article.text`` with entities from :mod:`eventwire.analysis`. Adds:
:class:`~eventwire.records.Mention` records, one per (trigger, place), before the
within-article merge of the linking stage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.extraction import actors as actor_mod
from eventwire.extraction import assertion, find, place, retelling, roles, time, toll
from eventwire.extraction.candidates import Candidate, Drop, Evidence, Reason, SentenceTrail
from eventwire.extraction.places import PlaceRef, article_country, dateline_place, place_refs
from eventwire.extraction.recogniser import recogniser
from eventwire.extraction.recogniser.fuse import Thresholds
from eventwire.extraction.scenes import last_scene, scene_told, scenes_of
from eventwire.extraction.time import date_for, time_refs
from eventwire.records import DateSpan, Mention

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from spacy.tokens import Doc, Span

    from eventwire.extraction.triggers import Trigger
    from eventwire.records import Article

#: How many of the recogniser's types a sentence's trail lists.
TRAIL_TYPES = 3
#: What a defect of the rules on one odd article can raise: the caller reports that article and
#: goes on with the others.
EXTRACTION_ERRORS = (ValueError, KeyError, IndexError, AttributeError, TypeError, RecursionError)


@dataclass(frozen=True, slots=True)
class Trail:
    """An article's candidates: the coded ones (as :func:`extract` returns them) and each
    sentence's trail."""

    coded: tuple[Candidate, ...]
    sentences: tuple[SentenceTrail, ...]

    @property
    def mentions(self) -> list[Mention]:
        """The coded mentions, each with its trail (:meth:`~.candidates.Candidate.stored`)."""
        return [replace(c.record, trail=c.stored()) for c in self.coded]


def extract(doc: Doc, article: Article, *, limits: Thresholds | None = None,
            scores: np.ndarray | None = None) -> list[Mention]:
    """Every asserted event mention in one parsed article.

    ``limits``: the recogniser's accept and reject thresholds (:mod:`.recogniser.fuse`);
    by default those of :class:`~eventwire.settings.Settings`. ``scores``: the recogniser's
    scores of the document's sentences, when the caller scored a batch at once
    (:func:`score_docs`); otherwise they are computed here.
    """
    return trail(doc, article, limits=limits, scores=scores).mentions


def trail(doc: Doc, article: Article, *, limits: Thresholds | None = None,
          scores: np.ndarray | None = None) -> Trail:
    """:func:`extract`'s mentions with their evidence, and what each sentence gave and dropped."""
    from eventwire.geo.geocode import country_name

    code = article_country(doc)
    ctx = actor_mod.build_context(article.text, country_code=code,
                                  country=country_name(code) if code else None)
    sents = list(doc.sents)
    places = place_refs(doc, sents, code)
    dateline = dateline_place(doc, sents, code)
    times = time_refs(doc, article, sents)
    scenes = scenes_of(sents, places, times)
    limits = limits or default_thresholds()
    probs = None
    if not limits.off:
        model = recogniser()
        limits = limits.resolved(model.threshold)
        probs = scores if scores is not None else model.score([s.text for s in sents])
    out: list[Candidate] = []
    last: Candidate | None = None
    dropped: list[Candidate] = []
    for si, sent in enumerate(sents):
        claim = roles.claimed_by(sent, ctx) if out else None
        if claim is not None:
            out = [_claimed(c, claim, sent) for c in out]
            last = out[-1] if out else None
            dropped.append(Candidate(si, sent.text.strip(), None, "", "claim", dropped=Drop(
                Reason.CLAIM_OF_A_TOLD_EVENT, f"{claim[0]} ('{claim[1]}')")))
            continue
        rule_found, not_events = rule_steps(sent, si, ctx)
        row = probs[si] if probs is not None else None
        found, refused = find.recognise(rule_found, row, sent, si, ctx, limits)
        dropped += [_scored(c, row) for c in not_events] + refused
        if not rule_found and not found and last is not None:
            risen = toll.risen_toll(sent, [c.record for c in out])
            if risen is not None:  # "the number of dead had risen to 17": a report's toll, raised
                out[risen[0]] = place.toll_place(out[risen[0]], risen[1], "a toll told as having risen", sent, si,
                                                 places)
                last = out[-1]
                continue
            added = toll.added_toll([], sent, si, last.record, places, times)
            if added is not None:  # "11 attackers also died": more dead of the report just told
                at = next(i for i, c in enumerate(out) if c.record == last.record)
                last = place.toll_place(last, added, "more dead told as 'also'", sent, si, places)
                out = [*out[:at], last, *out[at + 1:]]
                continue
            taken = toll.taken_and_found_dead(sent, [c.record for c in out])
            if taken is not None:  # "they took a fourth man ... His body was found": one more dead
                out[taken[0]] = place.toll_place(out[taken[0]], taken[1], "one more taken away and found dead",
                                                 sent, si, places)
                last = out[-1]
                continue
            deaths, deaths_rule = toll.deaths_in(sent)
            if deaths and toll.toll_of_no_event(sent, si, last.record, places, times):
                at = next(i for i, c in enumerate(out) if c.record == last.record)
                last = place.toll_place(last, deaths, deaths_rule, sent, si, places)
                out = [*out[:at], last, *out[at + 1:]]
                continue
            out += place.elliptical(sent, si, last, places, find.type_score(row, last.sub_event_type))
            continue
        added = toll.added_toll(found, sent, si, last.record, places, times) if found and last is not None else None
        if added is not None and last is not None:  # "three militants were also killed, the army said"
            at = next(i for i, c in enumerate(out) if c.record == last.record)
            last = place.toll_place(last, added, "more dead told as 'also'", sent, si, places)
            out = [*out[:at], last, *out[at + 1:]]
            dropped += [c.drop(Reason.TOLL_OF_THE_LAST, f"more dead of '{last.trigger}'") for c in found]
            continue
        deaths, deaths_rule = toll.deaths_in(sent)
        if found and last is not None and last.record.fatalities is None and deaths is not None \
                and toll.toll_of_the_last(found, sent, si, last.record, places, times):
            at = next(i for i, c in enumerate(out) if c.record == last.record)
            last = place.toll_place(last, deaths, deaths_rule, sent, si, places)
            out = [*out[:at], last, *out[at + 1:]]
            dropped.append(found[0].drop(Reason.TOLL_OF_THE_LAST, f"given to '{last.trigger}'"))
            continue
        with_toll = retelling.retold_with_its_toll(found, sent, si, [c.record for c in out], places, times) \
            if out and deaths else None
        if with_toll is not None and deaths:  # "two of the suspects were killed in the raid": the raid's toll
            at, retold_word = with_toll
            out[at] = place.toll_place(out[at], deaths, f"{deaths_rule}, of '{retold_word.trigger}' told again",
                                       sent, si, places)
            last = out[-1]
            dropped.append(retold_word.drop(Reason.DEFINITE_RETELLING, f"its toll given to '{out[at].trigger}'"))
            continue
        if out:  # once events are told, "the gunmen who attacked the market" tells one again
            found, retold = retelling.told_before(found, sent, si, [c.record for c in out], toll=deaths is not None,
                                                  refs=places, times=times)
            dropped += retold
        gave_deaths = False
        previous_start = sents[si - 1].start_char if si else 0
        taker = toll.toll_taker(found) if deaths is not None else None
        told_scene = scene_told(sent, si, scenes)
        before = told_scene or last_scene(si, scenes)
        operation = (before.sent_index, before.dates, told_scene is not None) if before is not None else None
        for n_cand, cand in enumerate(found):
            trig = _trigger(cand)
            fatal = toll.toll_for(trig, cand.sub_event_type, deaths, rule=deaths_rule,
                                  given=gave_deaths or (taker is not None and n_cand != taker))
            fat = fatal.value if isinstance(fatal.value, int) else None
            gave_deaths = gave_deaths or fat is not None
            chosen: Sequence[PlaceRef | None] = place.places_for(trig, sent, si, places, code,
                                                                  after_an_event=bool(out))
            for n, ref in enumerate(chosen or [None]):
                told = [c.record for c in out]
                where = "no place in the trigger's clause" if ref is None else (
                    "the nearest place of the trigger's clause" if n == 0 else
                    "a place joined by 'and' to the nearest one: a report of its own")
                c = _given(cand, article, trig, sent, si, ref, where, fatal, fat, times, ctx, told, operation)
                if ref is None:
                    anchored = date_for(trig.token, si, times).known or fat is not None
                    c = place.from_context(c, trig, sent, si, anchored=anchored, refs=places, scenes=scenes,
                                           earlier=told, dateline=dateline)
                c = _actors_where(place.same_scene(c, sent, told), trig, ctx, article.text, brief=len(sents) <= 2)
                if last is not None and roles.pronoun_doer(trig, c.record.actor1, last.record, previous_start):
                    doer = last.record.actor1
                    c = c.given(replace(c.record, actor1=doer), Evidence(
                        "actor1", doer, trig.token.text, "a pronoun: the doer of the report just told"))
                out.append(c)
                last = c
        out += place.that_of(sent, si, found, places, out, row)
    return Trail(tuple(out), _sentence_trails(sents, probs, out, dropped))


def rule_steps(sent: Span, si: int, ctx: actor_mod.ActorContext) -> tuple[list[Candidate], list[Candidate]]:
    """The rules' candidates of one sentence before the recogniser's say (steps 2 to 5), and the
    ones those steps dropped."""
    found, untyped = find.rule_candidates(sent, si, ctx)
    found, unasserted = assertion.step(found)
    found, as_time = retelling.as_time_or_rank(found)
    found, merged = find.one_per_act(found)
    return found, untyped + unasserted + as_time + merged


def _scored(cand: Candidate, row: np.ndarray | None) -> Candidate:
    """A dropped rule candidate with the recogniser's score of its type (for the trail)."""
    if row is None or not cand.sub_event_type or cand.score is not None:
        return cand
    return replace(cand, score=find.type_score(row, cand.sub_event_type))


def _trigger(cand: Candidate) -> Trigger:
    if cand.found is None:
        raise ValueError("a candidate of the sentence without its trigger word")
    return cand.found


def _claimed(cand: Candidate, claim: tuple[str, str], sent: Span) -> Candidate:
    """"The BLA said it carried out the attack": the claim names who did what was told."""
    if not roles.claims(cand.record):
        return cand
    name, word = claim
    return cand.given(replace(cand.record, actor1=name),
                      Evidence("actor1", name, sent.text.strip(), f"claimed ('{word}') in a later sentence"))


def _given(cand: Candidate, article: Article, trig: Trigger, sent: Span, si: int, ref: PlaceRef | None,
           place_rule: str, fatal: Evidence, fatalities: int | None, times: list[time.TimeRef], ctx: actor_mod.ActorContext,
           earlier: list[Mention], operation: tuple[int, DateSpan, bool] | None = None) -> Candidate:
    """The candidate with its mention: actors, date and toll, at the place ``ref`` of its clause
    (``operation``: the sentence and date of the last operation told, and whether this sentence
    points back to it)."""
    sub = cand.sub_event_type
    actor1, actor2 = roles.actors(trig, sub, ctx)
    dates, date_rule = time.date_of(trig.token, sub, sent, si, times, earlier, operation)
    place_rec = ref.place if ref else None
    key = f"{article.article_id}|{sent.start_char}|{trig.token.i}|{sub}|{place_rec.name if place_rec else ''}"
    mention = Mention(
        mention_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        article_id=article.article_id, file=article.file, sentence=sent.text.strip(),
        start=sent.start_char, end=sent.end_char, event_type=tx.event_type(sub), sub_event_type=sub,
        actor1=_name(actor1), actor2=_name(actor2), place=place_rec, dates=dates, fatalities=fatalities,
        trigger=trig.token.text, source=article.source, published=article.published,
        confidence=cand.score,
    )
    where = place.evidence(ref, sent.doc[ref.start:ref.end] if ref else None, place_rule)
    return cand.given(mention, actor1, actor2, where, time.evidence(dates, date_rule), fatal)


def _actors_where(cand: Candidate, trig: Trigger, ctx: actor_mod.ActorContext, text: str, *,
                  brief: bool) -> Candidate:
    """The candidate's actors named again for the country of its place when the article's vote
    chose none, or the text is a brief whose vote is only its few names (unnamed people and home
    forces are those of the country the event is in; in a longer article the vote of all its
    names outweighs one place's namesake abroad); the authorities who arrest named as the police."""
    at = cand.record.place
    if at is not None and at.country_code and at.country_code != ctx.country_code \
            and (brief or ctx.country_code is None):
        local = actor_mod.placed_context(text, at.country_code)
        agent, patient = (actor_mod.resolve(span.text, ctx=local, words=[w.text for w in span]) or actor
                          if actor is not None and span is not None else actor
                          for actor, span in ((trig.agent, trig.agent_span), (trig.patient, trig.patient_span)))
        actor1, actor2 = roles.actors(replace(trig, agent=agent, patient=patient), cand.sub_event_type, local)
        cand = cand.given(replace(cand.record, actor1=_name(actor1), actor2=_name(actor2)), actor1, actor2)
    arrester = actor_mod.arresting(cand.record.actor1) if cand.sub_event_type == tx.ARRESTS else None
    if arrester is None or arrester == cand.record.actor1:
        return cand
    phrase = next((e.phrase for e in cand.evidence if e.argument == "actor1"), None)
    return cand.given(replace(cand.record, actor1=arrester),
                      Evidence("actor1", arrester, phrase, "a state's authorities who arrest: its police"))


def _name(evidence: Evidence) -> str | None:
    return evidence.value if isinstance(evidence.value, str) else None


def _sentence_trails(sents: list[Span], probs: np.ndarray | None, out: list[Candidate],
                     dropped: list[Candidate]) -> tuple[SentenceTrail, ...]:
    trails = []
    for si, sent in enumerate(sents):
        row = probs[si] if probs is not None else None
        types: tuple[tuple[str, float], ...] = ()
        none = None
        if row is not None:
            ranked = sorted(range(len(tx.NAMES)), key=lambda j: -float(row[j]))[:TRAIL_TYPES]
            types = tuple((tx.NAMES[j], float(row[j])) for j in ranked)
            none = float(row[len(tx.NAMES)])
        trails.append(SentenceTrail(si, sent.text.strip(), sent.start_char, types, none,
                                    tuple(c for c in out if c.sentence_index == si),
                                    tuple(c for c in dropped if c.sentence_index == si)))
    return tuple(trails)


def score_docs(docs: Sequence[Doc]) -> list[np.ndarray]:
    """The recogniser's scores of each document's sentences, in one call for all of them (the
    encoder's batches then span documents)."""
    sentences = [[s.text for s in doc.sents] for doc in docs]
    flat = recogniser().score([text for texts in sentences for text in texts])
    result, at = [], 0
    for texts in sentences:
        result.append(flat[at:at + len(texts)])
        at += len(texts)
    return result


def default_thresholds() -> Thresholds:
    from eventwire.settings import Settings

    defaults = Settings()
    return Thresholds(accept=defaults.recogniser_accept, reject=defaults.recogniser_reject)
