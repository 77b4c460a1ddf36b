"""Hub load: N trainees logging in through a real JupyterHub, next to ``szkola serve --workshop N``.

The hub is ``szkola hub`` as an organiser runs it (its proxy, the store in a PostgreSQL started as
tests/hub does, Native Authenticator accounts signed up and approved over HTTP in set-up, not timed).
Each trainee, as a browser does (httpx with their own cookies, then the kernel websocket of
benchmarks/voila_client.py): signs in at ``/hub/login``; asks for their server and follows the
spawn-pending page until the hub redirects to it; follows the hub's OAuth to the Voilà page; opens
the kernel websocket, checks the dashboard names their account and opens the first case (a first
widget action). "Usable" is arrival to the end of that. With everyone connected, rounds of need edits
are timed as in benchmarks/workshop.py. Memory per trainee: PSS of the single-user servers and their
kernels (hub and proxy apart); PostgreSQL connections counted per application. Then the same trainees
arrive at ``szkola serve --workshop N`` (workshop.py's server, imported). Failures print their cause.
Run: ``.venv/bin/python benchmarks/hub.py --trainees 40 --spread 10``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import workshop
from voila_client import CONFIG, Session

from szkola_kooperacji.commands.hub import find_proxy
from tests.postgres_server import new_database, running_postgres

ADMIN, ADMIN_PASSWORD = "trener", "Trener-haslo-2026"
CASE = workshop.CASE
HUB_START_S = 180
PROGRESS = re.compile(r'new EventSource\("([^"]+)"\)')
"""The spawn-pending page's progress stream (our Polish template and JupyterHub's own both open it so)."""
SPAWN_PATIENCE_S = 600
"""How long a trainee waits for their server before the benchmark counts a failure (the hub's own
``start_timeout`` is 120 s: a spawn it gives up on shows the failed page earlier)."""


def password(user: str) -> str:
    return f"Haslo-{user}-2026"


@dataclass
class HubFigures:
    login: list[float] = field(default_factory=list)
    spawn: list[float] = field(default_factory=list)
    page: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    action: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    servers_pss_mb: float = 0.0
    servers_rss_mb: float = 0.0
    hub_pss_mb: float = 0.0
    kernels: int = 0
    servers: int = 0
    connections: dict[str, int] = field(default_factory=dict)


class Hub:
    """``szkola hub`` with its proxy and a PostgreSQL store, on free ports, in a scratch folder."""

    def __init__(self, store: str, folder: Path) -> None:
        self.port = workshop.free_port()
        self.store = store
        self.log = folder / "hub.log"
        command = [
            sys.executable,
            "-m",
            "szkola_kooperacji",
            "hub",
            f"--admin={ADMIN}",
            f"--db={store}",
            f"--state={folder / 'state'}",
            f"--port={self.port}",
            f"--hub-port={workshop.free_port()}",
            f"--proxy-api-port={workshop.free_port()}",
        ]
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)

    def at(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def wait_up(self) -> None:
        deadline = time.monotonic() + HUB_START_S
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.at("hub/login"), timeout=2).status_code == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"szkola hub did not start; see {self.log}")

    def stop(self) -> None:
        """SIGTERM to the whole group (the hub stops the users' servers it started), then kill what is left."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _group_alive(self.process.pid):
            self.process.poll()
            time.sleep(0.5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _xsrf(page: str) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', page)
    return found.group(1) if found else ""


def _page_text(page: str) -> str:
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
        raise RuntimeError(f"sign-up of {user} failed: {_page_text(answer.text)}")


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
        raise RuntimeError(f"spawn failed (HTTP {answer.status_code}): {_page_text(answer.text)}")
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


async def hub_trainee(number: int, user: str, hub: Hub, delay: float, figures: HubFigures) -> Session | None:
    """One trainee from arrival to a usable dashboard; returns the connected session."""
    await asyncio.sleep(delay)
    client = new_client()
    session: Session | None = None
    start = time.perf_counter()
    phase = "sign-in"
    try:
        await sign_in(client, hub, user)
        figures.login.append(time.perf_counter() - start)
        phase, mark = "spawn", time.perf_counter()
        await wait_for_server(client, hub, user)
        figures.spawn.append(time.perf_counter() - mark)
        phase, mark = "page", time.perf_counter()
        page = await client.get(hub.at(f"user/{user}/"), follow_redirects=True)
        config = CONFIG.search(page.text)
        if page.status_code != 200 or config is None:
            raise RuntimeError(f"no dashboard page (HTTP {page.status_code} at {page.url}): {_page_text(page.text)}")
        figures.page.append(time.perf_counter() - mark)
        phase = "kernel"
        base = hub.at(f"user/{user}/")
        session = Session(base, kernel_id=json.loads(config.group(1))["kernelId"])
        probe = httpx.Request("GET", base)
        client.cookies.set_cookie_header(probe)  # the cookies a browser sends to the server's websocket
        session.cookie = probe.headers.get("Cookie", "")
        await session.connect()
        if not session.shows(user):
            raise RuntimeError("the dashboard does not name the signed-in account")
        await session.click(f"sk-open-{CASE}")
        session.find("sk-add-need")  # the case opened: its diagnosis editor is there
        figures.ready.append(time.perf_counter() - start)
        return session
    except Exception as error:
        print(f"  trainee {number} ({user}) failed at {phase}: {error!r}", flush=True)
        figures.failed.append(f"{user}, {phase}: {error!r}")
        if session is not None:
            await session.close()
        return None
    finally:
        await client.aclose()


def with_hub_cause(failure: str, log: Path) -> str:
    """Add the hub's own error lines about this user (e.g. "Failed to add … to proxy") to a failure."""
    user = failure.split(",", 1)[0]
    errors = [
        line.split("] ", 1)[-1].strip()
        for line in log.read_text(errors="replace").splitlines()
        if line.startswith("[E ") and re.search(rf"\b{re.escape(user)}\b", line)
    ]
    return f"{failure}; hub log: {' | '.join(dict.fromkeys(errors))}" if errors else failure


def _pss_rss(pids: list[int]) -> tuple[float, float]:
    pss = rss = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
    return pss / 1024, rss / 1024


def measure_memory(hub: Hub, figures: HubFigures) -> None:
    """PSS of the single-user servers with their kernels, and of the rest (hub, proxy, idle culler)."""
    tree = workshop.descendants(hub.process.pid)
    servers = [p for p in tree if b"jupyterhub-singleuser" in _cmdline(p)]
    theirs = sorted({d for s in servers for d in workshop.descendants(s)})
    figures.servers = len(servers)
    figures.kernels = sum(b"ipykernel_launcher" in _cmdline(p) for p in theirs)
    figures.servers_pss_mb, figures.servers_rss_mb = _pss_rss(theirs)
    figures.hub_pss_mb = _pss_rss([p for p in tree if p not in theirs])[0]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def count_connections(store: str) -> dict[str, int]:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(store, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT coalesce(nullif(application_name, ''), '?'), count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1"
        ).fetchall()
    return {str(name): int(count) for name, count in rows}


async def run_hub(hub: Hub, trainees: int, spread: float, rounds: int) -> HubFigures:
    figures = HubFigures()
    users = [f"uczestnik{i:02d}" for i in range(1, trainees + 1)]
    await set_up_accounts(hub, users)
    print(f"hub: {trainees} accounts signed up and approved; trainees arrive over {spread:.0f} s …", flush=True)
    delays = [spread * i / max(1, trainees - 1) for i in range(trainees)]
    arrivals = (hub_trainee(i, u, hub, d, figures) for i, (u, d) in enumerate(zip(users, delays, strict=True)))
    sessions = [s for s in await asyncio.gather(*arrivals) if s is not None]
    working = []
    for session in sessions:  # set-up, not timed: one need to edit
        try:
            await session.click("sk-add-need")
            working.append(session)
        except (TimeoutError, LookupError) as error:
            figures.failed.append(f"set-up of the need: {error!r}")
    for round_number in range(rounds):
        times = await asyncio.gather(
            *(s.set_value("sk-need-statement", f"Pan pije alkohol i nie pracuje ({round_number})") for s in working),
            return_exceptions=True,
        )
        figures.action.extend(t for t in times if isinstance(t, float))
        figures.failed.extend(f"widget action, round {round_number}: {t!r}" for t in times if not isinstance(t, float))
    measure_memory(hub, figures)
    figures.connections = count_connections(hub.store)
    figures.failed = [with_hub_cause(what, hub.log) for what in figures.failed]
    for session in sessions:
        await session.close()
    return figures


def _row(way: str, ready: list[float], action: list[float], pss_mb: float, failed: str) -> str:
    pct = workshop.pct
    cells = [f"{pct(ready, 0.5):.1f}", f"{pct(ready, 0.95):.1f}", f"{max(ready, default=float('nan')):.1f}"]
    cells += [f"{pct(action, 0.5) * 1000:.0f}", f"{pct(action, 0.95) * 1000:.0f}", f"{pss_mb:.0f}", failed]
    return " | ".join([way, *cells])


def report(hub: HubFigures, serve: workshop.Figures | None, trainees: int, spread: float) -> None:
    pct = workshop.pct
    print(f"\n{trainees} trainees arriving over {spread:.0f} s; times in seconds, actions in ms, memory in MB")
    print("way | usable p50 | usable p95 | usable max | action p50 | action p95 | PSS/trainee | failed")
    pss = hub.servers_pss_mb / max(1, len(hub.ready))
    print(_row("JupyterHub (szkola hub)", hub.ready, hub.action, pss, f"{trainees - len(hub.ready)} of {trainees}"))
    if serve is not None:
        way, pss = f"szkola serve --workshop {trainees}", serve.pss_mb / trainees
        print(_row(way, serve.ready, serve.action, pss, f"{serve.failures} of {trainees}"))
    print(
        "\nHub phases p50 / p95 s: "
        + ", ".join(
            f"{name} {pct(values, 0.5):.1f} / {pct(values, 0.95):.1f}"
            for name, values in (("sign-in", hub.login), ("spawn", hub.spawn), ("page", hub.page))
        )
    )
    print(
        f"Hub memory: {hub.servers} single-user servers with {hub.kernels} kernels: PSS {hub.servers_pss_mb:.0f} MB "
        f"(RSS {hub.servers_rss_mb:.0f} MB); hub, proxy and culler: PSS {hub.hub_pss_mb:.0f} MB"
    )
    print(f"PostgreSQL connections to the store by application: {hub.connections}")
    print("\nFailures:")
    for what in hub.failed:
        print(f"  hub: {what}")
    for what in serve.failed if serve is not None else []:
        print(f"  szkola serve: {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--spread", type=float, default=10.0, help="seconds over which the trainees arrive")
    parser.add_argument("--rounds", type=int, default=5, help="widget actions timed with everyone connected")
    parser.add_argument("--no-serve", action="store_true", help="measure the hub only")
    args = parser.parse_args()
    find_proxy(None)  # a clear message before anything starts when the proxy is missing
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')} on {os.cpu_count()} cores, load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg()),
        flush=True,
    )
    serve = None
    with tempfile.TemporaryDirectory(prefix="szkola-hub-bench-") as tmp, running_postgres() as server:
        hub = Hub(new_database(server), Path(tmp))
        try:
            hub.wait_up()
            figures = asyncio.run(run_hub(hub, args.trainees, args.spread, args.rounds))
        finally:
            hub.stop()
            with contextlib.suppress(OSError):
                (Path(tempfile.gettempdir()) / "hub-bench.log").write_bytes(hub.log.read_bytes())
        print(f"load average after the hub: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        if not args.no_serve:
            row = workshop.Row("szkola", f"{args.trainees} over {args.spread:.0f} s", args.trainees, args.spread)
            serve = workshop.measure(row, args.rounds, Path(tmp))
            print(f"load average after szkola serve: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    report(figures, serve, args.trainees, args.spread)


if __name__ == "__main__":
    main()
