"""``szkola export contract``: a case's contract (expert reference or a trainee's draft) as DOCX or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import SzkolaError

if TYPE_CHECKING:
    from ..domain.draft import Draft


@click.group()
def export() -> None:
    """Eksportuj dokumenty szkoleniowe."""


@export.command("contract")
@click.argument("case_id", metavar="PRZYPADEK")
@click.option(
    "--draft", "trainee", metavar="UCZESTNIK", help="Kontrakt z wersji roboczej uczestnika (imię jak przy logowaniu)."
)
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), help="Plik SQLite z pracami uczestników.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf"]),
    help="Format dokumentu; domyślnie według rozszerzenia pliku -o, a bez niego PDF.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Plik wynikowy.")
def contract(case_id: str, trainee: str | None, store: Path | None, fmt: str | None, output: Path | None) -> None:
    """Zapisz kontrakt socjalny PRZYPADKU jako dokument do druku (DOCX lub PDF).

    Bez --draft: kontrakt wzorcowy eksperta. Z --draft: kontrakt, który uczestnik zbudował w pulpicie.
    """
    from ..data.cache import cached_valid_catalog  # noqa: PLC0415 (CLI start-up stays fast)
    from ..documents.formats import DocumentFormat, file_name, render_contract  # noqa: PLC0415

    suffix = output.suffix.lstrip(".").lower() if output and output.suffix else "pdf"
    known = {f.value for f in DocumentFormat}
    if fmt is None and suffix not in known:
        raise SzkolaError(f"Nie wiem, jaki format ma plik {output}: podaj --format docx albo --format pdf.")
    if fmt is not None and suffix in known and suffix != fmt:
        raise SzkolaError(f"Plik {output} ma rozszerzenie .{suffix}, a --format {fmt}: zmień jedno z nich.")
    chosen = DocumentFormat(fmt or suffix)
    catalog = cached_valid_catalog()
    if case_id not in catalog.cases:
        raise SzkolaError(f"Nie ma przypadku „{case_id}”. Dostępne: {', '.join(sorted(catalog.cases))}.")
    case, directory = catalog.cases[case_id], catalog.directory
    assert directory is not None  # a valid catalog has its Lista
    work = case.reference if trainee is None else _draft(trainee, case_id, store)
    target = output or Path(file_name(case, chosen, draft=trainee is not None))
    data = render_contract(case, directory, work.contract, work.diagnosis, chosen)
    try:
        target.write_bytes(data)
    except OSError as error:
        raise SzkolaError(f"Nie można zapisać pliku {target}: {error.strerror}. Wskaż inny plik opcją -o.") from None
    click.echo(f"Zapisano {target} ({len(data) // 1024 + 1} KB, {chosen.value.upper()}).")


def _draft(trainee: str, case_id: str, store_path: Path | None) -> Draft:
    from ..storage import DraftStore  # noqa: PLC0415
    from ..storage.drafts import default_store_path  # noqa: PLC0415

    path = store_path or default_store_path()
    if not path.exists():
        raise SzkolaError(f"Nie ma pliku z pracami uczestników: {path}. Wskaż go opcją --store.")
    store = DraftStore(path)
    try:
        draft = store.load(trainee, case_id)
        if draft is None:
            cases = store.cases_with_drafts(trainee)
            hint = (
                f" Ten uczestnik ma prace w przypadkach: {', '.join(cases)}."
                if cases
                else (" Sprawdź imię i nazwisko tak, jak uczestnik wpisał je przy logowaniu.")
            )
            raise SzkolaError(f"Uczestnik „{trainee}” nie ma zapisanej pracy w przypadku „{case_id}”.{hint}")
        return draft
    finally:
        store.close()
