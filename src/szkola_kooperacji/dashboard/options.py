"""Choice lists for dropdowns, built from the case, the Lista and the codes, labelled in Polish."""

from __future__ import annotations

from typing import Any

from ..domain.case import Case
from ..domain.codes import (
    AREA_LABELS,
    ART7_LABELS,
    REPEALED_ART7,
    RESPONSIBLE_LABELS,
    SECTOR_LABELS,
    SEVERITY_LABELS,
    Area,
    Art7Reason,
    Responsible,
    Severity,
)
from ..domain.diagnosis import Diagnosis
from ..domain.directory import ServiceDirectory

Options = list[tuple[str, Any]]
NONE_LABEL = "— wybierz —"
NONE = ""
"""The "nothing chosen" value of a dropdown; ipywidgets shows ``None`` as a blank selection."""


def or_none(value: Any) -> Any:
    """Map the dropdown's "nothing chosen" back to ``None`` for the domain model."""
    return None if value == NONE else value


def areas() -> Options:
    """Return areas of life."""
    return [(AREA_LABELS[a], a) for a in Area]


def severities() -> Options:
    """Return severity levels, low to critical."""
    return [(f"{int(s)} – {SEVERITY_LABELS[s]}", s) for s in Severity]


def art7_reasons() -> Options:
    """Return art. 7 reasons in force (the repealed item is never offered)."""
    return [(ART7_LABELS[r], r) for r in Art7Reason if r not in REPEALED_ART7]


def findings(case: Case) -> Options:
    """Return interview findings in full, to cite as evidence (a checkbox label wraps, so nothing is cut)."""
    return [(f"{f.id}: {f.text}", f.id) for f in case.interview]


def members(case: Case) -> Options:
    """Return household members."""
    return [(f"{m.name} ({m.role}, {m.age} l.)", m.id) for m in case.members]


def strengths(case: Case) -> Options:
    """Return the family's strengths."""
    return [(f"{s.id}: {s.text}", s.id) for s in case.strengths]


def needs(diagnosis: Diagnosis) -> Options:
    """Return the trainee's needs, to link goals to."""
    return [(f"{n.id}: {n.statement or 'bez opisu'}", n.id) for n in diagnosis.needs]


def responsibles() -> Options:
    """Return who carries out an action."""
    return [(NONE_LABEL, NONE), *[(RESPONSIBLE_LABELS[r], r) for r in Responsible]]


def institutions(directory: ServiceDirectory) -> Options:
    """Return institutions of the Lista, grouped by level then sector."""
    ordered = sorted(directory.institutions, key=lambda i: (i.level.value, i.sector.value, i.name))
    return [(NONE_LABEL, NONE)] + [(f"{i.name} · {SECTOR_LABELS[i.sector]}, {i.level.value}", i.id) for i in ordered]


def services(directory: ServiceDirectory, institution_id: str | None) -> Options:
    """Return services of one institution."""
    institution = directory.institution(institution_id) if institution_id else None
    if institution is None:
        return [(NONE_LABEL, NONE)]
    return [(NONE_LABEL, NONE)] + [(s.name, s.id) for s in institution.services]
