"""Death tolls in one sentence of plain text: regular expressions and numbers.

``count_fatalities`` returns the deaths a sentence reports, ``0`` when it says that
nobody died, and ``None`` when it gives no figure. ``death_denied`` tells whether
a sentence says nobody died.

How a sentence is read:

1. Every quantity is found with :func:`eventwire.analysis.numbers.find_numbers` and replaced
   by a placeholder; quantities that are not people are dropped first: ages
   ("a 12-year-old"), dates ("Jan. 5", "in 2019"), unit numbers ("Brigade 5",
   "Route 1") and measures ("3 km", "34 provincial capitals", "two days").
2. Victim groups are read around a death verb: before a passive verb ("at least 60
   Afghans and 13 U.S. service members were killed" = 73, "18 insurgents killed in
   the raid", "14 people died", "9 people dead"), after an active one ("killing five
   civilians and wounding 12" = 5, "killed two and injured three" = 2, "left 9
   dead", "claimed the lives of 30"). A list of groups joined by "and" or commas is
   summed; "including ..." and "of whom ..." parts are never added; a range ("10
   to 15") counts its lower end. "a"/"an" before a victim ("killing a soldier", "a
   policeman was killed") is one, and so are "him"/"her" after an active verb, a
   singular noun after one ("killing the attacker"; "the suspected insurgents" is no
   figure) and a singular subject ("the governor was killed", "he died"). A victim
   named only by name ("killed Ahmed") is not counted: that needs the parser.
3. Separate victim groups in one sentence are added. A total toll ("a death toll
   of 30", "the bodies of 14 people", "30 deaths") is used only when the sentence
   names no victim group, since a toll may cover earlier events ("killed 5,
   bringing the death toll to 30" = 5).
4. Deaths "killed or wounded" together (casualties) are not deaths and are not read.

Vague quantities ("dozens were killed") are read as their conservative lower bound
(:data:`eventwire.analysis.numbers.VAGUE`: dozens 12, several 3, hundreds 100) because
conflict coders record them; pass ``vague=False`` to ignore them. "a number of",
"many" and "scores of unknown" stay None.

Denial is read only for everyone ("no one was killed", "nobody died", "no
casualties", "without casualties", "no lives were lost", "no one was hurt"); a
denial for a group ("no civilians were killed") says nothing about the others, so
it is not 0. "no immediate reports of casualties" is not a denial, and neither is
"no shots were fired".
"""

from __future__ import annotations

import re

from eventwire.analysis.lexicon import KILLING_FORMS, SPEECH_VERBS, TO_DEATH_VERBS
from eventwire.analysis.numbers import find_numbers

__all__ = ["count_fatalities", "death_denied", "told_as_a_cause"]

_WINDOW = 400  # characters read after a verb or list start: victim lists are short
_Q = r"#(?P<{0}>\d+)#"  # a placeholder for the quantity with that index
_MOD = (r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|approximately|roughly|"
        r"up\s+to|as\s+many\s+as|an\s+estimated|a\s+total\s+of|another|a\s+further|an\s+additional|"
        r"a\s+reported|the|all|only|just|reportedly)\s+)*")
# words that may sit in a victim noun phrase (never a placeholder, verb or clause word)
_NPWORD = (r"(?!(?:and|or|were|was|are|is|have|has|had|been|be|being|who|which|that|when|while|after|"
           r"killed|killing|wounded|wounding|injured|injuring|died|dead|including|in|on|at|during|near|"
           r"by|from|as|but|into|with)\b)[A-Za-z][\w.'’-]*")
_NP = rf"(?:\s+{_NPWORD}){{0,6}}"
_ITEM = rf"{_MOD}(?:{_Q.format('q')}|(?P<a>\ban?\b)(?=\s+[A-Za-z]))"
_KILL_PARTICIPLE = (r"(?:killed|slain|dead|murdered|executed|massacred|beheaded|assassinated|lynched|"
                    r"shot\s+dead|shot\s+and\s+killed|gunned\s+down|burned\s+to\s+death|burnt\s+alive|"
                    r"beaten\s+to\s+death|stabbed\s+to\s+death|hacked\s+to\s+death|confirmed\s+dead|"
                    r"found\s+dead|declared\s+dead|pronounced\s+dead)")
