"""Retelling: an event the article already told, named again.

Articles tell an event more than once: in the lede and in the detail, as a point in time
("after the attack"), ranked ("the deadliest attack in years"), or through the people it
names ("the gunmen who attacked the market"). The candidates that only name an event told
before are dropped here (:func:`as_time_or_rank` within a sentence, :func:`told_before` against
the events of the sentences before); :func:`earlier_telling` finds the first telling of an
event told again with its toll, whose place and date :mod:`.place` then gives the second
telling, so that the linking stage counts the event once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire import taxonomy as tx
from eventwire.analysis import lexicon as lx
from eventwire.analysis.lexicon import definite
from eventwire.extraction.candidates import Candidate, Reason
from eventwire.extraction.time import clause_verb, date_for
from eventwire.extraction.triggers import trigger_kind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.extraction.places import PlaceRef
    from eventwire.extraction.time import TimeRef
    from eventwire.records import Mention


def as_time_or_rank(found: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Drop "after the attack" (a point in time) and "the deadliest attack" (a ranking)."""
    kept, dropped = [], []
    for c in found:
        tok = c.found.token if c.found is not None else None
        if tok is not None and _time_reference(tok):
            word = next((m.text for m in tok.children if m.dep_ == "mark"), tok.head.text)
            dropped.append(c.drop(Reason.TIME_REFERENCE, f"{word} {tok.text}"))
        elif tok is not None and _described(tok):
            dropped.append(c.drop(Reason.RANKED))
        else:
            kept.append(c)
    return kept, dropped


def told_before(found: list[Candidate], sent: Span, si: int, earlier: list[Mention], *, toll: bool,
                refs: list[PlaceRef], times: list[TimeRef]) -> tuple[list[Candidate], list[Candidate]]:
    """Drop the candidates that name an event of the sentences before (``toll``: the sentence
    gives a death toll, which a retelling does not)."""
    if not earlier:
        return found, []
    kept, dropped = [], []
    for c in found:
        if c.found is None:
            kept.append(c)
            continue
        tok = c.found.token
        if _during_a_told_event(tok, sent, earlier):
            dropped.append(c.drop(Reason.TIME_REFERENCE, f"{tok.head.text} {tok.text}"))
        elif _answered(tok):
            dropped.append(c.drop(Reason.ANSWERED, f"{tok.doc[tok.head.i - 1].text} {tok.head.text} {tok.text}"))
        elif _relative_retelling(tok, earlier) and not date_for(tok, si, times).known:
            dropped.append(c.drop(Reason.RELATIVE_RETELLING, f"{tok.head.text} {tok.text}"))
        elif not toll and _definite_retelling(tok, c.sub_event_type, sent, si, earlier, refs, times):
            dropped.append(c.drop(Reason.DEFINITE_RETELLING))
        else:
            kept.append(c)
    return kept, dropped


def retold_with_its_toll(found: list[Candidate], sent: Span, si: int, earlier: list[Mention],
                         refs: list[PlaceRef], times: list[TimeRef]) -> tuple[int, Candidate] | None:
    """"Two of the suspects were killed in the raid": a sentence whose one event word is a definite
    retelling of an event told before, told as where people were killed or died, gives that event
    its toll when it had none; the index of that event in ``earlier``, and the retelling. (Other
    retellings with a toll stay events: "the attack killed 12" may be news the first report lacked,
    told as an act, not as a place of death.)"""
    if len(found) != 1 or found[0].found is None:
        return None
    tok = found[0].found.token
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "during"} else None
    if verb is None or not (verb.lemma_ in lx.DYING_VERBS or verb.lemma_ == "kill"
                            and any(c.dep_ == "auxpass" for c in verb.children)):
        return None
    if not _definite_retelling(tok, found[0].sub_event_type, sent, si, earlier, refs, times):
        return None
    kind = tx.event_type(found[0].sub_event_type)
    generic = tok.lemma_.lower() in lx.GENERIC_EVENT_NOUNS
    at = next((i for i in range(len(earlier) - 1, -1, -1) if earlier[i].end <= sent.start_char
               and earlier[i].event_type in tx.VIOLENT_EVENT_TYPES
               and (generic or earlier[i].event_type == kind)), None)
    return (at, found[0]) if at is not None and earlier[at].fatalities is None else None


def _answered(tok: Token) -> bool:
    """"Blocked the highway in solidarity with the Tbilisi rally", "in retaliation for the attack":
    a definite event noun that a new act answers is the event told before, not this sentence's."""
    prep, doc = tok.head, tok.doc
    return tok.dep_ == "pobj" and tok.pos_ == "NOUN" and definite(tok) and prep.i >= 2 \
        and prep.lower_ in {"with", "for", "to", "of", "against", "at"} \
        and doc[prep.i - 1].lower_ in lx.ANSWERING_NOUNS and doc[prep.i - 2].lower_ == "in"


