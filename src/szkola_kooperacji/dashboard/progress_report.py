"""The trainer report's section on the group's progress through the course: bars, a table, who has not started."""

from __future__ import annotations

import pandas as pd

from ..grading.group_progress import by_module, by_trainee, not_started, readable
from ..grading.lista_proposals_report import NONE, PROPOSAL_COLUMNS, proposal_summary
from ..grading.self_check_report import SELF_CHECK_COLUMNS
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


HARD_ITEMS_SHOWN = 10
"""The self-check items a trainer sees first: the ones most trainees got wrong at their first attempt."""


def self_check_section_html(items: pd.DataFrame) -> str:
    """Return the self-check items the group gets wrong, hardest first, or a line saying nobody has tried yet."""
    title = "<h3>Testy sprawdzające po lekcjach: z czym grupa ma kłopot</h3>"
    if items.empty:
        return title + "<p class='sk-muted'>Nikt z grupy nie rozwiązał jeszcze testu po lekcji.</p>"
    wrong = items[items["zle_za_pierwszym"] > 0].sort_values("odsetek_zle_za_pierwszym", ascending=False)
    if wrong.empty:
        return title + "<p class='sk-ok'>Na każde pytanie wszyscy odpowiedzieli dobrze za pierwszym razem.</p>"
    shown = wrong.head(HARD_ITEMS_SHOWN)[
        ["pytanie", "uczestnicy", "odsetek_zle_za_pierwszym", "odsetek_zle_ostatnio"]
    ].rename(columns=SELF_CHECK_COLUMNS)
    return title + table_html(shown)


PROPOSAL_SHOWN = ["uczestnik", "imie", "nazwisko", "instytucja", "rodzaj", "poziom", "gmina", "wynik", "uwagi"]
"""The columns of the proposals table on screen (the XLSX holds every column)."""


def proposals_section_html(frame: pd.DataFrame) -> str:
    """Return the Lista entries the group proposed: a line of counts, then a row per proposal with its findings.

    Trainees without a proposal are named in one line under the table, not given an empty row each.
    """
    title = "<h3>Propozycje wpisów do Listy aktywności i usług</h3>"
    if frame.empty:
        return title + "<p class='sk-muted'>Na liście grupy nie ma uczestników.</p>"
    proposed = frame[frame["wynik"] != NONE]
    idle = frame[frame["wynik"] == NONE]
    summary = f"<p>{e(proposal_summary(frame))}</p>"
    if proposed.empty:
        return title + summary
    cells = proposed[PROPOSAL_SHOWN].astype(str).map(e)
    cells["uwagi"] = [text.replace("\n", "<br>") or "–" for text in cells["uwagi"]]
    table = cells.rename(columns=PROPOSAL_COLUMNS).to_html(index=False, classes="sk-table sk-proposals", escape=False)
    without = (
        "<p class='sk-muted'>Bez propozycji: "
        + e(", ".join(f"{r.imie} {r.nazwisko} ({r.uczestnik})".strip() for r in idle.itertuples()))
        + "</p>"
        if not idle.empty
        else ""
    )
    return title + summary + str(table) + without
