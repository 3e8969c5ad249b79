"""Death tolls in one sentence of plain text: regular expressions and numbers.

``count_fatalities`` returns the deaths a sentence reports, ``0`` when it says that
nobody died, and ``None`` when it gives no figure. ``death_denied`` tells whether
a sentence says nobody died.

How a sentence is read:

1. Quantities that are not people are blanked first (:mod:`.victim_numbers`: ages, dates,
   unit numbers, measures such as "3 km" or "two days").
2. Victim groups are read around a death verb: before a passive verb ("at least 60
   Afghans and 13 U.S. service members were killed" = 73, "18 insurgents killed in
   the raid", "14 people died", "9 people dead"), after an active one ("killing five
   civilians and wounding 12" = 5, "killed two and injured three" = 2, "left 9
   dead", "claimed the lives of 30"). A list of groups joined by "and" or commas is
   summed; "including ..." and "of whom ..." parts are never added; a range ("10
   to 15") counts its lower end. "a"/"an" before a victim ("killing a soldier", "a
   policeman was killed") is one, and so are "him"/"her" after an active verb, a
   singular noun after one ("killing the attacker"; "the suspected insurgents" is no
   figure) and a singular subject ("the governor was killed", "he died"). In a list a
   singular "the"/"his" noun or "him" is one ("killing the driver and his son" = 2,
   "the imam and 15 worshippers" = 16; a later "the" item adds none, "four children and
   the driver" = 4), "himself" too (a bomber's own death), "a family
   of five" is five and "one killed on each side" two. A victim named only by name
   ("killed Ahmed") is not counted: that needs the parser.
3. Separate victim groups in one sentence are added. A total toll ("a death toll
   of 30", "the bodies of 14 people", "30 deaths") is used only when the sentence
   names no victim group, since a toll may cover earlier events ("killed 5,
   bringing the death toll to 30" = 5).
4. Deaths "killed or wounded" together (casualties) are not deaths and are not read.

Vague quantities ("dozens were killed") are read as their conservative lower bound
(:data:`eventwire.analysis.numbers.VAGUE`: dozens 12, several 3, hundreds 100) because
conflict coders record them; pass ``vague=False`` to ignore them. "a number of",
"many" and "scores of unknown" stay None.

A sentence without a figure that says nobody died gives 0 (:mod:`.denial`).
"""

from __future__ import annotations

import re

from eventwire.analysis.lexicon import KILLING_FORMS, PERSON_WORDS, TO_DEATH_VERBS, UNARMED_PEOPLE
from eventwire.analysis.numbers import find_numbers
from eventwire.extraction import victim_lists as vl
from eventwire.extraction.denial import death_denied
from eventwire.extraction.victim_numbers import masked as victim_numbers

__all__ = ["count_fatalities", "death_denied", "told_as_a_cause"]

_WINDOW = 400  # characters read after a verb or list start: victim lists are short
_KILL_PARTICIPLE = (r"(?:killed|slain|dead|murdered|executed|massacred|beheaded|assassinated|lynched|"
                    r"shot\s+dead|shot\s+and\s+killed|gunned\s+down|burned\s+to\s+death|burnt\s+alive|"
                    r"beaten\s+to\s+death|stabbed\s+to\s+death|hacked\s+to\s+death|confirmed\s+dead|"
                    r"found\s+dead|declared\s+dead|pronounced\s+dead|"
                    # military communiqués: "eight assailants were neutralised", "two soldiers were
                    # martyred", "five khwarij were sent to hell"
                    r"neutrali[sz]ed|eliminated|martyred|sent\s+to\s+hell)")
_AUX = (r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|being|got|lay|lie|lies|lying|"
        r"were\s+reported|was\s+reported|are\s+reported|is\s+reported|were\s+confirmed|was\s+confirmed)")
_ADV_WORDS = r"(?:reportedly|all|also|later|allegedly|confirmed|either|now|then|subsequently|eventually)"
_ADV = rf"(?:\s+{_ADV_WORDS})?"
_DIE = (r"(?:died|die|dies|perished|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|"
        r"were\s+left\s+dead|(?:embraced|attained)\s+(?:shahadat|shahadah|martyrdom))")
