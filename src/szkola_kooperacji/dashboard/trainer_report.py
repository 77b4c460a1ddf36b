"""The trainer's view of a group: results per trainee and module, bars to compare, every graded item.

Shown by Voilà from ``notebooks/raport_trenera.ipynb`` (``szkola report --serve``); the
numbers come from ``grading.report``, the same tables the CSV and XLSX exports hold.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..domain.text import count_phrase
from ..errors import SzkolaError
from ..grading import COURSE_ENV
from ..grading.report import AWAITING_GRADE, NOT_SUBMITTED
from .assets import stylesheet
from .render import e
from .shared_looks import shown

ALL = "wszystkie moduły"


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _points(rows: pd.DataFrame) -> list[str]:
    """Return each item's points as read: a number, "–" when not handed in, or still awaiting the trainer."""
    return [
        NOT_SUBMITTED if not handed_in else AWAITING_GRADE if waiting else _number(points)
        for points, handed_in, waiting in zip(rows["punkty"], rows["oddano"], rows["do_oceny_recznej"], strict=True)
    ]


def bars_html(labels: list[str], percents: list[float], caption: str) -> str:
    """Horizontal bars with the value written beside each, readable without colour; "–" where none."""
    rows = "".join(
        f"<div class='sk-bar-row'><span class='sk-bar-label'>{e(label)}</span>"
        + (
            f"<span class='sk-bar' style='width:{max(0.0, min(100.0, p)) * 0.6:.1f}%'></span>"
            f"<span class='sk-bar-value'>{_number(p)}%</span>"
            if not math.isnan(p)
            else f"<span class='sk-bar-value'>{NOT_SUBMITTED} (nikt nie oddał)</span>"
        )
        + "</div>"
        for label, p in zip(labels, percents, strict=True)
    )
    return f"<figure class='sk-bars'><figcaption>{e(caption)}</figcaption>{rows}</figure>"


def table_html(frame: pd.DataFrame) -> str:
    """Return a pandas table as escaped HTML in the dashboard's style, with the headers a trainer reads."""
    from ..grading.report import for_people  # noqa: PLC0415

    return str(
        for_people(frame).to_html(
            index=False, classes="sk-table", escape=True, na_rep=NOT_SUBMITTED, float_format=_number
        )
    )


class TrainerReport(w.VBox):
    """Filters by module; shows per-trainee results, module averages and graded items."""

    def __init__(self, rows: pd.DataFrame, title: str, progress_html: str = "") -> None:
        from ..grading.report import by_module, by_trainee  # noqa: PLC0415

        self.rows, self.by_module, self.by_trainee = rows, by_module, by_trainee
        modules = [ALL, *dict.fromkeys(rows["modul"])] if not rows.empty else [ALL]
        self.module = w.Dropdown(options=modules, description="Moduł", layout=shown(width="520px"))
        self.module.add_class("sk-report-module")
        self.view = w.HTML()
        self.view.add_class("sk-report")
        self.module.observe(lambda _: self.refresh(), names="value")
        self.refresh()
        header = w.HTML(f"<div class='sk-title'>Raport grupy</div><p>{e(title)}</p>")
        progress = w.HTML(progress_html)
        progress.add_class("sk-report-progress")
        super().__init__([w.HTML(f"<style>{stylesheet()}</style>"), header, self.module, self.view, progress])
        self.add_class("sk-root")

    def refresh(self) -> None:
        """Show the tables and bars for the chosen module."""
        rows = self.rows if self.module.value == ALL else self.rows[self.rows["modul"] == self.module.value]
        if rows.empty:
            self.view.value = "<p class='sk-muted'>Brak ocen: uczestnicy nie oddali jeszcze ćwiczeń.</p>"
            return
        trainees = self.by_trainee(rows)
        modules = self.by_module(self.rows)
        flagged = rows[rows["do_oceny_recznej"]]
        reflections = int((flagged["rodzaj"] == "trener").sum())
        automatic = len(flagged) - reflections
        waiting = " ".join(
            part
            for part in (
                f"Do oceny ręcznej czeka: {count_phrase(reflections, 'refleksja', 'refleksje', 'refleksji')}."
                if reflections
                else "",
                f"Do sprawdzenia w formgraderze: {count_phrase(automatic, 'część', 'części', 'części')} oceny "
                "automatycznej (oddany plik różni się od wydanego ćwiczenia albo nie dał się ocenić; powód w kolumnie "
                "„Uwagi”)."
                if automatic
                else "",
            )
            if part
        )
        self.view.value = (
            bars_html(list(trainees["uczestnik"]), list(trainees["procent"]), "Wynik uczestników (% punktów)")
            + table_html(trainees)
            + f"<p class='sk-muted'>„{NOT_SUBMITTED}” oznacza ćwiczenie nieoddane "
            "(w kolumnie „Razem” liczy się jako 0).</p>"
            + (f"<p class='sk-message'>{e(waiting)}</p>" if waiting else "")
            + "<h3>Moduły</h3>"
            + bars_html(list(modules["modul"]), list(modules["sredni_procent"]), "Średni wynik grupy w module (%)")
            + table_html(modules)
            + "<h3>Każdy oceniany element</h3>"
            + table_html(
                rows[["uczestnik", "cwiczenie", "opis", "rodzaj", "punkty", "maks"]].assign(punkty=_points(rows))
            )
        )


def trainer_report() -> w.Widget:
    """Build the report of the course in ``$SZKOLA_COURSE``; a Polish message instead of a traceback."""
    from ..commands.report import load_course_dir  # noqa: PLC0415
    from ..grading.report import grade_rows  # noqa: PLC0415

    course = os.environ.get(COURSE_ENV)
    if not course:
        return w.HTML("<p>Uruchom raport poleceniem <code>szkola report --serve --course-dir KATALOG</code>.</p>")
    try:
        manifest, db_url = load_course_dir(Path(course))
        return TrainerReport(grade_rows(db_url, manifest), manifest.title, _progress_section(Path(course)))
    except SzkolaError as error:
        return w.HTML(f"<h3>Raportu nie można pokazać</h3><pre>{e(error)}</pre>")


def _progress_section(course_dir: Path) -> str:
    """Return the group's progress section, or why it cannot be shown (the grades are shown either way)."""
    from ..data.cache import cached_valid_catalog  # noqa: PLC0415
    from ..grading.course_folder import CourseFolder  # noqa: PLC0415
    from ..grading.group_progress import progress_rows  # noqa: PLC0415
    from ..grading.lista_proposals_report import proposal_frame  # noqa: PLC0415
    from ..grading.self_check_report import group_self_check_frame  # noqa: PLC0415
    from .progress_report import progress_section_html, proposals_section_html, self_check_section_html  # noqa: PLC0415

    try:
        folder = CourseFolder.open(course_dir)
        catalog = cached_valid_catalog()
        return (
            progress_section_html(progress_rows(folder, catalog))
            + self_check_section_html(group_self_check_frame(folder))
            + (proposals_section_html(proposal_frame(folder, catalog.directory)) if catalog.directory else "")
        )
    except SzkolaError as error:
        return f"<h3>Postępy w kursie</h3><p class='sk-message'>{e(error)}</p>"