_AUX = (r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|being|got|lay|lie|lies|lying|"
        r"were\s+reported|was\s+reported|are\s+reported|is\s+reported|were\s+confirmed|was\s+confirmed)")
_ADV_WORDS = r"(?:reportedly|all|also|later|allegedly|confirmed|either|now|then|subsequently|eventually)"
_ADV = rf"(?:\s+{_ADV_WORDS})?"
_DIE = (r"(?:died|die|dies|perished|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|"
        r"were\s+left\s+dead)")
_ACTIVE = (r"(?:killed|killing|kills|kill|shot\s+dead|shooting\s+dead|executed|executing|massacred|"
           r"massacring|murdered|murdering|slaughtered|slaughtering|beheaded|beheading|assassinated|"
           r"claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|took\s+the\s+lives\s+of|"
           r"taking\s+the\s+lives\s+of|left|leaving|(?:the\s+)?(?:deaths?|killings?)\s+of|"
           + "|".join(sorted(KILLING_FORMS, key=len, reverse=True)) + ")")
# a passive verb right after a victim list, then what may follow it
_PASSIVE_TAIL = re.compile(
    rf"^(?:\s+(?:in|on|at|near|from|inside|aboard|of)\s+(?:the|a|an|his|her|their|its)"
    rf"(?:\s+{_NPWORD}){{1,4}})?"
    rf"\s*,?\s*(?:(?P<aux>{_AUX}){_ADV}\s+{_KILL_PARTICIPLE}|{_KILL_PARTICIPLE}(?=\s*(?:$|[,.;:)]|\s+"
    r"(?:in|on|at|during|when|as|after|and|while|near|by|following|since|across|overnight|yesterday|today|"
    rf"last|this|early|late|amid|inside|outside|along))){_ADV}"
    rf"|(?:{_ADV_WORDS}\s+)?(?:(?:have|has|had)\s+)?{_DIE})",
    re.IGNORECASE,
)
_CASUALTY_TAIL = re.compile(r"^\s+(?:or|and|and/or)\s+(?:wounded|injured|hurt|captured|arrested|detained)",
                            re.IGNORECASE)
_ACTIVE_RE = re.compile(rf"\b(?P<verb>{_ACTIVE})\s+", re.IGNORECASE)
_LIST_ITEM = re.compile(rf"^\s*{_ITEM}(?P<np>{_NP})", re.IGNORECASE)
# "a woman and her daughter", "a man, his wife and their two children", "an officer and himself":
# a later item of a list may be a possessive noun phrase (one person when singular) or a reflexive
_POSSESSIVE_ITEM = re.compile(rf"^\s*(?:(?P<self>himself|herself)\b|(?:his|her|their|its)\s+"
                              rf"(?:{_Q.format('q')}(?P<np>{_NP})|(?P<one>{_NPWORD}(?:\s+{_NPWORD}){{0,3}})))",
                              re.IGNORECASE)
_PLURAL_HEADS = frozenset(["children", "men", "women", "people", "police", "folk", "kin", "relatives"])
# "a mob beat two men to death": a victim list between the verb and "to death" (or "shot two men dead")
_TO_DEATH_RE = re.compile(rf"\b(?P<verb>{'|'.join(sorted(TO_DEATH_VERBS, key=len, reverse=True))})\s+",
                          re.IGNORECASE)