_ACTIVE = (r"(?:killed|killing|kills|kill|shot\s+dead|shooting\s+dead|shoots?\s+dead|martyring|executed|executing|massacred|"
           r"massacring|murdered|murdering|slaughtered|slaughtering|beheaded|beheading|assassinated|"
           r"claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|took\s+the\s+lives\s+of|"
           r"taking\s+the\s+lives\s+of|left|leaving|(?:the\s+)?(?:deaths?|killings?)\s+of|"
           + "|".join(sorted(KILLING_FORMS, key=len, reverse=True)) + ")")
# a passive verb right after a victim list, then what may follow it
_PASSIVE_TAIL = re.compile(
    rf"^(?:\s+(?:in|on|at|near|from|inside|aboard|of)\s+(?:the|a|an|his|her|their|its)"
    rf"(?:\s+{vl.NPWORD}){{1,4}})?"
    rf"\s*,?\s*(?:(?P<aux>{_AUX}){_ADV}\s+{_KILL_PARTICIPLE}|(?:reported\s+)?{_KILL_PARTICIPLE}(?=\s*(?:$|[,.;:)]|\s+"
    r"(?:in|on|at|during|when|as|after|and|while|near|by|following|since|across|overnight|yesterday|today|"
    rf"last|this|early|late|amid|inside|outside|along))){_ADV}"
    rf"|(?:{_ADV_WORDS}\s+)?(?:(?:have|has|had)\s+)?{_DIE})",
    re.IGNORECASE,
)
_CASUALTY_TAIL = re.compile(r"^\s+(?:or|and|and/or)\s+(?:wounded|injured|hurt|captured|arrested|detained)",
                            re.IGNORECASE)
_ACTIVE_RE = re.compile(rf"\b(?P<verb>{_ACTIVE})\s+", re.IGNORECASE)
# "a mob beat two men to death": a victim list between the verb and "to death" (or "shot two men dead")
_TO_DEATH_RE = re.compile(rf"\b(?P<verb>{'|'.join(sorted(TO_DEATH_VERBS, key=len, reverse=True))})\s+",
                          re.IGNORECASE)
_TO_DEATH_FRONT = re.compile(r"(?:to\s+death|alive)\s+", re.IGNORECASE)
_TO_DEATH_TAIL = re.compile(r"\s+(?:to\s+death|dead)\b", re.IGNORECASE)
# "left eight soldiers dead", "left eight soldiers and auxiliaries dead" (a group without a number adds none)
_LEFT_DEAD = re.compile(rf"^(?:\s*,?\s*(?:and|as\s+well\s+as)(?:\s+{vl.NPWORD}){{1,4}})?\s*dead\b", re.IGNORECASE)
# what "neutralised" may be said of besides people ("two mines were neutralised")
_THINGS = re.compile(r"\b(?:mines?|devices?|ieds?|bombs?|explosives?|posts?|positions?|launchers?|drones?)\b",
                     re.IGNORECASE)
# the acronym a name is followed by, in brackets ("the Central African Armed Forces (FACA)"), or a figure
# repeated in digits ("five (5) people")
_ACRONYM = re.compile(r"\s+\((?:[A-Z][A-Za-z0-9/&.-]{1,11}|\d{1,4})\)(?=[\s,.;:])")
# "three fighters dead on each side": the figure counts twice
_EACH_SIDE = re.compile(r"\b(?:on|of|from)\s+each\s+side\b", re.IGNORECASE)
# "killing both": two victims named before
_BOTH = re.compile(r"^both\b(?![^,.;]{0,40}\band\b)", re.IGNORECASE)
# "protesters rioted after a man died in custody", "over the killing of an elder": the toll of
# another act that the sentence gives as its cause, not the toll of the event it tells
_CAUSE_BEFORE = re.compile(
    r"\b(?:after|over|following|in\s+(?:revenge|retaliation|response)\s+for|to\s+protest|protesting|"
    r"to\s+denounce|denouncing|to\s+condemn|condemning|against)\s+(?:(?!(?:that|which|who)\b)[\w'’-]+\s+){0,3}$"
    # "a man suspected of killing a driver": the toll of what the victim was accused of
    r"|\b(?:suspected|accused|convicted|charged|blamed|arrested|jailed|sentenced)\s+(?:of|for|over)\s+$",
    re.IGNORECASE)
