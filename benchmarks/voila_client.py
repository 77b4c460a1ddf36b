"""A trainee session as Voilà's front end speaks it, without a browser.

GET the page, open the kernel's websocket, ask ``jupyter.widget.control`` for the
widget states, then set widget values and click buttons exactly as the
ipywidgets front end does, timing each action until the kernel is idle again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

# Tornado's client queues beyond 10 parallel requests and times the queue out: a workshop opens
# 40 pages at once, so let every trainee's request go out at once and measure the server alone.
AsyncHTTPClient.configure(None, max_clients=1000)

WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S)


@dataclass
class Session:
    """One trainee's connection: the kernel, its websocket and the widgets it knows."""

    base: str
    kernel_id: str = ""
    ws: WebSocketClientConnection | None = None
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    widgets: dict[str, dict[str, Any]] = field(default_factory=dict)
    idle: dict[str, asyncio.Event] = field(default_factory=dict)
    states_ready: asyncio.Event = field(default_factory=asyncio.Event)
    reader: asyncio.Task[None] | None = None
    cookie: str = ""
    """The page's cookie (``szkola_strona``): the server lets only the page's own client use its kernel."""

    waited: int = 0
    """How many times the server answered with its self-reloading waiting page (no kernel ready yet)."""
    received: int = 0
    """Kernel messages received so far (status, widget updates, output), to count them per step."""

    async def open_page(self, patience: float = 120.0) -> float:
        """GET the dashboard page, reloading after a waiting page as a browser does; return seconds until it arrived."""
        start = time.perf_counter()
        while True:
            try:
                response = await AsyncHTTPClient().fetch(self.base, connect_timeout=120, request_timeout=120)
                break
            except HTTPClientError as error:
                retry = error.response.headers.get("Retry-After") if error.response is not None else None
                if error.code != 503 or retry is None or time.perf_counter() - start > patience:
                    raise
                self.waited += 1
                await asyncio.sleep(float(retry))
        match = CONFIG.search(response.body.decode())
        if match is None:
            raise RuntimeError("no kernel id in the page")
        self.kernel_id = json.loads(match.group(1))["kernelId"]
        pairs = {c.split(";", 1)[0] for c in response.headers.get_list("Set-Cookie")}
        self.cookie = "; ".join(sorted(pairs))
        return time.perf_counter() - start

    async def connect(self) -> None:
        """Open the kernel websocket and load the widget states."""
        url = self.base.replace("http", "ws", 1) + f"api/kernels/{self.kernel_id}/channels?session_id={self.session_id}"
        # Speak the binary v1 protocol, as Voilà's front-end in a browser does: the server then relays
        # messages without decoding them (the legacy JSON protocol would cost the server far more).
        request = HTTPRequest(url, headers={"Cookie": self.cookie} if self.cookie else {})
        self.ws = await websocket_connect(request, max_message_size=64 * 1024 * 1024, subprotocols=[WS_PROTOCOL])
        self.reader = asyncio.create_task(self._read())
        comm_id = uuid.uuid4().hex
        await self._send(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"},
        )  # ipywidgets control protocol
        await self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        await asyncio.wait_for(self.states_ready.wait(), 60)

    def shows(self, text: str) -> bool:
        """Return True when some widget's value holds this text (e.g. the greeting after signing in)."""
        return any(text in str(state.get("value", "")) for state in self.widgets.values())

    def find(self, css_class: str) -> str:
        """Return the model id of the newest widget with this CSS class."""
        found = [mid for mid, state in self.widgets.items() if css_class in state.get("_dom_classes", ())]
        if not found:
            raise LookupError(css_class)
        return found[-1]

    async def set_value(self, css_class: str, value: Any, *, wait: bool = True) -> float:
        """Change a widget's value as a trainee typing would; return seconds until the kernel is idle.

        With ``wait=False`` the change is only sent, as a browser sends a typed value and then the
        click that follows it without waiting in between.
        """
        model_id = self.find(css_class)
        update = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        if not wait:
            await self._send("comm_msg", {"comm_id": model_id, "data": update})
            return 0.0
        return await self._act(model_id, update)

    async def click(self, css_class: str) -> float:
        """Click a button; return seconds until the kernel is idle."""
        return await self._act(self.find(css_class), {"method": "custom", "content": {"event": "click"}})

    async def close(self) -> None:
        """Close the websocket (as a closed tab does)."""
        if self.ws is not None:
            self.ws.close()
        if self.reader is not None:
            self.reader.cancel()

    async def _act(self, comm_id: str, data: dict[str, Any]) -> float:
        start = time.perf_counter()
        msg_id = await self._send("comm_msg", {"comm_id": comm_id, "data": data})
        await asyncio.wait_for(self.idle[msg_id].wait(), 60)
        return time.perf_counter() - start

    async def _send(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> str:
        assert self.ws is not None
        msg_id = uuid.uuid4().hex
        self.idle[msg_id] = asyncio.Event()
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session_id,
            "username": "bench",
            "date": dt.datetime.now(dt.UTC).isoformat(),
            "version": "5.3",
        }
        parts = [json.dumps(part).encode() for part in (header, {}, metadata or {}, content)]
        await self.ws.write_message(serialize_msg_to_ws_v1(parts, "shell"), binary=True)
        return msg_id

    async def _read(self) -> None:
        assert self.ws is not None
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            if isinstance(raw, str):
                self._handle(json.loads(raw))
                continue
            _channel, parts = deserialize_msg_from_ws_v1(raw)
            header, parent, _metadata, content = (json.loads(p) for p in parts[:4])
            self._handle({"header": header, "parent_header": parent, "content": content})

    def _handle(self, message: dict[str, Any]) -> None:
        self.received += 1
        kind = message.get("msg_type") or message["header"]["msg_type"]
        content = message.get("content", {})
        parent = message.get("parent_header", {}).get("msg_id")
        if kind == "status" and content.get("execution_state") == "idle" and parent in self.idle:
            self.idle[parent].set()
        elif kind == "comm_open":
            self._remember(content.get("comm_id"), content.get("data", {}).get("state", {}))
        elif kind == "comm_msg":
            data = content.get("data", {})
            if data.get("method") == "update_states":
                for model_id, model in data.get("states", {}).items():
                    self._remember(model_id, model.get("state", {}))
                self.states_ready.set()
            elif data.get("method") in {"update", "echo_update"}:
                self._remember(content.get("comm_id"), data.get("state", {}))

    def _remember(self, model_id: str | None, state: dict[str, Any]) -> None:
        if model_id:
            self.widgets.setdefault(model_id, {}).update(state)
