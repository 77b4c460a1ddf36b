"""A ``szkola hub`` run as a child process: its command line, start, wait until it answers, stop.

The hub tests and ``benchmarks/hub.py`` both drive a real hub; they build its command line here,
so an option added to ``szkola hub`` (a course, the G-PZK session server's port) reaches both.
Every port is chosen free on 127.0.0.1, so several hubs (and other servers) run side by side.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .courses import free_port


@dataclass
class HubLaunch:
    """What a hub run is given: the ``szkola hub`` options, with free ports unless told otherwise."""

    admin: str
    store: str
    """The trainees' store: a ``postgresql://`` URL, or "" for the hub's default (SQLite in its state folder)."""
    state: Path
    courses: dict[str, Path] = field(default_factory=dict)
    trainers: dict[str, str] = field(default_factory=dict)
    """Course name -> its trainer's account."""
    port: int = field(default_factory=free_port)
    hub_port: int = field(default_factory=free_port)
    proxy_api_port: int = field(default_factory=free_port)
    gpzk_port: int = field(default_factory=free_port)
    config: Path | None = None
    """An organiser's extra JupyterHub configuration (``--config``), e.g. more services."""

    @property
    def url(self) -> str:
        """The hub's address for a browser."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def gpzk_server(self) -> str:
        """The G-PZK session server the hub runs as its service (``szkola roleplay … --server``)."""
        return f"ws://127.0.0.1:{self.gpzk_port}"

    def command(self) -> list[str]:
        """Return the ``szkola hub`` command line, run with this interpreter."""
        return [
            sys.executable,
            "-m",
            "szkola_kooperacji",
            "hub",
            f"--admin={self.admin}",
            *([f"--db={self.store}"] if self.store else []),
            f"--state={self.state}",
            *([f"--config={self.config}"] if self.config else []),
            *(f"--course={name}={path}" for name, path in self.courses.items()),
            *(f"--trainer={name}={trainer}" for name, trainer in self.trainers.items()),
            f"--port={self.port}",
            f"--hub-port={self.hub_port}",
            f"--proxy-api-port={self.proxy_api_port}",
            f"--gpzk-port={self.gpzk_port}",
        ]

    def start(self, log: Path) -> RunningHub:
        """Start the hub in its own process group, its output into ``log``."""
        with log.open("wb") as output:
            process = subprocess.Popen(self.command(), stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        return RunningHub(self, process, log)


@dataclass
class RunningHub:
    """A started hub: wait until its sign-in page answers; stop it with everything it started."""

    launch: HubLaunch
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def store(self) -> str:
        """The trainees' store the hub was given."""
        return self.launch.store

    def at(self, path: str) -> str:
        """Return the hub's address of ``path``."""
        return self.launch.url + path.lstrip("/")

    def wait_up(self, seconds: float) -> None:
        """Return once ``/hub/login`` answers 200; raise with the log's tail if the hub exits or is too slow."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(OSError), urllib.request.urlopen(self.at("hub/login"), timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.5)
        tail = self.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"szkola hub did not start; see {self.log}:\n{tail}")

    def stop(self, patience: float = 60) -> None:
        """SIGTERM to the whole group (the hub stops the servers it started), then kill whatever is left."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + patience
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