_TOLL = re.compile(
    rf"(?:death\s+toll|toll\s+of\s+(?:the\s+)?dead|number\s+of\s+(?:the\s+)?dead|fatality\s+toll)"
    rf"[^#.;]{{0,40}}?(?:of|to|at|reached|hit|was|is|stood\s+at|stands\s+at|passed|exceeded|now)\s+"
    rf"{vl.MOD}{vl.Q.format('q1')}"
    rf"|\bbod(?:y|ies)\s+of\s+{vl.MOD}{vl.Q.format('q2')}"
    # "the number of people killed when a missile hit the block rose to #3#"
    rf"|\bnumber\s+of\s+(?:[a-z]+\s+){{0,2}}(?:killed|dead)\b[^.;]{{0,160}}?"
    rf"\b(?:rose|risen|climbed|increased|jumped|grew|reached|stands\s+at|stood\s+at)\s+(?:to\s+)?{vl.MOD}{vl.Q.format('q4')}"
    rf"|{vl.Q.format('q3')}(?:\s+{vl.NPWORD}){{0,2}}?\s+(?:dead\s+)?"
    r"(?:bodies|deaths|fatalities|dead\b(?!\s+(?:bodies|and\s+injured)\b))",
    re.IGNORECASE,
)
# a toll revised upwards ("the death toll has risen to #3#"): the event's whole toll, which the
# deaths the same sentence adds ("after two residents died in hospital") are part of
#: "the bodies of three more men were recovered, bringing the toll to nine": the total so far, told
#: with the deaths that raise it (also asked by :mod:`.toll` and :mod:`eventwire.linking.merge`)
TOLL_BROUGHT_TO = r"\b(?:bringing|taking|raising|pushing)\s+the\s+(?:death\s+)?toll\s+to\b"
_REVISED_TOLL = re.compile(
    rf"(?:\b(?:death\s+)?toll\b[^#.;]{{0,80}}?\b(?:rose|risen|climbed|increased|jumped|grew)\s+to|{TOLL_BROUGHT_TO})\s+"
    rf"{vl.MOD}{vl.Q.format('q1')}",
    re.IGNORECASE,
)
# the word before a victim list when that list is the object of another verb
_OTHER_VERB_BEFORE = re.compile(
    r"\b(?:wounded|wounding|injured|injuring|hurt|arrested|arresting|detained|detaining|captured|"
    r"capturing|abducted|abducting|kidnapped|kidnapping|rescued|evacuated|displaced|killed|killing|"
    r"kills|left|leaving|deployed|sent|treated|hospitalized|hospitalised)\s*$",
    re.IGNORECASE,
)
# a victim without a number after a counted list: adds nothing (conservative)
_TRAILING_NP = re.compile(rf"^\s*,?\s*(?:and|as\s+well\s+as)\s+(?:his|her|their|the|its|other|others)\b{vl.NP}",
                          re.IGNORECASE)
_SINGULAR = re.compile(
    rf"\b(?:the|his|her|their|its)\b(?:\s+{vl.NPWORD}){{1,5}}\s*,?\s+(?:was|has\s+been|had\s+been){_ADV}"
    rf"\s+{_KILL_PARTICIPLE}"
    rf"|\b(?:he|she)\s+(?:was|has\s+been|had\s+been)(?:\s+\w+\s+and)?{_ADV}\s+{_KILL_PARTICIPLE}"
    rf"|\b(?:he|she)(?:\s+{_ADV_WORDS})?\s+(?:died|perished)\b",
    re.IGNORECASE,
)
# "killing the insurgent": one victim named by a singular noun after the verb
_THE_ONE = re.compile(
    r"^(?:the|this|that)\s+(?:[A-Za-z][\w'’-]*\s+){0,3}?(?P<head>[A-Za-z][\w'’-]*)"
    r"(?=\s*(?:$|[,.;:)]|\s(?:in|on|at|during|near|and|with|while|when|after|before|as|who|inside|"
    r"outside|along|across|over|from|for|by|using|whom|yesterday|today|last|overnight)\b))",
    re.IGNORECASE,
)
# "beat two men, one of whom died": the part of a group told dead (read only when nothing else is)
_OF_WHOM_DIED = re.compile(
    rf"\b(?P<n>[\w-]+)\s+of\s+(?:whom|them)\s+(?:(?:has|have|had)\s+)?(?:{_ADV_WORDS}\s+)?"
    rf"(?:{_DIE}|(?:was|were|has\s+been|have\s+been)\s+{_KILL_PARTICIPLE})\b", re.IGNORECASE)
