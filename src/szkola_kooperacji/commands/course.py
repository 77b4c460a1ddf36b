"""``szkola course init``: an nbgrader course directory for one training group."""

from __future__ import annotations

from pathlib import Path

import click

from ..data.catalog import load_catalog
from ..data.course_refs import course_root
from ..errors import DataError
from ..grading.course_dir import init_course, read_roster
from ..grading.sign_in_codes import issue_codes
from .course_codes import codes, report_issued
from .course_update import update


@click.group()
def course() -> None:
    """Kursy i grupy szkoleniowe (katalogi kursu nbgrader)."""


@course.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--course",
    "manifest",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Program kursu z folderu courses/, np. courses/regionalny.yaml.",
)
@click.option("--group", default=None, help="Id grupy (kursu w nbgrader); domyślnie id kursu.")
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Lista uczestników CSV: id,first_name,last_name; każdy dostaje kod logowania (CSV i karty PDF).",
)
@click.option("--db", "db_url", default=None, help="Adres bazy ocen SQLAlchemy (domyślnie SQLite w katalogu kursu).")
@click.option(
    "--exchange",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder wymiany nbgrader (domyślnie DIRECTORY/wymiana).",
)
def init(  # noqa: PLR0917 (click passes each option positionally)
    directory: Path, manifest: Path, group: str | None, roster: Path | None, db_url: str | None, exchange: Path | None
) -> None:
    """Utwórz katalog kursu nbgrader dla grupy: konfiguracja, ćwiczenia w source/, lista uczestników."""
    catalog = load_catalog([manifest])
    if catalog.errors or not catalog.courses:
        raise DataError(catalog.errors)
    (course_manifest,) = catalog.courses.values()
    trainees = read_roster(roster) if roster else []
    config = init_course(
        directory,
        course_manifest,
        manifest,
        course_root(manifest),
        group_id=group,
        db_url=db_url,
        exchange=exchange,
        roster=trainees,
    )
    root = config.parent
    click.echo(f"Utworzono kurs „{course_manifest.title}” w {root}")
    click.echo(f"Uczestnicy: {len(trainees)}. Ćwiczenia: {', '.join(course_manifest.exercise_ids)}.")
    if trainees:
        report_issued(issue_codes(root, trainees, course_manifest.title, root))
    click.echo("Dalej, w tym folderze:")
    first = course_manifest.exercise_ids[0]
    click.echo(f"  cd {root}")
    click.echo(f"  nbgrader generate_assignment {first}")
    click.echo(f"  nbgrader release_assignment {first}")


course.add_command(codes)
course.add_command(update)
