"""The kontrakt socjalny as DOCX and PDF: every bundled reference and a hostile trainee draft, read back."""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import pytest
from docx import Document

from szkola_kooperacji.documents import DocumentFormat, contract_document, render_contract
from szkola_kooperacji.documents.outline import BLANK, TRAINING_MARK, find_ops
from szkola_kooperacji.domain.contract import Contract

from .conftest import ARTIFACTS, CATALOG, HOSTILE, docx_text, pdf_pages, squash

CASES = sorted(CATALOG.cases)


def _render(case_id: str, contract: Contract, fmt: DocumentFormat) -> bytes:
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    return render_contract(case, CATALOG.directory, contract, fmt)


@pytest.mark.parametrize("case_id", CASES)
def test_reference_pdf_has_template_sections_header_pages_and_every_action(case_id: str):
    case = CATALOG.case(case_id)
    contract = case.reference.contract
    data = _render(case_id, contract, DocumentFormat.PDF)
    pages = pdf_pages(data)
    ops = find_ops(case, CATALOG.directory, contract)  # type: ignore[arg-type]
    assert ops is not None
    for number, page in enumerate(pages, start=1):
        assert ops.name in page, f"page {number} has no OPS header"
        assert TRAINING_MARK in page
        assert f"Strona {number} z {len(pages)}" in page
    whole = squash("\n".join(pages))
    for section in (
        "KONTRAKTSOCJALNY",
        "IA.Ocenasytuacji",
        "Celgłówny",
        "IIA.Ustalenia",
        "Zobowiązaniastron",
        "Ocenarealizacjikontraktu",
        "Podpisystron",
        "podpispracownikasocjalnego",
        "Mapawspółpracy",
    ):
        assert section in whole
    for goal in contract.goals:
        assert squash(goal.text) in whole, goal.id
    for action in contract.actions:
        assert squash(action.text) in whole, action.id
    assert f"{contract.period_start:%d.%m.%Y}" in whole
    for review in contract.reviews:
        assert f"{review.date:%d.%m.%Y}" in whole
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert fonts
    assert all("DejaVuSans" in font for font in fonts), fonts  # embedded, with Polish letters
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(data)
    document[0].render(scale=1.5).to_pil().save(ARTIFACTS / f"{case_id}_strona1.png")
    document[len(document) - 1].render(scale=1.5).to_pil().save(ARTIFACTS / f"{case_id}_mapa.png")
    (ARTIFACTS / f"kontrakt_wzorcowy_{case_id}.pdf").write_bytes(data)


@pytest.mark.parametrize("case_id", CASES)
def test_reference_docx_has_header_page_fields_tables_map_and_signatures(case_id: str):
    case = CATALOG.case(case_id)
    contract = case.reference.contract
    data = _render(case_id, contract, DocumentFormat.DOCX)
    text = docx_text(data)
    ops = find_ops(case, CATALOG.directory, contract)  # type: ignore[arg-type]
    assert ops is not None
    assert ops.name in text["header"]
    assert TRAINING_MARK in text["header"]
    assert "PAGE" in text["footer_xml"]
    assert "NUMPAGES" in text["footer_xml"]
    assert "KONTRAKT SOCJALNY" in text["body"]
    assert contract.goal_main in text["body"]
    for goal in contract.goals:
        assert goal.text in text["cells"]
    for action in contract.actions:
        assert action.text in text["cells"]
    assert "podpis osoby / członków rodziny" in text["cells"]
    assert len(Document(io.BytesIO(data)).inline_shapes) == 1, "the cooperation map picture is missing"


def test_hostile_draft_prints_as_typed_in_pdf_and_docx(hostile_contract: Contract):
    case_id = "przemoc_zagorze_brzozowa_laka"
    data = _render(case_id, hostile_contract, DocumentFormat.PDF)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pypdfium2.PdfDocument(data)[0].render(scale=1.5).to_pil().save(ARTIFACTS / "szkic_z_wrogim_tekstem_strona1.png")
    pdf = squash("\n".join(pdf_pages(data)))
    assert squash(HOSTILE) in pdf
    assert squash('Działanie <u>podkreślone</u> & "cytat"') in pdf
    assert squash("<i>wskaźnik</i>") in pdf
    assert squash("Zagórze </para><para>") in pdf
    assert "\x00" not in pdf
    assert "\x07" not in pdf
    docx = docx_text(_render(case_id, hostile_contract, DocumentFormat.DOCX))
    assert HOSTILE + " koniec" in docx["body"]
    assert HOSTILE in docx["cells"]
    assert "samo działanie, bez instytucji i terminów" in docx["cells"]


def test_empty_draft_is_a_form_with_blanks_to_fill_by_hand():
    case = CATALOG.case(CASES[0])
    assert CATALOG.directory is not None
    document = contract_document(case, CATALOG.directory, Contract())
    assert document.ops_name.startswith("Gminny Ośrodek Pomocy Społecznej")  # found through the case's gmina
    pdf = "\n".join(pdf_pages(render_contract(case, CATALOG.directory, Contract(), DocumentFormat.PDF)))
    assert BLANK in pdf
    assert "Strona 1 z" in pdf
