"""Findings: what a rule says about a diagnosis or a contract.

A finding is a value, never an exception: the dashboard lists them live, the
validator prints them, the scorer counts them. Its ``code`` is stable so tests,
exercises and trainers' notes can refer to it whatever the wording.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, computed_field


class FindingLevel(StrEnum):
    """How serious a finding is; ordered from most to least serious."""

    BLAD = "blad"
    OSTRZEZENIE = "ostrzezenie"
    WSKAZOWKA = "wskazowka"


FINDING_LEVEL_LABELS: dict[FindingLevel, str] = {
    FindingLevel.BLAD: "błąd",
    FindingLevel.OSTRZEZENIE: "ostrzeżenie",
    FindingLevel.WSKAZOWKA: "wskazówka",
}

FINDING_LEVEL_FORMS: dict[FindingLevel, tuple[str, str, str]] = {
    FindingLevel.BLAD: ("błąd", "błędy", "błędów"),
    FindingLevel.OSTRZEZENIE: ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń"),
    FindingLevel.WSKAZOWKA: ("wskazówka", "wskazówki", "wskazówek"),
}

_LEVEL_ORDER = {FindingLevel.BLAD: 0, FindingLevel.OSTRZEZENIE: 1, FindingLevel.WSKAZOWKA: 2}


class ElementKind(StrEnum):
    """The kind of element of the diagnosis or contract a finding is about."""

    POTRZEBY = "potrzeby"
    CELE = "cele"
    DZIALANIA = "dzialania"
    CEL_GLOWNY = "cel_glowny"
    OKRES = "okres"
    OCENA = "ocena"
    STRONY = "strony"
    UDOSTEPNIENIA = "udostepnienia"
    SEKCJA = "sekcja"
    """A section of a document exercise (agreement…); the id is the section's key."""


ELEMENT_LABELS: dict[ElementKind, str] = {
    ElementKind.POTRZEBY: "potrzeby",
    ElementKind.CELE: "cele",
    ElementKind.DZIALANIA: "działania",
    ElementKind.CEL_GLOWNY: "cel_główny",
    ElementKind.OKRES: "okres",
    ElementKind.OCENA: "ocena",
    ElementKind.STRONY: "strony",
    ElementKind.UDOSTEPNIENIA: "udostępnienia",
    ElementKind.SEKCJA: "sekcja",
}
"""How an element is written in the rendered label a trainee and the validator read."""


class Location(BaseModel):
    """Where a finding points: an element kind and, for needs, goals and actions, the item's id.

    Structured, so code that places a finding (the validator's line numbers, the
    scorer) reads the id directly instead of parsing a Polish label back.
    """

    model_config = ConfigDict(frozen=True)

    kind: ElementKind
    id: str | None = None

    @property
    def label(self) -> str:
        """The location as a trainee reads it: ``działania[D4]``, ``okres``."""
        name = ELEMENT_LABELS[self.kind]
        return f"{name}[{self.id}]" if self.id is not None else name


def need_at(need_id: str) -> Location:
    """Return the location of one need of the diagnosis."""
    return Location(kind=ElementKind.POTRZEBY, id=need_id)


def goal_at(goal_id: str) -> Location:
    """Return the location of one goal of the contract."""
    return Location(kind=ElementKind.CELE, id=goal_id)


def action_at(action_id: str) -> Location:
    """Return the location of one action of the contract."""
    return Location(kind=ElementKind.DZIALANIA, id=action_id)


def share_at(share_id: str) -> Location:
    """Return the location of one act of sharing in a G-PZK session."""
    return Location(kind=ElementKind.UDOSTEPNIENIA, id=share_id)


def section(kind: ElementKind) -> Location:
    """Return the location of a whole section (all actions, the period, the reviews…)."""
    return Location(kind=kind)


class Finding(BaseModel):
    """One observation of a rule: its code, level, Polish message and the element it concerns.

    Build findings through the rule's declaration (``Rule.finding``), which supplies
    the code and level from the registry.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    level: FindingLevel
    message: str
    location: Location

    @computed_field  # type: ignore[prop-decorator]
    @property
    def element(self) -> str:
        """Where the problem is, as a path a trainee recognises: ``cele[C2]``, ``działania[D4]``."""
        return self.location.label

    def sort_key(self) -> tuple[int, str, str]:
        """Order errors first, then by element, so lists read the same every time."""
        return (_LEVEL_ORDER[self.level], self.element, self.code)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Return findings with errors first and a stable order within each level."""
    return sorted(findings, key=Finding.sort_key)


def errors(findings: list[Finding]) -> list[Finding]:
    """Return only the findings of level ``błąd``."""
    return [f for f in findings if f.level == FindingLevel.BLAD]
