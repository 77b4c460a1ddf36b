"""A training case: a fictional family's file from a GOPS, with its expert reference."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, Name, ShortText
from .codes import (
    Area,
    Art7Reason,
    ClientGroup,
    Difficulty,
    EvidenceKind,
    Level,
)
from .contract import Contract
from .diagnosis import Diagnosis
from .sharing import KnowledgeItem

ADULT_AGE = 18
SENIOR_AGE = 65


class HouseholdMember(DomainModel):
    """A member of the family (fictional: first name and initial only, never a PESEL)."""

    id: Identifier
    name: Name = Field(description="Fikcyjne imię i inicjał, np. 'Jan K.'.")
    role: Name = Field(description="Rola w rodzinie, np. 'wnioskodawca', 'żona', 'syn'.")
    age: int = Field(ge=0, le=120)
    lives_in_household: bool = True
    groups: list[ClientGroup] = Field(
        default_factory=list,
        max_length=20,
        description="Grupy klientów (poza wynikającymi z wieku), do dopasowania usług.",
    )

    def client_groups(self) -> frozenset[ClientGroup]:
        """Return the declared groups plus those that follow from age."""
        derived = {ClientGroup.WSZYSCY}
        if self.age < ADULT_AGE:
            derived.add(ClientGroup.DZIECI_MLODZIEZ)
        else:
            derived.add(ClientGroup.DOROSLI)
        if self.age >= SENIOR_AGE:
            derived.add(ClientGroup.SENIORZY)
        return frozenset(derived | set(self.groups))


class InterviewFinding(DomainModel):
    """One finding of the rodzinny wywiad środowiskowy, in one area of life."""

    id: Identifier
    area: Area
    source: EvidenceKind
    text: LongText = Field(min_length=1)
    member_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)


class Strength(DomainModel):
    """A strength or resource of the family (zasoby, mocne strony)."""

    id: Identifier
    text: LongText = Field(min_length=1)
    member_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)


class HelpEpisode(DomainModel):
    """Help the family received before, and from whom (historia pomocy)."""

    period: ShortText = Field(min_length=1, description="Np. '2022–2024' albo 'od 2023'.")
    institution_id: Identifier | None = None
    text: LongText = Field(min_length=1)
    ongoing: bool = False


class ExpertReference(DomainModel):
    """The trainers' reference diagnosis and contract for a case; never shown to trainees."""

    diagnosis: Diagnosis
    contract: Contract
    rationale: LongText = ""


class Case(DomainModel):
    """A complete training case in one gmina of the fictional powiat.

    Consistency across fields (unique ids, every area described) is checked by
    ``integrity.case_issues`` so that each issue can point at its own line.
    """

    schema_version: Literal[1] = 1
    kind: Literal["case"] = "case"
    id: Identifier
    title: Name
    gmina: Identifier = Field(description="Id gminy z Listy aktywności i usług.")
    main_profile: Name
    difficulty: Difficulty = Difficulty.SREDNI
    summary: LongText = Field(min_length=1)
    interview_date: dt.date
    members: list[HouseholdMember] = Field(min_length=1, max_length=30)
    interview: list[InterviewFinding] = Field(min_length=1, max_length=MAX_ITEMS)
    art7: list[Art7Reason] = Field(min_length=1, max_length=17)
    art7_other: ShortText = Field(default="", description="Opis, gdy wśród przesłanek jest 'inny'.")
    strengths: list[Strength] = Field(min_length=1, max_length=MAX_ITEMS)
    history: list[HelpEpisode] = Field(default_factory=list, max_length=MAX_ITEMS)
    family_wants: list[LongText] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Czego chce sama rodzina (segment H)."
    )
    required_levels: list[Level] = Field(
        default_factory=lambda: [Level.GMINA, Level.POWIAT],
        max_length=3,
        description="Poziomy, na których kontrakt musi zaangażować instytucje.",
    )
    reference: ExpertReference
    knowledge: list[KnowledgeItem] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Co wiedzą poszczególne instytucje (odgrywanie ról G-PZK) i na jakich zasadach mogą to przekazać.",
    )

    def member(self, member_id: str) -> HouseholdMember | None:
        """Return the household member with this id, or None."""
        return next((m for m in self.members if m.id == member_id), None)

    def finding(self, finding_id: str) -> InterviewFinding | None:
        """Return the interview finding with this id, or None."""
        return next((f for f in self.interview if f.id == finding_id), None)

    def strength(self, strength_id: str) -> Strength | None:
        """Return the strength with this id, or None."""
        return next((s for s in self.strengths if s.id == strength_id), None)

    def knowledge_item(self, item_id: str) -> KnowledgeItem | None:
        """Return what an institution knows under this id (G-PZK role-play), or None."""
        return next((k for k in self.knowledge if k.id == item_id), None)

    def findings_in(self, area: Area) -> list[InterviewFinding]:
        """Return the interview findings of one area, in file order."""
        return [f for f in self.interview if f.area == area]
