"""Findings: what a rule says about a diagnosis or a contract.

A finding is a value, never an exception: the dashboard lists them live, the
validator prints them, the scorer counts them. Its ``code`` is stable so tests,
exercises and trainers' notes can refer to it whatever the wording.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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


class Finding(BaseModel):
    """One observation of a rule: its code, level, Polish message and the element it concerns."""

    model_config = ConfigDict(frozen=True)

    code: str
    level: FindingLevel
    message: str
    element: str
    """Where the problem is, as a path a trainee recognises: ``cele[C2]``, ``działania[D4]``."""

    def sort_key(self) -> tuple[int, str, str]:
        """Order errors first, then by element, so lists read the same every time."""
        return (_LEVEL_ORDER[self.level], self.element, self.code)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Return findings with errors first and a stable order within each level."""
    return sorted(findings, key=Finding.sort_key)


def errors(findings: list[Finding]) -> list[Finding]:
    """Return only the findings of level ``błąd``."""
    return [f for f in findings if f.level == FindingLevel.BLAD]
