"""``szkola course update``: a course folder's config rewritten after a move or a platform update."""

from __future__ import annotations

from pathlib import Path

import click

from ..grading.course_dir import update_config
from ..grading.course_folder import CourseFolder


@click.command("update")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."))
def update(directory: Path) -> None:
    """Odśwież konfigurację kursu (po przeniesieniu folderu albo po aktualizacji platformy)."""
    folder = CourseFolder.open(directory, in_place=False)
    config = update_config(folder)
    click.echo(f"Zaktualizowano {config} (poprzednia wersja: {config.name}.bak).")
