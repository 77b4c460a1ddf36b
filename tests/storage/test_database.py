"""Where the store is, and PostgreSQL connections that survive a server restart with a Polish message between."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from szkola_kooperacji.domain import Need
from szkola_kooperacji.domain.codes import Area
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.storage import DraftStore, IdentityCheck
from szkola_kooperacji.storage.database import APPLICATION_NAME, describe, parse_store_location
from szkola_kooperacji.storage.drafts import STORE_ENV, default_store_location, default_store_path, store_folder
from tests.postgres_server import new_database, running_postgres, start_postgres, stop_postgres


def _draft(statement: str) -> Draft:
    draft = Draft(case_id="mini_case")
    draft.diagnosis.needs.append(Need(id="N1", area=Area.SYTUACJA_ZAWODOWA, statement=statement))
    return draft


def test_a_url_stays_a_url_and_anything_else_is_a_sqlite_file(tmp_path: Path):
    assert parse_store_location("postgresql://szkola:x@db/szkola") == "postgresql://szkola:x@db/szkola"
    assert parse_store_location(" postgres://db/szkola ") == "postgres://db/szkola"
    assert parse_store_location("prace.sqlite") == Path("prace.sqlite")
    assert parse_store_location(tmp_path / "a.sqlite") == tmp_path / "a.sqlite"
    assert parse_store_location("~/prace.sqlite") == Path.home() / "prace.sqlite"


@pytest.mark.parametrize("typed", ["mysql://szkola:tajne@db/szkola", "sqlite:///prace.sqlite", "  "])
def test_another_database_is_refused_in_polish_without_its_password(typed: str):
    with pytest.raises(SzkolaError) as raised:
        parse_store_location(typed)
    assert "podaj plik SQLite" in str(raised.value)
    assert "tajne" not in str(raised.value)


def test_a_database_url_is_shown_without_its_password_and_keeps_side_files_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = "postgresql://szkola:tajne@db/szkola"
    assert describe(url) == "postgresql://szkola:***@db/szkola"
    assert store_folder(url) == tmp_path / "szkola-kooperacji"
    assert store_folder(tmp_path / "kurs" / "prace.sqlite") == tmp_path / "kurs"
    monkeypatch.setenv(STORE_ENV, url)  # a hub's kernel: its side files are not a path made of the URL
    assert default_store_location() == url
    assert default_store_path() == tmp_path / "szkola-kooperacji" / "szkola.sqlite"


def test_the_store_names_its_postgresql_connection(postgres_server: str):
    location = new_database(postgres_server)
    store = DraftStore(location)
    with psycopg.connect(location, autocommit=True) as admin:
        names = admin.execute(
            "SELECT application_name FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    store.close()
    assert names == [(APPLICATION_NAME,)]  # one connection per store, named for the arithmetic of docs/hub.md


def test_the_store_recovers_after_the_postgresql_server_restarts():
    with running_postgres() as server:
        store = DraftStore(new_database(server))
        store.save("Anna Nowak", _draft("Przed restartem"))

        stop_postgres(server)
        with pytest.raises(SzkolaError) as raised:  # the dashboard shows "Nie udało się zapisać" and keeps the work
            store.save("Anna Nowak", _draft("W czasie przerwy"))
        assert str(raised.value).startswith("Nie można połączyć się z bazą")

        start_postgres(server)
        store.save("Anna Nowak", _draft("Po restarcie"))  # the next save opens a new connection by itself
        assert store.sign_in("Anna Nowak", "tajne-kod-1") == IdentityCheck.NEW
        assert store.sign_in("Anna Nowak", "tajne-kod-1") == IdentityCheck.OK
        saved = store.load("Anna Nowak", "mini_case")
        assert saved is not None
        assert [need.statement for need in saved.diagnosis.needs] == ["Po restarcie"]

        stop_postgres(server)  # a restart while the connection sits idle: the next statement reconnects
        start_postgres(server)
        store.save("Anna Nowak", _draft("Po drugim restarcie"))
        assert store.load("Anna Nowak", "mini_case").diagnosis.needs[0].statement == "Po drugim restarcie"
        with store._db.transaction():  # a transaction, too, starts on a live connection
            store._db.execute("DELETE FROM drafts WHERE trainee_key = ?", ("anna nowak",))
        assert store.load("Anna Nowak", "mini_case") is None
        store.close()
