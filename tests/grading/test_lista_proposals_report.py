"""The trainer sees which trainees proposed which Lista entries and what the Lista's check says, on screen and in XLSX.

The proposals are stored as the form stores them (``storage.lista_proposals``) in a real course
folder made by ``szkola course init``; the report reads them back from its draft store.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.dashboard.progress_report import proposals_section_html
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import ClientGroup
from szkola_kooperacji.domain.lista_entry import EntryDraft, ServiceDraft
from szkola_kooperacji.grading.course_folder import DRAFTS_STORE, CourseFolder
from szkola_kooperacji.grading.lista_proposals_report import INVALID, NONE, VALID, proposal_frame
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.lista_proposals import SLOT, save_proposal
from tests.lista_drafts import valid_draft

ROOT = Path(__file__).parents[2]
MANIFEST = str(ROOT / "courses" / "regionalny.yaml")
DIRECTORY = load_valid_catalog().directory
assert DIRECTORY is not None


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    roster = tmp_path / "lista.csv"
    roster.write_text(
        "id,first_name,last_name\nanowak,Anna,Żółkiewska\nbkowalski,Bartosz,Kowalski\ncwisniewska,Celina,Wiśniewska\n"
        "dlis,Dawid,Lis\n",
        encoding="utf-8",
    )
    course = tmp_path / "kurs"
    result = CliRunner().invoke(main, ["course", "init", str(course), "--course", MANIFEST, "--roster", str(roster)])
    assert result.exit_code == 0, result.output
    store = DraftStore(course / DRAFTS_STORE)
    save_proposal(store, "anowak", valid_draft())
    flawed = valid_draft()
    flawed.name = "Klub <b>Seniora</b> w Żurawcu"  # a tag is text to the trainer's table, never markup
    flawed.gmina = "nigdzie"
    flawed.services.append(ServiceDraft(name="Warsztaty kulinarne", for_whom=[ClientGroup.DOROSLI]))
    save_proposal(store, "bkowalski", flawed)
    save_proposal(store, "cwisniewska", EntryDraft())  # opened the form, typed nothing
    store.close()
    return course


def test_each_trainee_has_their_proposal_and_the_findings_of_the_listas_check(course_dir: Path):
    frame = proposal_frame(CourseFolder.open(course_dir), DIRECTORY).set_index("uczestnik")
    assert list(frame.index) == ["anowak", "bkowalski", "cwisniewska", "dlis"], "everyone on the roster, in order"
    assert frame.loc["anowak", "wynik"] == VALID
    assert frame.loc["anowak", "uwag"] == 0
    assert frame.loc["anowak", "gmina"] == DIRECTORY.gmina_name("zurawiec")
    assert frame.loc["anowak", "poziom"] == "gmina"
    assert frame.loc["bkowalski", "wynik"] == INVALID
    findings = frame.loc["bkowalski", "uwagi"].splitlines()
    assert frame.loc["bkowalski", "uwag"] == len(findings) == 2
    assert any(
        line.startswith("Usługa 2 – Nazwa usługi (services[1].id): ") and "powtarza się" in line for line in findings
    )
    assert any(line.startswith("Gmina (gmina): ") and "nieznana gmina 'nigdzie'" in line for line in findings), findings
    assert frame.loc["cwisniewska", "wynik"] == NONE, "a blank form is no proposal"
    assert frame.loc["dlis", "wynik"] == NONE


def test_a_proposal_the_trainer_has_since_added_to_the_lista_shows_as_already_there(course_dir: Path):
    from szkola_kooperacji.data.proposal import check_draft  # noqa: PLC0415

    added = check_draft(valid_draft(), DIRECTORY).institution
    assert added is not None
    lista = DIRECTORY.model_copy(update={"institutions": [*DIRECTORY.institutions, added]})
    frame = proposal_frame(CourseFolder.open(course_dir), lista).set_index("uczestnik")
    assert frame.loc["anowak", "wynik"] == INVALID
    assert "powtarza się" in frame.loc["anowak", "uwagi"]


def test_the_report_section_shows_proposals_escaped_with_findings_and_names_who_has_none(course_dir: Path):
    html = proposals_section_html(proposal_frame(CourseFolder.open(course_dir), DIRECTORY))
    assert "Propozycje wpisów do Listy: 2 z 4 uczestników, spełniają reguły Listy: 1, do poprawy: 1." in html
    assert "Koło Gospodyń Wiejskich w Czaplicach" in html
    assert "&lt;b&gt;Seniora&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "nieznana gmina &#x27;nigdzie&#x27;" in html
    assert "<br>" in html, "findings one per line"
    assert "Bez propozycji: Celina Wiśniewska (cwisniewska), Dawid Lis (dlis)" in html


def test_the_progress_export_has_a_sheet_of_proposals(course_dir: Path, tmp_path: Path):
    out = tmp_path / "postepy.xlsx"
    result = CliRunner().invoke(main, ["report", "--course-dir", str(course_dir), "--progress-xlsx", str(out)])
    assert result.exit_code == 0, result.output
    assert "Propozycje wpisów do Listy: 2 z 4 uczestników, spełniają reguły Listy: 1, do poprawy: 1." in result.output
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets)[-1] == "Propozycje wpisów"
    proposals = sheets["Propozycje wpisów"].set_index("Uczestnik")
    assert proposals.loc["anowak", "Proponowana instytucja"] == "Koło Gospodyń Wiejskich w Czaplicach"
    assert proposals.loc["bkowalski", "Wynik sprawdzenia"] == INVALID
    assert (
        "nieznana gmina 'nigdzie'" in proposals.loc["bkowalski", "Uwagi sprawdzenia (pole: co jest; czego oczekiwano)"]
    )
    assert proposals.loc["dlis", "Wynik sprawdzenia"] == NONE


def test_an_unreadable_stored_proposal_counts_as_none_and_breaks_nothing(course_dir: Path):
    store = DraftStore(course_dir / DRAFTS_STORE)
    store.save_answers("dlis", SLOT, {"wpis": '{"schema_version": 99}'})
    store.close()
    frame = proposal_frame(CourseFolder.open(course_dir), DIRECTORY).set_index("uczestnik")
    assert frame.loc["dlis", "wynik"] == NONE
