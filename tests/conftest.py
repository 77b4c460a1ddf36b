"""Shared fixtures: the small valid powiat and case under tests/data/valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain import Case, Contract, Diagnosis, ServiceDirectory

VALID_DATA = Path(__file__).parent / "data" / "valid"


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
