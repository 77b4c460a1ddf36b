"""A trainee's work as a trainer reads it in the formgrader: Polish tables, every text escaped.

The work cell holds the draft as one line of JSON; the grader adds this view as the
cell's output, so the formgrader (and the trainee's feedback) shows the diagnosis and the
contract as tables instead of a string nobody can read.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..domain.case import Case
from ..domain.codes import AREA_LABELS, ART7_LABELS, RESPONSIBLE_LABELS, SEVERITY_LABELS
from ..domain.directory import ServiceDirectory
from ..domain.draft import Draft

_STYLE = "border-collapse:collapse;margin:0.3em 0 0.8em;font-size:13px"
_CELL = "border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(caption: str, headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    if not rows:
        return f"<p><b>{_e(caption)}:</b> brak</p>"
    head = "".join(f'<th style="{_CELL}">{_e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{_e(v)}</td>' for v in row) + "</tr>" for row in rows)
    return f'<p><b>{_e(caption)}</b></p><table style="{_STYLE}"><tr>{head}</tr>{body}</table>'


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else "–"


def work_html(draft: Draft, case: Case, directory: ServiceDirectory) -> str:
    """Return the diagnosis and the contract of a draft as HTML tables."""
    members = {m.id: m.name for m in case.members}
    diagnosis = [
        (
            need.id,
            AREA_LABELS[need.area],
            need.statement,
            SEVERITY_LABELS[need.severity],
            ", ".join(ART7_LABELS[r] for r in need.art7) or "–",
            ", ".join(dict.fromkeys(ev.finding_id for ev in need.evidence)) or "–",
        )
        for need in draft.diagnosis.needs
    ]
    contract = draft.contract
    goals = [
        (goal.id, goal.text, ", ".join(goal.need_ids) or "–", f"{goal.indicator} {goal.target}".strip() or "–")
        for goal in contract.goals
    ]
    actions = []
    for action in contract.actions:
        institution = directory.institution(action.institution_id) if action.institution_id else None
        role = RESPONSIBLE_LABELS[action.responsible] if action.responsible else "–"
        who = institution.name if institution else role
        if action.responsible_member_id:
            who = f"{who} ({members.get(action.responsible_member_id, action.responsible_member_id)})"
        period = f"{_date(action.start)} – {_date(action.due)}"
        actions.append((action.id, action.goal_id or "–", action.text, who, period))
    return (
        '<div class="szkola-praca">'
        + _table("Diagnoza potrzeb", ("Id", "Obszar", "Potrzeba", "Pilność", "Art. 7", "Dowody"), diagnosis)
        + _table("Cele kontraktu", ("Id", "Cel", "Potrzeby", "Wskaźnik"), goals)
        + _table("Działania", ("Id", "Cel", "Działanie", "Kto", "Okres"), actions)
        + "</div>"
    )


def work_text(draft: Draft) -> str:
    """Return a one-line summary of a draft for plain-text views."""
    contract = draft.contract
    return f"Potrzeby: {len(draft.diagnosis.needs)}, cele: {len(contract.goals)}, działania: {len(contract.actions)}."
