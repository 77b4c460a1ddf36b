"""Grades and progress of a group, down to each graded item, read from the nbgrader gradebook.

``nbgrader export`` gives one total per trainee and assignment; trainers of the
Szkoła kooperacji also need each part (diagnoza, kontrakt, instytucje, each
reflection) and the course's modules, so this reads the gradebook's grades.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..domain.assessment import PART_LABELS, Part
from ..domain.course import Course

NOT_SUBMITTED = "–"
"""Shown for work not handed in, in every table a trainer reads (never NaN, never 0)."""
AWAITING_GRADE = "czeka na ocenę"
"""Shown for an item still waiting for the trainer's grade, where nbgrader stores 0 points."""

COLUMNS = [
    "uczestnik",
    "imie",
    "nazwisko",
    "modul",
    "cwiczenie",
    "element",
    "opis",
    "rodzaj",
    "punkty",
    "maks",
    "oddano",
    "do_oceny_recznej",
    "uwagi",
]
"""Column ids of the item table: stable names for the CSV, which scripts and spreadsheets read."""

HEADERS = {
    "uczestnik": "Uczestnik",
    "imie": "Imię",
    "nazwisko": "Nazwisko",
    "modul": "Moduł",
    "cwiczenie": "Ćwiczenie",
    "element": "Element",
    "opis": "Opis",
    "rodzaj": "Rodzaj oceny",
    "punkty": "Punkty",
    "maks": "Maks.",
    "oddano": "Oddano",
    "do_oceny_recznej": "Do oceny ręcznej",
    "uwagi": "Uwagi",
    "razem": "Razem",
    "procent": "Procent",
    "sredni_procent": "Średni wynik oddanych (%)",
    "oddalo": "Oddało",
    "uczestnikow": "Uczestników",
}
"""Headers a trainer reads, in the dashboard and the XLSX workbook."""


def item_label(grade_id: str) -> tuple[str, str]:
    """Return (description, kind) of a graded cell id: an autograded part or a reflection."""
    if grade_id.startswith("test_"):
        part = grade_id.removeprefix("test_")
        label = PART_LABELS[Part(part)] if part in Part.__members__.values() else part
        return label, "automatyczna"
    if grade_id.startswith("refleksja"):
        return f"Refleksja {grade_id.removeprefix('refleksja').strip('_')}", "trener"
    return grade_id, "inna"


