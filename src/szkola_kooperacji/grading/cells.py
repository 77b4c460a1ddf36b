"""What the cells of an exercise notebook call: the reference work and the grading of one part.

:func:`score_part` scores one part of a trainee's work (the JSON the dashboard wrote) with
the domain scorer and explains the points in Polish; it never raises, so a missing or
broken work earns 0 with a message. The autograder calls it on the parsed work
(``grading.preprocessors``); test cells of the source exercises call :func:`grade_part`,
which prints the same, so a trainer can run the source notebook and see the reference score.
"""

from __future__ import annotations

from functools import cache

from pydantic import ValidationError

from ..data.cache import cached_valid_catalog
from ..data.catalog import Catalog
from ..domain.assessment import Part, assess_part
from ..domain.draft import Draft
from ..domain.feedback import give_feedback
from ..domain.parts import DOCUMENT_PARTS
from ..errors import WorkError
from . import WORK_VARIABLE

__all__ = [
    "WORK_VARIABLE",
    "grade_part",
    "grading_catalog",
    "parse_work",
    "reference_document_work",
    "reference_work",
    "score_part",
]


@cache
def grading_catalog() -> Catalog:
    """Return the validated cases and Lista that grading scores against, loaded once per process."""
    return cached_valid_catalog()


def reference_work(case_id: str) -> str:
    """Return the case's expert diagnosis and contract as the JSON a work cell holds."""
    reference = grading_catalog().case(case_id).reference
    return Draft(case_id=case_id, diagnosis=reference.diagnosis, contract=reference.contract).model_dump_json()


def reference_document_work(case_id: str, document: str = "porozumienie") -> str:
    """Return an expert's document of a kind (``domain.document_kinds``) for the case, as a work cell holds it."""
    from ..domain.document_kinds import DocumentKind  # noqa: PLC0415
    from .documents import reference_document  # noqa: PLC0415

    return reference_document(grading_catalog(), case_id, DocumentKind(document))


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


def score_part(work: object, case_id: str, part: str, points: float) -> tuple[float, tuple[str, ...]]:
    """Return the points (0…``points``) of one part of the work and the Polish lines explaining them.

    The work is data: the JSON the dashboard wrote, parsed and scored by the domain, never run.
    A document part (agreement, projekt socjalny, protokół…) is scored by its document's rules instead.
    """
    if part in DOCUMENT_PARTS:
        from .documents import score_document_part  # noqa: PLC0415

        return score_document_part(grading_catalog(), work, case_id, Part(part), points)
    try:
        draft = parse_work(work, case_id)
    except WorkError as problem:
        return 0.0, (f"{problem} Ta część otrzymuje 0 pkt.",)
    if part not in Part.__members__.values():
        return 0.0, (f"Ćwiczenie ocenia nieznaną część pracy ({part!r}); zgłoś to trenerowi.",)
    catalog = grading_catalog()
    assert catalog.directory is not None  # a valid catalog always has its Lista
    report = give_feedback(catalog.case(case_id), catalog.directory, draft.diagnosis, draft.contract)
    result = assess_part(report, Part(part), draft.diagnosis, draft.contract)
    return result.points(points), result.lines


def grade_part(work: object, case_id: str, part: str, points: float) -> float:
    """Print the feedback of one part and return its points: a test cell as a trainer reads it.

    The grader never runs test cells (see ``grading.preprocessors``); this keeps the source
    exercise runnable in JupyterLab, where a trainer checks the reference scores in full.
    """
    earned, lines = score_part(work, case_id, part, points)
    print("\n".join(lines))
    return earned
