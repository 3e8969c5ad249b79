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

Steps 2 and 3 live in :mod:`.borrowed` (re-exported here); which unknown names told at a
place may be the scene, and the province they are put in, in :mod:`.unknown_scenes`. The places themselves (names, geocoding, "the city" pointing back, the dateline left out)
come from :mod:`.places`. Choosing between the places of several reports of one event is the
linking stage's work (``link.consolidate`` and ``merge.better_place``), not this module's.
Each function returns new candidates with the :class:`~.candidates.Evidence` of the place.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.analysis import lexicon as lx
from eventwire.extraction.areas import AREA_KIND
from eventwire.extraction.borrowed import evidence, from_context, same_scene
from eventwire.extraction.candidates import Candidate, Evidence
from eventwire.extraction.find import type_score
from eventwire.extraction.places import (
    MAX_PLACE_DISTANCE,
    PlaceRef,
    stated_country,
    vague,
    where_the_source_is,
)
from eventwire.extraction.scenes import points_back
from eventwire.extraction.unknown_scenes import put_in_its_province, unknown_scenes
from eventwire.records import DateSpan

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Span, Token

    from eventwire.extraction.triggers import Trigger

__all__ = ["elliptical", "evidence", "from_context", "places_for", "same_scene", "that_of", "toll_place"]


def places_for(trig: Trigger, sent: Span, si: int, refs: list[PlaceRef], code: str | None, *,
               after_an_event: bool = False) -> list[PlaceRef]:
    """The places of the trigger's clause it happened at, best first (``after_an_event``: the
    article has told an event before this sentence)."""
    tok = trig.token
    doc = tok.doc
    in_sent = [r for r in refs if r.sent_index == si]
    unknown: set[int] = set()  # places the gazetteer lacks, told at a place ("at Garni"): placed by a known one
    if any(r.place.kind != "country" for r in refs) or not _brief(doc):
        # a place known only at the country level, for a brief that names no better one: an
        # article that places anything, or tells more, places its events elsewhere, unless the
        # sentence names a known place of its country to put it in
        unknown = unknown_scenes(doc, in_sent)
        in_sent = [r for r in in_sent if not vague(r) or r.start in unknown]
    actor_spans = [s for s in (trig.agent_span, trig.patient_span) if s is not None]
    scored: list[tuple[float, PlaceRef]] = []
    near: set[int] = set()  # the anchors of a relative location whose scene is unnamed or unknown
    for ref in in_sent:
        root = doc[ref.start:ref.end].root
        if _is_anchor(doc, ref):
            if _anchored_place(doc, ref, in_sent) is not None:
                continue  # "Jamundi, south of Cali": the scene is Jamundi, Cali only says where it lies
            near.add(ref.start)
        if _area_of_a_locality(doc, ref, in_sent):
            continue  # "Gololey village, Middle Shabelle": the province says where the village lies
        if root.dep_ in {"nsubj", "poss"} and root.head.i != tok.i and ref.place.kind != "country" \
                and not _possessed_place(root):
            continue  # "Washington stated", "Kabul's forces": the place acts or owns, it is not the scene
        if ref.place.kind == "country" or ref.start in unknown:
            if any(s.start <= ref.start < s.end for s in actor_spans):
                continue
            named = root.dep_ == "compound" and (root.head.lower_ in lx.LOCALITY_WORDS or root.head.lower_ in AREA_KIND)
            if root.dep_ in {"nsubj", "poss", "compound", "amod", "npadvmod"} and not named:
                continue  # "Somalia's army", "Kenyan police"; "Debre Elias town", "Mambasa territory" are places
        dist = float(_tree_distance(tok, root))
        path_preps = {t.lower_ for t in root.ancestors if t.dep_ == "prep"} - {t.lower_ for t in tok.ancestors}
        if path_preps & {"despite", "between", "with", "from", "toward", "towards", "to"} \
                or root.head.lower_ in {"outside", "beyond"}:
            dist += 3  # ("Outside the capital, a crowd blocked the highway near Zugdidi": the capital is not it)
        if code and ref.place.country_code and ref.place.country_code != code \
                and stated_country(tok.doc, ref.start) != ref.place.country_code:
            dist += 8  # a foreign place, unless the sentence says which country it is in
        if ref.place.kind == "country" and ref.start not in unknown:
            dist += 6
        if _a_care_place(root):
            dist += 8  # "died in a Kathmandu hospital", "taken to hospital in Bol": where the hurt went
        if ref.end < len(doc) and doc[ref.end].lower_ in _WATERS:
            dist += 8  # "fired across the Dnipro river at Nikopol": a river's name, the scene only if alone
        scored.append((dist, ref))
    # "police in Kampala said": where the report comes from is the scene only when nothing else is
    # and a place in a clause of its own ("... three days after troops left Kadugli") is less likely one
    dateline = _dateline_chars(doc)
    # (nor is the dateline's town, where the reporter filed from: "CHATTOGRAM - ... fire in the hills of Bandarban")
    scored = [(d + (8 if where_the_source_is(doc[r.start:r.end].root, tok)
                    or dateline is not None and dateline[0] <= doc[r.start].idx < dateline[1] else 0)
               + (2 if _in_another_clause(doc[r.start:r.end].root, tok) else 0), r)
              for d, r in scored if d <= MAX_PLACE_DISTANCE]
    if not scored:
        return []
    if after_an_event and points_back(sent) and all(where_the_source_is(doc[r.start:r.end].root, tok) for _, r in scored):
        return []  # "... were killed in the fighting, a leader in Masisi said": the fighting's scene, told before
    scored.sort(key=lambda x: (x[0], x[1].place.geo_precision or 9))
    best = scored[0][1]
    for _, ref in scored[1:]:
        # a town inside the chosen province, anywhere in the clause's reach ("In the Amhara region,
        # fighting flared ... on the outskirts of Debre Markos"): the more precise place, unless
        # it is only where the report comes from
        if best.place.kind == "admin1" and ref.place.kind in {"city", "district"} \
                and ref.place.admin1 == best.place.admin1 \
                and not where_the_source_is(doc[ref.start:ref.end].root, tok):
            best = ref
            break
    if best.start in unknown:
        best = put_in_its_province(best, [r for _, r in scored if r.start not in unknown])
    chosen = [best]
    best_root = doc[best.start:best.end].root
    # "strikes in Kandahar and Helmand", "the fall of Kandahar and Herat": one mention per place
    for _, ref in scored[1:]:
        root = doc[ref.start:ref.end].root
        if ref.place.kind == best.place.kind and (root.head.i == best_root.i and root.dep_ == "conj"
                                                 or best_root.head.i == root.i and best_root.dep_ == "conj"):
            first = min(root, best_root, key=lambda t: t.i)
            if first.head.lower_ == "between" or first.i > 0 and doc[first.i - 1].lower_ == "between":
                continue  # "on the road between Bor and Pibor", "fighting between Nasir and Ulang": one scene
            if ref.place.name != best.place.name:
                chosen.append(ref)
    return [_near(ref) if ref.start in near else _part_named(doc, ref) for ref in chosen]


