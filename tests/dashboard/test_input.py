"""What a trainee types is kept or refused in view: limits from the model, PESEL refused, one message per field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import ipywidgets as w
import pytest
from pydantic import ValidationError

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.dashboard.action_editor import GoalEditor
from szkola_kooperacji.dashboard.binding import text_limit
from szkola_kooperacji.dashboard.exercise_panel import ExercisePanel
from szkola_kooperacji.dashboard.shared_looks import is_visible
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import AREA_LABELS, Area
from szkola_kooperacji.domain.contract import Action, Goal
from szkola_kooperacji.domain.diagnosis import Need
from szkola_kooperacji.domain.privacy import PESEL_REFUSED, contains_pesel
from szkola_kooperacji.domain.rules.registry import REGISTRY
from szkola_kooperacji.grading.exchange import Released
from szkola_kooperacji.grading.notebook import ExerciseInfo, Reflection
from szkola_kooperacji.storage import DraftStore

VALID = Path(__file__).parent.parent / "data" / "valid"
PESEL = "44051401359"


@pytest.fixture
def app(tmp_path: Path) -> Dashboard:
    dashboard = Dashboard(load_valid_catalog([VALID]), DraftStore(tmp_path / "drafts.sqlite"))
    dashboard.name.value, dashboard.code.value = "Anna Nowak", "tajne123"
    dashboard.sign_in()
    return dashboard


def test_limits_are_read_from_the_model():
    need, goal = Need(id="N1", area=Area.UZALEZNIENIA), Goal(id="C1")
    assert text_limit(need, "statement") is not None
    too_long = "a" * (text_limit(need, "statement") + 1)  # type: ignore[operator]
    with pytest.raises(ValidationError):
        need.statement = too_long
    need.statement = too_long[:-1]
    assert text_limit(goal, "indicator") is not None
    assert text_limit(goal, "due") is None


def test_a_too_long_text_stays_refused_while_another_field_is_edited(app: Dashboard):
    workspace = app.open_case("mini_case")
    goal = workspace.contract.add_goal()
    limit = text_limit(goal.goal, "text")
    assert limit is not None
    goal.text.value = "x" * (limit + 1)
    assert goal.goal.text == ""
    assert "za długi" in goal.message.value
    assert goal.text.tooltip == f"Treść celu {goal.goal.id} (najwyżej {limit} znaków)", "its name, then its limit"
    assert f"sk-maxlength-{limit}" in goal.text._dom_classes, "the browser stops typing at the model's limit"
    goal.indicator.value = "zaświadczenie z PUP"
    assert goal.goal.indicator == "zaświadczenie z PUP"
    assert "za długi" in goal.message.value, "the refusal of another field must stay in view"
    goal.text.value = "x" * limit
    assert goal.goal.text == "x" * limit
    assert goal.message.value == ""


def test_a_pesel_is_refused_in_any_trainee_text(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    editor.statement.value = f"Pan Jan, PESEL {PESEL}, nie ma pracy"
    assert editor.need.statement == ""
    assert PESEL_REFUSED in editor.message.value
    assert PESEL in editor.statement.value, "the text stays in the field to be corrected"
    goal = workspace.contract.add_goal()
    goal.indicator.value = f"zaświadczenie dla {PESEL}"
    assert goal.goal.indicator == ""
    assert PESEL_REFUSED in goal.message.value
    editor.statement.value = "Pan Jan nie ma pracy od 12345678901 dni"  # eleven digits, bad checksum
    assert editor.need.statement.startswith("Pan Jan")
    assert editor.message.value == ""


def test_the_detector_needs_a_valid_checksum_and_eleven_digits_alone():
    assert contains_pesel(f"nr {PESEL}.")
    assert not contains_pesel("nr 44051401358")
    assert not contains_pesel(f"konto 1{PESEL}")


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html)


def test_findings_show_no_rule_codes_to_a_trainee(app: Dashboard):
    workspace = app.open_case("mini_case")
    workspace.diagnosis.add_need().statement.value = "Pan Jan pije"
    workspace.show_feedback()
    codes = {r.code for r in REGISTRY}
    for html in (workspace.findings.value, workspace.feedback.value):
        shown = re.findall(r"data-rule='([a-z0-9_]+)'", html)
        assert shown, "the view lists findings"
        assert set(shown) <= codes
        visible = _visible_text(html)
        assert not [code for code in shown if code in visible]
        assert "title=" not in html


def test_dates_read_and_write_the_polish_way(app: Dashboard):
    workspace = app.open_case("mini_case")
    goal = workspace.contract.add_goal()
    assert goal.due.placeholder == "dd.mm.rrrr"
    goal.due.value = "3.11.2026"
    assert goal.goal.due == dt.date(2026, 11, 3)
    goal.due.value = "11/03/2026"
    assert goal.goal.due == dt.date(2026, 3, 11), "day first, whatever the separator"
    goal.due.value = "31.02.2027"
    assert goal.goal.due == dt.date(2026, 3, 11), "an impossible date is refused, the last good one kept"
    assert "to nie jest data" in goal.message.value
    assert "dzień.miesiąc.rok" in goal.message.value
    goal.due.value = ""
    assert goal.goal.due is None
    assert goal.message.value == ""
    saved = GoalEditor(Goal(id="C9", due=dt.date(2027, 1, 5)), workspace.draft.diagnosis, print, print)
    assert saved.due.value == "05.01.2027"


def test_a_review_date_must_be_a_date(app: Dashboard):
    reviews = app.open_case("mini_case").contract.reviews
    reviews.new_date.value = "jutro"
    reviews._add(None)
    assert "to nie jest data" in reviews.children[-1].value
    assert reviews.contract.reviews == []
    reviews.new_date.value = "15.01.2027"
    reviews._add(None)
    assert [r.date for r in reviews.contract.reviews] == [dt.date(2027, 1, 15)]
    assert reviews.children[-1].value == ""


def test_choices_are_checkboxes_with_full_labels(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    boxes = editor.evidence.boxes
    case = workspace.case
    assert [b.description for b in boxes] == [f"{f.id}: {f.text}" for f in case.interview], "no cut labels"
    boxes[-1].value = True
    assert [e.finding_id for e in editor.need.evidence] == [case.interview[-1].id]
    boxes[0].value = True
    assert [e.finding_id for e in editor.need.evidence] == [case.interview[0].id, case.interview[-1].id]
    boxes[-1].value = False
    assert [e.finding_id for e in editor.need.evidence] == [case.interview[0].id]
    editor.art7.value = (editor.art7.options[1][1],)
    art7_boxes = [c for c in editor.art7.children if isinstance(c, w.Checkbox)]
    assert [b.value for b in art7_boxes[:3]] == [False, True, False]
    assert editor.need.art7 == [editor.art7.options[1][1]]


def test_evidence_is_folded_by_area_with_chosen_findings_in_view(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    evidence, case = editor.evidence, workspace.case
    areas = list(dict.fromkeys(AREA_LABELS[f.area] for f in case.interview))
    assert len(areas) > 1, "the mini case has findings in several areas"
    own = AREA_LABELS[editor.need.area]
    shown = {f.id: is_visible(box) for f, box in zip(case.interview, evidence.boxes, strict=True)}
    assert shown == {f.id: AREA_LABELS[f.area] == own for f in case.interview}, "only the need's own area is open"
    other = next(f for f in case.interview if AREA_LABELS[f.area] != own)
    toggles = {t.description.split(" — ")[0][2:]: t for t in evidence.children if isinstance(t, w.Button)}
    assert list(toggles) == areas
    assert "wybrane: 0 z" in toggles[AREA_LABELS[other.area]].description
    evidence.value = (other.id,)
    box = evidence.boxes[case.interview.index(other)]
    assert is_visible(box), "a chosen finding stays in view in a folded group"
    assert "wybrane: 1 z" in toggles[AREA_LABELS[other.area]].description
    assert [ev.finding_id for ev in editor.need.evidence] == [other.id]
    toggles[AREA_LABELS[other.area]].click()
    assert all(is_visible(evidence.boxes[i]) for i, f in enumerate(case.interview) if f.area == other.area)
    assert toggles[AREA_LABELS[other.area]].description.startswith("▾")
    box.value = False
    toggles[AREA_LABELS[other.area]].click()
    assert not is_visible(box), "folded again, the unticked finding is hidden"
    assert "wybrane: 0 z" in toggles[AREA_LABELS[other.area]].description
    editor.area.value = other.area
    assert is_visible(box), "choosing the need's area shows that area's findings"


def test_goal_needs_follow_the_diagnosis(app: Dashboard):
    workspace = app.open_case("mini_case")
    goal = workspace.contract.add_goal()
    assert "najpierw dodaj potrzeby" in goal.needs.children[-1].value
    workspace.diagnosis.add_need().statement.value = "Pan Jan pije codziennie"
    workspace.diagnosis.add_need().statement.value = "Brak pracy"
    goal.refresh_needs(workspace.draft.diagnosis)
    labels = [c.description for c in goal.needs.children if isinstance(c, w.Checkbox)]
    assert labels == ["N1: Pan Jan pije codziennie", "N2: Brak pracy"]
    goal.needs.children[2].value = True
    assert goal.goal.need_ids == ["N2"]
    workspace.diagnosis.remove(workspace.diagnosis._list.children[1])
    goal.refresh_needs(workspace.draft.diagnosis)
    assert goal.needs.value == ()
    assert goal.goal.need_ids == []


def test_deleting_a_need_goal_or_action_asks_first(app: Dashboard):
    workspace = app.open_case("mini_case")
    need = workspace.diagnosis.add_need()
    need.delete.ask.click()
    assert need.delete.asking
    assert "Usunąć potrzebę N1" in need.delete.question.value
    assert [n.id for n in workspace.draft.diagnosis.needs] == ["N1"]
    need.delete.no.click()
    assert not need.delete.asking
    assert [n.id for n in workspace.draft.diagnosis.needs] == ["N1"]
    need.delete.ask.click()
    need.delete.yes.click()
    assert workspace.draft.diagnosis.needs == []
    goal = workspace.contract.add_goal()
    goal.delete.ask.click()
    assert workspace.draft.contract.goals != []
    goal.delete.yes.click()
    assert workspace.draft.contract.goals == []
    action = workspace.contract.add_action(Action(id="D1"))
    action.delete.ask.click()
    assert [a.id for a in workspace.draft.contract.actions] == ["D1"]
    action.delete.yes.click()
    assert workspace.draft.contract.actions == []


def test_a_pesel_in_a_reflection_is_neither_saved_nor_submitted(tmp_path: Path):
    info = ExerciseInfo("Ćwiczenie", "mini_case", ("diagnoza",), (Reflection("r1", "Co było trudne?", 2),))
    saved: list[dict[str, str]] = []
    submitted: list[dict[str, str]] = []
    panel = ExercisePanel(
        Released("cw1", tmp_path / "cw1.ipynb", info),
        {},
        save_answers=saved.append,
        submit=submitted.append,
        fetch_feedback=lambda: None,
    )
    panel.areas["r1"].value = f"Klient (PESEL {PESEL}) był zaskoczony."
    panel.submit()
    assert PESEL_REFUSED in panel.status.value
    assert saved == []
    assert submitted == []
    panel.areas["r1"].value = "Klient był zaskoczony."
    panel.submit()
    assert submitted == [{"r1": "Klient był zaskoczony."}]
