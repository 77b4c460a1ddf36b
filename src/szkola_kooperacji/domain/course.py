"""A course of the Szkoła kooperacji: modules, their lessons, graded exercises, cases and hours.

A manifest names files by id only (lesson ``x`` is ``notebooks/x.ipynb``, exercise
``y`` is the nbgrader source folder ``exercises/y/``); whether they exist is checked
by the data layer, which knows where files live.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, Name, ShortText

REFLECTIVE_EXERCISE = "refleksja"
"""``szkola.kind`` of an exercise notebook graded by hand only (supervision, coaching): no case, no work."""


class CourseLevel(StrEnum):
    """Regional courses train one G-PZK's practitioners; supra-regional ones train animators and managers."""

    REGIONALNY = "regionalny"
    PONADREGIONALNY = "ponadregionalny"


COURSE_LEVEL_LABELS: dict[CourseLevel, str] = {
    CourseLevel.REGIONALNY: "moduł regionalny",
    CourseLevel.PONADREGIONALNY: "moduł ponadregionalny",
}


class Module(DomainModel):
    """One module: what a trainee learns in it and with which lessons, exercises and cases."""

    id: Identifier
    title: Name
    hours: float = Field(gt=0, le=80, description="Godziny dydaktyczne modułu.")
    outcomes: list[ShortText] = Field(min_length=1, max_length=20, description="Efekty uczenia się.")
    lessons: list[Identifier] = Field(default_factory=list, max_length=20, description="Notatniki z notebooks/.")
    exercises: list[Identifier] = Field(
        min_length=1, max_length=20, description="Ćwiczenia oceniane: foldery z exercises/."
    )
    cases: list[Identifier] = Field(default_factory=list, max_length=20, description="Przypadki z case_studies/.")
    comparisons: list[Identifier] = Field(
        default_factory=list,
        max_length=5,
        description="Porównanie praktyki z powiatami o tych id (Listy z comparison_only: true).",
    )


class Course(DomainModel):
    """A course manifest (``kind: course``)."""

    schema_version: Literal[1] = 1
    kind: Literal["course"] = "course"
    id: Identifier
    title: Name
    level: CourseLevel
    audience: ShortText = Field(min_length=1, description="Dla kogo jest kurs.")
    description: LongText = ""
    modules: list[Module] = Field(min_length=1, max_length=MAX_ITEMS)

    @property
    def hours(self) -> float:
        """Total hours of the course."""
        return sum(m.hours for m in self.modules)

    def module_of(self, exercise_id: str) -> Module | None:
        """Return the module that grades ``exercise_id``, if any."""
        return next((m for m in self.modules if exercise_id in m.exercises), None)

    @property
    def exercise_ids(self) -> list[str]:
        """All graded exercises in module order, each once."""
        seen: list[str] = []
        for module in self.modules:
            seen.extend(e for e in module.exercises if e not in seen)
        return seen
