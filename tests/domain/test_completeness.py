"""How complete a tab is: counts read from the trainee's diagnosis and contract, said in Polish."""

from __future__ import annotations

from szkola_kooperacji.domain import Action, Contract, Diagnosis, Goal, Need
from szkola_kooperacji.domain.codes import Area
from szkola_kooperacji.domain.completeness import contract_progress, diagnosis_progress
from szkola_kooperacji.domain.diagnosis import Evidence


def test_an_empty_diagnosis_asks_for_a_first_need():
    progress = diagnosis_progress(Diagnosis())
    assert (progress.needs, progress.complete) == (0, False)
    assert progress.summary() == "Brak potrzeb — dodaj pierwszą."


def test_needs_without_evidence_or_statement_are_counted():
    diagnosis = Diagnosis(
        needs=[
            Need(id="N1", area=Area.UZALEZNIENIA, statement="Ojciec pije", evidence=[Evidence(finding_id="W1")]),
            Need(id="N2", area=Area.ZDROWIE, statement="Babcia choruje"),
            Need(id="N3", area=Area.ZDROWIE, statement="  "),
        ]
    )
    progress = diagnosis_progress(diagnosis)
    assert (progress.needs, progress.without_evidence, progress.without_statement) == (3, 2, 1)
    assert progress.summary() == "3 potrzeby, 1 bez opisu, 2 bez dowodu"
    assert not progress.complete


def test_the_reference_diagnosis_is_complete(diagnosis):
    progress = diagnosis_progress(diagnosis)
    assert progress.complete
    assert progress.summary() == f"{len(diagnosis.needs)} potrzeby"


def test_an_empty_contract_counts_zero_in_polish(case, directory, diagnosis):
    progress = contract_progress(case, directory, diagnosis, Contract())
    assert progress.summary() == "0 celów szczegółowych · 0 działań"
    assert not progress.complete


def test_goals_without_actions_actions_without_goals_and_sectors(case, directory, diagnosis):
    contract = Contract(
        goals=[Goal(id="C1"), Goal(id="C2")],
        actions=[
            Action(id="D1", goal_id="C1", institution_id="pup"),
            Action(id="D2", goal_id="C1", institution_id="poradnia"),
            Action(id="D3", goal_id="C1", institution_id="pup"),
            Action(id="D4", institution_id="nieznana"),
            Action(id="D5", goal_id="C9"),
        ],
    )
    progress = contract_progress(case, directory, diagnosis, contract)
    assert (progress.goals, progress.goals_without_action, progress.actions) == (2, 1, 5)
    assert (progress.actions_without_goal, progress.sectors) == (2, 2), "an unknown institution has no sector"
    assert progress.summary() == "2 cele szczegółowe, 1 bez działania · 5 działań, 2 sektory, 2 bez celu"
    assert not progress.complete


def test_the_reference_contract_is_complete(case, directory, diagnosis, contract):
    progress = contract_progress(case, directory, diagnosis, contract)
    assert progress.complete
    assert progress.sectors >= 2
