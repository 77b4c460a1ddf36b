"""What the cells of an exercise notebook call: the reference work and the grading of one part.

Test cells call :func:`grade_part`, which never raises: whatever the submission
holds, it prints Polish feedback and returns the points as the cell's result, the
partial credit nbgrader reads. A missing or broken work therefore earns 0 with a
message instead of a traceback that would show the hidden test.
"""

from __future__ import annotations

from functools import cache

from pydantic import ValidationError

from ..data.cache import cached_valid_catalog
from ..data.catalog import Catalog
from ..domain.assessment import Part, assess_part
from ..domain.draft import Draft
from ..domain.feedback import give_feedback
from . import WORK_VARIABLE

__all__ = ["WORK_VARIABLE", "grade_part", "parse_work", "reference_work"]


class WorkError(ValueError):
    """The submitted work cannot be read; the message says why in Polish."""


@cache
def _catalog() -> Catalog:
    return cached_valid_catalog()


def reference_work(case_id: str) -> str:
    """Return the case's expert diagnosis and contract as the JSON a work cell holds."""
    reference = _catalog().case(case_id).reference
    return Draft(case_id=case_id, diagnosis=reference.diagnosis, contract=reference.contract).model_dump_json()


def parse_work(work: object, case_id: str) -> Draft:
    """Read the work cell's JSON as a draft of ``case_id``; raise WorkError saying what is wrong."""
    if not isinstance(work, str) or not work.strip():
        raise WorkError("Nie oddano pracy: diagnoza i kontrakt są puste.")
    try:
        draft = Draft.model_validate_json(work)
    except ValidationError:
        raise WorkError("Zapisana praca jest uszkodzona i nie da się jej odczytać.") from None
    if draft.case_id != case_id:
        raise WorkError(f"Praca dotyczy innego przypadku ({draft.case_id}) niż ćwiczenie.")
    return draft


def grade_part(work: object, case_id: str, part: str, points: float) -> float:
    """Print the feedback of one part and return its points (0…``points``)."""
    try:
        draft = parse_work(work, case_id)
    except WorkError as problem:
        print(f"{problem} Ta część otrzymuje 0 pkt.")
        return 0.0
    catalog = _catalog()
    assert catalog.directory is not None  # a valid catalog always has its Lista
    report = give_feedback(catalog.case(case_id), catalog.directory, draft.diagnosis, draft.contract)
    result = assess_part(report, Part(part), draft.diagnosis, draft.contract)
    print("\n".join(result.lines))
    return result.points(points)