def grade_rows(db_url: str, course: Course) -> pd.DataFrame:
    """Return one row per trainee and graded item of every exercise of the course (0 if not submitted)."""
    from nbgrader.api import Gradebook, MissingEntry  # noqa: PLC0415 (heavy import)

    from . import put_tools_on_path  # noqa: PLC0415

    put_tools_on_path()

    rows: list[dict[str, object]] = []
    with Gradebook(db_url) as gradebook:
        known = {a.name for a in gradebook.assignments}
        for student in sorted(gradebook.students, key=lambda s: s.id):
            for module in course.modules:
                for exercise in module.exercises:
                    if exercise not in known:
                        continue
                    assignment = gradebook.find_assignment(exercise)
                    try:
                        submission = gradebook.find_submission(exercise, student.id)
                    except MissingEntry:
                        submission = None
                    for notebook in assignment.notebooks:
                        problem = _submission_problem(gradebook, notebook.name, exercise, student.id, submission)
                        for cell in notebook.grade_cells:
                            score, manual, note = 0.0, False, ""
                            if submission is not None:
                                grade = gradebook.find_grade(cell.name, notebook.name, exercise, student.id)
                                score, note = _checked_score(float(grade.score or 0.0), float(cell.max_score))
                                manual = bool(grade.needs_manual_grade)
                                if cell.cell_type == "code" and problem:
                                    note = problem
                            label, kind = item_label(cell.name)
                            rows.append(
                                {
                                    "uczestnik": student.id,
                                    "imie": student.first_name or "",
                                    "nazwisko": student.last_name or "",
                                    "modul": module.title,
                                    "cwiczenie": exercise,
                                    "element": cell.name,
                                    "opis": label,
                                    "rodzaj": kind,
                                    "punkty": score,
                                    "maks": float(cell.max_score),
                                    "oddano": submission is not None,
                                    "do_oceny_recznej": manual,
                                    "uwagi": note,
                                }
                            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _checked_score(score: float, maximum: float) -> tuple[float, str]:
    """Return the score counted for an item, capped at its maximum, and a note when it had to be capped.

    nbgrader lets a manual score or extra credit exceed an item's points; a report must not add
    such points silently to a trainee's total.
    """
    if score > maximum:
        shown = f"{score:g}".replace(".", ",")
        return maximum, f"punkty powyżej maksimum ({shown} > {maximum:g}); liczone {maximum:g}"
    return score, ""


def _submission_problem(gradebook: Any, notebook: str, exercise: str, student: str, submission: Any) -> str:
    """Return the flag grading left on a submission that differs from its release, or ""."""
    from nbgrader.api import MissingEntry  # noqa: PLC0415

    from . import FLAGGED_PREFIX, WORK_GRADE_ID  # noqa: PLC0415

    if submission is None:
        return ""
    try:
        comment = gradebook.find_comment(WORK_GRADE_ID, notebook, exercise, student)
    except MissingEntry:
        return ""
    text = comment.auto_comment or ""
    return text if text.startswith(FLAGGED_PREFIX) else ""


def by_trainee(rows: pd.DataFrame) -> pd.DataFrame:
    """Points per trainee and exercise with the total and percentage: the trainer's overview.

    An exercise a trainee has not handed in is empty (NaN), not 0: a trainer must tell
    "not submitted" from "submitted and scored nothing".
    """
    if rows.empty:
        return pd.DataFrame(columns=["uczestnik", "razem", "maks", "procent"])
    trainees = list(dict.fromkeys(rows["uczestnik"]))
    exercises = list(dict.fromkeys(rows["cwiczenie"]))
    submitted = rows[rows["oddano"]]
    table = submitted.pivot_table(index="uczestnik", columns="cwiczenie", values="punkty", aggfunc="sum")
    table = table.reindex(index=trainees, columns=exercises)
    table.columns.name = None  # else HTML tables get an empty first column headed "cwiczenie"
    table.index.name = "uczestnik"
    totals = rows.groupby("uczestnik")[["punkty", "maks"]].sum()
    table["razem"] = totals["punkty"]
    table["maks"] = totals["maks"]
    table["procent"] = (100 * totals["punkty"] / totals["maks"]).round(1)
    return table.reset_index()


def by_module(rows: pd.DataFrame) -> pd.DataFrame:
    """Group averages per module over the trainees who handed in its work, and how many did."""
    if rows.empty:
        return pd.DataFrame(columns=["modul", "sredni_procent", "oddalo", "uczestnikow"])
    per_trainee = rows.groupby(["modul", "uczestnik"], sort=False).agg(
        punkty=("punkty", "sum"), maks=("maks", "sum"), oddano=("oddano", "max")
    )
    per_trainee["procent"] = (100 * per_trainee["punkty"] / per_trainee["maks"]).where(per_trainee["oddano"])
    summary = per_trainee.groupby("modul", sort=False).agg(
        sredni_procent=("procent", "mean"), oddalo=("oddano", "sum"), uczestnikow=("oddano", "size")
    )
    summary["sredni_procent"] = summary["sredni_procent"].round(1)
    return summary.reset_index()


def for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a table with Polish headers and tak/nie instead of True/False, as a trainer reads it."""
    readable = frame.copy()
    for column in readable.columns:
        if readable[column].dtype == bool:
            readable[column] = readable[column].map({True: "tak", False: "nie"})
    return readable.rename(columns=HEADERS)


def write_csv(rows: pd.DataFrame, path: Path) -> None:
    """Write the item-level table as CSV (UTF-8 with BOM, so Excel shows Polish letters)."""
    rows.to_csv(path, index=False, encoding="utf-8-sig")


def write_xlsx(rows: pd.DataFrame, path: Path) -> None:
    """Write three sheets for people to read: per trainee, per module, and every graded item."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for_people(by_trainee(rows)).to_excel(writer, sheet_name="Uczestnicy", index=False)
        for_people(by_module(rows)).to_excel(writer, sheet_name="Moduły", index=False)
        for_people(rows).to_excel(writer, sheet_name="Elementy", index=False)
