"""``szkola course codes``: the group's sign-in codes — issue the missing ones, or reset one trainee's."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import SzkolaError
from ..grading.course_dir import Trainee, course_roster
from ..grading.sign_in_codes import IssuedFiles, issue_codes
from ..storage.course_codes import CourseCodes


def report_issued(files: IssuedFiles) -> None:
    """Tell the trainer where the codes are and that they are shown only once."""
    click.echo(f"Wydano kody: {files.count}.")
    click.echo(f"  karty do druku: {files.pdf}")
    click.echo(f"  lista CSV:      {files.csv}")
    click.echo(
        "Kody są tylko w tych dwóch plikach (kurs przechowuje ich skróty): wydrukuj karty, rozdaj je "
        "i usuń pliki, gdy nie będą potrzebne."
    )


@click.command("codes")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--reset",
    "reset_ids",
    multiple=True,
    metavar="ID",
    help="Nowy kod dla tego uczestnika (stary przestaje działać); można podać kilka razy.",
)
@click.option("--all", "everyone", is_flag=True, help="Nowe kody dla wszystkich uczestników (stare przestają działać).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder na kody_logowania*.csv i karty_logowania*.pdf (domyślnie katalog kursu).",
)
@click.option("--address", default=None, help="Adres pulpitu do wydrukowania na kartach, np. http://10.0.0.5:8866/.")
def codes(directory: Path, reset_ids: tuple[str, ...], everyone: bool, out: Path | None, address: str | None) -> None:
    """Wydaj kody logowania uczestnikom z listy grupy, którzy ich nie mają, albo nowy kod (--reset)."""
    from .report import load_course_dir  # noqa: PLC0415 (one reader of a course folder)

    course, _ = load_course_dir(directory)
    roster = course_roster(directory)
    if reset_ids and everyone:
        raise SzkolaError("podaj --reset ID albo --all, nie oba naraz.")
    by_id = {t.id: t for t in roster}
    if unknown := [i for i in reset_ids if i not in by_id]:
        raise SzkolaError(f"nie ma na liście grupy: {', '.join(unknown)}; sprawdź identyfikator (np. anowak).")
    chosen: list[Trainee]
    if reset_ids:
        chosen = [by_id[i] for i in dict.fromkeys(reset_ids)]
    elif everyone:
        chosen = roster
    else:
        issued = CourseCodes(directory).issued_ids()
        chosen = [t for t in roster if t.id not in issued]
    if not chosen:
        click.echo("Wszyscy uczestnicy z listy mają już kody. Nowy kod dla jednej osoby: --reset ID.")
        return
    suffix = "_".join(t.id for t in chosen)[:80] if reset_ids else ""
    report_issued(issue_codes(directory, chosen, course.title, out or directory, suffix=suffix, address=address))
