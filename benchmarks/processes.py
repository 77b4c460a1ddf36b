"""What a process tree uses, read from /proc (processes, memory, CPU time), and how fast the machine is now."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path


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


def resident_mb(pids: list[int]) -> tuple[float, float]:
    """Return (RSS MB, PSS MB) summed over these processes; a process already gone is left out."""
    rss = pss = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
    return rss / 1024, pss / 1024


def memory(pid: int) -> tuple[float, float, int]:
    """Return (RSS MB, PSS MB, number of kernel processes) of a process tree."""
    tree = descendants(pid)
    kernels = 0
    for proc in tree:
        try:
            kernels += b"ipykernel_launcher" in Path(f"/proc/{proc}/cmdline").read_bytes()
        except OSError:
            continue
    return (*resident_mb(tree), kernels)


def cpu_by_process(pids: list[int]) -> dict[int, float]:
    """Return each process's CPU time so far (user and system); a process already gone is left out."""
    tick, found = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / tick
    return found


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) used so far by a process tree."""
    return sum(cpu_by_process(descendants(pid)).values())


def reference_ms() -> float:
    """Time a fixed piece of Python work (best of 5): the same code on a shared virtual machine runs a
    quarter slower or faster from one hour to the next, and this tells runs on a slow hour apart."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        sum(len(str(i)) for i in range(300_000))
        best = min(best, time.perf_counter() - start)
    return best * 1000
