"""Shared fixtures: the small valid powiat and case under tests/data/valid; a catalog cache of the tests' own."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.data.cache import CACHE_ENV
from szkola_kooperacji.domain import Case, Contract, Diagnosis, ServiceDirectory

if TYPE_CHECKING:
    from playwright.sync_api import Browser

VALID_DATA = Path(__file__).parent / "data" / "valid"


def pytest_configure(config: pytest.Config) -> None:
    """Point the catalog cache at a fresh folder, so tests never read or write the user's cache.

    Set before any test module is imported; servers the tests start inherit it.
    """
    folder = tempfile.mkdtemp(prefix="szkola-test-cache-")
    config.stash[_CACHE_KEY] = folder
    os.environ[CACHE_ENV] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the tests' cache folder."""
    folder = config.stash.get(_CACHE_KEY, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


_CACHE_KEY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, one for every browser-driven test (tests/browser, tests/hub).

    Defined once here: Playwright's sync API allows one running instance per thread.
    """
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only browser tests need it)

    from tests.browser.conftest import CHROMIUM, FLAGS  # noqa: PLC0415

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def _mini_catalog():
    return load_valid_catalog([VALID_DATA])


@pytest.fixture
def case(_mini_catalog) -> Case:
    """A fresh copy of the mini case, safe to change in a test."""
    return _mini_catalog.case("mini_case").model_copy(deep=True)


@pytest.fixture
def directory(_mini_catalog) -> ServiceDirectory:
    return _mini_catalog.directory


@pytest.fixture
def diagnosis(case: Case) -> Diagnosis:
    """The reference diagnosis of the mini case, as a trainee's copy."""
    return case.reference.diagnosis.model_copy(deep=True)


@pytest.fixture
def contract(case: Case) -> Contract:
    """The reference contract of the mini case, as a trainee's copy."""
    return case.reference.contract.model_copy(deep=True)
