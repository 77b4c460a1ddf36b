"""What reaches the printed contract: the trainee's diagnosis, nothing that endangers a victim, drawable text only."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import pytest
from docx import Document

from szkola_kooperacji.documents import DocumentFormat, render_contract, undrawable_characters
from szkola_kooperacji.documents.glyphs import PLACEHOLDER, drawable_text
from szkola_kooperacji.documents.outline import find_ops
from szkola_kooperacji.documents.safety import protection
from szkola_kooperacji.domain.codes import Area, Art7Reason, Responsible
from szkola_kooperacji.domain.contract import Action, Contract, Goal, Review
from szkola_kooperacji.domain.diagnosis import Diagnosis, Need

from .conftest import ARTIFACTS, CATALOG, docx_in_order, header_text, pdf_pages, squash

VIOLENCE = "przemoc_zagorze_brzozowa_laka"
UNEMPLOYMENT = "bezrobocie_alkohol_zurawiec"
LONG_WORDS = ("Konstantynopolitańczykowianeczka", "przeciwdziałaniem", "współuzależnionych")
CONFIDENTIAL_ANNEX = "Załącznik nr 3 (poufny)"
ART_11 = "art. 11 ust. 2"


def _pdf(case_id: str, contract: Contract, diagnosis: Diagnosis) -> bytes:
    assert CATALOG.directory is not None
    return render_contract(CATALOG.case(case_id), CATALOG.directory, contract, diagnosis, DocumentFormat.PDF)


def _docx(case_id: str, contract: Contract, diagnosis: Diagnosis) -> bytes:
    assert CATALOG.directory is not None
    return render_contract(CATALOG.case(case_id), CATALOG.directory, contract, diagnosis, DocumentFormat.DOCX)


def _between(text: str, start: str, end: str) -> str:
    assert start in text, start
    assert end in text, end
    return text[text.index(start) : text.index(end)]


@pytest.fixture
def trainee_draft() -> tuple[Contract, Diagnosis]:
    """A trainee's work as the dashboard stores it: a diagnosis, and a contract with no part I A lists."""
    diagnosis = Diagnosis(
        needs=[
            Need(
                id="N1",
                area=Area.SYTUACJA_ZAWODOWA,
                statement="Chcę znowu zarabiać jako stolarz, blisko domu 👍",
                art7=[Art7Reason.BEZROBOCIE],
                member_ids=["m1"],
                strength_ids=["Z1"],
            ),
            Need(
                id="N2",
                area=Area.UZALEZNIENIA,
                statement="Nie chcę już pić",
                art7=[Art7Reason.UZALEZNIENIE],
                client_agrees=False,
            ),
        ]
    )
    contract = Contract(
        client_member_id="m1",
        goal_main="Pan Krzysztof pracuje i nie pije 🙂",
        goals=[Goal(id="C1", text="Rejestracja w PUP", need_ids=["N1"])],
        actions=[
            Action(
                id="D1",
                goal_id="C1",
                text=f"{LONG_WORDS[0]} – działanie z bardzo długim słowem i {LONG_WORDS[1]}",
                responsible=Responsible.KLIENT,
                responsible_member_id="m1",
                frequency="dwutygodniowo",
                indicator=f"zaświadczenie dla osób {LONG_WORDS[2]}",
            )
        ],
    )
    return contract, diagnosis


def test_part_i_a_is_filled_from_the_trainees_diagnosis_not_dotted_lines(trainee_draft: tuple[Contract, Diagnosis]):
    contract, diagnosis = trainee_draft
    case = CATALOG.case(UNEMPLOYMENT)
    whole = "\n".join(pdf_pages(_pdf(UNEMPLOYMENT, contract, diagnosis)))
    part_i_a = squash(_between(whole, "Część I A", "Cele kontraktu"))
    assert squash("Chcę znowu zarabiać jako stolarz, blisko domu") in part_i_a  # the need itself
    assert squash("bezrobocie (art. 7 pkt 4 ustawy o pomocy społecznej)") in part_i_a  # its art. 7 reason, as a cause
    assert squash(case.strengths[0].text) in part_i_a  # the strength the trainee linked
    assert squash("nie uznaje jeszcze potrzeby: Nie chcę już pić") in part_i_a  # a barrier
    ordered = docx_in_order(_docx(UNEMPLOYMENT, contract, diagnosis))
    joined = "\n".join(ordered)
    assert "Chcę znowu zarabiać jako stolarz, blisko domu" in _between(joined, "Część I A", "Cele kontraktu")


