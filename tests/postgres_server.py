"""A real, throw-away PostgreSQL server for tests: Debian's binaries, initdb into a tmp folder, a free port.

initdb refuses to run as root; the tests (and CI) run as root, so the cluster then belongs to the
``postgres`` system user the Debian package creates. Authentication is ``trust`` on 127.0.0.1 only.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def postgres_bin() -> Path | None:
    """Return the newest installed PostgreSQL binary folder, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_CLUSTERS: dict[str, tuple[Path, Path, str]] = {}
"""The running clusters by URL: binaries, data folder, server options (for ``stop_postgres``/``start_postgres``)."""


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a cluster and yield the URL of its ``postgres`` database; stop and remove it afterwards."""
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL nie jest zainstalowany (apt-get install postgresql; .ci/run instaluje go sam)")
    folder = Path(tempfile.mkdtemp(prefix="szkola-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
    try:
        for command in (
            ["initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
            ["pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        ):
            subprocess.run(_as_owner([str(binaries / command[0]), *command[1:]]), capture_output=True, check=True)
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        _CLUSTERS[url] = (binaries, data, options)
        yield url
    finally:
        subprocess.run(
            _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def stop_postgres(server_url: str) -> None:
    """Stop a cluster of ``running_postgres`` as an administrator's restart does (clients are disconnected)."""
    binaries, data, _options = _CLUSTERS[server_url]
    subprocess.run(
        _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        capture_output=True,
        check=True,
    )


def start_postgres(server_url: str) -> None:
    """Start a stopped cluster again on its port."""
    binaries, data, options = _CLUSTERS[server_url]
    log = str(data.parent / "log")
    subprocess.run(
        _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start"]),
        capture_output=True,
        check=True,
    )


def new_database(server_url: str) -> str:
    """Create an empty database on the server and return its URL (one per test keeps tests apart)."""
    import psycopg  # noqa: PLC0415

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"
