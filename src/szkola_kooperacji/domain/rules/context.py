"""What every rule sees: the case, the Lista, and the diagnosis and contract under review."""

from __future__ import annotations

from dataclasses import dataclass

from ..case import Case
from ..codes import CLIENT_SIDE, SOCIAL_ASSISTANCE_SECTORS, ClientGroup, Level, Sector
from ..contract import Action, Contract, Goal
from ..diagnosis import Diagnosis
from ..directory import Institution, Service, ServiceDirectory


@dataclass(frozen=True)
class RuleContext:
    """Inputs of one rule run; rules read it and never change it."""

    case: Case
    directory: ServiceDirectory
    diagnosis: Diagnosis
    contract: Contract

    def institution_of(self, action: Action) -> Institution | None:
        """Return the action's institution from the Lista, or None when absent or unknown."""
        if action.institution_id is None:
            return None
        return self.directory.institution(action.institution_id)

    def service_of(self, action: Action) -> Service | None:
        """Return the action's service, or None when its institution does not offer it."""
        institution = self.institution_of(action)
        if institution is None or action.service_id is None:
            return None
        return institution.service(action.service_id)

    def beneficiary_groups(self, action: Action) -> dict[str, frozenset[ClientGroup]]:
        """Return the client groups of each family member the action concerns.

        When an action names nobody, it concerns the contract's client.
        """
        member_ids = action.member_ids or ([self.contract.client_member_id] if self.contract.client_member_id else [])
        groups: dict[str, frozenset[ClientGroup]] = {}
        for member_id in member_ids:
            member = self.case.member(member_id)
            if member is not None:
                groups[member_id] = member.client_groups()
        return groups

    def sectors_used(self) -> set[Sector]:
        """Return the sectors of all institutions the contract's actions name."""
        return {i.sector for a in self.contract.actions if (i := self.institution_of(a)) is not None}

    def sectors_besides_social_assistance(self) -> set[Sector]:
        """Return the sectors used other than social assistance (the family support system counts as it)."""
        return self.sectors_used() - SOCIAL_ASSISTANCE_SECTORS

    def aims_at_person_using_violence(self, goal: Goal) -> bool:
        """Whether a goal is about the behaviour of a person using violence.

        The signal: every action of the goal carried out by the worker or an
        institution concerns only members in the group ``osoby_stosujace_przemoc``.
        """
        others = [a for a in self.contract.actions_for_goal(goal.id) if a.responsible not in CLIENT_SIDE]
        concerned = {member_id for a in others for member_id in a.member_ids}
        if not others or not concerned:
            return False
        return all(
            (member := self.case.member(member_id)) is not None
            and ClientGroup.OSOBY_STOSUJACE_PRZEMOC in member.client_groups()
            for member_id in concerned
        )

    def levels_used(self) -> set[Level]:
        """Return the levels of all institutions the contract's actions name."""
        return {i.level for a in self.contract.actions if (i := self.institution_of(a)) is not None}
