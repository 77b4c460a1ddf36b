"""The trainer report's section on the group's progress through the course: bars, a table, who has not started."""

from __future__ import annotations

import pandas as pd

from ..grading.group_progress import by_module, by_trainee, not_started, readable
from .render import e
from .trainer_report import bars_html, table_html


def progress_section_html(rows: pd.DataFrame) -> str:
    """Return the section: share of trainees who completed each module, counts per state, and idle trainees."""
    if rows.empty:
        return "<h3>Postępy w kursie</h3><p class='sk-muted'>Na liście grupy nie ma uczestników.</p>"
    modules = by_module(rows)
    idle = not_started(rows)
    labels = [f"Moduł {n}" for n in modules["nr"]]  # full titles are in the table below
    idle_html = (
        "<p class='sk-ok'>Każdy uczestnik rozpoczął co najmniej jeden moduł.</p>"
        if idle.empty
        else "<p class='sk-message'>Nie rozpoczęli żadnego modułu: "
        + e(", ".join(f"{r.imie} {r.nazwisko} ({r.uczestnik})".strip() for r in idle.itertuples()))
        + "</p>"
    )
    return (
        "<h3>Postępy w kursie</h3>"
        + bars_html(labels, list(modules["procent"]), "Uczestnicy, którzy ukończyli moduł (%)")
        + table_html(readable(modules))
        + idle_html
        + "<h4>Uczestnicy: stan każdego modułu (ukończone elementy z wszystkich)</h4>"
        + table_html(readable(by_trainee(rows)))
    )
