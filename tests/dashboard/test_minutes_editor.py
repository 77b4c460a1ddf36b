"""The G-PZK minutes' editor without a browser: institutions come from the case, findings follow each edit."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from szkola_kooperacji.dashboard.binding import text_limit
from szkola_kooperacji.dashboard.document_exercise import DocumentWorkspace, document_context, load_document
from szkola_kooperacji.dashboard.minutes_editor import MinutesEditor
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.document_kinds import DocumentKind
from szkola_kooperacji.domain.minutes import MAX_ROWS, MeetingMinutes, SharedInformation
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.storage import DraftStore

from .test_accessible_names import unnamed

SHORT_TEXT_LIMIT = text_limit(SharedInformation(), "summary")
"""The longest one-line text of the minutes (``ShortText``), read from the model."""

CATALOG = load_valid_catalog()
TASK = CATALOG.document_tasks["protokol_gpzk_zurawiec"]
SLOT = "dok:kurs/cw10_protokol_gpzk"
KIND = DocumentKind.PROTOKOL_GPZK


def _workspace(store: DraftStore) -> tuple[DocumentWorkspace, MinutesEditor]:
    """The minutes exercise as the dashboard opens it for one trainee."""
    doc = load_document(store, "anowak", SLOT, TASK.case, KIND)
    context = document_context(CATALOG, TASK.case)
    ws = DocumentWorkspace(
        "anowak", doc, context=context, task=TASK, store=store, slot=SLOT, last_tab=("Oddanie", w.HTML())
    )
    assert isinstance(ws.editor, MinutesEditor)
    return ws, ws.editor


def test_information_from_a_secrecy_holder_needs_consent_live_and_is_kept(tmp_path: Path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    ws, editor = _workspace(store)
    assert ws.tabs.titles[1] == "Protokół spotkania"
    assert unnamed(ws) == []
    row = editor.information.add()
    labels = [label for label, _ in row.fields["institution_id"].options]
    assert "Gminny Ośrodek Zdrowia w Żurawcu (POZ)" in labels
    row.fields["institution_id"].value = "poz_zurawiec"
    row.fields["summary"].value = "leczy się w przychodni"
    findings = editor.sections["informacje"].findings
    assert "nie ma podstawy" in findings.value
    row.fields["basis"].value = ShareBasis.ZGODA
    assert "nie ma podstawy" not in findings.value
    editor.held_on.value, editor.next_meeting.value = "12.01.2027", "05.01.2027"
    assert "nie jest po tym (12.01.2027)" in editor.sections["nastepne"].findings.value
    again = load_document(store, "anowak", SLOT, TASK.case, KIND)
    assert isinstance(again, MeetingMinutes)
    assert again.information[0].basis is ShareBasis.ZGODA
    assert str(again.next_meeting) == "2027-01-05"


def test_a_decision_longer_than_the_count_of_rows_is_kept_and_clears_the_unasked_consent_warning(tmp_path: Path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    _, editor = _workspace(store)
    row = editor.information.add()
    row.fields["institution_id"].value = "poz_zurawiec"
    row.fields["summary"].value = "leczy się w przychodni"
    row.fields["basis"].value = ShareBasis.ZGODA
    findings = editor.sections["informacje"].findings
    assert "nikt nie pytał rodziny o zgodę" in findings.value
    decisions = next(c for c in editor.sections["ustalenia"].children if isinstance(c, w.Textarea))
    assert not [c for c in decisions._dom_classes if c.startswith("sk-maxlength-")], "30 is the rows' limit, not chars"
    decision = "Pan Krzysztof zgodził się na spotkaniu, by przychodnia mówiła zespołowi o wizytach kontrolnych"
    assert len(decision) > MAX_ROWS
    decisions.value = decision + "\nrodzina dostanie kopię protokołu"
    assert "nikt nie pytał" not in findings.value
    kept = load_document(store, "anowak", SLOT, TASK.case, KIND)
    assert isinstance(kept, MeetingMinutes)
    assert kept.decisions == [decision, "rodzina dostanie kopię protokołu"]
    decisions.value = decision + "\n" + "x" * (SHORT_TEXT_LIMIT + 1)  # one line over a text's limit: refused
    refusal = editor.sections["ustalenia"].children[-2]
    assert f"najwyżej {SHORT_TEXT_LIMIT} znaków" in refusal.value
    assert load_document(store, "anowak", SLOT, TASK.case, KIND).decisions == kept.decisions  # type: ignore[union-attr]


def test_naming_which_item_was_shared_judges_that_item_and_is_kept(tmp_path: Path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    _, editor = _workspace(store)
    row = editor.information.add()
    labels = {value: label for label, value in row.fields["item_id"].options}
    assert labels["K3"].startswith("Krzysztof sam zgłosił się do poradni"), labels["K3"]  # what may be said first
    assert labels["K3"].endswith("(Poradnia Terapii Uzależnienia i Współuzależnienia od Alkoholu w Jarzębinie)")
    row.fields["institution_id"].value = "sp_zurawiec"
    row.fields["summary"].value = "frekwencja Kamila"
    row.fields["basis"].value = ShareBasis.ZGODA
    findings = editor.sections["informacje"].findings
    assert "Która informacja z przypadku" in findings.value  # the school knows things shared on different terms
    row.fields["item_id"].value = "K5"  # the absences, which the school may report anyway
    assert "Która informacja z przypadku" not in findings.value
    assert "nikt nie pytał" not in findings.value
    row.fields["item_id"].value = "K6"  # the pupil's confidence to the pedagogue: nobody asked the family
    assert "nikt nie pytał rodziny o zgodę" in findings.value
    kept = load_document(store, "anowak", SLOT, TASK.case, KIND)
    assert isinstance(kept, MeetingMinutes)
    assert kept.information[0].item_id == "K6"


def test_information_entries_are_labelled_cards_and_other_rows_stay_plain(tmp_path: Path):
    """Four long choices do not fit side by side at 1024 px: each field of an entry shows its name as its label."""
    store = DraftStore(tmp_path / "drafts.sqlite")
    _, editor = _workspace(store)
    entry = editor.information.add()
    assert "sk-row-labelled" in entry._dom_classes
    assert [f.description for f in entry.fields.values()] == [c.name for c in editor.information_columns]
    attendee = editor.attendees.add()
    assert "sk-row-labelled" not in attendee._dom_classes
    assert {f.description for f in attendee.fields.values()} == {""}
