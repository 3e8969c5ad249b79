"""Actors: from a noun phrase in the text to a canonical actor name.

Canonical names follow TAXONOMY.md: ``Military Forces of <Country>``, ``Police
Forces of <Country>``, armed groups by their common name, and
``Civilians (<Country>)``, ``Protesters (<Country>)``, ``Rioters (<Country>)``,
``Unidentified Armed Group (<Country>)`` for unnamed people. Generic words for
fighters ("insurgents", "militants") become the armed group the article names
most often, when it names one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.analysis import lexicon as lx
from eventwire.analysis.prefilter import Prefiltered, fold

#: Armed groups and coalitions by common name: (pattern, canonical name).
ARMED_GROUPS: tuple[tuple[str, str], ...] = (
    (r"\b(?:isis-k|iskp|islamic state[- ]khorasan(?: province)?|is-k)\b", "Islamic State Khorasan Province"),
    (r"\b(?:iswap|islamic state west africa(?: province)?)\b", "Islamic State West Africa Province"),
    (r"\btaliban\b", "Taliban"),
    (r"\bhaqqani\b", "Haqqani Network"),
    (r"\bal[- ]?shabaa?b\b|\bshabaa?b\b", "Al Shabaab"),
    (r"\bhouthis?\b|\bansar allah\b|\bansarallah\b", "Houthis (Ansar Allah)"),
    (r"\bal[- ]qaeda in the arabian peninsula\b|\baqap\b", "Al Qaeda in the Arabian Peninsula"),
    (r"\bboko haram\b|\bjas\b", "Boko Haram"),
    (r"\brapid support forces?\b|\brsf\b", "Rapid Support Forces"),
    (r"\btplf\b|\btigray people'?s liberation front\b|\btigray(?:an)? (?:forces|fighters|rebels)\b",
     "Tigray People's Liberation Front"),
    (r"\bfano\b", "Fano Militia"),
    (r"\bpeople'?s defen[cs]e forces?\b|\bpdfs?\b", "People's Defence Force"),
    (r"\barakan army\b", "Arakan Army"),
    (r"\bmndaa\b|\bmyanmar national democratic alliance army\b", "Myanmar National Democratic Alliance Army"),
    (r"\btnla\b|\bta'?ang national liberation army\b", "Ta'ang National Liberation Army"),
    (r"\bkachin independence army\b|\bkia\b", "Kachin Independence Army"),
    (r"\bhamas\b", "Hamas"),
    (r"\bhezbollah\b|\bhizbollah\b", "Hezbollah"),
    (r"\bhayat tahrir al[- ]sham\b|\bhts\b", "Hayat Tahrir al-Sham"),
    (r"\bsyrian democratic forces\b|\bsdf\b", "Syrian Democratic Forces"),
    (r"\bwagner\b", "Wagner Group"),
    (r"\bm23\b", "M23"),
    (r"\ballied democratic forces\b|\badf\b", "Allied Democratic Forces"),
    (r"\bjnim\b", "JNIM"),
    (r"\bpkk\b", "PKK"),
    (r"\bal[- ]qaeda\b", "Al Qaeda"),
    (r"\bislamic state\b|\bisis\b|\bisil\b|\bdaesh\b", "Islamic State"),
    (r"\bsaudi[- ]led coalition\b|\barab coalition\b", "Saudi-led Coalition"),
    (r"\bnato\b|\bisaf\b|\binternational security assistance force\b", "NATO"),
)
_GROUP_RULES = tuple((Prefiltered.compile(p), name) for p, name in ARMED_GROUPS)

#: Abbreviations and forms a gazetteer of demonyms does not cover.
ABBREVIATIONS: dict[str, str] = {
    "u.s.": "US", "us": "US", "u.s": "US", "american": "US", "americans": "US", "pentagon": "US",
    "washington": "US", "uk": "GB", "u.k.": "GB", "british": "GB", "britain": "GB", "uae": "AE",
    "emirati": "AE", "soviet": "RU", "kremlin": "RU", "moscow": "RU", "kyiv": "UA", "junta": "",
}

#: Forces on the ground, which default to the article's country when no nationality is said.
GROUND_FORCE = re.compile(
    r"\b(forces?|troops?|military|army|armed forces|soldiers?|navy|naval|marines?|commandos?|"
    r"special (?:forces|operations)|security|units?|battalions?|brigades?|defen[cs]e ministry|pentagon|"
    r"government|junta|regime|national guard|paratroopers?|air ?force)\b", re.IGNORECASE)
STATE_FORCE = re.compile(
    r"\b(forces?|troops?|military|army|armed forces|soldiers?|warplanes?|aircraft|jets?|drones?|air ?force|"
    r"navy|naval|marines?|commandos?|special (?:forces|operations)|security|artillery|gunships?|helicopters?|"
    r"bombers?|strikes?|airstrikes?|units?|battalions?|brigades?|defen[cs]e ministry|pentagon|government|"
    r"junta|regime|national guard|paratroopers?|missiles?|rockets?)\b", re.IGNORECASE)
POLICE = re.compile(r"\b(police|policemen|policeman|gendarmes?|gendarmerie|officers?)\b", re.IGNORECASE)
ARMED_GENERIC = re.compile(
    r"\b(insurgents?|insurgency|militants?|fighters?|gunmen|gunman|rebels?|jihadists?|extremists?|attackers?|"
    r"assailants?|terrorists?|militias?|militiamen|armed (?:men|group|groups)|bombers?|snipers?|gangs?|"
    r"gangsters?|gang members?|bandits?|separatists?|guerrillas?|paramilitaries|hijackers?|kidnappers?)\b",
    re.IGNORECASE)
CIVILIANS = re.compile(
    r"\b(civilians?|villagers?|residents?|people|children|child|women|woman|men|man|students?|worshippers?|"
    r"passengers?|farmers?|journalists?|reporters?|families|family|teachers?|pupils?|patients?|shoppers?|"
    r"pedestrians?|girls?|boys?|aid workers?|workers?|refugees?|displaced|officials?|doctors?|nurses?)\b",
    re.IGNORECASE)
PROTESTERS = re.compile(r"\b(protesters?|protestors?|demonstrators?|marchers?|activists?)\b", re.IGNORECASE)
RIOTERS = re.compile(r"\b(rioters?|mobs?|crowds?)\b", re.IGNORECASE)
COALITION = re.compile(r"\bcoalition\b", re.IGNORECASE)


#: Actor kinds that fight back: violence against one of them is a battle, not violence against
#: civilians.
ARMED_KINDS = frozenset({"state", "police", "nonstate"})


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: name, kind (state, police, nonstate, civilian, protester, rioter), country."""

    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ActorContext:
    """What the article as a whole says about actors: its country and main armed group."""

    country_code: str | None = None
    country: str | None = None
    main_group: str | None = None
    coalition: str | None = None
    attacker: str | None = None  # the foreign state whose forces or weapons the article names most
    #: Short forms the article defines for a movement's name: "National Liberation Army (ELN)".
    short_forms: tuple[tuple[str, str], ...] = ()

    def short_form_group(self, tokens: Iterable[str]) -> str | None:
        """The movement a short form among ``tokens`` stands for ("ELN fighters")."""
        forms = dict(self.short_forms)
        return next((forms[t] for t in tokens if t in forms), None) if forms else None


