"""Grading a document exercise (agreement, projekt socjalny, protokół…) from the JSON the dashboard wrote.

Like a case's draft, the document is data: parsed with the pydantic model of its kind, judged by
the rules the kind declares (``domain.document_kinds``), never run. The place it is made for and
the case it is about come from the validated catalog, so a submitted document cannot choose its
own yardstick. Nothing here asks which document it holds: the registry answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from pydantic import ValidationError

from ..data.catalog import Catalog
from ..domain.document import Document, DocumentContext, DocumentPlace
from ..domain.document_kinds import DOCUMENT_BY_PART, DOCUMENTS, DocumentKind, DocumentSpec
from ..domain.document_score import score_document
from ..domain.parts import Part
from ..errors import WorkError


def agreement_place(catalog: Catalog, case_id: str) -> DocumentPlace:
    """Return the gmina and powiat of a case, named as the Lista names them."""
    case = catalog.case(case_id)
    assert catalog.directory is not None  # a valid catalog always has its Lista
    gmina = catalog.directory.gmina_name(case.gmina) or case.gmina
    return DocumentPlace(gmina=gmina, powiat=catalog.directory.powiat)


def document_context(catalog: Catalog, case_id: str) -> DocumentContext:
    """Return what a document's rules see: the case's place, the case itself and the Lista."""
    assert catalog.directory is not None  # a valid catalog always has its Lista
    return DocumentContext(
        place=agreement_place(catalog, case_id), case=catalog.case(case_id), directory=catalog.directory
    )


def parse_document(spec: DocumentSpec, work: object, case_id: str) -> Document:
    """Read the work cell's JSON as a document of ``spec``'s kind for ``case_id``; raise WorkError saying why not."""
    if not isinstance(work, str) or not work.strip():
        raise WorkError(f"Nie oddano pracy: dokument ({spec.label}) jest pusty.")
    try:
        doc = spec.parse_json(work)
    except ValidationError:
        raise WorkError(f"Zapisane dane dokumentu ({spec.label}) są uszkodzone i nie da się ich odczytać.") from None
    if doc.case_id != case_id:
        raise WorkError(f"Dokument dotyczy innego przypadku ({doc.case_id}) niż ćwiczenie.")
    return doc


def score_document_part(
    catalog: Catalog, work: object, case_id: str, part: Part, points: float
) -> tuple[float, tuple[str, ...]]:
    """Return the points of a document part and the Polish lines explaining them; never raise."""
    spec = DOCUMENT_BY_PART[part]
    try:
        doc = parse_document(spec, work, case_id)
    except WorkError as problem:
        return 0.0, (f"{problem} Ta część otrzymuje 0 pkt.",)
    score = score_document(spec.rules, spec.check(doc, document_context(catalog, case_id)))
    return score.points(points), score.lines


def reference_document(catalog: Catalog, case_id: str, kind: DocumentKind = DocumentKind.POROZUMIENIE) -> str:
    """Return an expert's document of ``kind`` for the case, as the JSON a work cell holds."""
    return DOCUMENTS[kind].example(case_id, document_context(catalog, case_id)).model_dump_json()


_CELL = "border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _rows(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th style="{_CELL}">{_e(k)}</th><td style="{_CELL}">{_e(v) or "–"}</td></tr>' for k, v in rows)
    return f'<table style="border-collapse:collapse;font-size:13px;margin-bottom:0.6em">{body}</table>'


def document_html(doc: Document, spec: DocumentSpec) -> str:
    """Return the document as a trainer reads it in the formgrader: one table per section, all text escaped."""
    return "".join(f"<p><b>{_e(spec.sections[key])}</b></p>{_rows(rows)}" for key, rows in doc.outline())


def graded_document_view(catalog: Catalog, work: str, case_id: str, task_id: str) -> tuple[str, str | None]:
    """Return the trainer's view of a submitted document: (plain text, HTML or None when it does not read)."""
    task = catalog.document_tasks.get(task_id)
    spec = DOCUMENTS[task.document if task else DocumentKind.POROZUMIENIE]
    try:
        doc = parse_document(spec, work, case_id)
    except WorkError as problem:
        return str(problem), None
    return work, document_html(doc, spec)