# a headline's bare singular noun: "Mortar fire kills child", "Journalist shot dead outside his home"
_BARE_ONE = re.compile(r"^(?:[A-Za-z][\w'’-]*\s+){0,2}?(?P<head>[a-z][\w'’-]*)"
                       r"(?=\s*(?:$|[,.;:]|\s(?:in|on|at|near|outside|inside|during|after|as|while)\b))")
_BARE_PASSIVE = re.compile(rf"^(?:[A-Z][\w'’-]*\s+){{0,2}}?(?P<head>[a-z][\w'’-]*|[A-Z][a-z]+)\s+{_KILL_PARTICIPLE}"
                           r"(?=\s*(?:$|[,.;:]|\s(?:in|on|at|near|outside|inside|during|after|as|while)\b))")
_NOT_ONE = frozenset(
    ["crew", "family", "people", "police", "group", "force", "unit", "team", "convoy", "staff", "population", "personnel", "militia", "army", "enemy", "navy", "public", "deal", "plan", "bill", "project", "engine", "idea", "process", "talks", "momentum", "ceasefire", "truce", "agreement", "proposal", "motion", "story", "rest", "majority", "remainder", "others"]
)


def _passive_groups(masked: str, values: list[int]) -> list[tuple[int, int, int]]:
    """Victim lists right before a passive death verb: (start, end, total)."""
    found: list[tuple[int, int, int]] = []
    starts = [m.start() for m in re.finditer(rf"{vl.MOD}(?:#\d+#|\ban?\b)", masked, re.IGNORECASE)]
    taken_until = -1
    for start in sorted(set(starts)):
        if start < taken_until or _OTHER_VERB_BEFORE.search(masked[max(0, start - 40):start]):
            continue
        read = vl.read_list(masked[start:start + _WINDOW], values)
        if read is None:
            continue
        total, used = read
        more = _TRAILING_NP.match(masked[start + used:start + used + _WINDOW])
        if more is not None:  # "a boy and his father": the father is not counted
            used += more.end()
        tail = masked[start + used:start + used + _WINDOW]
        verb = _PASSIVE_TAIL.match(tail)
        if verb is None or _CASUALTY_TAIL.match(tail[verb.end():]):
            continue
        if re.search(r"\bnot\b", tail[:verb.end()], re.IGNORECASE):
            continue
        if re.search(r"neutrali|eliminat", tail[:verb.end()], re.IGNORECASE) \
                and _THINGS.search(masked[start:start + used]):
            continue
        if _EACH_SIDE.search(masked[start:start + used + verb.end() + 30]):
            total *= 2  # "one killed on each side", "one member of each side died"
        found.append((start, start + used + verb.end(), total))
        taken_until = start + used + verb.end()
    bare = _BARE_PASSIVE.match(masked)  # "Journalist shot dead outside his home" (a headline)
    if bare is not None and _one_person(bare.group("head").lower()) and not found:
        found.append((0, bare.end(), 1))
    for match in _SINGULAR.finditer(masked):
        if not _CASUALTY_TAIL.match(masked[match.end():]):
            found.append((match.start(), match.end(), 1))
    return found


