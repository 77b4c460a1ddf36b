"""``szkola serve``: start the trainee dashboard in Voilà and stop it cleanly on Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import click

from ..data.cache import cached_valid_catalog
from ..errors import DataError, SzkolaError
from ..serving import ServeOptions, check_port_free, log_path, public_url, run_voila, store_path
from ..storage import DraftStore
from ..storage.database import StoreLocation, describe, parse_store_location


@click.command()
@click.option("--port", default=8866, show_default=True, help="Port serwera.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adres nasłuchu; 0.0.0.0, aby uczestnicy łączyli się z sieci sali.",
)
@click.option("--no-browser", is_flag=True, help="Nie otwieraj przeglądarki.")
@click.option(
    "--store",
    default=None,
    callback=lambda _ctx, _param, value: parse_store_location(value) if value is not None else None,
    help="Prace uczestników: plik SQLite albo baza postgresql://użytkownik:hasło@serwer/baza (domyślnie "
    "prace.sqlite w katalogu kursu z --course, bez kursu w katalogu danych użytkownika).",
)
@click.option(
    "--data",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder z własnymi przypadkami i Listą usług (domyślnie: dołączone).",
)
@click.option(
    "--course",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Katalog kursu grupy (szkola course init): uczestnicy oddają w pulpicie jego ćwiczenia.",
)
@click.option(
    "--workshop",
    type=click.IntRange(0, 200),
    default=0,
    metavar="N",
    help="Przygotuj serwer dla N uczestników naraz (jądra przygotowane z góry).",
)
@click.option(
    "--log",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Plik dziennika technicznego serwera (domyślnie serwer.log obok pliku z pracami).",
)
def serve(
    *,
    port: int,
    host: str,
    no_browser: bool,
    store: StoreLocation | None,
    data: Path | None,
    workshop: int,
    course: Path | None,
    log: Path | None,
) -> None:
    """Uruchom pulpit uczestnika (Voilà) na dołączonych przypadkach."""
    options = ServeOptions(
        port=port,
        host=host,
        open_browser=not no_browser,
        store=store,
        data=data,
        workshop=workshop,
        course=course,
        log=log,
    )
    try:  # validate once here, so each trainee's kernel reads the checked data from the cache at once
        cached_valid_catalog([data] if data else None)
    except DataError as error:
        raise SzkolaError(f"dane szkoleniowe zawierają błędy; popraw je i uruchom ponownie:\n{error}") from None
    check_port_free(options)
    location = store_path(options)
    if isinstance(location, str):  # a database: reachable, tables made, before the kernels open it
        DraftStore(location).close()
    click.echo(f"Pulpit uczestnika: {public_url(options)}")
    click.echo(f"Prace uczestników zapisują się w: {describe(location)}")
    click.echo(f"Dziennik techniczny serwera: {log_path(options)}")
    if workshop:
        click.echo(f"Przygotowuję pulpity uczestników ({workshop}); zaproś uczestników po komunikacie „Serwer gotowy”.")
    click.echo("Zatrzymanie: Ctrl-C.")
    run_voila(options)
