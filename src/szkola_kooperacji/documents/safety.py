"""What must stay off the copy a victim of domestic violence takes home.

The person using violence may find the client's copy. In a case that shows domestic violence
(art. 7 reason ``przemoc_domowa`` in the case or in the diagnosis) where a signing party
belongs to the group ``osoby_doznajace_przemocy``, the document moves into a worker-only annex:

- needs in the area ``bezpieczenstwo`` and needs of the person using violence (group
  ``osoby_stosujace_przemoc``);
- goals serving such a need, and every action of such a goal;
- actions concerning the person using violence, actions of the zespół interdyscyplinarny
  (the plan pomocy of the procedura „Niebieskie Karty”);
- any goal or action whose text names a safety arrangement (``SAFETY_MARKERS``: a safety plan,
  a shelter, a packed bag, a meeting "bez obecności" of someone);
- any other free text of the contract that names such an arrangement (``ClientCopy``);
- the contract's own note on where it was signed (it may say "bez obecności męża").

The rules are derived from the case data, so a trainee's draft is protected without the
trainee having to flag anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.case import ADULT_AGE, Case
from ..domain.codes import Area, Art7Reason, ClientGroup
from ..domain.contract import Action, Contract, Goal
from ..domain.diagnosis import Diagnosis, Need
from ..domain.directory import InstitutionType, ServiceDirectory

SAFETY_MARKERS: tuple[str, ...] = (
    "plan bezpieczeństwa",
    "planu bezpieczeństwa",
    "bez obecności",
    "spakowan",
    "schroni",
    "hostel",
    "kryjów",
    "niebieska karta",
    "niebieskiej karty",
    "niebieskie karty",
    "niebieskich kart",
)
"""Lower-case fragments of text that describe how a victim keeps safe; matched case-insensitively."""

CONFIDENTIAL_INSTITUTIONS = frozenset({InstitutionType.ZESPOL_INTERDYSCYPLINARNY})
"""Institutions whose work with the family is confidential by statute (art. 9c of the
ustawa o przeciwdziałaniu przemocy domowej)."""


def names_safety_arrangement(text: str) -> bool:
    """Tell whether ``text`` mentions one of the ``SAFETY_MARKERS``."""
    lowered = text.lower()
    return any(marker in lowered for marker in SAFETY_MARKERS)


@dataclass(frozen=True)
class Protection:
    """Who is protected in this contract, and which of its parts the client's copy leaves out."""

    victims: frozenset[str]
    """Ids of signing parties who experience domestic violence; empty when nobody is protected."""
    violent: frozenset[str]
    """Ids of household members who use violence."""
    needs: frozenset[str]
    goals: frozenset[str]
    actions: frozenset[str]

    @property
    def active(self) -> bool:
        """Tell whether a victim signs: then a worker-only annex exists and art. 11 ust. 2 is not cited."""
        return bool(self.victims)

    def hides_need(self, need: Need) -> bool:
        """Tell whether ``need`` goes to the worker-only annex."""
        return need.id in self.needs

    def hides_goal(self, goal: Goal) -> bool:
        """Tell whether ``goal`` goes to the worker-only annex."""
        return goal.id in self.goals

    def hides_action(self, action: Action) -> bool:
        """Tell whether ``action`` goes to the worker-only annex."""
        return action.id in self.actions


@dataclass
class ClientCopy:
    """Filters the free texts of the contract for the client's copy and keeps what it moved.

    A text that names a safety arrangement (a review "bez obecności męża", a note on the
    procedure) is replaced by ``MOVED`` and printed in the worker-only annex instead.
    """

    guard: Protection
    moved: list[tuple[str, str]] = field(default_factory=list)

    def text(self, label: str, value: str) -> str:
        """Return ``value`` for the client's copy, or ``MOVED`` after keeping it for the annex."""
        if self.guard.active and names_safety_arrangement(value):
            self.moved.append((label, value))
            return MOVED
        return value

    def items(self, label: str, values: list[str]) -> list[str]:
        """Return the items of a list that may go on the client's copy; keep the others for the annex."""
        return [value for value in values if self.text(label, value) != MOVED]


MOVED = "(zapisano w załączniku nr 3, który przechowuje ośrodek)"


def shows_domestic_violence(case: Case, diagnosis: Diagnosis) -> bool:
    """Tell whether the case file or the trainee's diagnosis names domestic violence (art. 7 pkt 7)."""
    reasons = set(case.art7) | {reason for need in diagnosis.needs for reason in need.art7}
    return Art7Reason.PRZEMOC_DOMOWA in reasons


def signing_parties(case: Case, contract: Contract) -> list[str]:
    """Return the ids of the client and the adult family members who sign, client first."""
    ids = [contract.client_member_id] if contract.client_member_id else []
    for member_id in contract.family_member_ids:
        member = case.member(member_id)
        if member is not None and member.age >= ADULT_AGE and member_id not in ids:
            ids.append(member_id)
    return ids


def protection(case: Case, diagnosis: Diagnosis, contract: Contract, directory: ServiceDirectory) -> Protection:
    """Work out what the client's copy of ``contract`` leaves out (nothing when nobody is protected)."""
    in_group = {
        group: frozenset(m.id for m in case.members if group in m.groups)
        for group in (ClientGroup.OSOBY_DOZNAJACE_PRZEMOCY, ClientGroup.OSOBY_STOSUJACE_PRZEMOC)
    }
    victims = frozenset(signing_parties(case, contract)) & in_group[ClientGroup.OSOBY_DOZNAJACE_PRZEMOCY]
    if not victims or not shows_domestic_violence(case, diagnosis):
        return Protection(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
    violent = in_group[ClientGroup.OSOBY_STOSUJACE_PRZEMOC]
    needs = frozenset(
        n.id
        for n in diagnosis.needs
        if n.area == Area.BEZPIECZENSTWO or violent & set(n.member_ids) or names_safety_arrangement(n.statement)
    )
    goals = frozenset(g.id for g in contract.goals if needs & set(g.need_ids) or names_safety_arrangement(g.text))
    actions = frozenset(a.id for a in contract.actions if _hidden_action(a, goals, violent, directory))
    return Protection(victims, violent, needs, goals, actions)


def _hidden_action(action: Action, goals: frozenset[str], violent: frozenset[str], directory: ServiceDirectory) -> bool:
    institution = directory.institution(action.institution_id) if action.institution_id else None
    return (
        action.goal_id in goals
        or bool(violent & set(action.member_ids))
        or action.responsible_member_id in violent
        or (institution is not None and institution.type in CONFIDENTIAL_INSTITUTIONS)
        or names_safety_arrangement(action.text)
    )
