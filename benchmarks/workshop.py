"""Workshop load: N trainees on plain Voilà, Voilà's preheated pool, and ``szkola serve --workshop N``.

For each way and each arrival pattern (spread over 10 s, all at once) it opens N
sessions as HTTP + websocket clients (benchmarks/voila_client.py), times each
session until its page arrived and its kernel answered a first widget action
(signing in, which shows the case list), then, with all N connected, times
further widget actions with live feedback (editing a need, which re-runs the
rules and saves the draft), all at the same instant (the worst case) and then each
trainee at their own pace (a random pause of ``PACE_SECONDS`` on average between
edits, as a group working on a case), and reads the resident memory of the server
and its kernels. Every row runs on a fresh server; the at-once burst on ``szkola serve``
is repeated (``--repeats``) and a larger group arriving over a longer time is
added (``--big``/``--big-spread``: 100 over 30 s). Failed sessions are printed
with their cause, per way and row. A session that got the server's waiting page
("Przygotowujemy pulpit…") reloads as a browser does; its wait counts in its time.
Medians of the widget models a page loads and of the kernel messages per arrival
and per action are printed too: fewer of them is less work for every kernel.
Run: ``.venv/bin/python benchmarks/workshop.py --trainees 40``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from processes import cpu_seconds, memory, reference_ms
from voila_client import Session

from szkola_kooperacji.hub.courses import free_port

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "pulpit.ipynb"
CASE = os.environ.get("SZKOLA_TEST_CASE", "bezrobocie_alkohol_zurawiec")
PACE_SECONDS = 2.0
"""Mean pause between one trainee's edits when each works at their own pace."""


@dataclass
class Figures:
    page: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    action: list[float] = field(default_factory=list)
    paced: list[float] = field(default_factory=list)
    """Edits made while every trainee works at their own pace, not all at the same instant."""
    rss_mb: float = 0.0
    pss_mb: float = 0.0
    kernels: int = 0
    failures: int = 0
    failed: list[str] = field(default_factory=list)
    waited: int = 0
    burst_p95: list[float] = field(default_factory=list)
    """Ready p95 of each repeated burst (each on a fresh server)."""
    burst_max: list[float] = field(default_factory=list)
    """The last trainee's ready time in each repeated burst ("every trainee within a second")."""
    burst_action_p95: list[float] = field(default_factory=list)
    """Action p95 of each repeated burst."""
    models: list[int] = field(default_factory=list)
    """Widget models a page loads (from the kernel's answer to its state request)."""
    arrival_messages: list[int] = field(default_factory=list)
    """Kernel messages a trainee's page received from opening until signed in."""
    action_messages: list[int] = field(default_factory=list)
    """Kernel messages one widget action brought (status, updates)."""

    def fail(self, what: str) -> None:
        self.failures += 1
        self.failed.append(what)

    def merge(self, other: Figures) -> None:
        for name in (
            *("page", "ready", "action", "paced", "failed", "burst_p95", "burst_max", "burst_action_p95"),
            *("models", "arrival_messages", "action_messages"),
        ):
            getattr(self, name).extend(getattr(other, name))
        self.failures += other.failures
        self.waited += other.waited
        self.rss_mb, self.pss_mb, self.kernels = (
            max(self.rss_mb, other.rss_mb),
            max(self.pss_mb, other.pss_mb),
            max(self.kernels, other.kernels),
        )


def wait_quiet(pid: int, limit: float = 600.0) -> None:
    """Wait until the server and its kernels are idle (under 10 % of a core for 2 s): the pool is warm."""
    start = time.monotonic()
    before = cpu_seconds(pid)
    while time.monotonic() - start < limit:
        time.sleep(2)
        now = cpu_seconds(pid)
        if now - before < 0.2:
            return
        before = now


class Server:
    def __init__(self, way: str, trainees: int, workdir: Path) -> None:
        self.way, self.trainees, self.workdir = way, trainees, workdir
        self.port = free_port()
        self.log = workdir / f"{way}.log"
        env = dict(os.environ, SZKOLA_STORE=str(workdir / f"{way}-{time.time_ns()}.sqlite"))
        python = sys.executable
        base = [f"--port={self.port}", "--no-browser"]
        if way == "plain":
            command = [python, "-m", "voila", str(NOTEBOOK), *base]
        elif way == "preheat":
            command = [python, "-m", "voila", str(NOTEBOOK), *base, "--preheat_kernel=True", f"--pool_size={trainees}"]
        else:
            command = [
                python,
                "-m",
                "szkola_kooperacji",
                "serve",
                *base,
                f"--workshop={trainees}",
                f"--store={env['SZKOLA_STORE']}",
            ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_ready(self) -> float:
        start = time.monotonic()
        while time.monotonic() - start < 600:
            text = self.log.read_text(errors="replace")
            if self.way == "szkola":  # its console holds only its own Polish lines: wait for "ready"
                ready = "] Serwer gotowy" in text
            else:
                listening = "Voilà is running at" in text or "Voila is running at" in text
                ready = listening and (self.way == "plain" or "is filled with" in text)
            if ready:
                wait_quiet(self.process.pid)  # a warmed pool has rendered every page: nothing left to do
                return time.monotonic() - start
            time.sleep(0.5)
        raise RuntimeError(f"{self.way} did not become ready; see {self.log}")

    def stop(self) -> None:
        """Stop as a service manager does (SIGTERM, so each way cleans its sockets up), then kill what is left."""
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, 9)
        self.process.wait()
        shutil.copy(self.log, Path(tempfile.gettempdir()) / f"workshop-{self.way}.log")  # kept for a look
        technical = self.workdir / "serwer.log"  # szkola serve's technical log, beside its store
        if technical.exists():
            shutil.copy(technical, Path(tempfile.gettempdir()) / f"workshop-{self.way}-serwer.log")
            technical.unlink()


