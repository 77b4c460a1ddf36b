"""``szkola validate``: check cases, the Lista and their cross references."""

from __future__ import annotations

from pathlib import Path

import click

from ..data.catalog import Catalog, load_catalog


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Sprawdź przypadki, Listę usług, kursy, samosprawdzenia i ćwiczenia z dokumentem (domyślnie: dane platformy).

    Każdy problem to jeden wiersz: plik, wiersz, pole, co znaleziono i czego oczekiwano.
    Kod wyjścia 1, gdy jest choć jeden błąd.
    """
    catalog = load_catalog(list(paths) or None)
    for problem in catalog.problems:
        click.echo(problem.render(), err=not problem.warning)
    summary = (
        f"Sprawdzono plików: {len(catalog.files)} "
        f"(przypadki: {len(catalog.cases)}, kursy: {len(catalog.courses)}, "
        f"samosprawdzenia: {len(catalog.self_checks)}, "
        f"ćwiczenia z dokumentem: {len(catalog.document_tasks)}, "
        f"Lista usług: {'tak' if catalog.directory else 'nie'}{_comparisons(catalog)})."
    )
    errors = catalog.errors
    if errors:
        bad_files = len({p.file for p in errors})
        click.echo(f"{summary} Błędy: {len(errors)} w {bad_files} plikach.", err=True)
        raise SystemExit(1)
    warnings = len(catalog.problems)
    click.echo(f"{summary} Wszystko poprawne." + (f" Uwagi: {warnings}." if warnings else ""))


def _comparisons(catalog: Catalog) -> str:
    """Name the other powiats' Listas in the summary, when there are any."""
    count = len(catalog.comparison_directories)
    return f", Listy innych powiatów do porównania: {count}" if count else ""
