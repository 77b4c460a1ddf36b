"""Every store test runs on both backends: a SQLite file and a real PostgreSQL the tests start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres_server import new_database, running_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server started for this test session."""
    with running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a fresh, empty store lives: a SQLite file, or a new database on the test PostgreSQL."""
    if request.param == "sqlite":
        return tmp_path / "s.sqlite"
    return new_database(request.getfixturevalue("postgres_server"))