async def trainee(number: int, url: str, delay: float, figures: Figures) -> Session | None:
    await asyncio.sleep(delay)
    session = Session(url)
    start = time.perf_counter()
    try:
        figures.page.append(await session.open_page())
        await session.connect()
        figures.models.append(len(session.widgets))
        await session.set_value("sk-trainee-name", f"Uczestnik {number}", wait=False)
        await session.set_value("sk-trainee-code", f"kod-uczestnika-{number}", wait=False)
        await session.click("sk-sign-in")
        session.find(f"sk-open-{CASE}")  # the case list is there (built hidden with the page)
        if not session.shows("Witaj po raz pierwszy"):  # the sign-in had its effect: greeted by name
            values = [str(w.get("value")) for w in session.widgets.values()]
            shown = [v for v in values if "class='sk-message'" in v]
            raise RuntimeError(f"signed in without the greeting; the dashboard says {shown}")
        figures.ready.append(time.perf_counter() - start)
        figures.arrival_messages.append(session.received)
        figures.waited += session.waited > 0
        return session
    except Exception as error:
        print(f"  session {number} failed: {error!r}", flush=True)
        figures.fail(f"session {number} (arrival): {error!r}")
        await session.close()
        return None


async def run_pattern(server: Server, trainees: int, spread: float, rounds: int) -> Figures:
    figures = Figures()
    delays = [spread * i / max(1, trainees - 1) for i in range(trainees)] if spread else [0.0] * trainees
    sessions = [
        s
        for s in await asyncio.gather(*(trainee(i, server.url, d, figures) for i, d in enumerate(delays)))
        if s is not None
    ]
    working = []
    for session in sessions:  # set-up, not timed: open the case and add one need
        try:
            await session.click(f"sk-open-{CASE}")
            await session.click("sk-add-need")
            working.append(session)
        except (TimeoutError, LookupError) as error:
            print(f"  session set-up failed: {error!r}", flush=True)
            figures.fail(f"session set-up: {error!r}")
    for round_number in range(rounds):
        before = [s.received for s in working]
        times = await asyncio.gather(
            *(s.set_value("sk-need-statement", f"Pan pije alkohol i nie pracuje ({round_number})") for s in working),
            return_exceptions=True,
        )
        figures.action.extend(t for t in times if isinstance(t, float))
        await asyncio.sleep(0.2)  # updates sent after the kernel went idle are counted too
        figures.action_messages.extend(s.received - b for s, b in zip(working, before, strict=True))
        for t in times:
            if not isinstance(t, float):
                figures.fail(f"widget action, round {round_number}: {t!r}")
    figures.rss_mb, figures.pss_mb, figures.kernels = memory(server.process.pid)
    paced = await asyncio.gather(
        *(at_own_pace(s, rounds, random.Random(i)) for i, s in enumerate(working)), return_exceptions=True
    )
    for edits in paced:
        if isinstance(edits, BaseException):
            figures.fail(f"edit at own pace: {edits!r}")
        else:
            figures.paced.extend(edits)
    for session in sessions:
        await session.close()
    return figures


async def at_own_pace(session: Session, edits: int, chance: random.Random) -> list[float]:
    """Edit a need ``edits`` times, each after a random pause (``PACE_SECONDS`` on average); return the times."""
    times = []
    for number in range(edits):
        await asyncio.sleep(chance.expovariate(1 / PACE_SECONDS))
        times.append(await session.set_value("sk-need-statement", f"Pan pije alkohol, wpis {number}"))
    return times


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Row:
    way: str
    arrival: str
    trainees: int
    spread: float
    repeats: int = 1


def plan(args: argparse.Namespace) -> list[Row]:
    """Return the rows to measure: each way with both arrivals, repeated bursts and the big group on ours."""
    n = args.trainees
    rows = []
    for way in args.ways.split(","):
        rows.append(Row(way, f"{n} over 10 s", n, 10.0))
        rows.append(Row(way, f"{n} at once", n, 0.0, args.repeats if way == "szkola" else 1))
        if way == "szkola" and args.big:
            rows.append(Row(way, f"{args.big} over {args.big_spread:.0f} s", args.big, args.big_spread))
    return rows


