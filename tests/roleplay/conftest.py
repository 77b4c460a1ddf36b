"""Shared fixtures of the role-play tests: the bundled catalog and a session opened on one case."""

from __future__ import annotations

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.case import Case
from szkola_kooperacji.domain.directory import ServiceDirectory
from szkola_kooperacji.roleplay.passes import SECRET_ENV
from szkola_kooperacji.roleplay.session import Session

CASE_ID = "bezrobocie_alkohol_zurawiec"
SECRET = "sekret-testowy-sesji-gpzk"


@pytest.fixture(autouse=True)
def gpzk_secret(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every server, page and CLI call of a test signs and checks passes with one test secret."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    return SECRET


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """The drafts and the sessions' assignments of a test live in its own folder, never the user's."""
    monkeypatch.setenv("SZKOLA_STORE", str(tmp_path / "drafts.sqlite"))
    return tmp_path / "drafts.sqlite"


@pytest.fixture(scope="session")
def catalog():
    return load_valid_catalog()


@pytest.fixture
def case(catalog) -> Case:
    return catalog.cases[CASE_ID]


@pytest.fixture
def directory(catalog) -> ServiceDirectory:
    return catalog.directory


@pytest.fixture
def session(case: Case, directory: ServiceDirectory) -> Session:
    opened = Session()
    opened.open(case, directory)
    return opened
