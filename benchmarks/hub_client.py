"""A running ``szkola hub`` for benchmarks/hub.py, and a trainee's browser against it (HTTP part).

The browser: its own cookies, the hub's sign-up and sign-in forms with their ``_xsrf`` field, and
the spawn-pending page's progress event stream, followed as the page's script follows it.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from pathlib import Path

import httpx

from szkola_kooperacji.hub.launch import HubLaunch, RunningHub

ADMIN, ADMIN_PASSWORD = "trener", "Trener-haslo-2026"
HUB_START_S = 180
SPAWN_PATIENCE_S = 600
"""How long a trainee waits for their server before the benchmark counts a failure (the hub's own
``start_timeout`` is 120 s: a spawn it gives up on shows the failed page earlier)."""
PROGRESS = re.compile(r'new EventSource\("([^"]+)"\)')
"""The spawn-pending page's progress stream (our Polish template and JupyterHub's own both open it so)."""


def password(user: str) -> str:
    return f"Haslo-{user}-2026"


Hub = RunningHub
"""A running ``szkola hub`` (the package's launcher: the same command line as the hub tests')."""


def start_hub(store: str, folder: Path) -> Hub:
    """Start ``szkola hub`` with its proxy and a PostgreSQL store, on free ports, in a scratch folder."""
    return HubLaunch(ADMIN, store, folder / "state").start(folder / "hub.log")


def _xsrf(page: str) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', page)
    return found.group(1) if found else ""


def page_text(page: str) -> str:
    """The visible paragraphs of a hub page, for a failure's cause."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", page, re.S)
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", p).split()) for p in paragraphs if p.strip())[:300]


async def sign_in(client: httpx.AsyncClient, hub: Hub, user: str) -> None:
    """Submit the hub's sign-in form; a refusal raises with the page's reason."""
    form = await client.get(hub.at("hub/login"))
    answer = await client.post(
        hub.at("hub/login"),
        data={"username": user, "password": password(user), "_xsrf": _xsrf(form.text)},
    )
    if answer.status_code != 302:
        error = re.search(r'class="login_error"[^>]*>(.*?)</p>', answer.text, re.S)
        raise RuntimeError(f"sign-in refused ({answer.status_code}): {error.group(1).strip() if error else ''}")


async def set_up_accounts(hub: Hub, users: list[str]) -> None:
    """Sign up the admin and the trainees, and have the admin approve each trainee (not timed)."""
    async with new_client() as admin:
        await _sign_up(admin, hub, ADMIN)
        await sign_in(admin, hub, ADMIN)
        limit = asyncio.Semaphore(4)

        async def one(user: str) -> None:
            async with limit, new_client() as client:
                await _sign_up(client, hub, user)
            answer = await admin.get(hub.at(f"hub/authorize/{user}"))  # Native Authenticator: toggles approval
            if answer.status_code not in (200, 302):
                raise RuntimeError(f"approving {user}: HTTP {answer.status_code}")

        await asyncio.gather(*(one(user) for user in users))


async def _sign_up(client: httpx.AsyncClient, hub: Hub, user: str) -> None:
    form = await client.get(hub.at("hub/signup"))
    answer = await client.post(
        hub.at("hub/signup"),
        data={
            "username": user,
            "signup_password": password(user),
            "signup_password_confirmation": password(user),
            "_xsrf": _xsrf(form.text),
        },
    )
    if answer.status_code != 200 or "alert alert-danger" in answer.text:
        raise RuntimeError(f"sign-up of {user} failed: {page_text(answer.text)}")


async def wait_for_server(client: httpx.AsyncClient, hub: Hub, user: str) -> None:
    """Ask for the server and wait on the hub's progress events, as the spawn-pending page does."""
    url, deadline = hub.at(f"hub/spawn/{user}"), time.monotonic() + SPAWN_PATIENCE_S
    while time.monotonic() < deadline:
        answer = await client.get(url)
        if answer.is_redirect:
            target = str(answer.next_request.url) if answer.next_request else ""
            if f"/user/{user}/" in target:
                return
            url = target
            continue
        progress = PROGRESS.search(answer.text)
        if answer.status_code == 200 and progress is not None:  # starting: one event stream, then reload
            await _follow_progress(client, hub.at(progress.group(1).replace("&amp;", "&")))
            continue
        if answer.status_code == 200 and 'id="refresh"' in answer.text:  # stopping: the page reloads in 5 s
            await asyncio.sleep(5.0)
            continue
        raise RuntimeError(f"spawn failed (HTTP {answer.status_code}): {page_text(answer.text)}")
    raise RuntimeError(f"server not ready after {SPAWN_PATIENCE_S} s")


async def _follow_progress(client: httpx.AsyncClient, url: str) -> None:
    """Read the progress event stream until the server is ready; a failed spawn raises with the hub's message."""
    async with client.stream("GET", url, headers={"Accept": "text/event-stream"}) as events:
        async for line in events.aiter_lines():
            if not line.startswith("data:"):
                continue
            event = json.loads(line[len("data:") :])
            if event.get("failed"):
                raise RuntimeError(f"spawn failed: {event.get('message', '')}")
            if event.get("ready"):
                return


def new_client() -> httpx.AsyncClient:
    """One person's browser: its own cookies; a new connection per request.

    A browser retries a request whose kept-alive connection the proxy had just closed; httpx does
    not, so without keep-alive such a race is not counted as the hub's failure.
    """
    return httpx.AsyncClient(timeout=300, limits=httpx.Limits(max_keepalive_connections=0))
