"""The projekt socjalny's editor without a browser: edits reach the model, the store, the live findings and progress."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from szkola_kooperacji.dashboard.document_exercise import DocumentWorkspace, document_context, load_document
from szkola_kooperacji.dashboard.social_project_editor import SocialProjectEditor
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Level, Sector
from szkola_kooperacji.domain.document_kinds import DocumentKind
from szkola_kooperacji.domain.progress import FactKind
from szkola_kooperacji.domain.social_project import SocialProject
from szkola_kooperacji.storage import DraftStore

from .test_accessible_names import unnamed

CATALOG = load_valid_catalog()
TASK = CATALOG.document_tasks["projekt_socjalny_modrzewno"]
SLOT = "dok:kurs/cw9_projekt_socjalny"
KIND = DocumentKind.PROJEKT_SOCJALNY


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts.sqlite")


def workspace(store: DraftStore) -> DocumentWorkspace:
    doc = load_document(store, "anowak", SLOT, TASK.case, KIND)
    context = document_context(CATALOG, TASK.case)
    return DocumentWorkspace(
        "anowak",
        doc,
        context=context,
        task=TASK,
        store=store,
        slot=SLOT,
        last_tab=("Oddanie", w.HTML()),
        exercise="cw9_projekt_socjalny",
    )


def rules_of(html: str) -> set[str]:
    return {part.split("'")[0] for part in html.split("data-rule='")[1:]}


def test_the_task_picks_the_project_editor_its_tab_and_content_page(store: DraftStore):
    ws = workspace(store)
    assert isinstance(ws.editor, SocialProjectEditor)
    assert ws.tabs.titles[1] == "Projekt socjalny"
    assert "Co zawiera projekt socjalny dla grupy i dlaczego" in ws.tabs.children[0].value
    assert TASK.hints["partnerzy"] in ws.editor.sections["partnerzy"].children[0].value
    assert "PSO_PARTNERZY_SEKTORY" in rules_of(ws.editor.sections["partnerzy"].findings.value)
    assert "PSO_PARTNERZY_SEKTORY" not in rules_of(ws.editor.sections["cele"].findings.value)
    assert unnamed(ws) == []


def test_rows_edit_the_project_live_the_total_adds_up_and_all_survives_a_restart(store: DraftStore):
    ws = workspace(store)
    editor = ws.editor
    assert isinstance(editor, SocialProjectEditor)
    assert store.progress.facts("anowak") == []
    for institution, sector, level in (
        ("Poradnia Psychologiczno-Pedagogiczna", Sector.EDUKACJA, Level.POWIAT),
        ("Gminny Ośrodek Zdrowia", Sector.ZDROWIE, Level.GMINA),
    ):
        row = editor.partners.add()
        row.fields["institution"].value = institution
        row.fields["sector"].value, row.fields["level"].value = sector, level
        row.fields["role"].value = "prowadzi warsztaty dla rodziców"
    assert "PSO_PARTNERZY_SEKTORY" not in rules_of(ws.findings.value)
    assert "PSO_PARTNERZY_POZIOMY" not in rules_of(ws.findings.value)
    for item, amount in (("materiały", 600.0), ("dowóz", 900.5)):
        row = editor.budget.add()
        row.fields["item"].value, row.fields["amount"].value, row.fields["source"].value = item, amount, "budżet GOPS"
    assert "1 500,50 zł" in editor.total.value
    editor.starts.value, editor.ends.value = "01.02.2027", "30.06.2027"
    action = editor.actions.add()
    action.fields["what"].value = "cykl warsztatów"
    action.fields["when"].value = "01.09.2027"
    assert "wypada poza okresem projektu" in editor.sections["dzialania"].findings.value
    assert [f.kind for f in store.progress.facts("anowak")] == [FactKind.EXERCISE_DRAFTED]

    again = load_document(store, "anowak", SLOT, TASK.case, KIND)
    assert isinstance(again, SocialProject)
    assert [p.sector for p in again.partners] == [Sector.EDUKACJA, Sector.ZDROWIE]
    assert again.total == 1500.5
    assert str(again.actions[0].when) == "2027-09-01"
    editor.partners.remove(editor.partners.rows.children[0])
    assert [p.institution for p in load_document(store, "anowak", SLOT, TASK.case, KIND).partners] == [
        "Gminny Ośrodek Zdrowia"
    ]


def test_a_pesel_and_a_non_date_in_a_row_are_refused_in_polish_and_not_stored(store: DraftStore):
    ws = workspace(store)
    editor = ws.editor
    assert isinstance(editor, SocialProjectEditor)
    row = editor.actions.add()
    row.fields["who"].value = "pan 44051401359"
    row.fields["when"].value = "jutro"
    assert "PESEL" in row.message.value
    assert "to nie jest data" in row.message.value
    assert "44051401359" not in load_document(store, "anowak", SLOT, TASK.case, KIND).model_dump_json()