def _active_groups(masked: str, values: list[int]) -> list[tuple[int, int, int]]:
    """Victim lists right after an active death verb: (start, end, total)."""
    found: list[tuple[int, int, int]] = []
    for verb in _ACTIVE_RE.finditer(masked):
        word = verb.group("verb").lower()
        rest = masked[verb.end():verb.end() + _WINDOW]
        if re.match(r"^(?:or|and)\s+(?:wound|injur)", rest, re.IGNORECASE):
            continue  # "killing and wounding civilians": casualties, no death figure
        listed = vl.read_list(rest, values)  # "killing him and his driver": a list read whole
        if re.match(r"^(?:him|her|himself|herself)\b", rest, re.IGNORECASE) and listed is None \
                and not word.startswith(("left", "leav")):
            found.append((verb.start(), verb.end() + 3, 1))  # "killing himself": the bomber is a death too
            continue
        if _BOTH.match(rest) and not word.startswith(("left", "leav")):
            found.append((verb.start(), verb.end() + 4, 2))
            continue
        read = listed
        if read is None and word == "kills":
            bare = _BARE_ONE.match(rest)  # the present "kills" of a headline: "Shelling kills child"
            if bare is not None and _one_person(bare.group("head")):
                found.append((verb.start(), verb.end() + bare.end(), 1))
                continue
        if read is None:
            one = _THE_ONE.match(rest)
            if one is not None and not word.startswith(("left", "leav")):
                head = one.group("head").lower()
                if head not in _NOT_ONE and not (head.endswith("s") and not head.endswith("ss")):
                    found.append((verb.start(), verb.end() + one.end(), 1))
            continue
        total, used = read
        if word.startswith(("left", "leav")) and not _LEFT_DEAD.match(rest[used:]):
            continue  # "left 9 dead" is a toll; "left 9 wounded" is not
        found.append((verb.start(), verb.end() + used, total))
    if any(not _CAUSE_BEFORE.search(masked[max(0, g[0] - 60):g[0]]) for g in found):
        # "killed a man, beating him to death": the manner of a killing already read (but "burned
        # alive a man suspected of killing a rider" still reads the burning)
        return found
    for verb in _TO_DEATH_RE.finditer(masked):
        rest = masked[verb.end():verb.end() + _WINDOW]
        front = _TO_DEATH_FRONT.match(rest)  # "a mob beat to death two men", "burned alive a man"
        read = vl.read_list(rest[front.end():], values) if front is not None else None
        if front is not None and read is not None:
            found.append((verb.start(), verb.end() + front.end() + read[1], read[0]))
            continue
        if re.match(r"^(?:him|her)\b", rest, re.IGNORECASE) and _TO_DEATH_TAIL.match(rest[3:]):  # "beat him to death"
            found.append((verb.start(), verb.end() + 3, 1))
            continue
        tail = _TO_DEATH_TAIL.search(rest[:120])
        read = vl.read_list(rest[:tail.start()], values) if tail is not None else None
        if read is not None and tail is not None and not rest[read[1]:tail.start()].strip():
            found.append((verb.start(), verb.end() + tail.end(), read[0]))
    return found


def _one_person(head: str) -> bool:
    """Whether a headline's bare noun names one person: a person word ("child", "official"), singular,
    not a body or group ("police", "crew") and not a plural of its own kind ("men", "children")."""
    return head in PERSON_WORDS | UNARMED_PEOPLE and head not in _NOT_ONE \
        and not head.endswith(("men", "ren")) and not (head.endswith("s") and not head.endswith("ss"))


def told_as_a_cause(before: str) -> bool:
    """Whether the words just before an event word make it the cause of another act ("rioted
    after police killed", "marched over the killing of"): ``before`` is the sentence up to it."""
    return _CAUSE_BEFORE.search(before[-60:]) is not None


def count_fatalities(sentence: str, *, vague: bool = True, causes: bool = False) -> int | None:
    """Deaths reported in one sentence: a number, 0 when denied, None when not given.
    ``causes``: also count the deaths of an act the sentence gives as a cause ("after a man
    died in custody"), for an event that is that act."""
    sentence = _ACRONYM.sub("", sentence)  # "Two soldiers of the Central African Armed Forces (FACA) were killed"
    masked, values = victim_numbers(sentence, vague=vague)
    revised = _REVISED_TOLL.search(masked)
    if revised is not None:
        return values[int(revised.group("q1"))]
    groups = [g for g in _passive_groups(masked, values) + _active_groups(masked, values)
              if causes or not _CAUSE_BEFORE.search(masked[max(0, g[0] - 60):g[0]])]
    chosen: list[tuple[int, int, int]] = []
    for group in sorted(groups, key=lambda g: (-(g[1] - g[0]), g[0])):
        if all(group[1] <= c[0] or group[0] >= c[1] for c in chosen):
            chosen.append(group)
    if chosen:
        return sum(g[2] for g in chosen)
    part = _OF_WHOM_DIED.search(sentence)
    counted = find_numbers(part.group("n")) if part is not None else []
    if counted:
        return counted[0][2]
    tolls = [values[int(next(g for g in m.groups() if g is not None))] for m in _TOLL.finditer(masked)]
    if tolls:
        return max(tolls)
    if death_denied(sentence):
        return 0
    return None
