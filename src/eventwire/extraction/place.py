"""Place: where each event happened. This module is the one home of that choice.

In the order the extraction asks:

1. :func:`places_for`: the places of the trigger's own clause, by distance in the parse, with
   penalties for foreign places and countries ("strikes in Kandahar and Helmand": one
   candidate per place joined by "and");
2. :func:`from_context`, for a sentence that names none: the scene it points back to
   ("during the operation", :mod:`.scenes`), else the place of the sentences just before
   (:data:`~.time.LOOKBACK`), for a new, anchored report only;
3. :func:`same_scene`: a second telling of an event (:func:`.retelling.earlier_telling`) takes
   the first one's place; a follow-up report of the same force ("during the search, the force
   killed two") takes its last scene;
4. :func:`toll_place`: a toll told a sentence later may say where ("... were killed in Kyiv");
5. :func:`elliptical` and :func:`that_of`: "others were in Helmand", "the fall of X followed
   that of Y": the event just told, at a new place.

The places themselves (names, geocoding, "the city" pointing back, the dateline left out)
come from :mod:`.places`. Choosing between the places of several reports of one event is the
linking stage's work (``link.consolidate`` and ``merge.better_place``), not this module's.
Each function returns new candidates with the :class:`~.candidates.Evidence` of the place.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.analysis.lexicon import definite
from eventwire.extraction.candidates import Candidate, Evidence
from eventwire.extraction.find import type_score
from eventwire.extraction.places import (
    ANAPHORA,
    MAX_PLACE_DISTANCE,
    PlaceRef,
    names_an_institution,
    stated_country,
)
from eventwire.extraction.retelling import earlier_telling
from eventwire.extraction.scenes import SCENE_REACH, Scene, points_back
from eventwire.extraction.time import LOOKBACK
from eventwire.extraction.time import evidence as time_evidence
from eventwire.records import DateSpan

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Span, Token

    from eventwire.extraction.triggers import Trigger
    from eventwire.records import Mention, Place


def evidence(ref: PlaceRef | None, doc_span: Span | None, rule: str) -> Evidence:
    """The place evidence of a reference of the text (``doc_span``: its words)."""
    if ref is None:
        return Evidence("place", None, None, rule)
    return Evidence("place", ref.place.name, doc_span.text if doc_span is not None else None, rule)


def _borrowed(place: Place | None, rule: str) -> Evidence:
    return Evidence("place", place.name if place else None, None, rule)


def places_for(trig: Trigger, sent: Span, si: int, refs: list[PlaceRef], code: str | None) -> list[PlaceRef]:
    """The places of the trigger's clause it happened at, best first."""
    tok = trig.token
    doc = tok.doc
    in_sent = [r for r in refs if r.sent_index == si]
    actor_spans = [s for s in (trig.agent_span, trig.patient_span) if s is not None]
    scored: list[tuple[float, PlaceRef]] = []
    near: set[int] = set()  # the anchors of a relative location whose scene is unnamed or unknown
    for ref in in_sent:
        root = doc[ref.start:ref.end].root
        if _is_anchor(doc, ref):
            if _anchored_place(doc, ref, in_sent) is not None:
                continue  # "Jamundi, south of Cali": the scene is Jamundi, Cali only says where it lies
            near.add(ref.start)
        if root.dep_ in {"nsubj", "poss"} and root.head.i != tok.i and ref.place.kind != "country" \
                and not _possessed_place(root):
            continue  # "Washington stated", "Kabul's forces": the place acts or owns, it is not the scene
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
                and stated_country(tok.doc, ref.start) != ref.place.country_code:
            dist += 8  # a foreign place, unless the sentence says which country it is in
        if ref.place.kind == "country":
            dist += 6
        scored.append((dist, ref))
    # "police in Kampala said": where the report comes from is the scene only when nothing else is
    scored = [(d + (8 if _where_the_source_is(doc[r.start:r.end].root, tok) else 0), r)
              for d, r in scored if d <= MAX_PLACE_DISTANCE]
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
    return [_near(ref) if ref.start in near else _part_named(doc, ref) for ref in chosen]


