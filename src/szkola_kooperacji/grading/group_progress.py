"""The group's progress through the course for the trainer: a row per trainee and module, who has not started.

States come from the same rules as the trainee's course view (``domain.progress``), read for
every trainee on the roster from the group's draft store, exchange and gradebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..data.catalog import Catalog
from ..domain.progress import ItemState
from ..errors import SzkolaError
from ..storage import DraftStore
from .course_dir import course_roster
from .course_folder import DRAFTS_STORE, CourseFolder
from .lista_proposals_report import readable_proposals
from .progress import Sources, trainee_progress

COLUMNS = ["uczestnik", "imie", "nazwisko", "nr", "modul", "stan", "ukonczone", "elementow"]
HEADERS = {
    "uczestnik": "Uczestnik",
    "imie": "Imię",
    "nazwisko": "Nazwisko",
    "nr": "Nr",
    "modul": "Moduł",
    "stan": "Stan",
    "ukonczone": "Ukończone elementy",
    "elementow": "Elementów",
    "ukonczyli": "Ukończyli",
    "w_toku": "W toku",
    "nie_rozpoczeli": "Nie rozpoczęli",
    "procent": "Ukończyli (%)",
}


def progress_rows(folder: CourseFolder, catalog: Catalog, store_path: Path | None = None) -> pd.DataFrame:
    """Return one row per trainee on the roster and module of the course, with its state."""
    if catalog.directory is None:
        raise SzkolaError("Brak Listy aktywności i usług: uruchom `szkola validate`.")
    course = folder.course()
    store = DraftStore(store_path or folder.root / DRAFTS_STORE)
    rows: list[dict[str, object]] = []
    try:
        sources = Sources(store, catalog.cases, catalog.directory, folder)
        for trainee in course_roster(folder.root):
            progress = trainee_progress(sources, course, trainee.id)
            for number, module in enumerate(progress.modules, start=1):
                rows.append(
                    {
                        "uczestnik": trainee.id,
                        "imie": trainee.first_name,
                        "nazwisko": trainee.last_name,
                        "nr": number,
                        "modul": module.module.title,
                        "stan": module.state.value,
                        "ukonczone": module.done_count,
                        "elementow": len(module.items),
                    }
                )
    finally:
        store.close()
    return pd.DataFrame(rows, columns=COLUMNS)


def by_module(rows: pd.DataFrame) -> pd.DataFrame:
    """Count, per module in course order, the trainees who completed it, are in it, and have not started it."""
    columns = ["nr", "modul", "ukonczyli", "w_toku", "nie_rozpoczeli", "procent"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab([rows["nr"], rows["modul"]], rows["stan"])
    summary = pd.DataFrame(
        {
            "ukonczyli": counts.get(ItemState.DONE.value, 0),
            "w_toku": counts.get(ItemState.IN_PROGRESS.value, 0),
            "nie_rozpoczeli": counts.get(ItemState.NOT_STARTED.value, 0),
        }
    ).reset_index()
    summary["procent"] = (100 * summary["ukonczyli"] / rows["uczestnik"].nunique()).round(1)
    return summary[columns].sort_values("nr").reset_index(drop=True)


def by_trainee(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one row per trainee with each module's state and items done ("w toku (1/3)"), modules in order."""
    if rows.empty:
        return pd.DataFrame(columns=["uczestnik", "imie", "nazwisko"])
    cells = rows.assign(
        kolumna=[f"Moduł {n}" for n in rows["nr"]],
        opis=[f"{s} ({d}/{n})" for s, d, n in zip(rows["stan"], rows["ukonczone"], rows["elementow"], strict=True)],
    )
    table = cells.pivot(index=["uczestnik", "imie", "nazwisko"], columns="kolumna", values="opis")
    table.columns.name = None
    return table[sorted(table.columns, key=lambda c: int(c.split()[1]))].reset_index()


def not_started(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the trainees who have not started any module: whom the trainer should ask first."""
    if rows.empty:
        return pd.DataFrame(columns=["uczestnik", "imie", "nazwisko"])
    started = rows[rows["stan"] != ItemState.NOT_STARTED.value]["uczestnik"].unique()
    idle = rows[~rows["uczestnik"].isin(started)]
    return idle[["uczestnik", "imie", "nazwisko"]].drop_duplicates().reset_index(drop=True)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a table with the Polish headers a trainer reads."""
    return frame.rename(columns=HEADERS)


PROPOSALS_SHEET = "Propozycje wpisów"


def write_progress_xlsx(rows: pd.DataFrame, path: Path, proposals: pd.DataFrame | None = None) -> None:
    """Write the group's progress: per module, who has not started, every trainee's module states.

    ``proposals`` (``lista_proposals_report.proposal_frame``) adds a sheet of the Lista entries the
    trainees proposed, with the check's findings one per line.
    """
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        readable(by_module(rows)).to_excel(writer, sheet_name="Moduły", index=False)
        readable(not_started(rows)).to_excel(writer, sheet_name="Nie rozpoczęli", index=False)
        readable(by_trainee(rows)).to_excel(writer, sheet_name="Uczestnicy", index=False)
        readable(rows).to_excel(writer, sheet_name="Moduły uczestników", index=False)
        if proposals is not None:
            readable_proposals(proposals).to_excel(writer, sheet_name=PROPOSALS_SHEET, index=False)
            _wrap_lines(writer.sheets[PROPOSALS_SHEET])


def _wrap_lines(sheet: Any) -> None:
    """Let cells show their line breaks (a proposal's findings are one per line) and widen the findings column."""
    from openpyxl.styles import Alignment  # type: ignore[import-untyped]  # noqa: PLC0415

    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[sheet.cell(row=1, column=sheet.max_column).column_letter].width = 90