def test_emoji_print_as_a_visible_placeholder_and_are_reported_for_the_dashboard(
    trainee_draft: tuple[Contract, Diagnosis],
):
    contract, diagnosis = trainee_draft
    assert undrawable_characters(contract.goal_main) == {"🙂"}
    assert undrawable_characters("Zażółć gęślą jaźń – „cytat” … € ✓") == set()
    assert undrawable_characters("👨‍👩‍👧 rodzina ❤️") == {"👨", "👩", "👧"}  # joiners and selectors are invisible
    assert drawable_text("👨‍👩‍👧 rodzina") == f"{PLACEHOLDER} rodzina"
    pdf = "\n".join(pdf_pages(_pdf(UNEMPLOYMENT, contract, diagnosis)))
    assert "🙂" not in pdf
    assert "👍" not in pdf
    assert squash(f"nie pije {PLACEHOLDER}") in squash(pdf)
    assert squash(f"blisko domu {PLACEHOLDER}") in squash(pdf)
    docx = "\n".join(docx_in_order(_docx(UNEMPLOYMENT, contract, diagnosis)))
    assert f"nie pije {PLACEHOLDER}" in docx
    assert "🙂" not in docx


def test_long_polish_words_are_never_split_inside_a_table_cell(trainee_draft: tuple[Contract, Diagnosis]):
    contract, diagnosis = trainee_draft
    data = _pdf(UNEMPLOYMENT, contract, diagnosis)
    lines = [line.strip() for page in pdf_pages(data) for line in page.splitlines()]
    for word in (*LONG_WORDS, "dwutygodniowo"):
        assert any(word in line for line in lines), f"{word} was split across lines"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(data)
    page = next(i for i, text in enumerate(pdf_pages(data)) if LONG_WORDS[0] in text)
    document[page].render(scale=1.5).to_pil().save(ARTIFACTS / "dlugie_slowa_w_tabeli.png")


@pytest.mark.parametrize("case_id", sorted(CATALOG.cases))
def test_reference_words_are_never_split_inside_a_cell(case_id: str):
    case = CATALOG.case(case_id)
    pages = pdf_pages(_pdf(case_id, case.reference.contract, case.reference.diagnosis))
    lines = "\n".join(pages)
    words = {w.strip(',.;:()„”"') for a in case.reference.contract.actions for w in a.text.split()}
    split = sorted(w for w in words if len(w) > 3 and "-" not in w and "/" not in w and w not in lines)
    assert not split, f"split across lines: {split}"


def test_the_victims_copy_holds_no_safety_plan_and_the_worker_only_annex_holds_it_all():
    case = CATALOG.case(VIOLENCE)
    contract, diagnosis = case.reference.contract, case.reference.diagnosis
    assert CATALOG.directory is not None
    guard = protection(case, diagnosis, contract, CATALOG.directory)
    assert guard.victims == {"m1"}
    assert {"D1", "D2", "D3", "D4", "D13", "D14", "D15", "D16"} <= guard.actions
    assert not guard.actions & {"D5", "D7", "D11", "D12"}, "the client's own non-safety actions stay on her copy"
    whole = "\n".join(pdf_pages(_pdf(VIOLENCE, contract, diagnosis)))
    client_copy, annex = whole.split(CONFIDENTIAL_ANNEX)
    client = squash(client_copy).lower()
    for phrase in ("plan bezpieczeństwa", "bez obecności", "spakowan", "hostel", "Niebieskie Karty"):
        assert squash(phrase).lower() not in client, phrase
        assert squash(phrase).lower() in squash(annex).lower(), phrase
    for action in contract.actions:
        assert (squash(action.text) in squash(annex)) is (action.id in guard.actions), action.id
    assert "Mapa współpracy" not in client_copy, "the map shows the safety network: worker's copy only"
    assert "POUFNE" in annex
    pages = pdf_pages(_pdf(VIOLENCE, contract, diagnosis))
    first_confidential = next(i for i, page in enumerate(pages) if CONFIDENTIAL_ANNEX in page)
    for number, page in enumerate(pages):
        assert ("POUFNE – tylko egzemplarz ośrodka" in page) is (number >= first_confidential), number
    assert squash("w Brzozowej Łące pomiędzy") in squash(client_copy)
    ordered = docx_in_order(_docx(VIOLENCE, contract, diagnosis))
    docx = "\n".join(ordered)
    docx_client, docx_annex = docx.split(CONFIDENTIAL_ANNEX)
    assert "bez obecności" not in docx_client
    assert "spakowaną torbę" not in docx_client
    assert "bez obecności męża" in docx_annex
    sections = Document(io.BytesIO(_docx(VIOLENCE, contract, diagnosis))).sections
    assert len(sections) == 2, "the confidential annex is a section of its own"
    assert "POUFNE" not in header_text(sections[0].header)
    assert "POUFNE – tylko egzemplarz ośrodka" in header_text(sections[1].header)


@pytest.mark.parametrize("case_id", sorted(set(CATALOG.cases) - {VIOLENCE}))
def test_without_a_victim_of_violence_nothing_is_hidden(case_id: str):
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    guard = protection(case, case.reference.diagnosis, case.reference.contract, CATALOG.directory)
    assert not guard.active
    assert not guard.actions
    assert CONFIDENTIAL_ANNEX not in "\n".join(
        pdf_pages(_pdf(case_id, case.reference.contract, case.reference.diagnosis))
    )