def _where_the_source_is(root: Token, trigger: Token) -> bool:
    """"Police in Kampala confirmed that ...", "residents of Gao said", "Mandera police said": the
    place of whoever tells of the event (the subject of a speech verb that is not the trigger)."""
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ in {"in", "of", "from"} else \
        root.head if root.dep_ == "compound" else None
    if noun is None or noun.dep_ != "nsubj" or noun.head.i == trigger.i:
        return False
    return noun.head.lemma_.lower() in lx.SPEECH_VERBS


def _possessed_place(root: Token) -> bool:
    """"Mogadishu's Karan district", "Tripoli's Abu Salim": a part of the town, so the town is the scene."""
    head = root.head
    return root.dep_ == "poss" and (head.lower_ in lx.POSSESSED_PLACES or head.ent_type_ in {"GPE", "LOC", "FAC"})


def _part_named(doc: Doc, ref: PlaceRef) -> PlaceRef:
    """"Mogadishu's Karan district": the part of the town the text names (Karan), at the town's
    coordinates; the town itself when no part is named ("Kabul's outskirts")."""
    root = doc[ref.start:ref.end].root
    if not (root.dep_ == "poss" and _possessed_place(root)):
        return ref
    head = root.head
    words = [t for t in head.lefts if t.dep_ in {"compound", "amod"} and t.i > root.i and t.text[:1].isupper()]
    if head.ent_type_ in {"GPE", "LOC", "FAC"} and head.text[:1].isupper():
        words.append(head)  # "Tripoli's Abu Salim"
    if not words:
        return ref
    name = doc[words[0].i:words[-1].i + 1].text
    precision = max(ref.place.geo_precision or 1, 2 if ref.place.kind == "admin1" else 1)
    return replace(ref, place=replace(ref.place, name=name, kind="district", geo_precision=precision))


def _is_anchor(doc: Doc, ref: PlaceRef) -> bool:
    """Whether the place is the anchor of a relative location: "near Bamenda", "north of Djibo"."""
    i = ref.start - 1
    if i >= 1 and doc[i].lower_ == "of":
        i -= 1
    return i >= 0 and doc[i].lower_ in lx.RELATIVE_WORDS


def _anchored_place(doc: Doc, anchor: PlaceRef, refs: list[PlaceRef]) -> PlaceRef | None:
    """The place a relative location describes: "Jamundi" in "Jamundi, south of Cali" (a place
    of the same sentence, then a comma and no verb before the anchor)."""
    before = [r for r in refs if r.end <= anchor.start and r.start != anchor.start]
    if not before:
        return None
    head = max(before, key=lambda r: r.end)
    gap = doc[head.end:anchor.start]
    if len(gap) > 10 or not any(t.text == "," for t in gap) or any(t.pos_ in {"VERB", "AUX"} for t in gap):
        return None
    return head


def _near(ref: PlaceRef) -> PlaceRef:
    """A town given as the anchor of an unknown scene ("a village near Bamenda"): near it, at
    ACLED's precision 2."""
    if (ref.place.geo_precision or 9) >= 2:
        return ref
    return replace(ref, place=replace(ref.place, geo_precision=2))


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    pos_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in pos_b:
            return k + pos_b[t.i]
    return 99


def from_context(cand: Candidate, trig: Trigger, sent: Span, si: int, *, anchored: bool,
                 refs: list[PlaceRef], scenes: list[Scene], earlier: list[Mention]) -> Candidate:
    """A place for a candidate whose sentence names none: the scene it points back to
    ("during the operation"), else the place named in the sentences just before."""
    if points_back(sent):
        scened = same_scene(cand, sent, earlier)
        if scened.record.place is None:
            scened = _told_operation(scened, si, scenes)
        if scened.record.place is not None:
            return scened
    mention = cand.record
    if _may_look_back(trig.token, anchored) and not _names_an_unknown_town(trig.token, sent, refs) and (
            mention.event_type in tx.VIOLENT_EVENT_TYPES | {tx.PROTESTS} or mention.sub_event_type == tx.ARRESTS):
        back = _lookback_place(trig, si, refs)
        if back:
            ref, n = back
            return cand.given(replace(mention, place=ref.place),
                              evidence(ref, trig.token.doc[ref.start:ref.end],
                                       f"named {n} sentence{'s' if n > 1 else ''} before"))
    return cand


