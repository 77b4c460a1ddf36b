"""Grading a document exercise (the cooperation agreement…) from the JSON the dashboard wrote.

Like a case's draft, the document is data: parsed with its pydantic model, judged by the
domain rules of its part, never run. The place it is made for (the case's gmina and powiat)
comes from the validated catalog, so a submitted document cannot choose its own yardstick.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from pydantic import ValidationError

from ..data.catalog import Catalog
from ..domain.agreement import AGREEMENT_SECTIONS, INFO_BASIS_LABELS, AgreementPlace, CooperationAgreement
from ..domain.agreement_example import example_agreement
from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS
from ..domain.document_score import score_document
from ..domain.parts import Part
from ..domain.rules.agreement import AGREEMENT_RULES, check_agreement
from ..errors import WorkError


def agreement_place(catalog: Catalog, case_id: str) -> AgreementPlace:
    """Return the gmina and powiat of a case, named as the Lista names them."""
    case = catalog.case(case_id)
    assert catalog.directory is not None  # a valid catalog always has its Lista
    gmina = catalog.directory.gmina_name(case.gmina) or case.gmina
    return AgreementPlace(gmina=gmina, powiat=catalog.directory.powiat)


def parse_agreement(work: object, case_id: str) -> CooperationAgreement:
    """Read the work cell's JSON as an agreement for ``case_id``; raise WorkError saying what is wrong."""
    if not isinstance(work, str) or not work.strip():
        raise WorkError("Nie oddano pracy: porozumienie jest puste.")
    try:
        doc = CooperationAgreement.model_validate_json(work)
    except ValidationError:
        raise WorkError("Zapisane porozumienie jest uszkodzone i nie da się go odczytać.") from None
    if doc.case_id != case_id:
        raise WorkError(f"Porozumienie dotyczy innego przypadku ({doc.case_id}) niż ćwiczenie.")
    return doc


def score_document_part(
    catalog: Catalog, work: object, case_id: str, part: Part, points: float
) -> tuple[float, tuple[str, ...]]:
    """Return the points of a document part and the Polish lines explaining them; never raise."""
    try:
        doc = parse_agreement(work, case_id)
    except WorkError as problem:
        return 0.0, (f"{problem} Ta część otrzymuje 0 pkt.",)
    score = score_document(AGREEMENT_RULES, check_agreement(doc, agreement_place(catalog, case_id)))
    return score.points(points), score.lines


def reference_document(catalog: Catalog, case_id: str) -> str:
    """Return an expert's agreement for the case's place, as the JSON a work cell holds."""
    return example_agreement(case_id, agreement_place(catalog, case_id)).model_dump_json()


_CELL = "border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _rows(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th style="{_CELL}">{_e(k)}</th><td style="{_CELL}">{_e(v) or "–"}</td></tr>' for k, v in rows)
    return f'<table style="border-collapse:collapse;font-size:13px;margin-bottom:0.6em">{body}</table>'


def agreement_html(doc: CooperationAgreement) -> str:
    """Return the agreement as a trainer reads it in the formgrader: one table per section, all text escaped."""
    s = AGREEMENT_SECTIONS
    parties = [(f"{LEVEL_LABELS[p.level]}", f"{p.name} — wykonuje: {p.unit}") for p in doc.parties]
    team = [(m.institution, f"{SECTOR_LABELS[m.sector]}, {LEVEL_LABELS[m.level]}") for m in doc.team]
    bases = [("podstawa", INFO_BASIS_LABELS[b]) for b in doc.info_bases]
    period = f"{doc.starts:%d.%m.%Y} – {doc.ends:%d.%m.%Y}" if doc.starts and doc.ends else "–"
    parts = [
        (s["strony"], _rows(parties)),
        (s["cel"], _rows([("cel", doc.purpose)])),
        (s["zakres"], _rows([(str(i), x) for i, x in enumerate(doc.scope, 1)])),
        (s["zespol"], _rows(team)),
        (s["spotkania"], _rows([("zasady", doc.meetings)])),
        (s["informacje"], _rows([("zakres", doc.information), *bases])),
        (s["koordynatorzy"], _rows([(p.name, p.coordinator) for p in doc.parties])),
        (s["okres"], _rows([("okres", period), ("ocena", doc.evaluation)])),
        (s["podpisy"], _rows([(p.name, ", ".join(p.signatories)) for p in doc.parties])),
    ]
    return "".join(f"<p><b>{_e(title)}</b></p>{table}" for title, table in parts)