def test_a_trainees_safety_arrangements_leave_the_victims_copy_without_any_flag_from_the_trainee():
    diagnosis = Diagnosis(
        needs=[
            Need(id="N1", area=Area.BEZPIECZENSTWO, statement="Marta boi się męża", art7=[Art7Reason.PRZEMOC_DOMOWA]),
            Need(id="N2", area=Area.SYTUACJA_MATERIALNA, statement="Marta nie ma własnych pieniędzy"),
        ]
    )
    contract = Contract(
        client_member_id="m1",
        goals=[
            Goal(id="C1", text="Marta wie, jak wezwać pomoc", need_ids=["N1"]),
            Goal(id="C2", text="Własne konto Marty", need_ids=["N2"]),
        ],
        actions=[
            Action(id="D1", goal_id="C2", text="Marta zakłada rachunek w banku", responsible=Responsible.KLIENT),
            Action(id="D2", text="Marta trzyma spakowaną torbę z dokumentami u mamy", responsible=Responsible.KLIENT),
            Action(
                id="D3",
                goal_id="C1",
                text="Dzielnicowy odwiedza rodzinę co tydzień",
                responsible=Responsible.INSTYTUCJA,
            ),
        ],
        reviews=[Review(date=dt.date(2027, 1, 15), note="Spotkanie w GOPS bez obecności męża")],
    )
    whole = "\n".join(pdf_pages(_pdf(VIOLENCE, contract, diagnosis)))
    client_copy, annex = whole.split(CONFIDENTIAL_ANNEX)
    assert "Marta zakłada rachunek w banku" in client_copy
    assert "Własne konto Marty" in client_copy
    for hidden in (
        "spakowaną torbę",
        "Dzielnicowy odwiedza",
        "Marta wie, jak wezwać pomoc",
        "Marta boi się męża",
        "bez obecności",
    ):
        assert squash(hidden) not in squash(client_copy), hidden
        assert squash(hidden) in squash(annex), hidden
    assert squash(ART_11) not in squash(client_copy)


def test_the_information_clause_names_art_9_only_where_the_diagnosis_holds_health_data():
    work_only = Diagnosis(needs=[Need(id="N1", area=Area.SYTUACJA_ZAWODOWA, art7=[Art7Reason.BEZROBOCIE])])
    drinking = Diagnosis(needs=[Need(id="N1", area=Area.UZALEZNIENIA, art7=[Art7Reason.UZALEZNIENIE])])
    contract = Contract(client_member_id="m1")
    without = squash("\n".join(pdf_pages(_pdf(UNEMPLOYMENT, contract, work_only))))
    with_health = squash("\n".join(pdf_pages(_pdf(UNEMPLOYMENT, contract, drinking))))
    for basis in ("art. 9 ust. 2 lit. b RODO", "art. 9 ust. 2 lit. h RODO"):
        assert squash(basis) not in without
        assert squash(basis) in with_health
    assert squash("art. 6 ust. 1 lit. c RODO") in without


@pytest.mark.parametrize("case_id", sorted(CATALOG.cases))
def test_the_offices_own_actions_are_the_workers_party_and_only_other_institutions_go_to_annex_1(case_id: str):
    case = CATALOG.case(case_id)
    contract, diagnosis = case.reference.contract, case.reference.diagnosis
    assert CATALOG.directory is not None
    ops = find_ops(case, CATALOG.directory, contract)
    assert ops is not None
    guard = protection(case, diagnosis, contract, CATALOG.directory)
    whole = squash("\n".join(pdf_pages(_pdf(case_id, contract, diagnosis))))
    contract_part = whole.split(squash("Załącznik nr 1."))[0]
    annex_1 = whole.split(squash("Załącznik nr 1."))[1].split(squash("Załącznik nr 2."))[0]
    for action in contract.actions:
        if guard.hides_action(action):
            continue
        office = action.institution_id == ops.id or action.responsible == Responsible.PRACOWNIK_SOCJALNY
        other = not office and action.responsible not in (Responsible.KLIENT, Responsible.CZLONEK_RODZINY)
        assert (squash(action.text) in contract_part) is not other, action.id
        assert (squash(action.text) in annex_1) is other, action.id


def test_an_action_granting_a_benefit_prints_its_legal_basis():
    case = CATALOG.case(VIOLENCE)
    assert CATALOG.directory is not None
    contract, diagnosis = case.reference.contract, case.reference.diagnosis
    cited = {a.cited_legal_basis(CATALOG.directory) for a in contract.actions} - {""}
    assert cited, "the reference has benefits or measures"
    pdf = squash("\n".join(pdf_pages(_pdf(VIOLENCE, contract, diagnosis))))
    docx = squash("\n".join(docx_in_order(_docx(VIOLENCE, contract, diagnosis))))
    for basis in cited:
        assert squash(f"Podstawa prawna: {basis}") in pdf, basis
        assert squash(f"Podstawa prawna: {basis}") in docx, basis
