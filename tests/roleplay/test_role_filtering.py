"""Per-role filtering in the transport: a role's raw websocket stream carries only what its institution may know."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pycrdt import Array, Doc, Map, Provider
from tornado.httpclient import HTTPClientError
from tornado.websocket import websocket_connect

from szkola_kooperacji.domain.codes import Responsible
from szkola_kooperacji.domain.contract import Action
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.roleplay.client import ClientChannel, LiveSession
from szkola_kooperacji.roleplay.knowledge import KNOWLEDGE, known_case
from szkola_kooperacji.roleplay.passes import issue
from tests.aio import run

from .conftest import SECRET
from .test_transport import SESSION_ID, _until, _with_server, trainer


class RecordingChannel(ClientChannel):
    """The client's channel, keeping every byte the server sent: what a role's connection received."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.received: list[bytes] = []

    async def __anext__(self) -> bytes:
        message = await super().__anext__()
        self.received.append(message)
        return message


async def _recorded(url: str, path: str, doc: Doc) -> tuple[RecordingChannel, asyncio.Task[None]]:
    """Connect a role's raw stream to one room, syncing ``doc`` through pycrdt's provider as the page does."""
    connection = await websocket_connect(url + path)
    channel = RecordingChannel(connection, SESSION_ID)
    provider = Provider(doc, channel)
    task = asyncio.ensure_future(provider.start())
    await provider.started.wait()
    await asyncio.wait_for(provider.synced.wait(), 10)
    return channel, task


def _stream(*channels: RecordingChannel) -> bytes:
    return b"".join(m for channel in channels for m in channel.received)


def test_a_role_receives_another_institutions_item_only_once_it_is_shared(tmp_path: Path, case, directory):
    secret_item = case.knowledge_item("K4")  # the therapist's, confidential: only with consent
    own_item = case.knowledge_item("K2")  # the job office's own
    assert secret_item is not None
    assert own_item is not None
    secret_text, own_text = secret_item.text[:40].encode(), own_item.text[:40].encode()

    async def body(url: str) -> None:
        desk = LiveSession(url, SESSION_ID, trainer())
        await desk.start()
        desk.session.open(case, directory)
        await asyncio.sleep(0.3)
        office_pass = issue(SECRET.encode(), SESSION_ID, "pup", "Ewa")
        table, own = Doc(), Doc()
        base = f"/gpzk/sesja/{SESSION_ID}"
        table_stream, table_task = await _recorded(url, f"{base}?przepustka={office_pass}", table)
        own_stream, own_task = await _recorded(url, f"{base}/wiedza?przepustka={office_pass}", own)
        therapist = LiveSession(url, SESSION_ID, issue(SECRET.encode(), SESSION_ID, "poradnia_uzaleznien", "Piotr"))
        await therapist.start()
        therapist.session.claim_role("poradnia_uzaleznien", "Piotr")
        therapy = "poradnia_uzaleznien"
        action = Action(id="x", text="Terapia od stycznia.", responsible=Responsible.INSTYTUCJA, institution_id=therapy)
        therapist.session.propose("poradnia_uzaleznien", action)
        await _until(lambda: len(table.get("proposals", type=Map)) == 1)

        assert own_text in _stream(own_stream)  # the check does find an item's text in a stream
        assert secret_text not in _stream(table_stream, own_stream)
        assert [i.id for i in therapist.known_case(case).knowledge] == ["K3", "K4"]
        assert "K4" not in {i.id for i in known_case(case, table, own).knowledge}

        hostile = LiveSession(url, SESSION_ID, office_pass)
        await hostile.start()
        hostile.session.share("pup", "K4", ShareBasis.BRAK)  # another institution's item in its own name
        await _until(lambda: hostile.closed_by_server)
        await asyncio.sleep(0.3)
        assert secret_text not in _stream(table_stream, own_stream)
        assert desk.session.view().meeting.shares == []

        therapist.session.share("poradnia_uzaleznien", "K4", ShareBasis.BRAK)
        await _until(lambda: secret_text in _stream(table_stream))
        assert secret_text not in _stream(own_stream)
        known = known_case(case, table, own)
        assert [i.id for i in known.knowledge] == ["K2", "K4"]
        for live in (desk, therapist, hostile):
            await live.stop()
        for task in (table_task, own_task):
            task.cancel()

    run(_with_server(tmp_path / "roleplay.sqlite", body))


def test_the_knowledge_room_is_read_only_and_only_for_a_role(tmp_path: Path, case, directory):
    async def body(url: str) -> None:
        desk = LiveSession(url, SESSION_ID, trainer())
        await desk.start()
        desk.session.open(case, directory)
        await asyncio.sleep(0.3)
        refused = await websocket_connect(f"{url}/gpzk/sesja/{SESSION_ID}/wiedza?przepustka={trainer()}")
        assert await refused.read_message() is None  # the trainer reads the case itself: no knowledge room
        assert refused.close_code == 4403
        forged = issue(b"zly-sekret", SESSION_ID, "pup", "Ewa")
        with pytest.raises(HTTPClientError) as forbidden:
            await websocket_connect(f"{url}/gpzk/sesja/{SESSION_ID}/wiedza?przepustka={forged}")
        assert forbidden.value.code == 403
        office = LiveSession(url, SESSION_ID, issue(SECRET.encode(), SESSION_ID, "pup", "Ewa"))
        await office.start()
        office.knowledge.get(KNOWLEDGE, type=Array).append('{"id": "K9", "text": "podrobione"}')
        await _until(lambda: office.closed_by_server)
        again = LiveSession(url, SESSION_ID, issue(SECRET.encode(), SESSION_ID, "pup", "Ewa"))
        await again.start()
        assert [i.id for i in again.known_case(case).knowledge] == ["K2"]
        for live in (desk, office, again):
            await live.stop()

    run(_with_server(tmp_path / "roleplay.sqlite", body))