def _may_look_back(tok: Token, anchored: bool) -> bool:
    """Only a new, anchored report borrows the place of the sentences before it.

    "The strikes" or "this week's airstrikes" refer back to events already placed
    (they are merged with them later); a headline has no sentences before it; and
    a report with neither a date nor a toll is too loose to place by proximity.
    """
    if tok.pos_ in {"NOUN", "PROPN"} and (definite(tok) or any(c.dep_ == "poss" for c in tok.children)):
        return False
    if not tok.sent.text.rstrip().endswith((".", "!", '"', "”", "'")):
        return False
    if tok.pos_ in {"VERB", "AUX"}:
        return True  # a clause that reports its own action: the scene is the one just named
    return anchored


def _names_an_unknown_town(tok: Token, sent: Span, refs: list[PlaceRef]) -> bool:
    """"The rebels captured the town of Walikale": the clause names its own town (a place
    entity, or any name after "the town of") that :func:`~.places.place_refs` could
    not place; the place named in the sentences before would be another one."""
    placed = {r.start for r in refs}
    first, last = tok.left_edge.i, tok.right_edge.i
    for ent in sent.ents:
        if not (first <= ent.start and ent.end <= last + 1 and any(ch.isupper() for ch in ent.text)):
            continue
        root = ent.root
        if root.dep_ != "pobj":
            continue  # "M23 rebels": a name used as a modifier is no place the clause names
        named_area = root.head.lower_ == "of" and root.head.head.lower_ in ANAPHORA
        at_place = ent.label_ == "GPE" and root.head.lower_ in lx.PLACE_PREPOSITIONS
        if (named_area or at_place) and ent.start not in placed:
            return True
    return False


def _lookback_place(trig: Trigger, si: int, refs: list[PlaceRef]) -> tuple[PlaceRef, int] | None:
    """A place from the sentences just before, for mentions whose sentence names none, and how
    many sentences back it was named."""
    for back in range(1, LOOKBACK + 1):
        prior = [r for r in refs if r.sent_index == si - back and r.place.kind != "country"
                 and not names_an_institution(trig.token.doc, r)]
        if prior:
            # the first town or district told there: "a church in the town of X, in Y state" is
            # placed at X, not across the state
            local = [r for r in prior if r.place.kind in {"city", "district"}]
            return (local[0] if local else prior[-1]), back
    return None


def same_scene(cand: Candidate, sent: Span, earlier: list[Mention]) -> Candidate:
    """A second telling, or a follow-up report of the operation just told, takes its scene.

    "During the search, the force killed two gunmen" names neither place nor day: when
    the same force acts and the sentence points back with a definite noun ("the
    search", "the patrol", "the force"), the place and date are those of the last
    placed report by that force. A new place or a date of its own is kept. (A sentence
    that names no actor is left alone: on other conflicts' wire stories that carried
    background sentences to the wrong scene.)
    """
    mention = cand.record
    family = mention.event_type
    retold = earlier_telling(mention, earlier)
    if retold is not None:
        rule = "the place of the event's first telling"
        if mention.dates.known:
            return cand.given(replace(mention, place=retold.place), _borrowed(retold.place, rule))
        return cand.given(replace(mention, place=retold.place, dates=retold.dates), _borrowed(retold.place, rule),
                          time_evidence(retold.dates, "the date of the event's first telling"))
    if mention.place is not None and mention.dates.known:
        return cand
    if family not in tx.VIOLENT_EVENT_TYPES and mention.sub_event_type not in tx.SCENE_TYPES:
        return cand
    if mention.actor1 is None or not points_back(sent):
        return cand
    scene = next((m for m in reversed(earlier) if m.actor1 == mention.actor1 and m.place is not None
                  and m.place.kind != "country"), None)
    where = scene.place if scene is not None else None
    if scene is None or where is None:  # (a scene is chosen for having a place)
        return cand
    if mention.place is None:
        cand = cand.given(replace(mention, place=where), _borrowed(where, "the scene of the same actor's last report"))
    elif mention.place.admin1 != where.admin1:
        return cand
    mention = cand.record
    if not mention.dates.known and scene.dates.known:
        cand = cand.given(replace(mention, dates=scene.dates),
                          time_evidence(scene.dates, "the date of the same actor's last report"))
    return cand


