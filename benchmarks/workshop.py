"""Workshop load: N trainees on plain Voilà, Voilà's preheated pool, and ``szkola serve --workshop N``.

For each way and each arrival pattern (spread over 10 s, all at once) it opens N
sessions as HTTP + websocket clients (benchmarks/voila_client.py), times each
session until its page arrived and its kernel answered a first widget action
(signing in, which shows the case list), then, with all N connected, times
further widget actions with live feedback (editing a need, which re-runs the
rules and saves the draft), and reads the resident memory of the server and its
kernels. Run: ``.venv/bin/python benchmarks/workshop.py --trainees 40``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from voila_client import Session

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "pulpit.ipynb"
CASE = os.environ.get("SZKOLA_TEST_CASE", "bezrobocie_alkohol_zurawiec")


@dataclass
class Figures:
    page: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    action: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    pss_mb: float = 0.0
    kernels: int = 0
    failures: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def memory(pid: int) -> tuple[float, float, int]:
    """Return (RSS MB, PSS MB, number of kernel processes) of a process tree."""
    rss = pss = 0
    kernels = 0
    for proc in descendants(pid):
        try:
            rollup = Path(f"/proc/{proc}/smaps_rollup").read_text()
            cmdline = Path(f"/proc/{proc}/cmdline").read_bytes()
        except OSError:
            continue
        rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
        kernels += b"ipykernel_launcher" in cmdline
    return rss / 1024, pss / 1024, kernels


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) used so far by a process tree."""
    ticks = 0
    for proc in descendants(pid):
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


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
            listening = "Voilà is running at" in text or "Voila is running at" in text
            pooled = self.way == "plain" or "is filled with" in text
            if listening and pooled:
                wait_quiet(self.process.pid)  # a warmed pool has rendered every page: nothing left to do
                return time.monotonic() - start
            time.sleep(0.5)
        raise RuntimeError(f"{self.way} did not become ready; see {self.log}")

    def stop(self) -> None:
        os.killpg(self.process.pid, 9)
        self.process.wait()
        shutil.copy(self.log, Path(tempfile.gettempdir()) / f"workshop-{self.way}.log")  # kept for a look


async def trainee(number: int, url: str, delay: float, figures: Figures) -> Session | None:
    await asyncio.sleep(delay)
    session = Session(url)
    start = time.perf_counter()
    try:
        figures.page.append(await session.open_page())
        await session.connect()
        await session.set_value("sk-trainee-name", f"Uczestnik {number}", wait=False)
        await session.set_value("sk-trainee-code", f"kod-uczestnika-{number}", wait=False)
        await session.click("sk-sign-in")
        session.find(f"sk-open-{CASE}")  # the case list is there: the action had its effect
        figures.ready.append(time.perf_counter() - start)
        return session
    except Exception as error:
        print(f"  session {number} failed: {error!r}")
        figures.failures += 1
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
            print(f"  session set-up failed: {error!r}")
            figures.failures += 1
    for round_number in range(rounds):
        times = await asyncio.gather(
            *(s.set_value("sk-need-statement", f"Pan pije alkohol i nie pracuje ({round_number})") for s in working),
            return_exceptions=True,
        )
        figures.action.extend(t for t in times if isinstance(t, float))
        figures.failures += sum(1 for t in times if not isinstance(t, float))
    figures.rss_mb, figures.pss_mb, figures.kernels = memory(server.process.pid)
    for session in sessions:
        await session.close()
    return figures


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ways", default="plain,preheat,szkola")
    args = parser.parse_args()
    results: dict[tuple[str, str], Figures] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for way in args.ways.split(","):
            for pattern, spread in (("10 s", 10.0), ("naraz", 0.0)):
                server = Server(way, args.trainees, Path(tmp))
                try:
                    warm = server.wait_ready()
                    print(f"{way}: ready to serve after {warm:.0f} s; {pattern} …", flush=True)
                    results[(way, pattern)] = asyncio.run(run_pattern(server, args.trainees, spread, args.rounds))
                finally:
                    server.stop()
    print(f"\nN = {args.trainees} trainees, {args.rounds} rounds of widget actions with all connected")
    header = (
        "way",
        "arrival",
        "page p95 s",
        "ready p50 s",
        "ready p95 s",
        "ready max s",
        "action p50 ms",
        "action p95 ms",
        "action max ms",
        "RSS MB/trainee",
        "PSS MB/trainee",
        "kernels",
        "fail",
    )
    print(" | ".join(header))
    for (way, pattern), f in results.items():
        n = args.trainees
        print(
            " | ".join(
                [
                    way,
                    pattern,
                    f"{pct(f.page, 0.95):.2f}",
                    f"{pct(f.ready, 0.5):.2f}",
                    f"{pct(f.ready, 0.95):.2f}",
                    f"{max(f.ready, default=float('nan')):.2f}",
                    f"{pct(f.action, 0.5) * 1000:.0f}",
                    f"{pct(f.action, 0.95) * 1000:.0f}",
                    f"{max(f.action, default=float('nan')) * 1000:.0f}",
                    f"{f.rss_mb / n:.0f}",
                    f"{f.pss_mb / n:.0f}",
                    str(f.kernels),
                    str(f.failures),
                ]
            )
        )
    for pattern in ("10 s", "naraz"):
        if ("szkola", pattern) in results:
            ours = results[("szkola", pattern)]
            for other in ("plain", "preheat"):
                if (other, pattern) in results:
                    them = results[(other, pattern)]
                    print(
                        f"{pattern}: ready p95 {other}/szkola = {pct(them.ready, 0.95) / pct(ours.ready, 0.95):.1f}×, "
                        f"action p95 {other}/szkola = {pct(them.action, 0.95) / pct(ours.action, 0.95):.1f}×"
                    )


if __name__ == "__main__":
    main()
