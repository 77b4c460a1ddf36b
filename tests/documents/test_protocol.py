"""The protokół of a G-PZK meeting, read back as the team and the GOPS would see it."""

from __future__ import annotations

import datetime as dt

import pypdfium2
import pytest

from szkola_kooperacji.documents.blocks import Bullets, ContractDocument, Signatures, Table, Title
from szkola_kooperacji.documents.formats import DocumentFormat
from szkola_kooperacji.documents.protocol import NOT_RECORDED, protocol_document, render_protocol
from szkola_kooperacji.domain.codes import Responsible
from szkola_kooperacji.domain.contract import Action
from szkola_kooperacji.domain.meeting import judge_meeting
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.roleplay.session import Session

from .conftest import ARTIFACTS, CATALOG, HOSTILE, docx_text, pdf_pages, squash

CASE = CATALOG.cases["bezrobocie_alkohol_zurawiec"]
DIRECTORY = CATALOG.directory


@pytest.fixture(scope="module")
def meeting():
    session = Session()
    session.open(CASE, DIRECTORY)
    session.claim_role("gops_zurawiec", "Anna Prowadząca")
    session.claim_role("poradnia_uzaleznien", "Piotr Terapeuta")
    session.claim_role("pup", "Ewa Doradczyni")
    session.set_frame(CASE.reference.contract.model_copy(update={"actions": []}))
    therapy = session.propose(
        "poradnia_uzaleznien",
        Action(
            id="x",
            text="Terapia indywidualna w czwartki.",
            responsible=Responsible.INSTYTUCJA,
            institution_id="poradnia_uzaleznien",
            service_id="terapia_uzaleznien",
            goal_id=CASE.reference.contract.goals[0].id,
            member_ids=["m1"],
            start=dt.date(2026, 11, 5),
            due=dt.date(2027, 4, 29),
        ),
    )
    session.accept(therapy)
    job = session.propose("pup", Action(id="x", text=HOSTILE, responsible=Responsible.INSTYTUCJA, institution_id="pup"))
    session.send_back(job, "Wskaż usługę z Listy.")
    session.share("poradnia_uzaleznien", "K3", ShareBasis.ZGODA)  # lawful, special category
    session.share("poradnia_uzaleznien", "K4", ShareBasis.BRAK)  # refused consent
    session.inject_event("Ojciec wrócił do picia.")
    return session.view().meeting


def test_the_protocol_records_who_came_what_was_shared_and_decided(meeting):
    feedback = judge_meeting(CASE, DIRECTORY, meeting)
    document = protocol_document(CASE, DIRECTORY, meeting, feedback, held_on=dt.date(2026, 11, 26))
    pdf = render_protocol(document, DocumentFormat.PDF)
    text = squash(" ".join(pdf_pages(pdf)))
    for expected in (
        "PROTOKÓŁ ZE SPOTKANIA",
        "Anna Prowadząca",
        "Poradnia Terapii Uzależnienia",
        "26.11.2026",
        "Terapia indywidualna w czwartki.",
        "Ojciec wrócił do picia.",
        "Wskaż usługę z Listy.",
        "chodzi na wyznaczone sesje terapii",  # the short form the case allows, not the therapist's note
        "Udostępniono informację wbrew odmowie zgody klienta",
        "Alkoholu w Jarzębinie: Udostępniono informację wbrew odmowie zgody klienta",  # who, in the lessons
        "DOKUMENT SZKOLENIOWY",
        f"{CASE.reference.contract.goals[0].id}: {CASE.reference.contract.goals[0].text[:30]}",  # the goals listed
        "dotyczy: Krzysztof",  # whom the action concerns
        "05.11.2026 r. – 29.04.2027 r.",
        "Wynik zespołu:",
        "Udostępnianie informacji zgodnie z prawem:",
    ):
        assert squash(expected) in text, expected
    assert squash(NOT_RECORDED) in text
    assert squash("myślach samobójczych") not in text  # the unlawfully shared content is not spread further
    assert squash("odbył konsultację; wyznaczono") not in text
    assert squash("<script>alert('x')</script>") in text  # hostile text printed as text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "protokol_gpzk.pdf").write_bytes(pdf)
    pypdfium2.PdfDocument(pdf)[0].render(scale=1.3).to_pil().save(ARTIFACTS / "protokol_gpzk_strona1.png")


def test_the_protocol_in_word_says_the_same(meeting):
    feedback = judge_meeting(CASE, DIRECTORY, meeting)
    docx = render_protocol(protocol_document(CASE, DIRECTORY, meeting, feedback), DocumentFormat.DOCX)
    text = docx_text(docx)
    body = squash(" ".join(text.values()))
    assert squash("Ewa Doradczyni") in body
    assert squash(NOT_RECORDED) in body
    assert squash("myślach samobójczych") not in body


def test_a_closing_list_with_a_label_stays_on_the_page_with_the_signatures_when_both_fit():
    """The protokół ends with a labelled list and the signatures: a short one is one page, not two."""
    document = ContractDocument(
        ops_name="GOPS",
        gmina_name="Żurawiec",
        title="PROTOKÓŁ",
        subtitle="spotkanie",
        blocks=(
            Title("PROTOKÓŁ", "spotkanie"),
            Table(("rola", "udostępnienia"), tuple((f"rola {n}", str(n)) for n in range(5)), (1, 1)),
            Bullets(("Udostępniono informację wbrew odmowie zgody klienta",), "Do omówienia:"),
            Signatures(lead=(), parties=("prowadzący spotkanie", "protokolant")),
        ),
    )
    pages = pdf_pages(render_protocol(document, DocumentFormat.PDF))
    assert len(pages) == 1
    assert squash("Do omówienia:") in squash(pages[0])
