"""``szkola certificate``: zaświadczenia for a whole group, and ``verify NUMBER`` to check one."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import SzkolaError
from ..grading.course_folder import DRAFTS_STORE, CourseFolder
from ..storage.certificates import WHOLE_COURSE, CertificateRegister, Verdict

if TYPE_CHECKING:  # reportlab loads only when a certificate is made
    from ..documents.certificate import Organiser

COURSE_DIR = click.option(
    "--course-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Katalog kursu (z nbgrader_config.py).",
)


@click.group(invoke_without_command=True)
@COURSE_DIR
@click.option(
    "--store",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help=f"Plik SQLite z pracami grupy (domyślnie {DRAFTS_STORE} w katalogu kursu).",
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder na zaświadczenia.")
@click.option("--organiser", default=None, help="Nazwa organizatora szkolenia (zapamiętana w katalogu kursu).")
@click.option("--place", default=None, help="Miejscowość wydania zaświadczeń (zapamiętana w katalogu kursu).")
@click.option("--signatory", default=None, help="Kto podpisuje, np. „Anna Kowalska, kierownik szkolenia”.")
@click.option(
    "--birth-data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV organizatora: id, data_urodzenia (DD.MM.RRRR), miejsce_urodzenia – drukowane na zaświadczeniach "
    "(zapamiętane w katalogu kursu jako dane_urodzenia.csv; bez pliku tych danych nie ma na zaświadczeniu).",
)
@click.pass_context
def certificate(
    ctx: click.Context,
    *,
    course_dir: Path,
    store: Path | None,
    out: Path | None,
    organiser: str | None,
    place: str | None,
    signatory: str | None,
    birth_data: Path | None = None,
) -> None:
    """Zaświadczenia ukończenia modułów i kursu dla całej grupy (PDF dla każdego i rejestr CSV)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..data.cache import cached_valid_catalog  # noqa: PLC0415
    from ..grading.certify import (  # noqa: PLC0415
        done_modules,
        file_name,
        issue,
    )
    from ..grading.course_dir import course_roster  # noqa: PLC0415
    from ..grading.progress import Sources, trainee_progress  # noqa: PLC0415
    from ..storage import DraftStore  # noqa: PLC0415

    folder = CourseFolder.open(course_dir.resolve())
    course = folder.course()
    fields = _organiser_fields(folder, {"name": organiser, "place": place, "signatory": signatory}, birth_data)
    drafts = store or folder.root / DRAFTS_STORE
    catalog = cached_valid_catalog()
    if catalog.directory is None:
        raise SzkolaError("Brak Listy aktywności i usług: uruchom `szkola validate`.")
    target = (out or folder.root / "zaswiadczenia").resolve()
    target.mkdir(parents=True, exist_ok=True)
    issued: list[list[str]] = []
    pending: list[str] = []
    store_db = DraftStore(drafts)
    try:
        sources = Sources(store_db, catalog.cases, catalog.directory, folder)
        for trainee in course_roster(folder.root):
            progress = trainee_progress(sources, course, trainee.id)
            modules = done_modules(progress)
            if not modules:
                pending.append(trainee.id)
                continue
            name = " ".join(p for p in (trainee.first_name, trainee.last_name) if p) or trainee.id
            entry, pdf = issue(folder, progress, modules, trainee.id, name, organiser=fields)
            (target / file_name(entry)).write_bytes(pdf)
            scope = "cały kurs" if entry.zakres == WHOLE_COURSE else entry.zakres.replace("+", ", ")
            issued.append([entry.numer, trainee.id, name, scope, entry.godziny, entry.data_wydania, file_name(entry)])
            click.echo(f"{entry.numer}  {name} ({trainee.id}): {scope}, {entry.godziny} godz.")
    finally:
        store_db.close()
    register = target / "rejestr_wydanych.csv"
    with register.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["numer", "uczestnik", "imie_nazwisko", "zakres", "godziny", "data_wydania", "plik"])
        writer.writerows(issued)
    click.echo(f"Wydano zaświadczeń: {len(issued)}; pliki i rejestr: {target}")
    for entry in CertificateRegister(folder.root).altered():
        click.echo(f"Uwaga: wpis zaświadczenia {entry.numer} w rejestrze zmieniono ręcznie (podpis się nie zgadza).")
    if pending:
        click.echo(f"Bez ukończonego modułu (bez zaświadczenia): {', '.join(pending)}")


@certificate.command()
@click.argument("number")
@COURSE_DIR
def verify(number: str, course_dir: Path) -> None:
    """Sprawdź, czy numer zaświadczenia jest prawdziwy i czyje to zaświadczenie."""
    folder = CourseFolder.open(course_dir.resolve())
    verdict, entry = CertificateRegister(folder.root).verify(number)
    if verdict is Verdict.GENUINE and entry is not None:
        scope = "cały kurs" if entry.zakres == WHOLE_COURSE else f"moduły: {entry.zakres.replace('+', ', ')}"
        click.echo(
            f"Zaświadczenie nr {entry.numer} jest prawdziwe: wydane {entry.data_wydania} dla {entry.imie_nazwisko} "
            f"({entry.uczestnik}), kurs {entry.kurs}, {scope}, {entry.godziny} godz."
        )
        return
    if verdict is Verdict.ALTERED:
        raise SzkolaError(
            f"Wpis zaświadczenia nr {number} w rejestrze został zmieniony (podpis się nie zgadza): "
            "to zaświadczenie nie jest potwierdzone."
        )
    raise SzkolaError(f"Nie ma zaświadczenia nr {number} w rejestrze tego kursu: numer nie jest prawdziwy.")


def _organiser_fields(folder: CourseFolder, given: dict[str, str | None], birth_data: Path | None) -> Organiser:
    """Return the organiser's fields, remembering in the course folder those given now (and the birth data)."""
    from dataclasses import replace  # noqa: PLC0415

    from ..grading.certify import keep_birth_data, read_organiser, write_organiser  # noqa: PLC0415

    fields = read_organiser(folder)
    if any(v is not None for v in given.values()):
        fields = replace(fields, **{k: v.strip() for k, v in given.items() if v is not None})
        click.echo(f"Dane organizatora zapisano w {write_organiser(folder, fields)}")
    if birth_data is not None:
        click.echo(f"Daty i miejsca urodzenia zapisano w {keep_birth_data(folder, birth_data)}")
    return fields
