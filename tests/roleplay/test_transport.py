"""Sessions over the real transport: tornado websockets, pycrdt-websocket rooms, the SQLite store."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError
from tornado.websocket import websocket_connect

from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.errors import SessionError
from szkola_kooperacji.roleplay.client import LiveSession
from szkola_kooperacji.roleplay.passes import TRAINER, issue
from szkola_kooperacji.roleplay.server import serve
from szkola_kooperacji.roleplay.session import Session
from tests.aio import run

from .conftest import SECRET

SESSION_ID = "sesja-testowa-01"


def trainer(session_id: str = SESSION_ID) -> str:
    """The facilitator's pass, signed with the test secret (see conftest)."""
    return issue(SECRET.encode(), session_id, TRAINER)


async def wait_listening(port: int) -> None:
    """Wait until something accepts connections on the port (a server process starts slowly on a busy machine)."""
    for _ in range(1200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise AssertionError("the session server did not start")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _with_server(db: Path, body: Callable[[str], Awaitable[None]]) -> None:
    port = _free_port()
    server = asyncio.ensure_future(serve(port, db, SECRET.encode()))
    url = f"ws://127.0.0.1:{port}"
    await wait_listening(port)
    try:
        await body(url)
    finally:
        server.cancel()
        await asyncio.gather(server, return_exceptions=True)


async def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


def test_three_participants_editing_at_once_all_see_every_change(tmp_path: Path, case, directory):
    async def body(url: str) -> None:
        people = [LiveSession(url, SESSION_ID, trainer()) for _ in range(3)]
        for person in people:
            await person.start()
        people[0].session.open(case, directory)
        await _until(lambda: all(p.session.view().meeting.roles for p in people))
        people[0].session.claim_role("pup", "Anna")
        people[1].session.share("sp_zurawiec", "K5", ShareBasis.BRAK)
        people[2].session.inject_event("Ojciec wrócił do picia.")
        people[1].session.inject_event("Matka straciła pracę.")

        def everyone_sees_all() -> bool:
            views = [p.session.view().meeting for p in people]
            return all(v.roles.get("pup") == "Anna" and len(v.shares) == 1 and len(v.events) == 2 for v in views)

        await _until(everyone_sees_all)
        for person in people:
            await person.stop()

    run(_with_server(tmp_path / "roleplay.sqlite", body))


def test_a_session_survives_a_server_restart(tmp_path: Path, case, directory):
    db = tmp_path / "roleplay.sqlite"

    async def first(url: str) -> None:
        lead = LiveSession(url, SESSION_ID, trainer())
        await lead.start()
        lead.session.open(case, directory)
        lead.session.claim_role("gops_zurawiec", "Prowadząca")
        lead.session.inject_event("Ojciec wrócił do picia.")
        await asyncio.sleep(0.3)
        await lead.stop()

    async def second(url: str) -> None:
        late = LiveSession(url, SESSION_ID, trainer())
        await late.start()
        await _until(lambda: bool(late.session.view().meeting.events))
        meeting = late.session.view().meeting
        assert meeting.roles["gops_zurawiec"] == "Prowadząca"
        assert [e.text for e in meeting.events] == ["Ojciec wrócił do picia."]
        await late.stop()

    run(_with_server(db, first))
    assert db.exists()
    run(_with_server(db, second))


def test_a_session_id_that_could_be_a_path_is_refused():
    with pytest.raises(SessionError, match="identyfikator sesji"):
        LiveSession("ws://127.0.0.1:1", "../../etc/passwd", "x.y")
    assert Session().view().meeting.case_id == "nieznany"


def test_a_client_without_a_valid_pass_cannot_connect(tmp_path: Path):
    async def body(url: str) -> None:
        raw = f"{url}/gpzk/sesja/{SESSION_ID}"
        forged = issue(b"zgadniety-sekret", SESSION_ID, TRAINER)
        other = issue(SECRET.encode(), "inna-sesja-0001", TRAINER)
        for address in (raw, f"{raw}?przepustka=", f"{raw}?przepustka={forged}", f"{raw}?przepustka={other}"):
            with pytest.raises(HTTPClientError) as refused:
                await websocket_connect(address)
            assert refused.value.code == 403
        with pytest.raises(SessionError, match="poproś trenera"):
            await LiveSession(url, SESSION_ID, forged).start()

    run(_with_server(tmp_path / "roleplay.sqlite", body))


def test_a_role_pass_admits_only_a_role_of_the_opened_session(tmp_path: Path, case, directory):
    async def body(url: str) -> None:
        secret = SECRET.encode()
        early = LiveSession(url, SESSION_ID, issue(secret, SESSION_ID, "pup", "Ewa"))
        with pytest.raises(SessionError, match="nie wpuścił"):  # nobody opened the session yet
            await early.start()
        lead = LiveSession(url, SESSION_ID, trainer())
        await lead.start()
        lead.session.open(case, directory)
        await asyncio.sleep(0.3)
        stranger = LiveSession(url, SESSION_ID, issue(secret, SESSION_ID, "nie_ma_takiej_instytucji", "Obcy"))
        with pytest.raises(SessionError, match="nie wpuścił"):
            await stranger.start()
        office = LiveSession(url, SESSION_ID, issue(secret, SESSION_ID, "pup", "Ewa"))
        await office.start()
        assert office.session.header().case_id == case.id
        office.session.claim_role("pup", "Ewa")
        await _until(lambda: lead.session.header().roles.get("pup") == "Ewa")
        for person in (lead, office):
            await person.stop()

    run(_with_server(tmp_path / "roleplay.sqlite", body))


def test_a_role_client_writing_what_is_not_its_own_is_cut_off_and_nobody_sees_it(tmp_path: Path, case, directory):
    async def body(url: str) -> None:
        secret = SECRET.encode()
        trainer_copy = LiveSession(url, SESSION_ID, trainer())
        await trainer_copy.start()
        trainer_copy.session.open(case, directory)
        await asyncio.sleep(0.3)

        async def role(institution_id: str) -> LiveSession:
            live = LiveSession(url, SESSION_ID, issue(secret, SESSION_ID, institution_id, "Ewa"))
            await live.start()
            return live

        office = await role("pup")
        lost: list[str] = []
        office.on_lost = lambda: lost.append("pup")
        office.session.claim_role("pup", "Ewa")
        office.session.share("pup", "K2", ShareBasis.ZGODA)  # its own: allowed
        await _until(lambda: len(trainer_copy.session.view().meeting.shares) == 1)
        office.session.inject_event("Fałszywe zdarzenie od PUP.")  # the trainer's move
        await _until(lambda: office.closed_by_server)  # the server cut it off
        await _until(lambda: lost == ["pup"])  # and the page was told
        hostile = await role("pup")
        hostile.session.claim_role("gops_zurawiec", "Podszywający się")  # another role's seat
        hostile.session.share("sp_zurawiec", "K5", ShareBasis.BRAK)  # in another institution's name
        await _until(lambda: hostile.closed_by_server)
        therapist = await role("poradnia_uzaleznien")
        therapist.session.claim_role("poradnia_uzaleznien", "Piotr")
        await _until(lambda: trainer_copy.session.view().meeting.roles.get("poradnia_uzaleznien") == "Piotr")
        meeting = trainer_copy.session.view().meeting
        assert meeting.events == []
        assert meeting.roles["gops_zurawiec"] is None
        assert [s.institution_id for s in meeting.shares] == ["pup"]
        for live in (trainer_copy, office, hostile, therapist):
            await live.stop()

    run(_with_server(tmp_path / "roleplay.sqlite", body))


def test_a_stray_top_level_entry_or_a_proposal_for_no_goal_cuts_the_client_off(tmp_path: Path, case, directory):
    from pycrdt import Map  # noqa: PLC0415

    from szkola_kooperacji.domain.codes import Responsible  # noqa: PLC0415
    from szkola_kooperacji.domain.contract import Action  # noqa: PLC0415

    async def body(url: str) -> None:
        trainer_copy = LiveSession(url, SESSION_ID, trainer())
        await trainer_copy.start()
        trainer_copy.session.open(case, directory)
        await asyncio.sleep(0.3)
        ghost = Action(id="x", goal_id="C9", text="Oferta.", responsible=Responsible.INSTYTUCJA, institution_id="pup")
        moves = (
            lambda s: s.doc.get("przemyt", type=Map).__setitem__("x", "<script>alert(1)</script>"),
            lambda s: s.proposals.__setitem__(
                "Pwrogi01",
                Map(
                    {"seq": "1", "institution_id": "pup", "action": ghost.model_dump_json(), "status": "zaproponowane"}
                ),
            ),
        )
        for move in moves:
            hostile = LiveSession(url, SESSION_ID, issue(SECRET.encode(), SESSION_ID, "pup", "Ewa"))
            await hostile.start()
            move(hostile.session)
            await _until(lambda h=hostile: h.closed_by_server)
            await hostile.stop()
        office = LiveSession(url, SESSION_ID, issue(SECRET.encode(), SESSION_ID, "pup", "Ewa"))
        await office.start()
        office.session.claim_role("pup", "Ewa")  # an honest move after them still arrives
        await _until(lambda: trainer_copy.session.view().meeting.roles.get("pup") == "Ewa")
        assert "przemyt" not in trainer_copy.doc
        assert trainer_copy.session.view().meeting.proposals == []
        for live in (trainer_copy, office):
            await live.stop()

    run(_with_server(tmp_path / "roleplay.sqlite", body))
