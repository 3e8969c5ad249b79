"""The event taxonomy: one table of the 25 sub-event types and what the code asks of them.

Every other module asks this table for a type's event type, disorder type or
properties; the learned recogniser's labels are its rows, in this order. The
names and their meanings are the project's coding rules
(``../shared/design/TAXONOMY.md``, the ACLED taxonomy in our own words).

    SubEventType   one row: name, event type, disorder type, properties
    SUB_EVENT_TYPES  the 25 rows, in the codebook's order
    EVENT_TYPE_OF    sub-event type name -> event type name
    EVENT_TYPES      the six event types, in order
    VIOLENT, VIOLENT_EVENT_TYPES, REMOTE_TYPES, STATE_WEAPONS, SCENE_TYPES
                     the sub-event (or event) types that have a property

Each name has a constant (``ARMED_CLASH``, ``BATTLES``, ...): other modules write
the constant, never the name.
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: The six event types, in the codebook's order.
EVENT_TYPES: tuple[str, ...] = (BATTLES, REMOTE, VAC, PROTESTS, RIOTS, STRATEGIC)

#: ACLED's disorder types (the codebook's "disorder_type" column).
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"


#: The 25 sub-event type names (the codebook's spelling); the table below gives each its row.
ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
SUICIDE_BOMB = "Suicide bomb"
GRENADE = "Grenade"
CHEMICAL_WEAPON = "Chemical weapon"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL_VIOLENCE = "Sexual violence"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
BASE_ESTABLISHED = "Headquarters or base established"
LOOTING = "Looting/property destruction"
TERRITORY_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One sub-event type.

    ``violent``: the event is political violence (battles, remote violence, violence
    against civilians, riots); ``remote``: done from a distance (no attacker at the
    scene); ``state_weapon``: a weapon armed groups rarely have (its sender is left
    unknown rather than guessed); ``scene``: a non-violent development that a
    follow-up sentence about an operation may report (arrests, a defused bomb).
    """

    name: str
    event_type: str
    disorder_type: str
    violent: bool = False
    remote: bool = False
    state_weapon: bool = False
    scene: bool = False


_PV, _DEM, _SD = POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC_DEVELOPMENTS

#: The 25 sub-event types in the codebook's order (the recogniser's label order).
SUB_EVENT_TYPES: tuple[SubEventType, ...] = (
    SubEventType(ARMED_CLASH, BATTLES, _PV, violent=True),
    SubEventType(GOVERNMENT_REGAINS, BATTLES, _PV, violent=True),
    SubEventType(NON_STATE_OVERTAKES, BATTLES, _PV, violent=True),
    SubEventType(AIR_STRIKE, REMOTE, _PV, violent=True, remote=True, state_weapon=True),
    SubEventType(SHELLING, REMOTE, _PV, violent=True, remote=True, state_weapon=True),
    SubEventType(REMOTE_EXPLOSIVE, REMOTE, _PV, violent=True, remote=True),
    SubEventType(SUICIDE_BOMB, REMOTE, _PV, violent=True),
    SubEventType(GRENADE, REMOTE, _PV, violent=True),
    SubEventType(CHEMICAL_WEAPON, REMOTE, _PV, violent=True),
    SubEventType(ATTACK, VAC, _PV, violent=True),
    SubEventType(ABDUCTION, VAC, _PV, violent=True),
    SubEventType(SEXUAL_VIOLENCE, VAC, _PV, violent=True),
    SubEventType(PEACEFUL_PROTEST, PROTESTS, _DEM),
    SubEventType(PROTEST_WITH_INTERVENTION, PROTESTS, _DEM),
    # lethal force against demonstrators is both a demonstration and political violence
    SubEventType(EXCESSIVE_FORCE, PROTESTS, f"{_PV}; {_DEM}"),
    SubEventType(VIOLENT_DEMONSTRATION, RIOTS, _DEM, violent=True),
    SubEventType(MOB_VIOLENCE, RIOTS, _PV, violent=True),
    SubEventType(AGREEMENT, STRATEGIC, _SD),
    SubEventType(ARRESTS, STRATEGIC, _SD, scene=True),
    SubEventType(CHANGE_TO_GROUP, STRATEGIC, _SD),
    SubEventType(DISRUPTED_WEAPONS_USE, STRATEGIC, _SD, scene=True),
    SubEventType(BASE_ESTABLISHED, STRATEGIC, _SD),
    SubEventType(LOOTING, STRATEGIC, _SD),
    SubEventType(TERRITORY_TRANSFER, STRATEGIC, _SD),
    SubEventType(OTHER, STRATEGIC, _SD),
)

#: Sub-event type name -> its row.
BY_NAME: dict[str, SubEventType] = {t.name: t for t in SUB_EVENT_TYPES}
#: Sub-event type name -> event type name.
EVENT_TYPE_OF: dict[str, str] = {t.name: t.event_type for t in SUB_EVENT_TYPES}
#: The sub-event names, in label order.
NAMES: tuple[str, ...] = tuple(t.name for t in SUB_EVENT_TYPES)

#: The sub-event types that are political violence.
VIOLENT: frozenset[str] = frozenset(t.name for t in SUB_EVENT_TYPES if t.violent)
#: The event types whose sub-event types are violent (battles, remote violence, violence
#: against civilians, riots; a protest is not, even one met with force).
VIOLENT_EVENT_TYPES: frozenset[str] = frozenset(t.event_type for t in SUB_EVENT_TYPES if t.violent)
#: Sub-event types done from a distance (no attacker at the scene).
REMOTE_TYPES: frozenset[str] = frozenset(t.name for t in SUB_EVENT_TYPES if t.remote)
#: Remote violence that armed groups rarely have: its sender is left unknown rather than guessed.
STATE_WEAPONS: frozenset[str] = frozenset(t.name for t in SUB_EVENT_TYPES if t.state_weapon)
#: Non-violent developments that a follow-up sentence about an operation may report.
SCENE_TYPES: frozenset[str] = frozenset(t.name for t in SUB_EVENT_TYPES if t.scene)


def event_type(sub_event_type: str) -> str:
    """The event type of a sub-event type (KeyError for an unknown name)."""
    return EVENT_TYPE_OF[sub_event_type]


def disorder_type(sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type."""
    return BY_NAME[sub_event_type].disorder_type