#: A rebel movement's own name: capitalised words around a word states do not name their
#: forces by ("Balochistan Liberation Army", "Kachin Independence Army", "Patriotic Resistance Front").
_MOVEMENT_NAME = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){0,4}(?:Liberation|Independence|Revolutionary|Resistance|Patriotic|Salvation|"
    r"Mujahideen|Mujahidin)(?:\s+[A-Z][\w'’-]+){0,4}\s+(?:Army|Front|Movement|Forces?|Brigades?|Organi[sz]ation))\b")


#: State forces that kept a movement's name ("People's Liberation Army" is China's army).
_STATE_MOVEMENT_NAMES = re.compile(r"^(?:the\s+)?(?:Chinese\s+)?People[’']?s Liberation Army$", re.IGNORECASE)
#: A country's possessive before a name: "Colombia's National Liberation Army".
_LEADING_POSSESSIVE = re.compile(r"^(?:[A-Z][\w-]*\s+)*?(?!People[’']s)[A-Z][\w-]*[’']s\s+")


def _movement(found: re.Match[str]) -> str | None:
    """The movement's name in a :data:`_MOVEMENT_NAME` match, without a leading article or
    country possessive; None for a state's army with a movement's name or a group the fixed
    list names ("Tigray People's Liberation Front" is counted there)."""
    name = _LEADING_POSSESSIVE.sub("", found.group(1).removeprefix("The "))
    if _STATE_MOVEMENT_NAMES.search(name) or any(rule.regex.search(name) for rule, _ in _GROUP_RULES):
        return None
    return name


