"""``szkola schema``: write the JSON Schema of case and Lista files, generated from the models."""

from __future__ import annotations

from pathlib import Path

import click

from ..schema import write_schemas


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/schema"),
    show_default=True,
    help="Folder na pliki *.schema.json.",
)
def schema(output: Path) -> None:
    """Zapisz schematy JSON plików przypadków i Listy usług (dla edytora YAML)."""
    for path in write_schemas(output):
        click.echo(f"zapisano {path}")
