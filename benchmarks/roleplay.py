"""G-PZK role-play: N participants editing one session at once through the real transport.

The session server runs as its own process (``roleplay.server.serve``: tornado
websockets, pycrdt-websocket rooms, SQLite store). The trainer opens the case;
N participants — each a ``LiveSession`` with its own role's pass, as a dashboard
kernel holds it, so the server's guard checks every update they send and each
syncs its knowledge room too — take one role each and then, all at once, make
edits at random moments: proposals of their institution's actions and shares of
what their institution knows; the lead also accepts proposals as they come, and
the trainer announces events. Every edit carries a marker; each participant's
document observer notes when it first sees each marker.

Figures: the propagation latency of an edit = time until every other participant
has it (p50, p95 over all edits); lost updates = edits missing from any
participant's final copy, plus edits missing after the server is stopped,
restarted and read by a newcomer; diverged = participants whose final document
differs from the others'; the guard's cost = the time ``guard.check_message``
takes for one role's share on the final document (what the server adds to each
update of a role); the CPU time the server process and the clients' process spent per edit
(wall-clock latency depends on how loaded the shared machine is; CPU time much less).
Run: ``.venv/bin/python benchmarks/roleplay.py --participants 8``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from pycrdt import Doc, create_update_message
from tornado.websocket import websocket_connect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Responsible
from szkola_kooperacji.domain.contract import Action
from szkola_kooperacji.domain.meeting import ProposalStatus
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.hub.courses import free_port
from szkola_kooperacji.roleplay.client import LiveSession
from szkola_kooperacji.roleplay.guard import RoomGuard, check_message
from szkola_kooperacji.roleplay.passes import SECRET_ENV, TRAINER, issue
from szkola_kooperacji.roleplay.session import Session

CASE = os.environ.get("SZKOLA_TEST_CASE", "bezrobocie_alkohol_zurawiec")
SESSION_ID = "benchmark-gpzk-0001"
os.environ.setdefault(SECRET_ENV, secrets.token_urlsafe(24))  # the server process inherits it
SECRET = os.environ[SECRET_ENV].encode()
PASS = issue(SECRET, SESSION_ID, TRAINER)
SZKOLA = str(Path(sys.executable).with_name("szkola"))  # the console script of this virtualenv


async def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [SZKOLA, "roleplay", "serve", "--port", str(port), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"ws://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            (await websocket_connect(f"{url}/gpzk/sesja/{SESSION_ID}?przepustka={PASS}")).close()
            return process, url
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            await asyncio.sleep(0.05)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)  # graceful: the server stores every room once more on the way out
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass
class Participant:
    live: LiveSession
    role: str
    seen: dict[str, float] = field(default_factory=dict)

    def markers(self) -> set[str]:
        session = self.live.session
        with self.live.doc.transaction():
            found = {str(e.get("text")) for e in session.events.to_py() or [] if isinstance(e, dict)}
            found |= {str(s.get("note")) for s in session.shares.to_py() or [] if isinstance(s, dict)}
            found |= {str(k) for k in session.proposals.keys()}  # noqa: SIM118 - a CRDT map, not a dict
        return found

    def watch(self) -> None:
        """Note the moment each marker arrives, from the change events themselves (no re-reading)."""
        session = self.live.session
        session.events.observe(lambda e: self._arrived(_inserted(e.delta, "text")))
        session.shares.observe(lambda e: self._arrived(_inserted(e.delta, "note")))
        session.proposals.observe(lambda e: self._arrived([k for k, c in e.keys.items() if c["action"] == "add"]))

    def _arrived(self, markers: list[str]) -> None:
        now = time.perf_counter()
        for marker in markers:
            self.seen.setdefault(marker, now)


def _inserted(delta: list[dict[str, Any]], key: str) -> list[str]:
    return [str(item.get(key)) for part in delta for item in part.get("insert", []) if isinstance(item, dict)]


def own_items(role: str) -> list[str]:
    return [k.id for k in CATALOG.cases[CASE].knowledge if k.institution_id == role]


async def act(person: Participant, index: int, edits: int, sent: dict[str, float], lead: bool) -> None:
    session = person.live.session
    items = own_items(person.role)
    rng = random.Random(index)
    for k in range(edits):
        await asyncio.sleep(rng.uniform(0.01, 0.1))
        marker = f"p{index}-{k}"
        if lead and k % 2:
            # the statuses straight from the CRDT map: the lead's page parses the whole meeting (``view()``) in
            # its own kernel, but here all clients share one event loop, and that parse would hold every
            # other client's arrivals back, measuring the benchmark instead of the server
            with person.live.doc.transaction():
                statuses = {str(pid): entry.get("status") for pid, entry in session.proposals.items()}
            pending = sorted(k for k, status in statuses.items() if status == ProposalStatus.ZAPROPONOWANE.value)
            if pending:
                session.accept(pending[0])
                continue
        kind = k % 3
        sent_at = time.perf_counter()
        if not person.role:  # the trainer
            session.inject_event(marker)
        elif kind == 1 and items:
            session.share(person.role, items[k % len(items)], ShareBasis.BRAK, note=marker)
        else:
            action = Action(id="x", text=marker, responsible=Responsible.INSTYTUCJA, institution_id=person.role)
            marker = session.propose(person.role, action)
        sent[marker] = sent_at
        person.seen.setdefault(marker, sent_at)


async def until_quiet(people: list[Participant], expected: set[str], timeout: float) -> None:
    """Wait until every copy has every edit and all copies are the same (or the timeout passes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(expected <= p.markers() for p in people) and len({snapshot(p) for p in people}) == 1:
            return
        await asyncio.sleep(0.05)


def snapshot(person: Participant) -> str:
    with person.live.doc.transaction():
        names = ("meta", "roles", "proposals", "shares", "events")
        return json.dumps({name: person.live.doc[name].to_py() for name in names}, sort_keys=True)


def guard_cost(doc: Doc[Any], role: str, repeat: int = 50) -> tuple[float, float]:
    """Return the mean ms the server's guard (``RoomGuard``) and the whole-document check take per role share.

    Each share is a different update (a repeated one would change nothing the second time).
    """
    messages = []
    for n in range(repeat):
        copy: Doc[Any] = Doc()
        copy.apply_update(doc.get_update())
        updates: list[bytes] = []
        subscription = copy.observe(lambda event, found=updates: found.append(event.update))
        Session(copy).share(role, own_items(role)[0], ShareBasis.BRAK, note=f"pomiar {n}")
        copy.unobserve(subscription)
        messages.append(create_update_message(updates[0]))
    own = frozenset(own_items(role))
    guard = RoomGuard(doc)
    figures = []
    for check in (lambda m: guard.check(m, role, own), lambda m: check_message(doc, m, role, own)):
        started = time.perf_counter()
        for message in messages:
            if check(message) is not None:
                raise SystemExit("the guard refused a role's own share")
        figures.append((time.perf_counter() - started) * 1000 / repeat)
    return figures[0], figures[1]


async def seat_everyone(url: str, participants: int) -> tuple[LiveSession, list[Participant], str]:
    """Open the session as the trainer and seat one participant per role, each with its role's pass."""
    desk = LiveSession(url, SESSION_ID, PASS)
    await desk.start()
    desk.session.open(CATALOG.cases[CASE], CATALOG.directory)
    await asyncio.sleep(0.3)  # the opening reaches the server before a role's pass is checked against it
    roles = list(desk.session.view().meeting.roles)
    lead_role = desk.session.header().lead_institution_id
    if len(roles) < participants:
        raise SystemExit(f"przypadek {CASE} ma tylko {len(roles)} ról")
    people = [Participant(desk, "")]
    for role in roles[:participants]:
        live = LiveSession(url, SESSION_ID, issue(SECRET, SESSION_ID, role, f"Uczestnik {role}"))
        await live.start()
        people.append(Participant(live, role))
    for person in people:
        if person.role:
            person.live.session.claim_role(person.role, f"Uczestnik {person.role}")
        person.watch()
    return desk, people, lead_role


async def main(participants: int, edits: int) -> None:
    with tempfile.TemporaryDirectory(prefix="szkola-roleplay-") as tmp:
        db = Path(tmp) / "roleplay.sqlite"
        server, url = await start_server(db)
        try:
            desk, people, lead_role = await seat_everyone(url, participants)
            sent: dict[str, float] = {}
            cpu = {"server": psutil.Process(server.pid), "clients": psutil.Process()}
            cpu_before = {name: sum(process.cpu_times()[:2]) for name, process in cpu.items()}
            started = time.perf_counter()
            await asyncio.gather(*(act(p, i, edits, sent, p.role == lead_role) for i, p in enumerate(people)))
            busy = time.perf_counter() - started
            await until_quiet(people, set(sent), timeout=30)
            cpu_ms = {
                name: (sum(process.cpu_times()[:2]) - cpu_before[name]) * 1000 / len(sent)
                for name, process in cpu.items()
            }
            latencies = [
                max(p.seen[m] for p in people if m in p.seen) - t0
                for m, t0 in sent.items()
                if all(m in p.seen for p in people)
            ]
            lost = sum(len(set(sent) - p.markers()) for p in people)
            diverged = len({snapshot(p) for p in people}) - 1
            cut_off = sum(1 for p in people if p.live.closed_by_server)
            guard_ms = guard_cost(desk.doc, next(p.role for p in people if own_items(p.role)))
            for person in people:
                await person.live.stop()
        finally:
            stop_server(server)
        server, url = await start_server(db)
        try:
            newcomer = Participant(LiveSession(url, SESSION_ID, PASS), "")
            await newcomer.live.start()
            await until_quiet([newcomer], set(sent), timeout=10)
            lost_after_restart = len(set(sent) - newcomer.markers())
            await newcomer.live.stop()
        finally:
            stop_server(server)
    ms = sorted(x * 1000 for x in latencies)
    p50 = statistics.median(ms) if ms else float("nan")
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))] if ms else float("nan")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (the CPU is shared: figures vary with it)")
    print(f"participants: {participants}, edits: {len(sent)} in {busy:.1f} s ({len(sent) / busy:.0f}/s)")
    worst = ms[-1] if ms else float("nan")
    print(f"max latency: {worst:.0f} ms; diverged copies: {diverged}; lost after restart: {lost_after_restart}")
    print(
        f"role connections cut off by the guard: {cut_off}; guard per update: {guard_ms[0]:.2f} ms "
        f"(whole-document comparison: {guard_ms[1]:.2f} ms)"
    )
    print(
        f"CPU per edit (meaningful on a loaded machine): server {cpu_ms['server']:.1f} ms, "
        f"all {len(people)} clients together {cpu_ms['clients']:.1f} ms"
    )
    print(f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, lost updates {lost + lost_after_restart}")


CATALOG = load_valid_catalog()

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=8)
    parser.add_argument("--edits", type=int, default=30, help="edits per participant")
    args = parser.parse_args()
    asyncio.run(main(args.participants, args.edits))
