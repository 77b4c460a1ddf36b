"""The kontrakt socjalny as DOCX and PDF: every bundled reference and a hostile trainee draft, read back."""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import pytest
from docx import Document

from szkola_kooperacji.documents import DocumentFormat, contract_document, render_contract
from szkola_kooperacji.documents.outline import BLANK, TRAINING_MARK, find_ops
from szkola_kooperacji.documents.safety import protection, signing_parties
from szkola_kooperacji.domain.contract import Contract
from szkola_kooperacji.domain.diagnosis import Diagnosis

from .conftest import ARTIFACTS, CATALOG, HOSTILE, docx_text, pdf_pages, squash

CASES = sorted(CATALOG.cases)
TEMPLATE_WORDING = (
    "(pieczęć ośrodka pomocy społecznej)",
    "Data zawarcia kontraktu socjalnego",
    "KONTRAKT SOCJALNY",
    "określający sposób współdziałania między osobą/rodziną a pracownikiem socjalnym w zakresie "
    "rozwiązywania trudnej sytuacji życiowej (część I A i II A)",
    "Część I A. Ocena sytuacji osoby/rodziny",
    "Przyczyny trudnej sytuacji życiowej",
    "Możliwości, zasoby i mocne strony",
    "Ograniczenia i bariery",
    "Potrzeby osoby/rodziny ustalone w diagnozie",
    "Cel główny",
    "Część II A. Ustalenia",
    "Adres zamieszkania",
    "PESEL",
    "a pracownikiem socjalnym",
    "Kontrakt sporządzono w dwóch egzemplarzach",
    "podpis pracownika socjalnego",
    "osoby przystępującej do kontraktu",
    "Załącznik nr 1. Ustalenia z instytucjami współpracującymi (G-PZK)",
    "Załącznik nr 2. Informacja o przetwarzaniu danych osobowych (art. 13 RODO)",
    "art. 6 ust. 1 lit. c RODO",
    "Prezesa Urzędu Ochrony Danych Osobowych",
    "Mapa współpracy",
)
ART_11 = "art. 11 ust. 2 ustawy o pomocy społecznej"


def _render(case_id: str, contract: Contract, fmt: DocumentFormat, diagnosis: Diagnosis | None = None) -> bytes:
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    return render_contract(case, CATALOG.directory, contract, diagnosis or case.reference.diagnosis, fmt)


def _seat(case_id: str) -> str:
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    ops = find_ops(case, CATALOG.directory, case.reference.contract)
    assert ops is not None
    return next(g.seat_locative for g in CATALOG.directory.gminas if g.id == ops.gmina)


@pytest.mark.parametrize("case_id", CASES)
def test_reference_pdf_follows_the_template_with_parties_place_signatures_and_every_action(case_id: str):
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
    for wording in TEMPLATE_WORDING:
        assert squash(wording) in whole, wording
    assert squash(f"w {_seat(case_id)} pomiędzy:") in whole, "the place is not in the locative"
    parties = signing_parties(case, contract)
    assert parties
    for member_id in parties:
        member = case.member(member_id)
        assert member is not None
        assert member.age >= 18
        assert squash(f"podpis: {member.name}") in whole
    assert whole.count("podpis:") == len(parties), "one signature line per adult party"
    signature_page = next(page for page in pages if "podpis pracownika socjalnego" in page)
    assert "ocena końcowa realizacji kontraktu" in signature_page, "the signatures stand alone on a page"
    for goal in contract.goals:
        assert squash(goal.text) in whole, goal.id
    for action in contract.actions:
        assert squash(action.text) in whole, action.id
    for need in case.reference.diagnosis.needs:
        assert squash(need.statement) in whole, need.id
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
    for index in range(len(document)):
        document[index].render(scale=1.5).to_pil().save(ARTIFACTS / f"{case_id}_strona{index + 1}.png")
    (ARTIFACTS / f"kontrakt_wzorcowy_{case_id}.pdf").write_bytes(data)


@pytest.mark.parametrize("case_id", CASES)
def test_art_11_is_cited_as_ust_2_except_where_a_victim_of_violence_signs(case_id: str):
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    whole = squash("\n".join(pdf_pages(_render(case_id, case.reference.contract, DocumentFormat.PDF))))
    guard = protection(case, case.reference.diagnosis, case.reference.contract, CATALOG.directory)
    assert (squash(ART_11) in whole) is not guard.active
    assert "art.11ustawy" not in whole


@pytest.mark.parametrize("case_id", CASES)
def test_reference_docx_has_the_same_parts_header_page_fields_map_and_signatures(case_id: str):
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
    everything = text["body"] + "\n" + text["cells"]
    for wording in TEMPLATE_WORDING:
        assert wording in everything, wording
    assert f"w {_seat(case_id)} pomiędzy:" in text["body"]
    assert contract.goal_main in everything
    for goal in contract.goals:
        assert goal.text in text["cells"]
    for action in contract.actions:
        assert action.text in text["cells"]
    for member_id in signing_parties(case, contract):
        member = case.member(member_id)
        assert member is not None
        assert f"podpis: {member.name}" in text["cells"]
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
    assert squash("Zagórze </para><para>") in pdf  # in the worker-only annex
    assert "\x00" not in pdf
    assert "\x07" not in pdf
    docx = docx_text(_render(case_id, hostile_contract, DocumentFormat.DOCX))
    assert HOSTILE + " koniec" in docx["body"]
    assert HOSTILE in docx["cells"]
    assert "samo działanie, bez instytucji i terminów" in docx["cells"]


def test_empty_draft_is_a_form_with_blanks_to_fill_by_hand():
    case = CATALOG.case(CASES[0])
    assert CATALOG.directory is not None
    document = contract_document(case, CATALOG.directory, Contract(), Diagnosis())
    assert document.ops_name.startswith("Gminny Ośrodek Pomocy Społecznej")  # found through the case's gmina
    pdf = "\n".join(pdf_pages(render_contract(case, CATALOG.directory, Contract(), Diagnosis(), DocumentFormat.PDF)))
    assert BLANK in pdf
    assert "Strona 1 z" in pdf
    assert "podpis osoby zawierającej kontrakt" in pdf


def test_every_gmina_of_the_lista_has_its_seat_in_the_locative():
    assert CATALOG.directory is not None
    for gmina in CATALOG.directory.gminas:
        assert gmina.seat_locative, f"gmina {gmina.id}: seat_locative missing in the Lista"
