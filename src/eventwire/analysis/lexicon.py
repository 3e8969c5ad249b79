"""Word lists that drive event extraction: triggers, weapons, targets.

Plain data, kept apart from the logic in :mod:`eventwire.extraction.extract` so that a
reviewer can read what eventwire looks for without reading how. Each trigger
lemma maps to a *kind*, a coarse action class; ``extract.classify`` turns a kind
and its context (who acts, what is hit, with which weapon) into one of the 25
sub-event types of the taxonomy.
"""

from __future__ import annotations

from typing import Any

# --- triggers -----------------------------------------------------------------------------------------

VERB_KINDS: dict[str, str] = {
    # remote violence
    "strike": "strike", "bomb": "bomb", "shell": "shell", "bombard": "shell", "pound": "shell",
    "detonate": "explode", "explode": "explode",
    # fighting
    "attack": "attack", "assault": "attack", "storm": "attack", "ambush": "attack", "raid": "raid",
    "fight": "fight", "clash": "fight", "battle": "fight", "engage": "fight",
    # violence
    "kill": "kill", "murder": "kill", "massacre": "kill", "behead": "kill", "execute": "kill",
    "shoot": "shoot", "gun": "shoot",
    # territory
    "capture": "capture", "seize": "capture", "overrun": "capture", "conquer": "capture", "occupy": "capture",
    "take": "take", "fall": "fall",
    "retake": "retake", "recapture": "retake", "regain": "retake", "liberate": "retake", "reclaim": "retake",
    # people
    "detain": "detain", "arrest": "detain", "apprehend": "detain",
    "kidnap": "abduct", "abduct": "abduct",
    "rape": "sexual",
    # crowds
    "protest": "protest", "demonstrate": "protest", "rally": "protest",
    "riot": "riot", "lynch": "mob",
    # property and weapons
    "loot": "loot", "pillage": "loot", "torch": "loot", "raze": "loot", "ransack": "loot", "burn": "burn",
    "defuse": "defuse", "dismantle": "defuse", "intercept": "intercept",
    # strategic
    "withdraw": "withdraw", "cede": "withdraw", "hand": "hand", "surrender": "surrender",
    "deploy": "deploy", "send": "deploy", "dispatch": "deploy",
    "sign": "sign", "agree": "agree",
}

#: Past forms the tagger sometimes leaves unlemmatised ("retook" tagged as a base form).
IRREGULAR_PAST = {"retook": "retake", "overran": "overrun", "shot": "shoot", "fought": "fight",
                  "struck": "strike", "blew": "blow", "overtook": "overtake", "took": "take", "fled": "flee",
                  "slew": "slay", "bombarded": "bombard", "stormed": "storm", "seized": "seize"}

NOUN_KINDS: dict[str, str] = {
    "airstrike": "air", "air-strike": "air", "airstrikes": "air", "bombing": "bomb", "strike": "strike",
    "raid": "raid", "sortie": "air",
    "shelling": "shell", "bombardment": "shell", "barrage": "shell",
    "explosion": "explode", "blast": "explode",
    "clash": "fight", "fighting": "fight", "battle": "fight", "gunbattle": "fight", "firefight": "fight",
    "gunfight": "fight", "skirmish": "fight", "offensive": "offensive",
    "attack": "attack", "assault": "attack", "ambush": "attack", "incursion": "attack",
    "massacre": "kill", "killing": "kill",
    "fall": "fall", "capture": "capture", "takeover": "capture", "conquest": "capture", "seizure": "capture",
    "recapture": "retake", "liberation": "retake",
    "arrest": "detain", "detention": "detain",
    "kidnapping": "abduct", "abduction": "abduct",
    "protest": "protest", "demonstration": "protest", "rally": "protest", "sit-in": "protest",
    "riot": "riot", "unrest": "riot",
    "looting": "loot", "arson": "loot",
    "ceasefire": "truce", "cease-fire": "truce", "truce": "truce",
    "deployment": "deploy",
}