_TO_DEATH_TAIL = re.compile(r"\s+(?:to\s+death|dead)\b", re.IGNORECASE)
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
_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|plus\s+)", re.IGNORECASE)
_TOLL = re.compile(
    rf"(?:death\s+toll|toll\s+of\s+(?:the\s+)?dead|number\s+of\s+(?:the\s+)?dead|fatality\s+toll)"
    rf"[^#.;]{{0,40}}?(?:of|to|at|reached|hit|was|is|stood\s+at|stands\s+at|passed|exceeded|now)\s+"
    rf"{_MOD}{_Q.format('q1')}"
    rf"|\bbod(?:y|ies)\s+of\s+{_MOD}{_Q.format('q2')}"
    # "the number of people killed when a missile hit the block rose to #3#"
    rf"|\bnumber\s+of\s+(?:[a-z]+\s+){{0,2}}(?:killed|dead)\b[^.;]{{0,160}}?"
    rf"\b(?:rose|risen|climbed|increased|jumped|grew|reached|stands\s+at|stood\s+at)\s+(?:to\s+)?{_MOD}{_Q.format('q4')}"
    rf"|{_Q.format('q3')}(?:\s+{_NPWORD}){{0,2}}?\s+(?:dead\s+)?"
    r"(?:bodies|deaths|fatalities|dead\b(?!\s+(?:bodies|and\s+injured)\b))",
    re.IGNORECASE,
)
_NOT_VICTIM_NOUN = re.compile(
    r"^\s*(?:-|–)?\s*(?:years?|year-olds?|days?|weeks?|months?|hours?|minutes?|seconds?|times|km|kms|"
    r"kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|foot|yards?|percent|per\s+cent|%|kg|kilograms?|tons?|"
    r"tonnes?|pounds|dollars|euros|rounds?|shells?|rockets?|missiles?|mortars?|bombs?|drones?|vehicles?|"
    r"cars?|trucks?|tanks?|aircraft|planes?|helicopters?|buildings?|houses?|homes?|shops?|villages?|towns?|"
    r"cities|districts?|provinces?|provincial|regions?|states?|countries|capitals?|bases?|checkpoints?|"
    r"positions?|weapons?|guns?|rifles?|cases?|incidents?|attacks?|strikes?|raids?|operations?|"
    r"occasions?|other\s+attacks?|separate)\b",
    re.IGNORECASE,
)
_NOT_A_VICTIM_AFTER_A = re.compile(
    r"^\s*(?:number|lot|total|series|range|variety|host|majority|minority|result|bomb|blast|strike|"
    r"attack|raid|day|week|month|year|time|car|vehicle|mine|roadside|suicide|drone|rocket|mortar|shell|"
    r"missile|grenade|fire|clash|battle|firefight|explosion|new|separate|similar|further|recent|"
    r"joint|combined|large|major|statement|report)\b",
    re.IGNORECASE,
)
_DATE_NUMBER = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*#\d+#"
    r"|#\d+#(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(
    r"\b(?:brigade|division|battalion|regiment|corps|route|highway|road|unit|no\.|number|resolution|"
    r"article|chapter|page|flight|district|zone|sector|phase|camp|block|kilometre|kilometer|km|mile|"
    r"gate|line|level|class|grade|tier|team|squad|platoon|company|fleet|group|cell|ward|precinct|"
    r"year|aged|age|ages|no|not|none\s+of)\s*$",
    re.IGNORECASE,
)
_AGE = re.compile(r"^\s*(?:-|–|\s)\s*years?(?:-|–|\s)old|^\s*-year-old|^\s*years?\s+of\s+age",
                  re.IGNORECASE)
_RANGE = re.compile(r"(?:between\s+)?#(\d+)#\s*(?:-|–|to|or|and)\s*#(\d+)#", re.IGNORECASE)
_PARTITIVE = re.compile(rf"^\s+of\s+(?:the|them|those|these|whom|which|all)\b(?:\s+{_MOD}#\d+#)?"
                        rf"(?:\s+(?:wounded|injured|dead))?{_NP}",
                        re.IGNORECASE)
