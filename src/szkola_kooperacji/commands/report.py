"""``szkola report``: grades and progress per trainee, module and graded item, as tables and files."""

from __future__ import annotations

from pathlib import Path

import click

from ..domain.course import Course
from ..grading.course_folder import CourseFolder
from ..grading.report import NOT_SUBMITTED, by_module, by_trainee, for_people, grade_rows, write_csv, write_xlsx
from ..serving import ServeOptions, run_voila


def load_course_dir(course_dir: Path) -> tuple[Course, str]:
    """Return the course manifest and gradebook URL of a course directory."""
    folder = CourseFolder.open(course_dir)
    return folder.course(), folder.db_url


@click.command()
@click.option(
    "--course-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Katalog kursu (z nbgrader_config.py).",
)
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Zapisz elementy ocen do CSV.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), help="Zapisz raport do XLSX.")
@click.option(
    "--progress-xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Zapisz postępy grupy w kursie (moduły, kto nie zaczął, propozycje wpisów do Listy) do XLSX.",
)
@click.option("--serve", is_flag=True, help="Pokaż raport w przeglądarce (Voilà) zamiast w terminalu.")
@click.option("--port", default=8867, show_default=True, help="Port raportu z --serve.")
def report(
    course_dir: Path,
    csv_path: Path | None,
    xlsx_path: Path | None,
    progress_xlsx: Path | None,
    *,
    serve: bool,
    port: int,
) -> None:
    """Oceny i postępy grupy: uczestnicy, moduły i każdy oceniany element."""
    course, db_url = load_course_dir(course_dir.resolve())
    if serve:
        options = ServeOptions(port=port, course=course_dir.resolve(), notebook="raport_trenera.ipynb")
        click.echo(f"Raport grupy: http://localhost:{port}/  (zatrzymanie: Ctrl-C)")
        run_voila(options)
        return
    rows = grade_rows(db_url, course)
    click.echo(f"{course.title}: uczestników {rows['uczestnik'].nunique()}, elementów ocen {len(rows)}.")
    if not rows.empty:
        click.echo(for_people(by_trainee(rows)).to_string(index=False, na_rep=NOT_SUBMITTED))
        click.echo("")
        click.echo(for_people(by_module(rows)).to_string(index=False, na_rep=NOT_SUBMITTED))
        flagged = rows[rows["uwagi"] != ""]
        for _, row in flagged.drop_duplicates(["uczestnik", "cwiczenie", "uwagi"]).iterrows():
            click.echo(f"Uwaga – {row['uczestnik']}, {row['cwiczenie']}: {row['uwagi']}")
    if csv_path:
        write_csv(rows, csv_path)
        click.echo(f"Zapisano {csv_path}")
    if xlsx_path:
        write_xlsx(rows, xlsx_path)
        click.echo(f"Zapisano {xlsx_path}")
    if progress_xlsx:
        _write_progress(course_dir.resolve(), progress_xlsx)


def _write_progress(course_dir: Path, path: Path) -> None:
    """Print who has not started and save the group's progress per module as XLSX."""
    from ..data.cache import cached_valid_catalog  # noqa: PLC0415
    from ..grading.group_progress import by_module, not_started, progress_rows, readable, write_progress_xlsx  # noqa: PLC0415
    from ..grading.lista_proposals_report import proposal_frame, proposal_summary  # noqa: PLC0415

    folder, catalog = CourseFolder.open(course_dir), cached_valid_catalog()
    rows = progress_rows(folder, catalog)
    click.echo(readable(by_module(rows)).to_string(index=False))
    idle = not_started(rows)
    if not idle.empty:
        click.echo(f"Nie rozpoczęli żadnego modułu: {', '.join(idle['uczestnik'])}")
    proposals = proposal_frame(folder, catalog.directory) if catalog.directory else None
    if proposals is not None:
        click.echo(proposal_summary(proposals))
    write_progress_xlsx(rows, path, proposals)
    click.echo(f"Zapisano {path}")
