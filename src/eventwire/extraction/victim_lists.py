"""Victim lists: the groups of people a death verb is said of, summed ("five soldiers, three police
officers and two civilians" = 10).

:func:`read_list` reads a list at the start of a text whose quantities are ``#index#`` placeholders
(:mod:`.victim_numbers`): groups joined by commas, "and", "as well as"; "a"/"an" before a person is
one; a later item may be possessive ("a woman and her daughter" = 2). It stops at a measure or a
thing ("3 km", "two vehicles", "a roadside bomb", "an intense exchange of fire"), counts "two of the
five soldiers" as two, and reads "three people, two officers and a civilian" as its first group, three.
"""

from __future__ import annotations

import re

__all__ = ["ITEM", "MOD", "NP", "NPWORD", "Q", "plural", "possessive", "read_list"]

Q = r"#(?P<{0}>\d+)#"  # a placeholder for the quantity with that index
MOD = (r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|approximately|roughly|"
        r"up\s+to|as\s+many\s+as|an\s+estimated|a\s+total\s+of|another|a\s+further|an\s+additional|"
        r"a\s+reported|the|all|only|just|reportedly)\s+)*")
# words that may sit in a victim noun phrase (never a placeholder, verb or clause word)
NPWORD = (r"(?!(?:and|or|were|was|are|is|have|has|had|been|be|being|who|which|that|when|while|after|"
          r"killed|killing|wounded|wounding|injured|injuring|died|dead|neutrali[sz]ed|eliminated|martyred|embraced|"
          r"including|in|on|at|"
          r"during|near|"
          r"by|from|as|but|into|with)\b)[A-Za-z][\w.'’-]*")
NP = rf"(?:\s+{NPWORD}){{0,8}}"
ITEM = rf"{MOD}(?:{Q.format('q')}|(?P<a>\ban?\b)(?=\s+[A-Za-z]))"
LIST_ITEM = re.compile(rf"^\s*{ITEM}(?P<np>{NP})", re.IGNORECASE)
# "a woman and her daughter", "a man, his wife and their two children", "an officer and himself":
# a later item of a list may be a possessive noun phrase (one person when singular) or a reflexive
POSSESSIVE_ITEM = re.compile(rf"^\s*(?:(?P<self>himself|herself|him\b|her(?=\s*(?:,|and\b|[.;]|$)))\b"
                             rf"|(?:his|her|their|its|the)\s+"
                             rf"(?:{Q.format('q')}(?P<np>{NP})|(?P<one>{NPWORD}(?:\s+{NPWORD}){{0,3}})))",
                             re.IGNORECASE)
PLURAL_HEADS = frozenset(["children", "men", "women", "people", "police", "folk", "kin", "relatives"])
#: Singular nouns of a group or a thing, never one victim ("the crew", "the family", "the car").
GROUP_HEADS = frozenset(["crew", "family", "group", "force", "unit", "team", "convoy", "staff", "population",
                         "personnel", "militia", "army", "enemy", "public", "rest", "majority", "remainder",
                         "others", "car", "vehicle", "bus", "house", "building", "village", "town", "area",
                         "attack", "blast", "explosion", "strike", "raid", "fire", "fighting"])
_DEFINITE = re.compile(r"^\s*the\b", re.IGNORECASE)
# a list that goes on to "and" after its second item ("the imam, a guard and two worshippers")
_AND_LATER = re.compile(r"^[^,.;]*?,?\s+and\s+", re.IGNORECASE)
# "a family of five": as many as it counts
FAMILY_OF = re.compile(r"^\s*#(?P<q>\d+)#")
# "three people, two officers and a civilian": a first group of anyone, then its parts
GENERAL_HEAD = re.compile(r"^\s*(?:people|persons|individuals)\b", re.IGNORECASE)
JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|plus\s+)", re.IGNORECASE)
NOT_VICTIM_NOUN = re.compile(
    r"^\s*(?:-|–)?\s*(?:years?|year-olds?|days?|weeks?|months?|hours?|minutes?|seconds?|times|km|kms|"
    r"kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|foot|yards?|percent|per\s+cent|%|kg|kilograms?|tons?|"
    r"tonnes?|pounds|dollars|euros|rounds?|shells?|rockets?|missiles?|mortars?|bombs?|drones?|vehicles?|"
    r"cars?|trucks?|tanks?|aircraft|planes?|helicopters?|buildings?|houses?|homes?|shops?|villages?|towns?|"
    r"cities|districts?|provinces?|provincial|regions?|states?|countries|capitals?|bases?|checkpoints?|"
    r"positions?|weapons?|guns?|rifles?|cases?|incidents?|attacks?|strikes?|raids?|operations?|mines?|"
    r"devices?|ieds?|explosives?|"
    r"occasions?|other\s+attacks?|separate)\b",
    re.IGNORECASE,
)
NOT_A_VICTIM_AFTER_A = re.compile(
    # "a number of", "a roadside bomb", "an intense exchange of fire": (after up to two describing words)
    r"^\s*(?:(?!(?:and|or|in|of|on|at)\b)[a-z-]+\s+){0,2}?(?:exchange|gunfight|shootout|engagement|ambush|"
    r"assault|offensive|skirmish|confrontation|standoff|incident|operation)\b"
    r"|^\s*(?:number|lot|total|series|range|variety|host|majority|minority|result|bomb|blast|strike|"
    r"attack|raid|day|week|month|year|time|car|vehicle|mine|roadside|suicide|drone|rocket|mortar|shell|"
    r"missile|grenade|fire|clash|battle|firefight|explosion|new|separate|similar|further|recent|"
    r"joint|combined|large|major|statement|report)\b",
    re.IGNORECASE,
)
PARTITIVE = re.compile(rf"^\s+of\s+(?:the|them|those|these|whom|which|all)\b(?:\s+{MOD}#\d+#)?"
                       rf"(?:\s+(?:wounded|injured|dead))?{NP}",
                       re.IGNORECASE)


