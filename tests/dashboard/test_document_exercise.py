"""The agreement's editor without a browser: edits reach the model, the store and the live findings."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from szkola_kooperacji.dashboard.document_exercise import DocumentWorkspace, document_context, load_document
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.agreement import CooperationAgreement, InfoBasis
from szkola_kooperacji.domain.codes import Level, Sector
from szkola_kooperacji.storage import DraftStore

from .test_accessible_names import unnamed

CATALOG = load_valid_catalog()
TASK = CATALOG.document_tasks["porozumienie_zurawiec"]
SLOT = "dok:kurs/cw6_porozumienie"


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts.sqlite")


def workspace(store: DraftStore) -> DocumentWorkspace:
    doc = load_document(store, "anowak", SLOT, TASK.case)
    context = document_context(CATALOG, TASK.case)
    return DocumentWorkspace(
        "anowak", doc, context=context, task=TASK, store=store, slot=SLOT, last_tab=("Oddanie", w.HTML())
    )


def rules_of(html: str) -> set[str]:
    return {part.split("'")[0] for part in html.split("data-rule='")[1:]}


def test_a_fresh_agreement_shows_findings_in_its_sections_and_the_content_page(store: DraftStore):
    ws = workspace(store)
    assert "POR_STRONY" in rules_of(ws.editor.sections["strony"].findings.value)
    assert "POR_STRONY" not in rules_of(ws.editor.sections["zespol"].findings.value)
    assert "POR_ZESPOL_SEKTORY" in rules_of(ws.findings.value)
    content = ws.tabs.children[0].value
    assert "Co zawiera porozumienie o współpracy gminy i powiatu i dlaczego" in content
    assert TASK.content[3].heading in content
    assert TASK.hints["zespol"] in ws.editor.sections["zespol"].children[0].value
    assert unnamed(ws) == []


def test_edits_change_the_findings_live_and_survive_a_restart(store: DraftStore):
    ws = workspace(store)
    editor = ws.editor
    name = next(c for c in editor.sections["strony"].children if "sk-doc-party-gmina" in c._dom_classes)
    name.value = "Gmina Żurawiec"
    assert "nie jest gminy" not in ws.findings.value
    editor.bases.value = (InfoBasis.ZGODA, InfoBasis.POUFNOSC)
    assert "POR_ZGODA" not in rules_of(editor.sections["informacje"].findings.value)
    editor._add_member()
    row = editor.members.children[-1]
    row.institution.value, row.sector.value, row.level.value = "Powiatowy Urząd Pracy", Sector.RYNEK_PRACY, Level.POWIAT
    editor.starts.value, editor.ends.value = "01.01.2027", "31.12.2026"
    assert "Koniec (31.12.2026) nie jest po początku (01.01.2027)" in editor.sections["okres"].findings.value
    assert "Zapisano o" in ws.status.value

    again = load_document(store, "anowak", SLOT, TASK.case)
    assert again.party(Level.GMINA).name == "Gmina Żurawiec"  # type: ignore[union-attr]
    assert again.info_bases == [InfoBasis.ZGODA, InfoBasis.POUFNOSC]
    assert again.team[-1].sector == Sector.RYNEK_PRACY
    assert str(again.starts) == "2027-01-01"
    reopened = workspace(store)
    assert reopened.editor.starts.value == "01.01.2027"


def test_a_pesel_or_a_non_date_is_refused_in_polish_and_not_stored(store: DraftStore):
    ws = workspace(store)
    purpose = next(c for c in ws.editor.sections["cel"].children if isinstance(c, w.Textarea))
    purpose.value = "Wsparcie rodziny 44051401359"
    assert "PESEL" in ws.editor.sections["cel"].children[-2].value
    ws.editor.starts.value = "jutro"
    assert "to nie jest data" in ws.editor.sections["okres"].children[-2].value
    stored = load_document(store, "anowak", SLOT, TASK.case)
    assert "44051401359" not in stored.model_dump_json()


def test_a_stored_document_of_another_case_or_unreadable_starts_fresh(store: DraftStore):
    store.save_answers("anowak", SLOT, {"dokument": CooperationAgreement(case_id="inny").model_dump_json()})
    assert load_document(store, "anowak", SLOT, TASK.case).case_id == TASK.case
    store.save_answers("anowak", SLOT, {"dokument": "{zepsute"})
    assert load_document(store, "anowak", SLOT, TASK.case) == CooperationAgreement(case_id=TASK.case)