def earlier_telling(mention: Mention, earlier: list[Mention]) -> Mention | None:
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


def _described(tok: Token) -> bool:
    """"... in the deadliest attack in the capital for years", "the raid was the deadliest in the
    province since 2024": an event told, then ranked."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    if any(c.dep_ == "amod" and c.tag_ == "JJS" for c in tok.children):
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and any(
        c.dep_ in {"attr", "acomp"} and c.tag_ == "JJS" for c in tok.head.children)


def _time_reference(tok: Token) -> bool:
    """"Suspects were detained after the attack": an event already told, used as a point in time;
    "... stepped up attacks since Kenya sent troops into Somalia in 2011": a clause of "since"."""
    if tok.pos_ == "VERB" and tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since"
                                                        for c in tok.children):
        return True
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {
        "after", "before", "since", "following", "until"} and definite(tok)


def _during_a_told_event(tok: Token, sent: Span, earlier: list[Mention]) -> bool:
    """"Troops at the base took shelter during the attack": once an event is told, "during" or
    "amid" the definite event noun is the time of what the sentence tells, not a new event."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {"during", "amid", "amidst"} \
        and definite(tok) and any(m.end <= sent.start_char for m in earlier)


def _relative_retelling(tok: Token, earlier: list[Mention]) -> bool:
    """"the man who attacked the junction": a definite someone named by an event already told
    (its object is named in a sentence that told an event)."""
    head = tok.head
    if tok.dep_ != "relcl" or head.pos_ != "NOUN" or not definite(head):
        return False
    objects = [c for c in tok.children if c.dep_ in {"dobj", "pobj"}]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(o.lower_ in m.sentence.lower() for o in objects for m in earlier)


def _definite_retelling(tok: Token, sub: str, sent: Span, si: int, earlier: list[Mention],
                        refs: list[PlaceRef], times: list[TimeRef]) -> bool:
    """"Analysts said the attack showed ...", "residents hid during the attack": a definite event
    noun in a sentence with no time and no other place, after a violent event of its kind was
    told in an earlier sentence, names that event again (a generic noun, "the attack", any
    violent one)."""
    by_victims = tok.pos_ == "VERB" and _victims_told_before(tok)
    if not by_victims and (tok.pos_ != "NOUN" or not definite(tok) or any(c.dep_ == "nummod" for c in tok.children)):
        return False
    generic = by_victims or tok.lemma_.lower() in lx.GENERIC_EVENT_NOUNS
    told = [m for m in earlier if m.end <= sent.start_char and m.event_type in tx.VIOLENT_EVENT_TYPES
            and (generic or m.event_type == tx.event_type(sub))]
    doc = tok.doc
    if not told or any(t.sent_index == si and t.root is not None and not _of_another_event(t.root, tok)
                       for t in times):
        return False  # a time in the sentence may be its own ("the strikes, carried out over the
        # last two days, mark ..." parses the time onto the main verb): it then says more than a retelling
    known = {name for m in told if m.place for name in (m.place.name, m.place.admin1)}
    return all(r.place.name in known for r in refs if r.sent_index == si and r.place.kind != "country"
               and not _of_another_event(doc[r.start:r.end].root, tok))


def _victims_told_before(verb: Token) -> bool:
    """"The ministry said the men were armed elements killed in combat": a killing whose victims
    are only named back ("the men", "them", "the victims", no number of their own) tells again the
    killing of people told before."""
    victims = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PRON"}:
        victims.append(verb.head)  # "armed elements killed in combat"
        victims += [c for c in verb.head.head.children if c.dep_ == "nsubj"] if verb.head.dep_ == "attr" else []
    return bool(victims) and all(_named_back(v) for v in victims)


def _named_back(noun: Token) -> bool:
    """"the men", "them", "the victims": people named only as those told before."""
    if noun.lower_ in {"them", "they"}:
        return True
    return noun.pos_ == "NOUN" and noun.tag_ == "NNS" and definite(noun) \
        and not any(c.dep_ in {"nummod", "amod", "compound"} for c in noun.children) \
        or noun.dep_ == "attr" and not definite(noun) and any(  # "were armed elements": what they were
            c.dep_ == "nsubj" and _named_back(c) for c in noun.head.children)


def _of_another_event(tok: Token, trigger: Token) -> bool:
    """Whether a word lies in the clause of another event word ("the bombing came a day after gunmen
    abducted six students in Kumbo on Monday": Kumbo and Monday are the abduction's)."""
    verb = clause_verb(tok)
    finite = verb.tag_ in {"VBD", "VBZ", "VBP"} or any(c.dep_ == "aux" and c.lower_ != "to" for c in verb.children)
    return finite and verb.i != clause_verb(trigger).i and verb.i != trigger.i and trigger_kind(verb) is not None \
        and not any(a.i == verb.i for a in trigger.ancestors)  # (not "the launcher used to fire the missiles in X")