def read_list(text: str, values: list[int]) -> tuple[int, int] | None:
    """A list of victim groups at the start of ``text``: (total, characters used)."""
    total = 0
    used = 0
    count = 0
    items: list[int] = []
    first_np = ""
    definite_first = False
    rest = text
    while True:
        item = LIST_ITEM.match(rest)
        if item is None:
            later = possessive(rest)  # "the driver and his son", "him and his driver", "himself"
            if later is None or (count and _DEFINITE.match(rest)):
                break  # "four children and the driver": a later "the" adds nothing (conservative)
            definite_first = definite_first or not count
            items.append(values[int(later.group("q"))] if later.group("q") is not None else 1)
            total += items[-1]
            count += 1
            used += later.end()
            rest = rest[later.end():]
            join = JOIN.match(rest)
            if join is None or not (LIST_ITEM.match(rest[join.end():]) or possessive(rest[join.end():])) \
                    or (count == 1 and definite_first and "and" not in join.group(0).lower()
                        and not _AND_LATER.match(rest[join.end():])):
                break  # "killing the driver, a retired officer,": one person told twice
            used += join.end()
            rest = rest[join.end():]
            continue
        if item.group("q") is not None:
            if NOT_VICTIM_NOUN.match(rest[item.end("q") + 1:]):
                break
            value = values[int(item.group("q"))]
        else:
            if NOT_A_VICTIM_AFTER_A.match(rest[item.end("a"):]) or not item.group("np").strip():
                break
            value = 1
            family = FAMILY_OF.match(rest[item.end():]) if item.group("np").lower().split()[-2:] == [
                "family", "of"] else None
            if family is not None:  # "killing a family of six"
                value = values[int(family.group("q"))]
                item_end = item.end() + family.end()
                total += value
                items.append(value)
                count += 1
                used += item_end
                rest = rest[item_end:]
                join = JOIN.match(rest)
                if join is None or not (LIST_ITEM.match(rest[join.end():]) or possessive(rest[join.end():])):
                    break
                used += join.end()
                rest = rest[join.end():]
                continue
        total += value
        first_np = first_np or item.group("np")
        items.append(value)
        count += 1
        end = item.end()
        if item.group("q") is not None:
            partitive = PARTITIVE.match(rest[item.end("q") + 1:])
            if partitive is not None:  # "two of the five soldiers": two
                used += item.end("q") + 1 + partitive.end()
                break
        used += end
        rest = rest[end:]
        join = JOIN.match(rest)
        if join is None or not (LIST_ITEM.match(rest[join.end():]) or possessive(rest[join.end():])):
            break
        used += join.end()
        rest = rest[join.end():]
    if definite_first and count == 1:
        return None  # a lone "the driver" or "him": the caller reads a single victim its own way
    if len(items) >= 3 and items[0] == sum(items[1:]) and GENERAL_HEAD.match(first_np):
        total = items[0]  # "three people, two officers and a civilian": the parts of the first group
    return (total, used) if count else None


def possessive(text: str) -> re.Match[str] | None:
    """A possessive item at the start of ``text`` that counts: a number, or one person."""
    item = POSSESSIVE_ITEM.match(text)
    one = item.group("one") if item is not None else None
    if one is not None and one.split()[-1].lower() in GROUP_HEADS:
        return None
    return None if item is None or (one is not None and plural(one)) else item


def plural(phrase: str) -> bool:
    """Whether a noun phrase without a number names more than one person ("their children")."""
    head = phrase.split()[-1].lower()
    return head in PLURAL_HEADS or (head.endswith("s") and not head.endswith("ss"))
