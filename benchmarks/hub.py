"""Hub load: N trainees logging in through a real JupyterHub, next to ``szkola serve --workshop N``.

The hub is ``szkola hub`` as an organiser runs it (its proxy, the store in a PostgreSQL started as
tests/hub does, Native Authenticator accounts signed up and approved over HTTP in set-up, not timed).
Each trainee, as a browser does (httpx with their own cookies, then the kernel websocket of
benchmarks/voila_client.py): signs in at ``/hub/login``; asks for their server and follows the
spawn-pending page until the hub redirects to it; follows the hub's OAuth to the Voilà page; opens
the kernel websocket, checks the dashboard names their account and opens the first case (a first
widget action). "Usable" is arrival to the end of that. With everyone connected, rounds of need edits
are timed as in benchmarks/workshop.py. Memory per trainee: PSS of the single-user servers and their
kernels, with the hub's fork servers (kernels', servers'; hub and proxy apart); CPU seconds per trainee spent from
the first arrival to the last usable dashboard, by the same processes and by the rest (robust to
other load on the machine, unlike the times); PostgreSQL connections counted per application. Then the same trainees
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
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import workshop
from hub_client import HUB_START_S, Hub, new_client, page_text, set_up_accounts, sign_in, start_hub, wait_for_server
from processes import cpu_by_process, descendants, resident_mb
from voila_client import CONFIG, Session

from szkola_kooperacji.commands.hub import find_proxy
from tests.postgres_server import new_database, running_postgres

CASE = workshop.CASE


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
    forks_pss_mb: float = 0.0
    kernels: int = 0
    forked: int = 0
    forked_servers: int = 0
    servers: int = 0
    servers_cpu_s: float = 0.0
    hub_cpu_s: float = 0.0
    connections: dict[str, int] = field(default_factory=dict)


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
            raise RuntimeError(f"no dashboard page (HTTP {page.status_code} at {page.url}): {page_text(page.text)}")
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


SERVER_MARKS = (b"szkola_kooperacji.hub.singleuser", b"jupyterhub-singleuser")
"""How a user's server shows in its command line (the hub has no course services here)."""
FORK_SERVER_MARKS = (b"szkola_kooperacji.kernel_forks", b"szkola_kooperacji.hub.zygote")
"""The hub's kernel fork server and its server zygote: their memory is the trainees' too."""


def trainee_side(hub: Hub) -> tuple[list[int], list[int], list[int]]:
    """Return the hub's process tree, the trainees' servers, and what runs for them (kernels, fork server)."""
    tree = descendants(hub.process.pid)
    servers = [p for p in tree if any(mark in _cmdline(p) for mark in SERVER_MARKS)]
    forks = [p for p in tree if any(mark in _cmdline(p) for mark in FORK_SERVER_MARKS)]
    theirs = sorted({d for s in [*servers, *forks] for d in descendants(s)})
    return tree, servers, theirs


def measure_memory(hub: Hub, figures: HubFigures) -> None:
    """PSS of the single-user servers with their kernels and the fork server, and of the rest (hub, proxy, …)."""
    tree, servers, theirs = trainee_side(hub)
    forks = [p for p in tree if any(mark in _cmdline(p) for mark in FORK_SERVER_MARKS)]
    figures.servers = len(servers)
    figures.kernels = sum(b"ipykernel_launcher" in _cmdline(p) for p in theirs)
    forked = {p for f in forks for p in descendants(f) if p not in forks}
    figures.forked = sum(b"ipykernel_launcher" in _cmdline(p) for p in forked)
    figures.forked_servers = sum(p in forked for p in servers)
    figures.servers_rss_mb, figures.servers_pss_mb = resident_mb(theirs)
    figures.forks_pss_mb = resident_mb(forks)[1]
    figures.hub_pss_mb = resident_mb([p for p in tree if p not in theirs])[1]


def measure_cpu(hub: Hub, before: dict[int, float], figures: HubFigures) -> None:
    """CPU spent since ``before`` by the trainees' side and by the rest (a process gone since is not counted)."""
    tree, _servers, theirs = trainee_side(hub)
    now = cpu_by_process(tree)
    spent = {pid: seconds - before.get(pid, 0.0) for pid, seconds in now.items()}
    figures.servers_cpu_s = sum(v for pid, v in spent.items() if pid in theirs)
    figures.hub_cpu_s = sum(v for pid, v in spent.items() if pid not in theirs)


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
    before = cpu_by_process(descendants(hub.process.pid))
    sessions = [s for s in await asyncio.gather(*arrivals) if s is not None]
    measure_cpu(hub, before, figures)
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
        f"Hub memory: {hub.servers} single-user servers ({hub.forked_servers} forked) with {hub.kernels} kernels "
        f"({hub.forked} forked): PSS {hub.servers_pss_mb:.0f} MB with the fork servers' {hub.forks_pss_mb:.0f} MB "
        f"(RSS {hub.servers_rss_mb:.0f} MB); hub, proxy, culler and G-PZK session server: PSS {hub.hub_pss_mb:.0f} MB"
    )
    print(
        f"CPU from the first arrival to the last usable dashboard, per trainee: servers and kernels "
        f"{hub.servers_cpu_s / trainees:.2f} s, hub, proxy and the rest {hub.hub_cpu_s / trainees:.2f} s"
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
        hub = start_hub(new_database(server), Path(tmp))
        try:
            hub.wait_up(HUB_START_S)
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