def _told_operation(cand: Candidate, si: int, scenes: list[Scene]) -> Candidate:
    """A placeless report that points back ("during the operation") takes the scene last told;
    the caller checks that it points back."""
    mention = cand.record
    if mention.event_type not in tx.VIOLENT_EVENT_TYPES and mention.sub_event_type not in tx.SCENE_TYPES:
        return cand
    scene = next((s for s in reversed(scenes) if si - SCENE_REACH <= s.sent_index < si), None)
    if scene is None:
        return cand
    rule = f"the operation told in sentence {scene.sent_index + 1}"
    place_ev = _borrowed(scene.place.place, rule)
    if mention.dates.known:
        return cand.given(replace(mention, place=scene.place.place), place_ev)
    return cand.given(replace(mention, place=scene.place.place, dates=scene.dates), place_ev,
                      time_evidence(scene.dates, f"the date of {rule}"))


def toll_place(last: Candidate, deaths: int, deaths_rule: str, sent: Span, si: int,
               refs: list[PlaceRef]) -> Candidate:
    """The report ``last`` with the toll its next sentence gives ("... were killed in Kyiv": the
    toll can also say where, when the report did not)."""
    mention = last.record
    here = [r for r in refs if r.sent_index == si and r.place.kind != "country"]
    toll = Evidence("fatalities", deaths, sent.text.strip(), f"{deaths_rule}, in a later sentence")
    if mention.place is not None or not here:
        return last.given(replace(mention, fatalities=deaths), toll)
    return last.given(replace(mention, fatalities=deaths, place=here[0].place), toll,
                      evidence(here[0], sent.doc[here[0].start:here[0].end], "named by the toll's sentence"))


def elliptical(sent: Span, si: int, last: Candidate, refs: list[PlaceRef], score: float | None) -> list[Candidate]:
    """"Others were in Helmand", "that of Ghazni": the previous event's kind at a new place."""
    subjects = [t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.lemma_.lower() in
                {"other", "another", "some", "one", "rest", "several", "more"}]
    if not subjects:
        return []
    in_sent = [r for r in refs if r.sent_index == si and r.place.kind != "country"]
    if not in_sent:
        return []
    ref = in_sent[0]
    model = last.record
    key = f"{model.mention_id}|{sent.start_char}|{ref.place.name}"
    mention = replace(model, mention_id=hashlib.sha1(key.encode()).hexdigest()[:16], sentence=sent.text.strip(),
                      start=sent.start_char, end=sent.end_char, place=ref.place, fatalities=None,
                      trigger=subjects[0].text)
    if score is not None:
        mention = replace(mention, confidence=score)
    told = Candidate(si, sent.text.strip(), None, model.sub_event_type, "elliptical", score=score,
                     evidence=last.evidence)
    return [told.given(mention, evidence(ref, sent.doc[ref.start:ref.end],
                                         f"'{subjects[0].text}' at a new place: the event just told"),
                       Evidence("fatalities", None, None, "not told for this place"))]


def that_of(sent: Span, si: int, found: list[Candidate], refs: list[PlaceRef], out: list[Candidate],
            row: np.ndarray | None) -> list[Candidate]:
    """"The fall of X followed that of Y": the same kind of event at Y (``row``: the
    recogniser's scores of the sentence, None when it is off)."""
    nouns = [c for c in found if c.found is not None and c.found.token.pos_ == "NOUN"]
    if not nouns or not out:
        return []
    model = next((c for c in reversed(out) if c.record.start == sent.start_char), None)
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
                m = model.record
                key = f"{m.mention_id}|that-of|{ref.place.name}"
                mention = replace(m, mention_id=hashlib.sha1(key.encode()).hexdigest()[:16],
                                  place=ref.place, dates=DateSpan.unknown(), fatalities=None, trigger=tok.text)
                score = type_score(row, m.sub_event_type)
                if score is not None:
                    mention = replace(mention, confidence=score)
                told = Candidate(si, sent.text.strip(), None, m.sub_event_type, "that of", score=score,
                                 evidence=model.evidence)
                extra.append(told.given(mention, evidence(ref, sent.doc[ref.start:ref.end],
                                                          "'that of': the event just told, at this place"),
                                        Evidence("date", None, None, "not told for this place"),
                                        Evidence("fatalities", None, None, "not told for this place")))
    return extra