def measure(row: Row, rounds: int, workdir: Path) -> Figures:
    """Run a row on fresh servers (one per repeat) and return its figures together."""
    total = Figures()
    for repeat in range(row.repeats):
        server = Server(row.way, row.trainees, workdir)
        try:
            warm = server.wait_ready()
            print(f"{row.way}: ready after {warm:.0f} s; {row.arrival} ({repeat + 1}/{row.repeats}) …", flush=True)
            figures = asyncio.run(run_pattern(server, row.trainees, row.spread, rounds))
        except RuntimeError as error:
            figures = Figures()
            figures.fail(f"server: {error}")
        finally:
            server.stop()
        figures.burst_p95.append(pct(figures.ready, 0.95))
        figures.burst_max.append(max(figures.ready, default=float("nan")))
        figures.burst_action_p95.append(pct(figures.action, 0.95))
        print(
            f"  ready p95 {pct(figures.ready, 0.95):.2f} s (last {figures.burst_max[-1]:.2f} s), "
            f"action p95 {pct(figures.action, 0.95) * 1000:.0f} ms, failed {figures.failures}, "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        total.merge(figures)
    return total


def report(results: dict[Row, Figures], rounds: int) -> None:
    """Print the table, the repeated bursts, the failed sessions of every row, and the ratios."""
    print(f"\n{rounds} rounds of widget actions with all trainees connected; figures over all repeats of a row")
    header = (
        "way",
        "arrival",
        "runs",
        "page p95 s",
        "ready p50 s",
        "ready p95 s",
        "ready max s",
        "action p50 ms",
        "action p95 ms",
        "action max ms",
        "own-pace action p50 / p95 ms",
        "RSS MB/trainee",
        "PSS MB/trainee",
        "kernels",
        "waited",
        "failed",
        "models/page",
        "msgs/arrival",
        "msgs/action",
    )
    print(" | ".join(header))
    for row, f in results.items():
        n = row.trainees
        cells = [
            row.way,
            row.arrival,
            str(row.repeats),
            f"{pct(f.page, 0.95):.2f}",
            f"{pct(f.ready, 0.5):.2f}",
            f"{pct(f.ready, 0.95):.2f}",
            f"{max(f.ready, default=float('nan')):.2f}",
            f"{pct(f.action, 0.5) * 1000:.0f}",
            f"{pct(f.action, 0.95) * 1000:.0f}",
            f"{max(f.action, default=float('nan')) * 1000:.0f}",
            f"{pct(f.paced, 0.5) * 1000:.0f} / {pct(f.paced, 0.95) * 1000:.0f}",
            f"{f.rss_mb / n:.0f}",
            f"{f.pss_mb / n:.0f}",
            str(f.kernels),
            str(f.waited),
            str(f.failures),
            f"{pct([float(m) for m in f.models], 0.5):.0f}",
            f"{pct([float(m) for m in f.arrival_messages], 0.5):.0f}",
            f"{pct([float(m) for m in f.action_messages], 0.5):.1f}",
        ]
        print(" | ".join(cells))
    for row, f in results.items():
        if row.repeats > 1:
            print(f"{row.way}, {row.arrival}: ready p95 of each run: " + ", ".join(f"{p:.2f} s" for p in f.burst_p95))
            last = ", ".join(f"{p:.2f} s" for p in f.burst_max)
            print(f"{row.way}, {row.arrival}: last trainee ready, each run: {last}")
            print(
                f"{row.way}, {row.arrival}: action p95 of each run: "
                + ", ".join(f"{p * 1000:.0f} ms" for p in f.burst_action_p95)
            )
    print("\nFailed sessions:")
    for row, f in results.items():
        print(f"  {row.way}, {row.arrival}: {f.failures}")
        for what in f.failed:
            print(f"    - {what}")
    ours = {row.arrival: f for row, f in results.items() if row.way == "szkola"}
    for row, them in results.items():
        if row.way != "szkola" and row.arrival in ours:
            mine = ours[row.arrival]
            print(
                f"{row.arrival}: ready p95 {row.way}/szkola = {pct(them.ready, 0.95) / pct(mine.ready, 0.95):.1f}×, "
                f"action p95 {row.way}/szkola = {pct(them.action, 0.95) / pct(mine.action, 0.95):.1f}×"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ways", default="plain,preheat,szkola")
    parser.add_argument("--repeats", type=int, default=5, help="fresh szkola servers hit by the at-once burst")
    parser.add_argument("--big", type=int, default=100, help="trainees of the larger group on szkola (0: none)")
    parser.add_argument("--big-spread", type=float, default=30.0, help="seconds over which the larger group arrives")
    parser.add_argument("--only", default="", help="measure only rows whose arrival contains this text")
    args = parser.parse_args()
    results: dict[Row, Figures] = {}
    print(f"{time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"machine speed now: {reference_ms():.0f} ms for the reference work (compare runs by it)")
    with tempfile.TemporaryDirectory() as tmp:
        for row in plan(args):
            if args.only in row.arrival:
                results[row] = measure(row, args.rounds, Path(tmp))
    report(results, args.rounds)
    print(f"machine speed at the end: {reference_ms():.0f} ms for the reference work")


if __name__ == "__main__":
    main()
