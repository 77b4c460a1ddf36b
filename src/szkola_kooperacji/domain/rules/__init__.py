"""Rules of a good diagnosis and a good multi-sector kontrakt socjalny.

Each rule returns findings (values, never exceptions). ``check_contract`` runs
the contract rules in the order a trainee fixes things: links first, then who
does what, then the directory and safety, then measurability, then the calendar.
Every rule is declared in ``REGISTRY`` (``registry.py``) with its code, level,
graded part and score item; importing this package fills it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..case import Case
from ..contract import Contract
from ..diagnosis import Diagnosis
from ..directory import ServiceDirectory
from ..findings import Finding
from . import agreement as agreement  # declares the agreement's rules in the registry
from . import minutes as minutes  # declares the protokół's rules
from . import social_project as social_project  # declares the projekt socjalny's rules
from .context import RuleContext
from .coverage import check_coverage
from .diagnosis import check_diagnosis
from .institutions import check_cooperation, check_institutions
from .obligations import (
    check_client_obligations,
    check_co_creation,
    check_indicators,
    check_responsibility,
    check_worker_actions,
)
from .registry import REGISTRY, Rule, rule_of
from .safety import check_safety
from .schedule import check_schedule
from .sharing import judge_shares

ContractRule = Callable[[RuleContext], Iterable[Finding]]

CONTRACT_RULES: tuple[ContractRule, ...] = (
    check_coverage,
    check_responsibility,
    check_institutions,
    check_cooperation,
    check_safety,
    check_indicators,
    check_client_obligations,
    check_worker_actions,
    check_co_creation,
    check_schedule,
)


def check_contract(case: Case, directory: ServiceDirectory, diagnosis: Diagnosis, contract: Contract) -> list[Finding]:
    """Return the findings of every contract rule for this case, diagnosis and contract."""
    ctx = RuleContext(case=case, directory=directory, diagnosis=diagnosis, contract=contract)
    return [finding for rule in CONTRACT_RULES for finding in rule(ctx)]


def check_all(case: Case, directory: ServiceDirectory, diagnosis: Diagnosis, contract: Contract) -> list[Finding]:
    """Return diagnosis findings followed by contract findings."""
    return check_diagnosis(case, diagnosis) + check_contract(case, directory, diagnosis, contract)


__all__ = [
    "CONTRACT_RULES",
    "REGISTRY",
    "Rule",
    "RuleContext",
    "check_all",
    "check_contract",
    "check_diagnosis",
    "judge_shares",
    "rule_of",
]
