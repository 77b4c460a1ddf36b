"""``szkola serve``: start the trainee dashboard in Voilà and stop it cleanly on Ctrl-C."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from ..serving import ServeOptions, voila_command, voila_environment


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
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Plik SQLite z pracami uczestników (domyślnie w katalogu danych użytkownika).",
)
@click.option(
    "--data",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder z własnymi przypadkami i Listą usług (domyślnie: dołączone).",
)
@click.option(
    "--workshop",
    type=click.IntRange(0, 200),
    default=0,
    metavar="N",
    help="Przygotuj serwer dla N uczestników naraz (jądra przygotowane z góry).",
)
def serve(*, port: int, host: str, no_browser: bool, store: Path | None, data: Path | None, workshop: int) -> None:
    """Uruchom pulpit uczestnika (Voilà) na dołączonych przypadkach."""
    options = ServeOptions(port=port, host=host, open_browser=not no_browser, store=store, data=data, workshop=workshop)
    env = voila_environment(options)
    shown_host = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host
    click.echo(f"Pulpit uczestnika: http://{shown_host}:{port}/")
    click.echo(f"Prace uczestników zapisują się w: {env['SZKOLA_STORE']}")
    if workshop:
        click.echo(f"Tryb warsztatu: {workshop} uczestników; przygotowanie jąder trwa ok. {workshop // 2 + 5} s.")
    click.echo("Zatrzymanie: Ctrl-C.")
    process = subprocess.Popen(voila_command(options), env=env)
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        click.echo("Serwer zatrzymany.")
        return
    if code != 0:
        raise click.ClickException(f"Voilà zakończyła działanie z kodem {code}. Sprawdź komunikaty powyżej.")
