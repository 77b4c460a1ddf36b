"""The cooperation map of a case: the family, the institutions around it and the actions that bind them.

Pure data for the dashboard and the contract document to draw: each institution with its sector
and level, whether it helped the family before the contract (history) or the contract brings it
in, and one edge per action and household member it concerns.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .case import Case
from .codes import Level, Sector
from .contract import Contract
from .directory import ServiceDirectory
from .text import shorten


class PersonNode(BaseModel):
    """A household member on the map."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    role: str
    is_client: bool


class InstitutionNode(BaseModel):
    """An institution on the map, placed by sector and level."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    sector: Sector
    level: Level
    before_contract: bool
    in_contract: bool


class MapEdge(BaseModel):
    """One action of the contract: which institution does it for which household member."""

    model_config = ConfigDict(frozen=True)

    institution_id: str
    member_id: str
    action_id: str
    label: str


class CooperationMap(BaseModel):
    """Everything a drawing of the map needs, in a stable order."""

    model_config = ConfigDict(frozen=True)

    people: tuple[PersonNode, ...]
    institutions: tuple[InstitutionNode, ...]
    edges: tuple[MapEdge, ...]

    @property
    def sectors(self) -> set[Sector]:
        """Sectors of the institutions the contract engages."""
        return {i.sector for i in self.institutions if i.in_contract}

    @property
    def levels(self) -> set[Level]:
        """Levels of the institutions the contract engages."""
        return {i.level for i in self.institutions if i.in_contract}


def cooperation_map(case: Case, directory: ServiceDirectory, contract: Contract) -> CooperationMap:
    """Build the map of ``contract`` (a trainee's draft or the expert reference) for ``case``.

    Institutions unknown to the Lista are left out: the rules already report them.
    """
    client = contract.client_member_id
    people = tuple(PersonNode(id=m.id, label=m.name, role=m.role, is_client=m.id == client) for m in case.members)
    before = {e.institution_id for e in case.history if e.institution_id}
    engaged = [a.institution_id for a in contract.actions if a.institution_id]
    if contract.ops_institution_id:
        engaged.append(contract.ops_institution_id)
    institutions: list[InstitutionNode] = []
    for institution_id in dict.fromkeys([*sorted(before), *engaged]):
        institution = directory.institution(institution_id)
        if institution is None:
            continue
        institutions.append(
            InstitutionNode(
                id=institution.id,
                label=institution.name,
                sector=institution.sector,
                level=institution.level,
                before_contract=institution.id in before,
                in_contract=institution.id in engaged,
            )
        )
    known = {i.id for i in institutions}
    members = {m.id for m in case.members}
    edges = tuple(
        MapEdge(
            institution_id=action.institution_id, member_id=member_id, action_id=action.id, label=shorten(action.text)
        )
        for action in contract.actions
        if action.institution_id in known
        for member_id in dict.fromkeys(action.member_ids or ([client] if client else []))
        if member_id in members and action.institution_id is not None
    )
    return CooperationMap(people=people, institutions=tuple(institutions), edges=edges)
