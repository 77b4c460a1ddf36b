"""Drive the dashboard's widgets from Python: the domain objects, findings and autosave follow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.dashboard.action_editor import ActionEditor
from szkola_kooperacji.dashboard.directory_browser import search
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Area, Sector
from szkola_kooperacji.domain.text import fold
from szkola_kooperacji.storage import DraftStore

VALID = Path(__file__).parent.parent / "data" / "valid"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts.sqlite")


@pytest.fixture
def app(store: DraftStore) -> Dashboard:
    dashboard = Dashboard(load_valid_catalog([VALID]), store)
    dashboard.name.value, dashboard.code.value = "Anna Nowak", "tajne123"
    dashboard.sign_in()
    return dashboard


def test_sign_in_lists_cases(app: Dashboard):
    assert app.trainee == "Anna Nowak"
    case_list = app.body.children[-1]
    assert "sk-case-list" in case_list._dom_classes
    card_text = case_list.children[0].children[0].value
    assert "Rodzina K. z Gminy Pierwszej" in card_text
    assert "gmina Gmina Pierwsza" in card_text


def test_someone_elses_name_needs_their_code(store: DraftStore, app: Dashboard):
    other = Dashboard(load_valid_catalog([VALID]), store)
    other.name.value, other.code.value = "anna nowak", "zgaduje"
    other.sign_in()
    assert other.trainee is None
    assert "ma już inny kod osobisty" in other.message.value


def test_bad_credentials_get_a_polish_message(store: DraftStore):
    dashboard = Dashboard(load_valid_catalog([VALID]), store)
    dashboard.name.value, dashboard.code.value = "x" * 300, "tajne123"
    dashboard.sign_in()
    assert "najwyżej 80 znaków" in dashboard.message.value


def test_need_edits_update_model_findings_and_store(app: Dashboard, store: DraftStore):
    workspace = app.open_case("mini_case")
    assert "diagnosis_empty" in workspace.findings.value
    editor = workspace.diagnosis.add_need(Area.UZALEZNIENIA)
    statement = editor.statement
    statement.value = "Pan Jan pije codziennie"
    need = workspace.draft.diagnosis.needs[0]
    assert need is editor.need
    assert need.statement == "Pan Jan pije codziennie"
    assert "diagnosis_empty" not in workspace.findings.value
    saved = store.load("Anna Nowak", "mini_case")
    assert saved is not None
    assert saved.diagnosis.needs[0].statement == "Pan Jan pije codziennie"


def test_draft_is_restored_when_the_case_is_reopened(app: Dashboard, store: DraftStore):
    workspace = app.open_case("mini_case")
    workspace.diagnosis.add_need(Area.SYTUACJA_ZAWODOWA).statement.value = "Brak pracy od lat"
    again = Dashboard(load_valid_catalog([VALID]), store)
    again.name.value, again.code.value = "Anna Nowak", "tajne123"
    again.sign_in()
    restored = again.open_case("mini_case")
    assert restored.draft.diagnosis.needs[0].statement == "Brak pracy od lat"
    assert restored.diagnosis._list.children[0].statement.value == "Brak pracy od lat"


def test_hostile_text_is_shown_as_text(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    editor.statement.value = HOSTILE
    workspace.contract.add_goal().needs.value = ("N1",)
    workspace.show_feedback()
    for html in (workspace.findings.value, workspace.feedback.value):
        assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in workspace.feedback.value


def test_over_long_text_is_refused_with_a_message_and_kept_in_the_field(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    editor.statement.value = "słowo " * 1000
    assert editor.need.statement == ""
    assert "za długi" in editor.message.value
    assert editor.statement.value.startswith("słowo")


def test_text_the_contract_cannot_print_is_refused_with_a_message_and_kept_in_the_field(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    editor.statement.value = "Rodzina potrzebuje wsparcia 👨‍👩‍👧 🙂"
    assert editor.need.statement == ""
    assert "nie da się wydrukować" in editor.message.value
    assert "🙂" in editor.message.value
    editor.statement.value = "Rodzina potrzebuje wsparcia – „zaraz”, już! Zażółć gęślą jaźń."
    assert editor.need.statement.startswith("Rodzina potrzebuje wsparcia")
    assert editor.message.value == ""


def test_contract_built_with_the_directory_browser(app: Dashboard):
    workspace = app.open_case("mini_case")
    workspace.diagnosis.add_need(Area.SYTUACJA_ZAWODOWA).statement.value = "Brak pracy"
    goal_editor = workspace.contract.add_goal()
    goal_editor.needs.value = ("N1",)
    browser = workspace.contract.browser
    browser.sector.value = Sector.RYNEK_PRACY
    assert [label for label, _ in browser.results.options] == [
        "Powiatowy Urząd Pracy — Rejestracja jako osoba bezrobotna (powiat)",
        "Powiatowy Urząd Pracy — Poradnictwo zawodowe (powiat)",
    ]
    browser.results.value = ("pup", "poradnictwo_zawodowe")
    browser._add(None)
    action = workspace.draft.contract.actions[-1]
    assert (action.institution_id, action.service_id, action.goal_id) == ("pup", "poradnictwo_zawodowe", "C1")
    assert "sk-" in workspace.findings.value
    assert "need_without_goal" not in workspace.findings.value


def test_changing_institution_offers_its_services(app: Dashboard):
    workspace = app.open_case("mini_case")
    workspace.contract.add_goal()
    workspace.contract._add_service_action(*_pup_registration(workspace))
    editor = workspace.contract._actions.children[-1]
    assert isinstance(editor, ActionEditor)
    editor.institution.value = "poradnia"
    assert [v for _, v in editor.service.options] == ["", "terapia_uzaleznien"]
    assert editor.action.service_id is None
    assert editor.service.value == ""
    editor.service.value = "terapia_uzaleznien"
    assert editor.action.service_id == "terapia_uzaleznien"


def test_reviews_and_period_reach_the_contract(app: Dashboard):
    workspace = app.open_case("mini_case")
    builder = workspace.contract
    period_start = builder.start
    period_start.value = "01.11.2026"
    reviews = builder.reviews
    reviews.new_date.value = "15.01.2027"
    reviews._add(None)
    assert workspace.draft.contract.period_start == dt.date(2026, 11, 1)
    assert [r.date for r in workspace.draft.contract.reviews] == [dt.date(2027, 1, 15)]


def _pup_registration(workspace):
    institution = workspace.directory.institution("pup")
    return institution, institution.service("rejestracja")


def test_directory_search_keeps_to_the_family_gmina_and_the_powiat(directory):
    everywhere = search(directory, None, None, None, "")
    assert any(i.gmina == "g1" for i, _ in everywhere)
    elsewhere = search(directory, None, None, None, "", gmina="g2")
    assert elsewhere, "powiat institutions serve every gmina"
    assert all(i.gmina is None for i, _ in elsewhere)
    assert search(directory, None, None, None, "", gmina="g1") == everywhere


def test_directory_search_lists_name_matches_before_description_matches():
    bundled = load_valid_catalog().directory
    found = search(bundled, None, None, None, "terapi")
    names_match = ["terapi" in fold(f"{i.name} {s.name}") for i, s in found]
    assert set(names_match) == {True, False}, "the word must occur in names and in descriptions"
    assert names_match == sorted(names_match, reverse=True)


def test_the_action_editor_shows_the_legal_basis_of_a_benefit(app: Dashboard):
    workspace = app.open_case("mini_case")
    workspace.contract.add_goal()
    workspace.contract._add_service_action(*_pup_registration(workspace))
    editor = workspace.contract._actions.children[-1]
    assert editor.legal_basis.value == ""
    editor.institution.value = "gops"
    editor.service.value = "zasilek_celowy"
    assert "Podstawa prawna: art. 39 ust. 1 ustawy o pomocy społecznej" in editor.legal_basis.value
    editor.service.value = "praca_socjalna"
    assert editor.legal_basis.value == ""
