"""Rooms close when idle and reopen from the store; the store is a SQLite file or the hub's PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado import web

from szkola_kooperacji.roleplay.client import LiveSession
from szkola_kooperacji.roleplay.passes import issue
from szkola_kooperacji.roleplay.server import SessionRooms, session_handlers
from szkola_kooperacji.roleplay.store import SessionStore
from tests.aio import run
from tests.postgres_server import new_database, running_postgres

from .conftest import SECRET
from .test_transport import _free_port, _until, trainer

IDLE = 0.3


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[str]:
    with running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where sessions are stored: a SQLite file, or a fresh database on a real PostgreSQL."""
    if request.param == "sqlite":
        return tmp_path / "roleplay.sqlite"
    return new_database(request.getfixturevalue("postgres_server"))


async def _meeting(url: str, session_id: str, case, directory) -> None:
    """Open a session, let one role in (its knowledge room too), announce an event, and leave."""
    desk = LiveSession(url, session_id, trainer(session_id))
    await desk.start()
    desk.session.open(case, directory)
    desk.session.inject_event(f"Zdarzenie sesji {session_id}.")
    await asyncio.sleep(0.2)
    office = LiveSession(url, session_id, issue(SECRET.encode(), session_id, "pup", "Ewa"))
    await office.start()
    office.session.claim_role("pup", "Ewa")
    await _until(lambda: desk.session.header().roles.get("pup") == "Ewa")
    for live in (office, desk):
        await live.stop()


def test_idle_rooms_close_and_a_closed_session_reopens_from_its_store(location: Path | str, case, directory):
    sessions = [f"sesja-pamieci-{n:02d}" for n in range(4)]

    async def body() -> None:
        rooms = SessionRooms(location, SECRET.encode(), idle_seconds=IDLE)
        async with rooms:
            port = _free_port()
            server = web.Application(session_handlers(rooms)).listen(port, address="127.0.0.1")
            url = f"ws://127.0.0.1:{port}"
            try:
                for session_id in sessions:
                    await _meeting(url, session_id, case, directory)
                await _until(lambda: not rooms.rooms)  # every room, knowledge rooms included, closed
                for session_id in sessions:  # each stored as one squashed state, not a log of its updates
                    assert SessionStore(rooms.database, session_id).count() == 1
                late = LiveSession(url, sessions[0], trainer(sessions[0]))
                await late.start()
                meeting = late.session.view().meeting
                assert [e.text for e in meeting.events] == [f"Zdarzenie sesji {sessions[0]}."]
                assert meeting.roles["pup"] == "Ewa"
                assert list(rooms.rooms) == [sessions[0]]
                await late.stop()
            finally:
                server.stop()
                await rooms.flush()

    run(body())