#: Multi-word verbs: (verb lemma, particle) -> kind.
PHRASAL: dict[tuple[str, str], str] = {
    ("take", "over"): "capture", ("hand", "over"): "handover", ("blow", "up"): "explode",
    ("go", "off"): "explode", ("open", "fire"): "shoot", ("shoot", "down"): "intercept",
    ("set", "up"): "establish", ("round", "up"): "detain", ("pull", "out"): "withdraw",
    ("gun", "down"): "shoot", ("set", "fire"): "burn",
}

# --- what a trigger's arguments look like -------------------------------------------------------------

AIR_WORDS = frozenset({
    "aircraft", "warplane", "warplanes", "jet", "jets", "plane", "planes", "helicopter", "helicopters",
    "gunship", "gunships", "drone", "drones", "bomber", "bombers", "air", "aerial", "airstrike",
    "airstrikes", "airpower", "uav", "uavs", "b-52", "f-16", "su-25", "air force",
})
SHELL_WORDS = frozenset({
    "artillery", "mortar", "mortars", "rocket", "rockets", "missile", "missiles", "shell", "shells",
    "howitzer", "howitzers", "cannon", "grad", "katyusha", "ballistic", "cruise", "projectile",
    "projectiles", "shelling", "barrage", "himars",
})
EXPLOSIVE_WORDS = frozenset({
    "bomb", "bombs", "ied", "ieds", "mine", "mines", "landmine", "landmines", "explosive", "explosives",
    "device", "devices", "roadside", "car", "vbied", "booby", "booby-trap",
})
#: Verbs that are a strike only when a weapon is their subject ("a missile hit", "shells slammed into").
IMPACT_VERBS = frozenset({"hit", "slam", "smash", "rock", "pound", "tear", "rain"})
#: Verbs that are a strike when a weapon is their subject or object ("artillery fired", "launched missiles").
LAUNCH_VERBS = frozenset({"fire", "launch", "lob", "unleash"})
SUICIDE_WORDS = frozenset({"suicide", "self-detonated", "martyrdom"})
GRENADE_WORDS = frozenset({"grenade", "grenades"})
CHEMICAL_WORDS = frozenset({"chemical", "chlorine", "sarin", "mustard", "nerve", "toxic"})
WEAPON_CACHE_WORDS = frozenset({
    "weapon", "weapons", "cache", "caches", "ammunition", "arms", "explosive", "explosives", "bomb",
    "bombs", "ied", "ieds", "rifle", "rifles", "munitions", "materials", "drugs", "opium", "mine", "mines",
    "device", "devices", "rocket", "rockets", "missile", "missiles", "drone", "drones", "grenade",
    "grenades", "ak-47", "ak-47s", "pistol", "pistols",
})

