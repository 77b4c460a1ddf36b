"""A real server: a kernel answers only the browser its page was served to; anyone else gets 403."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from benchmarks.voila_client import WS_PROTOCOL, Session
from szkola_kooperacji.page_binding import COOKIE, REFUSED
from tests.aio import run

from .browser.conftest import Server

pytestmark = pytest.mark.slow
CANARY = Path("/tmp/szkola-canary-execute-request")  # a mark outside the server's folders
XSRF = "0123456789abcdef0123456789abcdef"
"""A made-up double-submit token: a client outside a browser passes Jupyter's XSRF check with any."""


@pytest.fixture(params=[(), ("--workshop", "2")], ids=["bez-puli", "warsztat"])
def running(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    server = Server(store=tmp_path / "s.sqlite", log=tmp_path / "serve.log", extra=request.param)
    server.start()
    yield server
    server.stop()


async def _status(method: str, url: str, cookie: str) -> tuple[int, str]:
    headers = {"Cookie": f"{cookie}; _xsrf={XSRF}" if cookie else f"_xsrf={XSRF}", "X-XSRFToken": XSRF}
    body = b"" if method == "POST" else None
    try:
        response = await AsyncHTTPClient().fetch(
            url, method=method, headers=headers, body=body, allow_nonstandard_methods=True
        )
    except HTTPClientError as error:
        return error.code, error.response.body.decode() if error.response else ""
    return response.code, response.body.decode()


async def _websocket_status(url: str, cookie: str) -> int:
    request = HTTPRequest(url, headers={"Cookie": cookie} if cookie else {})
    try:
        connection = await websocket_connect(request, subprotocols=[WS_PROTOCOL])
    except HTTPClientError as error:
        return error.code
    connection.close()
    return 101


async def _scenario(base: str) -> dict[str, object]:
    owner, stranger = Session(base), Session(base)
    await owner.open_page()
    await stranger.open_page()  # a client with a page (and cookie) of its own
    assert owner.kernel_id != stranger.kernel_id
    assert f"{COOKIE}=" in owner.cookie
    channels = base.replace("http", "ws", 1) + f"api/kernels/{owner.kernel_id}/channels?session_id=obcy"
    kernel = f"{base}api/kernels/{owner.kernel_id}"
    shutdown = f"{base}voila/api/shutdown/{owner.kernel_id}"
    seen: dict[str, object] = {
        "ws_without_cookie": await _websocket_status(channels, ""),
        "ws_with_other_page": await _websocket_status(channels, stranger.cookie),
        "get_with_other_page": await _status("GET", kernel, stranger.cookie),
        "delete_with_other_page": await _status("DELETE", kernel, stranger.cookie),
        "shutdown_with_other_page": await _status("POST", shutdown, stranger.cookie),
    }
    await owner.connect()  # the page's own client still drives its kernel
    seen["owner_widgets"] = len(owner.widgets)
    CANARY.unlink(missing_ok=True)
    for kind in ("execute_request", "shutdown_request", "debug_request"):  # what no widget ever sends
        await owner._send(kind, {"code": f"open({str(CANARY)!r}, 'w').write('ran')", "silent": False})
    seen["owner_click_s"] = await owner.click("sk-sign-in")  # answered after the dropped messages
    seen["code_ran"] = CANARY.exists()
    await owner.close()
    seen["owner_shutdown"] = (await _status("POST", shutdown, owner.cookie))[0]
    return seen


def test_kernel_refuses_clients_that_did_not_receive_its_page(running: Server):
    seen = run(_scenario(running.url))
    assert seen["ws_without_cookie"] == 403
    assert seen["ws_with_other_page"] == 403
    for key in ("get_with_other_page", "delete_with_other_page", "shutdown_with_other_page"):
        assert seen[key] == (403, REFUSED), key
    assert int(str(seen["owner_widgets"])) > 10
    assert seen["owner_shutdown"] == 204  # the same request with the page's cookie is accepted
    technical = (running.store.parent / "serwer.log").read_text(errors="replace")  # beside the store
    assert "Refused a client without the page" in technical
    assert seen["code_ran"] is False, "the page's own browser cannot run code in its kernel"
    # Voilà's kernel manager lets through only widget messages (its allowed_message_types)
    assert 'Received message of type "execute_request", which is not allowed' in technical
