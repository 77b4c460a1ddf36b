"""A group social project (projekt socjalny) a trainee plans for a group of the case's gmina.

A projekt socjalny is a tool of social work with a group or a community (the statutory wording,
if any, was not confirmed against the act's current text, so the course cites no article); the
Szkoła kooperacji's participants carried one out on the Model Kooperacji. The plan holds the
group's problem and its scale, the aim and objectives, who takes part and how they are recruited,
the actions with who does them and when, the partners by sector and level, the resources and
budget, and the expected results with their indicators and evaluation. The model holds what the
trainee typed; every judgement is in ``rules.social_project``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import DomainModel, LongText, ShortText
from .codes import LEVEL_LABELS, SECTOR_LABELS, Level, Sector
from .document import Document, Outline, lines

MAX_ROWS = 30
"""Rows of one list in the project (actions, partners…): far above a real group project."""
MAX_BUDGET = 10_000_000.0
"""Upper bound of one budget line in złoty, so a slip of the finger cannot store an absurd sum."""


class ProjectAction(DomainModel):
    """One action of the project: what is done, who is responsible and when."""

    what: ShortText = ""
    who: ShortText = Field("", description="Instytucja lub osoba (funkcja) odpowiedzialna.")
    when: dt.date | None = None


class ProjectPartner(DomainModel):
    """One partner of the project: an institution of a sector and level, and what it brings."""

    institution: ShortText = ""
    sector: Sector = Sector.POMOC_SPOLECZNA
    level: Level = Level.GMINA
    role: ShortText = Field("", description="Co partner wnosi do projektu.")


class BudgetLine(DomainModel):
    """One line of the budget: a cost, its amount in złoty and who pays it."""

    item: ShortText = ""
    amount: float = Field(0.0, ge=0, le=MAX_BUDGET)
    source: ShortText = Field("", description="Źródło finansowania lub wkład partnera.")


class Indicator(DomainModel):
    """How a result is measured: the indicator, its target and where the figure comes from."""

    name: ShortText = ""
    target: ShortText = Field("", description="Wartość docelowa, np. „6 z 8 uczestników”.")
    source: ShortText = Field("", description="Źródło weryfikacji: lista obecności, ankieta…")


class SocialProject(Document):
    """A trainee's plan of a projekt socjalny for a group in the case's gmina."""

    schema_version: Literal[1] = 1
    kind: Literal["projekt_socjalny"] = "projekt_socjalny"
    title: ShortText = ""
    diagnosis: LongText = Field("", description="Problem grupy, jego skala, przyczyny i źródła danych.")
    aim: LongText = Field("", description="Cel główny projektu.")
    objectives: list[ShortText] = Field(default_factory=list, max_length=MAX_ROWS, description="Cele szczegółowe.")
    target_group: LongText = Field("", description="Kto jest uczestnikiem projektu.")
    group_size: int | None = Field(None, ge=0, le=1000, description="Ilu uczestników.")
    recruitment: LongText = Field("", description="Jak uczestnicy trafią do projektu.")
    starts: dt.date | None = None
    ends: dt.date | None = None
    actions: list[ProjectAction] = Field(default_factory=list, max_length=MAX_ROWS)
    partners: list[ProjectPartner] = Field(default_factory=list, max_length=MAX_ROWS)
    resources: LongText = Field("", description="Zasoby ludzkie, lokalowe i rzeczowe.")
    budget: list[BudgetLine] = Field(default_factory=list, max_length=MAX_ROWS)
    results: LongText = Field("", description="Spodziewane rezultaty dla uczestników.")
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_ROWS)
    evaluation: LongText = Field("", description="Jak i kiedy projekt zostanie oceniony.")

    @property
    def total(self) -> float:
        """The budget's total in złoty."""
        return sum(line.amount for line in self.budget)

    def texts(self) -> list[str]:
        """Return every non-empty text the trainee typed (for checks over all of them: personal data)."""
        found = [self.title, self.diagnosis, self.aim, self.target_group, self.recruitment, self.resources]
        found += [self.results, self.evaluation, *self.objectives]
        found += [t for a in self.actions for t in (a.what, a.who)]
        found += [t for p in self.partners for t in (p.institution, p.role)]
        found += [t for b in self.budget for t in (b.item, b.source)]
        found += [t for i in self.indicators for t in (i.name, i.target, i.source)]
        return [t for t in found if t]

    def outline(self) -> Outline:
        """Return the project section by section, as the trainer reads it in the formgrader."""
        period = f"{self.starts:%d.%m.%Y} – {self.ends:%d.%m.%Y}" if self.starts and self.ends else ""
        size = "" if self.group_size is None else str(self.group_size)
        return [
            ("diagnoza", [("tytuł", self.title), ("diagnoza", self.diagnosis)]),
            ("cele", [("cel główny", self.aim), *lines(self.objectives)]),
            ("grupa", [("uczestnicy", self.target_group), ("liczba", size), ("rekrutacja", self.recruitment)]),
            (
                "dzialania",
                [
                    ("okres", period),
                    *((a.what, f"{a.who}, {a.when:%d.%m.%Y}" if a.when else a.who) for a in self.actions),
                ],
            ),
            (
                "partnerzy",
                [
                    (p.institution, f"{SECTOR_LABELS[p.sector]}, {LEVEL_LABELS[p.level]} — {p.role}")
                    for p in self.partners
                ],
            ),
            (
                "zasoby",
                [
                    ("zasoby", self.resources),
                    *((b.item, f"{b.amount:.2f} zł — {b.source}") for b in self.budget),
                    ("razem", f"{self.total:.2f} zł"),
                ],
            ),
            (
                "rezultaty",
                [("rezultaty", self.results), *((i.name, f"{i.target} ({i.source})") for i in self.indicators)],
            ),
            ("ewaluacja", [("ewaluacja", self.evaluation)]),
        ]


SOCIAL_PROJECT_SECTIONS: dict[str, str] = {
    "diagnoza": "Tytuł i diagnoza problemu grupy",
    "cele": "Cel główny i cele szczegółowe",
    "grupa": "Grupa docelowa i rekrutacja",
    "dzialania": "Działania i harmonogram",
    "partnerzy": "Partnerzy: sektory i poziomy",
    "zasoby": "Zasoby i budżet",
    "rezultaty": "Rezultaty i wskaźniki",
    "ewaluacja": "Ewaluacja",
}
"""The project's sections in reading order: section key → its Polish heading."""
