"""A trainee's kernel on a hub reads the G-PZK seats over the drafts' own PostgreSQL connection."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from szkola_kooperacji.dashboard import gpzk_join
from szkola_kooperacji.roleplay.seats import Seats
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.drafts import STORE_ENV
from tests.postgres_server import new_database, running_postgres


@pytest.fixture
def hub_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The store a hub gives every trainee's kernel: one PostgreSQL database named by ``$SZKOLA_STORE``."""
    with running_postgres() as server:
        location = new_database(server)
        monkeypatch.setenv(STORE_ENV, location)
        yield location
    gpzk_join._open_seats.cache_clear()
    gpzk_join._seats_beside.cache_clear()


def _connections(location: str) -> int:
    with psycopg.connect(location, autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_the_seats_share_the_drafts_connection_so_a_trainee_costs_the_database_one(hub_store: str):
    desk = Seats(hub_store)  # the trainer's desk seats a trainee
    desk.assign("spotkanie-1", "gops", "Anna Nowak", "kryzys_bezdomnosci")
    desk.database.close()

    store = DraftStore()  # the trainee's kernel
    seats = gpzk_join._seats(store)
    assert seats is not None
    assert [seat.role for seat in seats.of_trainee("Anna Nowak")] == ["gops"]
    assert _connections(hub_store) == 1  # 40 trainees: 40 connections, as docs/hub.md counts them
    store.close()