#: Nouns that denote territory or a position that can change hands.
TERRITORY_WORDS = frozenset({
    "city", "cities", "town", "towns", "village", "villages", "district", "districts", "province",
    "provinces", "capital", "capitals", "base", "bases", "headquarters", "hq", "checkpoint", "checkpoints",
    "post", "posts", "outpost", "outposts", "airport", "airfield", "area", "areas", "territory",
    "region", "border", "crossing", "garrison", "barracks", "compound", "camp", "position", "positions",
    "stronghold", "hill", "bridge", "port", "neighbourhood", "neighborhood", "suburb", "outskirts",
    "settlement", "oblast", "state", "governorate", "county", "municipality", "control",
    "palace", "ministry", "ministries", "refinery", "dam", "harbour", "harbor", "station", "island", "islands",
    "valley", "pass", "highway", "road", "quarter", "township", "commune", "sector", "front", "line", "lines",
})
#: Nouns for people who can be detained, abducted or killed.
PERSON_WORDS = frozenset({
    "people", "person", "persons", "man", "men", "woman", "women", "child", "children", "civilian",
    "civilians", "resident", "residents", "villager", "villagers", "student", "students", "worker",
    "workers", "suspect", "suspects", "insurgent", "insurgents", "militant", "militants", "fighter",
    "fighters", "leader", "leaders", "commander", "commanders", "member", "members", "facilitator",
    "facilitators", "individual", "individuals", "soldier", "soldiers", "official", "officials",
    "journalist", "journalists", "passenger", "passengers", "hostage", "hostages", "worshipper",
    "worshippers", "farmer", "farmers", "teacher", "teachers", "girl", "girls", "boy", "boys",
    "protester", "protesters", "demonstrator", "demonstrators", "activist", "activists", "policeman",
    "policemen", "officer", "officers", "guard", "guards", "trooper", "troopers", "operative",
    "operatives", "financier", "emir", "chief", "bomber", "bombers", "maker", "makers", "smuggler",
    "smugglers", "associate", "associates", "aid", "others", "cell", "pilot", "crew", "occupant",
    "occupants", "driver", "drivers", "gunman", "gunmen", "attacker", "attackers", "rebel", "rebels",
    "recruit", "recruits", "sympathiser", "sympathisers", "sympathizer", "sympathizers",
})
TROOP_WORDS = frozenset({
    "troops", "soldiers", "marines", "battalion", "battalions", "brigade", "brigades", "forces",
    "paratroopers", "personnel", "servicemembers", "contingent", "reinforcements", "division", "units",
})
AGREEMENT_WORDS = frozenset({
    "agreement", "deal", "accord", "ceasefire", "cease-fire", "truce", "treaty", "pact", "armistice",
})

#: Verbs and nouns whose complement is not (yet) a fact: plans, threats, attempts, denials.
NONFACTUAL_GOVERNORS = frozenset({
    "plan", "threaten", "vow", "warn", "aim", "intend", "want", "hope", "seek", "prepare", "promise",
    "pledge", "propose", "consider", "expect", "predict", "fear", "deny", "refuse", "attempt", "try",
    "prevent", "avoid", "stop", "halt", "urge", "demand", "need", "able", "unable", "ready", "likely",
    "possible", "threat", "risk", "possibility", "prospect", "ability", "call", "ask", "order", "decline",
    "authorize", "authorise", "approve", "reject", "ban", "forbid", "prohibit",
    # a person's role, not a dated event: "responsible for attacks", "involved in the planning of"
    "planning", "responsible", "involve", "accuse", "suspect", "facilitate", "coordinate", "direct",
    "plot", "orchestrate", "mastermind", "known", "specialize", "specialise",
})
#: Governors that make the complement true ("went on to seize", "managed to retake").
IMPLICATIVE = frozenset({"manage", "go", "proceed", "succeed"})
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'ll", "wo"})
HEDGE_ADVERBS = frozenset({"nearly", "almost", "never", "not", "no", "hardly"})
#: Adverbs that turn a report into a habit: aggregates and habits are not single events.
HABITUAL_ADVERBS = frozenset({"often", "usually", "frequently", "regularly", "routinely", "sometimes",
                              "typically", "generally", "normally", "habitually", "occasionally", "commonly"})
#: Subjects that make a present-perfect kill a running total, not one event:
#: "the violence has killed tens of thousands", "the war has displaced millions".
AGGREGATE_SUBJECTS = frozenset({"violence", "conflict", "war", "insurgency", "fighting", "crisis", "unrest",
                                "uprising", "campaign", "bloodshed", "civil war", "hostilities"})
SPEECH_VERBS = frozenset({
    "say", "tell", "announce", "confirm", "report", "state", "add", "claim", "tweet", "write", "allege",
    "accuse", "describe", "post", "note", "explain", "acknowledge", "admit", "insist", "declare",
    "publicize", "publicise", "quote", "cite", "indicate", "suggest",
})


#: Determiners and possessives by which a noun points at something already told
#: ("the raid", "this attack", "their offensive").
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def definite(tok: Any) -> bool:
    """Whether a noun (a spaCy token) carries a definite determiner or a possessive."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_DETS for c in tok.children)