# parts that detail a group already counted: "15 people, including three children,"
_INCLUDING = re.compile(r"(?:,\s*|\s*\()#\d+#\s+of\s+(?:them|whom)\b[^,;.()]*(?:,|\))?"
                        r"|(?:,\s*|\s+|\s*\()(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|"
                        r"most\s+of\s+them|all\s+of\s+them)\b[^,;.()]*(?:,|\))?", re.IGNORECASE)
# the word before a victim list when that list is the object of another verb
_OTHER_VERB_BEFORE = re.compile(
    r"\b(?:wounded|wounding|injured|injuring|hurt|arrested|arresting|detained|detaining|captured|"
    r"capturing|abducted|abducting|kidnapped|kidnapping|rescued|evacuated|displaced|killed|killing|"
    r"kills|left|leaving|deployed|sent|treated|hospitalized|hospitalised)\s*$",
    re.IGNORECASE,
)
# a victim without a number after a counted list: adds nothing (conservative)
_TRAILING_NP = re.compile(rf"^\s*,?\s*(?:and|as\s+well\s+as)\s+(?:his|her|their|the|its|other|others)\b{_NP}",
                          re.IGNORECASE)
_SINGULAR = re.compile(
    rf"\b(?:the|his|her|their|its)\b(?:\s+{_NPWORD}){{1,5}}\s*,?\s+(?:was|has\s+been|had\s+been){_ADV}"
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
_NOT_ONE = frozenset(
    ["crew", "family", "people", "police", "group", "force", "unit", "team", "convoy", "staff", "population", "personnel", "militia", "army", "enemy", "navy", "public", "deal", "plan", "bill", "project", "engine", "idea", "process", "talks", "momentum", "ceasefire", "truce", "agreement", "proposal", "motion", "story", "rest", "majority", "remainder", "others"]
)
_DENIAL = re.compile(
    r"\b(?:no[\s-]?one|nobody|none|no\s+lives|no\s+life)\b(?:\s+\w+){0,4}?\s+"
    r"(?:was|were|has\s+been|have\s+been|"
    r"had\s+been|is|are)\s+(?:(?:reported|believed|thought|known)\s+(?:to\s+have\s+been\s+|to\s+be\s+)?)?"
    r"(?:killed|hurt|injured|harmed|wounded|dead|lost)\b"
    r"|\b(?:no[\s-]?one|nobody|none\s+of\s+them)\s+(?:died|perished)\b"
    r"|(?<!reports\sof\s)(?<!report\sof\s)(?<!word\sof\s)(?<!information\sof\s)"
    r"\b(?:no|without|without\s+any|zero)\s+(?:(?:human|civilian\s+or\s+military|immediate)\s+)?"
    r"(?:casualties|deaths|fatalities|loss\s+of\s+(?:human\s+)?life|loss\s+of\s+lives|injuries\s+or\s+deaths|"
    r"deaths\s+or\s+injuries)\b"
    r"|\bno\s+lives\s+were\s+lost\b|\bthere\s+were\s+no\s+(?:casualties|deaths|fatalities)\b"
    r"|\b(?:did\s+not|didn't|failed\s+to)\s+(?:kill|cause\s+(?:any\s+)?(?:casualties|deaths))\s+"
    r"(?:anyone|anybody)\b",
    re.IGNORECASE,
)
_NOT_DENIAL = re.compile(
    r"\bno\s+(?:immediate\s+)?(?:reports?|word|information|details|confirmation|indication)\s+"
    r"(?:of|on|about)\s+(?:any\s+)?(?:casualties|deaths|fatalities|injuries)"
    r"|\bnot\s+(?:immediately\s+)?(?:clear|known)\b",
    re.IGNORECASE,
)


def _speech_forms() -> str:
    """The past and third-person forms of the speech verbs ("said", "told", "confirmed", "adds")."""
    irregular = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes")}
    forms: set[str] = set()
    for lemma in SPEECH_VERBS:
        forms.update(irregular.get(lemma, (lemma + ("d" if lemma.endswith("e") else "ed"), lemma + "s")))
    return "|".join(sorted(forms, key=len, reverse=True))


# "killing three soldiers, a police officer told reporters": the trailing clause names who
# reports the toll, never a victim (its noun phrase would be read as one more death)
_ATTRIBUTION = re.compile(rf",\s+(?:[A-Za-z#][\w#'’.-]*\s+){{1,8}}?(?:{_speech_forms()})\b", re.IGNORECASE)


def death_denied(sentence: str) -> bool:
    """True when the sentence says that nobody died (or nobody was hurt at all)."""
    if _NOT_DENIAL.search(sentence):
        return False
    return _DENIAL.search(sentence) is not None


def _masked(sentence: str, *, vague: bool) -> tuple[str, list[int]]:
    """The sentence with every victim-like quantity replaced by ``#index#``."""
    values: list[int] = []
    pieces: list[str] = []
    last = 0
    for start, end, value in find_numbers(sentence, vague=vague):
        before = sentence[max(0, start - 20):start]
        after = sentence[end:end + 20]
        keep = not (_AGE.match(after) or _LABEL_BEFORE.search(before)
                    or re.match(r"^\s*(?:st|nd|rd|th)\b", after)
                    or (1900 <= value <= 2100 and re.fullmatch(r"\d{4}", sentence[start:end])))
        pieces.append(sentence[last:start])
        if keep:
            pieces.append(f"#{len(values)}#")
            values.append(value)
        else:
            pieces.append("N" * (end - start))  # keeps it a word, never a quantity
        last = end
    pieces.append(sentence[last:])
    masked = "".join(pieces)
    # dates like "Jan. 5" or "5 January" are never victims
    masked = _DATE_NUMBER.sub(lambda m: re.sub(r"#\d+#", "N", m.group(0)), masked)
    # a range counts its lower end: keep the first placeholder, drop the second
    masked = _INCLUDING.sub("", masked)
    masked = _RANGE.sub(lambda m: f"#{min(int(m.group(1)), int(m.group(2)), key=lambda i: values[i])}#",
                        masked)
    return masked, values


def _read_list(text: str, values: list[int]) -> tuple[int, int] | None:
    """A list of victim groups at the start of ``text``: (total, characters used)."""
    total = 0
    used = 0
    count = 0
    rest = text
    while True:
        item = _LIST_ITEM.match(rest)
        if item is None:
            later = _possessive(rest) if count else None
            if later is None:
                break
            total += values[int(later.group("q"))] if later.group("q") is not None else 1
            count += 1
            used += later.end()
            rest = rest[later.end():]
            join = _JOIN.match(rest)
            if join is None or not (_LIST_ITEM.match(rest[join.end():]) or _possessive(rest[join.end():])):
                break
            used += join.end()
            rest = rest[join.end():]
            continue
        if item.group("q") is not None:
            if _NOT_VICTIM_NOUN.match(rest[item.end("q") + 1:]):
                break
            value = values[int(item.group("q"))]
        else:
            if _NOT_A_VICTIM_AFTER_A.match(rest[item.end("a"):]) or not item.group("np").strip():
                break
            value = 1
        total += value
        count += 1
        end = item.end()
        if item.group("q") is not None:
            partitive = _PARTITIVE.match(rest[item.end("q") + 1:])
            if partitive is not None:  # "two of the five soldiers": two
                used += item.end("q") + 1 + partitive.end()
                break
        used += end
        rest = rest[end:]
        join = _JOIN.match(rest)
        if join is None or not (_LIST_ITEM.match(rest[join.end():]) or _possessive(rest[join.end():])):
            break
        used += join.end()
        rest = rest[join.end():]
    return (total, used) if count else None


def _possessive(text: str) -> re.Match[str] | None:
    """A possessive item at the start of ``text`` that counts: a number, or one person."""
    item = _POSSESSIVE_ITEM.match(text)
    one = item.group("one") if item is not None else None
    return None if item is None or (one is not None and _plural(one)) else item


def _plural(phrase: str) -> bool:
    """Whether a noun phrase without a number names more than one person ("their children")."""
    head = phrase.split()[-1].lower()
    return head in _PLURAL_HEADS or (head.endswith("s") and not head.endswith("ss"))


def _passive_groups(masked: str, values: list[int]) -> list[tuple[int, int, int]]:
    """Victim lists right before a passive death verb: (start, end, total)."""
    found: list[tuple[int, int, int]] = []
    starts = [m.start() for m in re.finditer(rf"{_MOD}(?:#\d+#|\ban?\b)", masked, re.IGNORECASE)]
    taken_until = -1
    for start in sorted(set(starts)):
        if start < taken_until or _OTHER_VERB_BEFORE.search(masked[max(0, start - 40):start]):
            continue
        read = _read_list(masked[start:start + _WINDOW], values)
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
        found.append((start, start + used + verb.end(), total))
        taken_until = start + used + verb.end()
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
        if re.match(r"^(?:him|her)\b", rest, re.IGNORECASE) and not word.startswith(("left", "leav")):
            found.append((verb.start(), verb.end() + 3, 1))
            continue
        if _BOTH.match(rest) and not word.startswith(("left", "leav")):
            found.append((verb.start(), verb.end() + 4, 2))
            continue
        read = _read_list(rest, values)
        if read is None:
            one = _THE_ONE.match(rest)
            if one is not None and not word.startswith(("left", "leav")):
                head = one.group("head").lower()
                if head not in _NOT_ONE and not (head.endswith("s") and not head.endswith("ss")):
                    found.append((verb.start(), verb.end() + one.end(), 1))
            continue
        total, used = read
        if word.startswith(("left", "leav")) and not re.match(r"^\s*dead\b", rest[used:], re.IGNORECASE):
            continue  # "left 9 dead" is a toll; "left 9 wounded" is not
        found.append((verb.start(), verb.end() + used, total))
    if found:  # "killed a man, beating him to death": the manner of a killing already read
        return found
    for verb in _TO_DEATH_RE.finditer(masked):
        rest = masked[verb.end():verb.end() + _WINDOW]
        if re.match(r"^(?:him|her)\b", rest, re.IGNORECASE) and _TO_DEATH_TAIL.match(rest[3:]):  # "beat him to death"
            found.append((verb.start(), verb.end() + 3, 1))
            continue
        tail = _TO_DEATH_TAIL.search(rest[:120])
        read = _read_list(rest[:tail.start()], values) if tail is not None else None
        if read is not None and tail is not None and not rest[read[1]:tail.start()].strip():
            found.append((verb.start(), verb.end() + tail.end(), read[0]))
    return found


def told_as_a_cause(before: str) -> bool:
    """Whether the words just before an event word make it the cause of another act ("rioted
    after police killed", "marched over the killing of"): ``before`` is the sentence up to it."""
    return _CAUSE_BEFORE.search(before[-60:]) is not None


def count_fatalities(sentence: str, *, vague: bool = True, causes: bool = False) -> int | None:
    """Deaths reported in one sentence: a number, 0 when denied, None when not given.
    ``causes``: also count the deaths of an act the sentence gives as a cause ("after a man
    died in custody"), for an event that is that act."""
    masked, values = _masked(sentence, vague=vague)
    masked = _ATTRIBUTION.sub(".", masked)
    groups = [g for g in _passive_groups(masked, values) + _active_groups(masked, values)
              if causes or not _CAUSE_BEFORE.search(masked[max(0, g[0] - 60):g[0]])]
    chosen: list[tuple[int, int, int]] = []
    for group in sorted(groups, key=lambda g: (-(g[1] - g[0]), g[0])):
        if all(group[1] <= c[0] or group[0] >= c[1] for c in chosen):
            chosen.append(group)
    if chosen:
        return sum(g[2] for g in chosen)
    tolls = [values[int(next(g for g in m.groups() if g is not None))] for m in _TOLL.finditer(masked)]
    if tolls:
        return max(tolls)
    if death_denied(sentence):
        return 0
    return None