#: A short form in brackets right after a name: "(ELN)", "(BLA)".
_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Z0-9-]{1,7})\)")
#: A sentence in which a group disowns an act: "did not claim", "no group has claimed",
#: "denied any involvement", "rejected responsibility", "distanced itself".
_DISOWNED = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+not\s+(?:yet\s+)?claim|\bno\s+(?:group|one|organi[sz]ation)\b[^.!?\n]*\bclaim"
    r"|\b(?:den(?:y|ies|ied)|rejected|disowned)\s+(?:any\s+|all\s+)?(?:responsibility|involvement|role|part|links?)\b"
    r"|\bdistanced\s+(?:itself|themselves)\b", re.IGNORECASE)


def _disowned(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` distances the name from an act."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    right = min((i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0), default=len(text))
    return _DISOWNED.search(text, left, right) is not None


def movement_names(text: str) -> tuple[Counter[str], tuple[tuple[str, str], ...]]:
    """Rebel movements named by their own name in ``text`` (:data:`_MOVEMENT_NAME`): how often
    each is named, by name or by a short form the text defines for it, and those short forms.
    A naming in a sentence that says the movement denied or did not claim an act is not counted."""
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for found in _MOVEMENT_NAME.finditer(text):
        name = _movement(found)
        if name is None:
            continue
        defined = _SHORT_FORM.match(text, found.end())
        if defined and named_group(defined.group(1)) is None:
            forms.setdefault(defined.group(1), name)
        if not _disowned(text, found.start(), found.end()):
            counts[name] += 1
    for short, name in forms.items():
        counts[name] += sum(1 for hit in re.finditer(rf"(?<![\w(]){re.escape(short)}(?![\w)])", text)
                            if not _disowned(text, hit.start(), hit.end()))
    return counts, tuple(forms.items())


def named_group(text: str) -> str | None:
    for rule, name in _GROUP_RULES:
        if rule.regex.search(text):
            return name
    found = _MOVEMENT_NAME.search(text)
    return _movement(found) if found is not None else None


def build_context(text: str, *, country_code: str | None, country: str | None) -> ActorContext:
    """The article's main armed group (most often named) and coalition, if any."""
    counts: Counter[str] = Counter()
    folded = fold(text)
    for rule, name in _GROUP_RULES:
        if name in {"NATO", "Saudi-led Coalition"} or not rule.may_match(folded):
            continue  # not counted, or cannot be named in this text
        hits = len(rule.regex.findall(text))
        if hits:
            counts[name] += hits
    movements, short_forms = movement_names(text)
    counts.update(movements)
    main = counts.most_common(1)[0][0] if counts else None
    coalition = None
    if re.search(r"\bsaudi[- ]led\b|\barab coalition\b", text, re.IGNORECASE):
        coalition = "Saudi-led Coalition"
    elif re.search(r"\bnato\b|\bisaf\b|\binternational security assistance force\b", text, re.IGNORECASE):
        coalition = "NATO"
    elif re.search(r"\bu\.?s\.?[- ]led\b", text, re.IGNORECASE):
        coalition = "US-led Coalition"
    return ActorContext(country_code=country_code, country=country, main_group=main, coalition=coalition,
                        attacker=_foreign_attacker(text, country_code), short_forms=short_forms)


#: A nationality word right before a force or weapon word: "Russian missiles", "Israeli jets".
_ARMED_BY = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:'s)?\s+(?:[a-z-]+\s+)?"
                       r"(?:forces|troops|army|military|missiles?|rockets?|drones?|warplanes|jets|aircraft|"
                       r"artillery|shelling|strikes?|airstrikes?|bombers|soldiers)\b")


def _foreign_attacker(text: str, country_code: str | None) -> str | None:
    """The foreign state named most often with forces or weapons ("Russian missiles"), if it
    is named at least twice: the likely attacker when a sentence says only "missiles struck"."""
    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    counts: Counter[str] = Counter()
    for found in _ARMED_BY.finditer(text):
        code = gaz.demonym_country(found.group(1))
        if code is None:
            place = gaz.country(found.group(1))
            code = place.country_code if place is not None else None
        if code and code != country_code:
            counts[code] += 1
    if not counts:
        return None
    code, hits = counts.most_common(1)[0]
    if hits < 2:
        return None
    from eventwire.geo.geocode import country_name

    return country_name(code)


def nationality(words: Iterable[str]) -> str | None:
    """The first country code named in ``words`` by name, demonym or abbreviation."""
    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    seq = [w for w in words if w.strip()]
    for i, word in enumerate(seq):
        low = word.lower().strip("'’")
        if low in ABBREVIATIONS:
            if not ABBREVIATIONS[low]:
                continue
            if low == "us" and word != "US":
                continue  # the pronoun "us"
            return ABBREVIATIONS[low]
        if not word[:1].isupper():
            continue
        for n in (3, 2, 1):
            phrase = " ".join(seq[i:i + n])
            code = gaz.demonym_country(phrase)
            if code:
                return code
            place = gaz.country(phrase) if n > 1 or len(phrase) > 3 else None
            if place is not None and place.country_code:
                return place.country_code
    return None


def country_label(code: str | None, ctx: ActorContext) -> str | None:
    if not code:
        return ctx.country
    from eventwire.geo.geocode import country_name

    return country_name(code)


_AIRCRAFT_FIGHTER = re.compile(r"\bfighter[\s-]+(?:jets?|planes?|aircraft|bombers?)\b|\bfighter-bombers?\b",
                               re.IGNORECASE)


def resolve(text: str, *, ctx: ActorContext, words: Iterable[str] | None = None) -> Actor | None:
    """Canonical actor for a noun phrase, or None when it names no actor."""
    phrase = " ".join(text.split())
    if not phrase:
        return None
    phrase = _AIRCRAFT_FIGHTER.sub("jet", phrase)  # "an F-16 fighter jet" is an aircraft, not a fighter
    tokens = list(words) if words is not None else re.findall(r"[\w.'’-]+", phrase)
    group = named_group(phrase) or ctx.short_form_group(tokens)
    code = nationality(tokens)
    if group and group not in {"NATO", "Saudi-led Coalition"}:
        return Actor(group, "nonstate")
    if COALITION.search(phrase) and not code:
        return Actor(ctx.coalition or "Coalition Forces", "state")
    if group:
        return Actor(group, "state")
    if POLICE.search(phrase) and not STATE_FORCE.search(phrase.replace("police", "")):
        where = country_label(code, ctx)
        return Actor(f"Police Forces of {where}" if where else "Police Forces", "police", where)
    if STATE_FORCE.search(phrase) and not ARMED_GENERIC.search(phrase):
        if re.search(r"\bsecurity\b", phrase, re.IGNORECASE) and not re.search(r"\b(forces?|personnel|troops)\b",
                                                                       phrase, re.IGNORECASE):
            return None
        if not code and not GROUND_FORCE.search(phrase):
            # "missiles struck Kyiv": a weapon of no stated nationality is not the home army's;
            # it is the article's foreign attacker's when there is one, else unknown.
            return Actor(_military(ctx.attacker), "state", ctx.attacker) if ctx.attacker else None
        where = country_label(code, ctx)
        return Actor(_military(where), "state", where)
    low = {t.lower().strip("'’") for t in tokens}
    if ARMED_GENERIC.search(phrase):
        if ctx.main_group and not low & lx.UNIDENTIFIED_MARKS:
            return Actor(ctx.main_group, "nonstate")  # "militants": the group the article is about
        # "unidentified gunmen": armed, but nobody says whose
        return unidentified(country_label(code, ctx))
    if PROTESTERS.search(phrase):
        where = country_label(code, ctx)
        return Actor(f"Protesters ({where})" if where else "Protesters", "protester", where)
    if RIOTERS.search(phrase):
        where = country_label(code, ctx)
        return Actor(f"Rioters ({where})" if where else "Rioters", "rioter", where)
    if low & lx.ARMED_DRESS and low & lx.PERSON_WORDS:
        return unidentified(country_label(code, ctx))  # "uniformed men", "men in hoods"
    if CIVILIANS.search(phrase):
        where = country_label(code, ctx) if code else ctx.country
        return Actor(f"Civilians ({where})" if where else "Civilians", "civilian", where)
    if code and len(tokens) <= 3:
        # a country acting: "Russia launched", "the United States struck"
        where = country_label(code, ctx)
        return Actor(_military(where), "state", where)
    return None


def unidentified(where: str | None) -> Actor:
    """Armed people nobody names: ``Unidentified Armed Group (<Country>)``."""
    return Actor(f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group", "nonstate", where)


def _military(where: str | None) -> str:
    if not where:
        return "Military Forces"
    article = "the " if where in _THE_COUNTRIES else ""
    return f"Military Forces of {article}{where}"


_THE_COUNTRIES = frozenset({
    "United States", "United Kingdom", "United Arab Emirates", "Democratic Republic of the Congo",
    "Central African Republic", "Philippines", "Netherlands", "Gambia", "Bahamas",
})


#: The names :func:`resolve` gives, read back: "Military Forces of the Sudan", "Civilians (Mali)".
_FORCES_NAME = re.compile(r"^(Military|Police) Forces(?: of (?:the )?(.+))?$")
_PEOPLE_NAME = re.compile(r"^(Civilians|Protesters|Rioters|Unidentified Armed Group)(?: \((.+)\))?$")
_PEOPLE_KIND = {"Civilians": "civilian", "Protesters": "protester", "Rioters": "rioter",
                "Unidentified Armed Group": "nonstate"}
#: Named forces that :func:`resolve` counts as states' (a coalition of states, an alliance).
STATE_GROUPS = frozenset({"NATO", "Saudi-led Coalition", "Coalition Forces"})


def actor_kind(name: str | None) -> Actor | None:
    """The :class:`Actor` (kind and country) a canonical name from :func:`resolve` stands for.

    None for a name this module does not give (an analyst's free text, say): its kind is unknown.
    """
    if not name:
        return None
    forces = _FORCES_NAME.match(name)
    if forces:
        return Actor(name, "state" if forces.group(1) == "Military" else "police", forces.group(2))
    people = _PEOPLE_NAME.match(name)
    if people:
        return Actor(name, _PEOPLE_KIND[people.group(1)], people.group(2))
    if name in STATE_GROUPS:
        return Actor(name, "state")
    if name in {group for _, group in ARMED_GROUPS} or _MOVEMENT_NAME.fullmatch(name):
        return Actor(name, "nonstate")
    return None
