"""``szkola serve --store`` takes a SQLite file or a ``postgresql://`` URL, and the dashboards write there."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.voila_client import Session
from szkola_kooperacji.cli import main
from szkola_kooperacji.serving import ServeOptions, log_path, store_path, voila_environment
from szkola_kooperacji.storage import DraftStore, IdentityCheck
from tests.aio import run
from tests.browser.conftest import Server

pytestmark = pytest.mark.slow
NAME, CODE = "Uczestnik Bazy", "kod-bazy-2026"


async def _sign_in(url: str) -> bool:
    """Sign in on the dashboard as a browser would; return whether the trainee was greeted."""
    session = Session(url)
    try:
        await session.open_page()
        await session.connect()
        await session.set_value("sk-trainee-name", NAME, wait=False)
        await session.set_value("sk-trainee-code", CODE, wait=False)
        await session.click("sk-sign-in")
        return session.shows("Witaj po raz pierwszy")
    finally:
        await session.close()


def test_the_dashboards_of_serve_write_to_the_store_it_was_given(
    store_location: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    data_home = tmp_path / "dane"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))  # where a database's technical log goes
    server = Server(store=store_location, log=tmp_path / "konsola.txt")  # type: ignore[arg-type]
    server.start()
    try:
        assert run(_sign_in(server.url))
    finally:
        server.stop()

    store = DraftStore(store_location)  # the dashboard registered the trainee in this very store
    assert store.sign_in(NAME, "cudzy-kod-2026") == IdentityCheck.WRONG_CODE
    assert store.sign_in(NAME, CODE) == IdentityCheck.OK
    store.close()
    console = server.log.read_text(encoding="utf-8")
    assert f"Prace uczestników zapisują się w: {store_location}" in console
    beside = data_home / "szkola-kooperacji" if isinstance(store_location, str) else tmp_path
    assert (beside / "serwer.log").is_file()


def test_serve_refuses_another_database_in_polish():
    result = CliRunner().invoke(main, ["serve", "--store", "mysql://szkola:tajne@db/szkola", "--no-browser"])
    assert result.exit_code == 1
    assert "Nieobsługiwana baza prac" in result.output
    assert "tajne" not in result.output


def test_a_database_in_the_environment_is_the_store_of_serve_and_its_log_goes_to_the_data_folder(tmp_path, monkeypatch):
    url = "postgresql://szkola@db/szkola"
    monkeypatch.setenv("SZKOLA_STORE", url)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert store_path(ServeOptions()) == url
    assert voila_environment(ServeOptions())["SZKOLA_STORE"] == url
    assert log_path(ServeOptions()) == tmp_path / "szkola-kooperacji" / "serwer.log"
    assert store_path(ServeOptions(store=tmp_path / "a.sqlite")) == tmp_path / "a.sqlite"  # --store wins