def _dateline_chars(doc: Doc) -> tuple[int, int] | None:
    """The character span of the article's dateline ("CHATTOGRAM -", "KABUL, Afghanistan -")."""
    from eventwire.analysis.analyse import doc_text
    from eventwire.ingest.pubdate import dateline_span

    return dateline_span(doc_text(doc))


def _a_care_place(root: Token) -> bool:
    """"Died in a Kathmandu hospital", "were treated at the hospital in Bol": a town told as where a
    hospital or morgue is that the hurt were treated or died in (not "bombed the hospital in Mrauk-U")."""
    if root.dep_ == "compound" and root.head.lower_ in lx.CARE_PLACES:
        care = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lower_ in lx.CARE_PLACES:
        care = root.head.head
    else:
        return False
    return care.dep_ == "pobj" and care.head.head.lemma_ in lx.DYING_VERBS | lx.SUFFERING_VERBS


#: Words after a name that make it a river's or a canal's, not a town's.
_WATERS = frozenset({"river", "rivers", "canal", "creek", "stream"})


def _in_another_clause(root: Token, trigger: Token) -> bool:
    """Whether a place lies in a clause of its own below the trigger's ("after troops left X",
    "before they withdrew to X"): a verb of its own between it and the trigger."""
    up = {t.i for t in trigger.ancestors} | {trigger.i}
    for t in root.ancestors:
        if t.i in up:
            return False
        if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"advcl", "relcl", "conj", "ccomp", "xcomp"}:
            return True
    return False


def _brief(doc: Doc) -> bool:
    """A text of one or two sentences (a headline and its lead, a one-line notice)."""
    return sum(1 for _ in zip(doc.sents, range(3))) <= 2


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
    """The place a relative location describes: "Jamundi" in "Jamundi, south of Cali", "Lodjo"
    in "the village of Lodjo near Bunia" (a place of the same sentence, then a comma and no
    verb, or only the relative words, before the anchor)."""
    before = [r for r in refs if r.end <= anchor.start and r.start != anchor.start]
    if not before:
        return None
    head = max(before, key=lambda r: r.end)
    if head.place.kind == "country":
        return None  # "the Pakistan-Afghanistan border near Datta Khel": a country names no scene
    gap = doc[head.end:anchor.start]
    if len(gap) > 10 or any(t.pos_ in {"VERB", "AUX"} for t in gap):
        return None
    joined = all(t.lower_ in lx.RELATIVE_WORDS | lx.LOCALITY_WORDS | lx.TERRITORY_WORDS | {"of", ","} for t in gap)
    return head if joined or any(t.text == "," for t in gap) else None


def _area_of_a_locality(doc: Doc, area: PlaceRef, refs: list[PlaceRef]) -> bool:
    """Whether a province or district is named right after a town inside it ("Widhu village in
    Lamu county", "Lokitelaebu, Kotido district", "the town of Darat Izza in western Aleppo"), or
    a town right after a locality placed by it ("Nyangaray in Djugu"): it only says where the
    other lies."""
    if area.place.kind not in {"admin1", "district", "city"}:
        return False
    for town in refs:
        gap = doc[town.end:area.start]
        if area.place.kind == "city" and town.place.geo_precision != 2 \
                and not any(t.text == "," or t.pos_ == "ADJ" for t in gap):
            continue  # a town after a town: only "Tafas, in western Daraa" (the province) says where
        if town.place.kind == "city" and town.place.admin1 == area.place.admin1 and 0 < len(gap) <= 4 \
                and all(t.lower_ in lx.LOCALITY_WORDS | lx.TERRITORY_WORDS | {",", "in", "the"}
                        or t.pos_ == "ADJ" and t.is_lower for t in gap) \
                and sum(t.lower_ == "in" for t in gap) <= 1:
            return True
    return False


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
