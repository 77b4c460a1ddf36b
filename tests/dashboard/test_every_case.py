"""Every bundled case can be solved through the widgets alone, up to the expert's full score."""

from __future__ import annotations

from pathlib import Path

import pytest

from szkola_kooperacji.dashboard import Dashboard, dates
from szkola_kooperacji.dashboard.action_editor import ActionEditor, GoalEditor
from szkola_kooperacji.dashboard.diagnosis_builder import NeedEditor
from szkola_kooperacji.data import load_catalog
from szkola_kooperacji.domain import Action, Case
from szkola_kooperacji.domain.feedback import give_feedback
from szkola_kooperacji.storage import DraftStore

CATALOG = load_catalog()  # problems in the data are reported by tests/content


def _enter_reference(app: Dashboard, case: Case) -> None:
    workspace = app.open_case(case.id)
    reference = case.reference
    need_ids: dict[str, str] = {}
    for need in reference.diagnosis.needs:
        editor: NeedEditor = workspace.diagnosis.add_need(need.area)
        need_ids[need.id] = editor.need.id
        editor.statement.value = need.statement
        editor.severity.value = need.severity
        editor.art7.value = tuple(need.art7)
        editor.evidence.value = tuple(e.finding_id for e in need.evidence)
        editor.members.value = tuple(need.member_ids)
        editor.strengths.value = tuple(need.strength_ids)
    builder = workspace.contract
    contract = reference.contract
    builder.client.value = contract.client_member_id
    builder.start.value, builder.end.value = dates.show(contract.period_start), dates.show(contract.period_end)
    builder.goal_main.value = contract.goal_main
    goal_ids: dict[str, str] = {}
    for goal in contract.goals:
        goal_editor: GoalEditor = builder.add_goal()
        goal_ids[goal.id] = goal_editor.goal.id
        goal_editor.text.value = goal.text
        goal_editor.needs.value = tuple(need_ids[n] for n in goal.need_ids)
        goal_editor.indicator.value, goal_editor.target.value = goal.indicator, goal.target
        goal_editor.due.value = dates.show(goal.due)
    for number, action in enumerate(contract.actions, start=1):
        editor: ActionEditor = builder.add_action(Action(id=f"D{number}"))
        editor.goal.value = goal_ids[action.goal_id]
        editor.text.value = action.text
        editor.responsible.value = action.responsible
        editor.who.value = action.responsible_member_id or ""
        editor.institution.value = action.institution_id or ""
        editor.service.value = action.service_id or ""
        editor.members.value = tuple(action.member_ids)
        editor.strengths.value = tuple(action.uses_strength_ids)
        editor.start.value, editor.due.value = dates.show(action.start), dates.show(action.due)
    for review in contract.reviews:
        builder.reviews.new_date.value = dates.show(review.date)
        builder.reviews._add(None)
    builder.reviews.final.value = dates.show(contract.final_evaluation)
    workspace.show_feedback()
    report = give_feedback(case, CATALOG.directory, workspace.draft.diagnosis, workspace.draft.contract)
    assert report.score.total == report.score.maximum, [i for i in report.score.items if i.earned < i.possible]
    assert "Wynik: 100 / 100 pkt" in workspace.feedback.value


@pytest.mark.parametrize("case_id", sorted(CATALOG.cases))
def test_reference_solution_can_be_entered_through_the_widgets(case_id: str, tmp_path: Path):
    app = Dashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"))
    app.name.value, app.code.value = "Trener Testowy", "kod-trenera"
    app.sign_in()
    _enter_reference(app, CATALOG.case(case_id))
