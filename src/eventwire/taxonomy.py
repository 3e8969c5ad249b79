"""The event taxonomy: one table of the 25 sub-event types and what the code asks of them.

Every other module asks this table for a type's event type, disorder type or
properties; the learned recogniser's labels are its rows, in this order. The
names and their meanings are the project's coding rules
(``../shared/design/TAXONOMY.md``, the ACLED taxonomy in our own words).

    SubEventType   one row: name, event type, disorder type, properties
    SUB_EVENT_TYPES  the 25 rows, in the codebook's order
    EVENT_TYPE_OF    sub-event type name -> event type name
    EVENT_TYPES      the six event types, in order
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
    SubEventType("Armed clash", BATTLES, _PV, violent=True),
    SubEventType("Government regains territory", BATTLES, _PV, violent=True),
    SubEventType("Non-state actor overtakes territory", BATTLES, _PV, violent=True),
    SubEventType("Air/drone strike", REMOTE, _PV, violent=True, remote=True, state_weapon=True),
    SubEventType("Shelling/artillery/missile attack", REMOTE, _PV, violent=True, remote=True, state_weapon=True),
    SubEventType("Remote explosive/landmine/IED", REMOTE, _PV, violent=True, remote=True),
    SubEventType("Suicide bomb", REMOTE, _PV, violent=True),
    SubEventType("Grenade", REMOTE, _PV, violent=True),
    SubEventType("Chemical weapon", REMOTE, _PV, violent=True),
    SubEventType("Attack", VAC, _PV, violent=True),
    SubEventType("Abduction/forced disappearance", VAC, _PV, violent=True),
    SubEventType("Sexual violence", VAC, _PV, violent=True),
    SubEventType("Peaceful protest", PROTESTS, _DEM),
    SubEventType("Protest with intervention", PROTESTS, _DEM),
    # lethal force against demonstrators is both a demonstration and political violence
    SubEventType("Excessive force against protesters", PROTESTS, f"{_PV}; {_DEM}"),
    SubEventType("Violent demonstration", RIOTS, _DEM, violent=True),
    SubEventType("Mob violence", RIOTS, _PV, violent=True),
    SubEventType("Agreement", STRATEGIC, _SD),
    SubEventType("Arrests", STRATEGIC, _SD, scene=True),
    SubEventType("Change to group/activity", STRATEGIC, _SD),
    SubEventType("Disrupted weapons use", STRATEGIC, _SD, scene=True),
    SubEventType("Headquarters or base established", STRATEGIC, _SD),
    SubEventType("Looting/property destruction", STRATEGIC, _SD),
    SubEventType("Non-violent transfer of territory", STRATEGIC, _SD),
    SubEventType("Other", STRATEGIC, _SD),
)

#: Sub-event type name -> its row.
BY_NAME: dict[str, SubEventType] = {t.name: t for t in SUB_EVENT_TYPES}
#: Sub-event type name -> event type name.
EVENT_TYPE_OF: dict[str, str] = {t.name: t.event_type for t in SUB_EVENT_TYPES}
#: The sub-event names, in label order.
NAMES: tuple[str, ...] = tuple(t.name for t in SUB_EVENT_TYPES)


def event_type(sub_event_type: str) -> str:
    """The event type of a sub-event type (KeyError for an unknown name)."""
    return EVENT_TYPE_OF[sub_event_type]


def disorder_type(sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type."""
    return BY_NAME[sub_event_type].disorder_type
