"""Each rule fires on the flaw it describes, and stays silent on the reference contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from szkola_kooperacji.domain import Action, Case, Contract, Diagnosis, FindingLevel, Review, check_all
from szkola_kooperacji.domain.codes import Art7Reason, Responsible, Severity
from szkola_kooperacji.domain.rules import check_contract

Mutation = Callable[[Case, Diagnosis, Contract], None]


def codes_of(case, directory, diagnosis, contract) -> set[str]:
    return {f.code for f in check_all(case, directory, diagnosis, contract)}


def test_reference_contract_has_no_errors_or_warnings(case, directory, diagnosis, contract):
    findings = check_all(case, directory, diagnosis, contract)
    assert [f for f in findings if f.level != FindingLevel.WSKAZOWKA] == []


def _drop_goal_c3(_case, _diag, contract):
    contract.goals = [g for g in contract.goals if g.id != "C3"]
    contract.actions = [a for a in contract.actions if a.goal_id != "C3"]


def _pup_does_therapy(_case, _diag, contract):
    contract.actions[3].institution_id = "pup"


def _therapy_for_daughter(_case, _diag, contract):
    contract.actions[3].member_ids = ["m3"]


def _only_social_assistance(_case, _diag, contract):
    contract.actions = [
        a.model_copy(update={"institution_id": "gops", "service_id": "praca_socjalna"}) for a in contract.actions
    ]


def _only_gmina(_case, _diag, contract):
    for action in contract.actions:
        if action.institution_id in {"pup", "poradnia"}:
            action.institution_id, action.service_id = "gops", "zasilek_celowy"


def _action_after_end(_case, _diag, contract):
    contract.actions[0].due = dt.date(2027, 6, 1)


def _action_reversed(_case, _diag, contract):
    contract.actions[0].start = dt.date(2027, 1, 1)
    contract.actions[0].due = dt.date(2026, 12, 1)


def _no_reviews(_case, _diag, contract):
    contract.reviews = []


def _long_gap(_case, _diag, contract):
    contract.reviews = [Review(date=dt.date(2027, 3, 31))]


def _no_indicator(_case, _diag, contract):
    contract.goals[0].indicator = ""


def _no_client_actions(_case, _diag, contract):
    contract.actions = [
        a for a in contract.actions if a.responsible not in {Responsible.KLIENT, Responsible.CZLONEK_RODZINY}
    ]


def _no_responsible(_case, _diag, contract):
    contract.actions[1].responsible = None


def _client_without_member(_case, _diag, contract):
    contract.actions[0].responsible_member_id = None


def _violence_without_team(case, _diag, _contract):
    case.art7 = [*case.art7, Art7Reason.PRZEMOC_DOMOWA]


def _critical_need_without_team(_case, diagnosis, _contract):
    diagnosis.needs[0].severity = Severity.KRYTYCZNA


def _unknown_institution(_case, _diag, contract):
    contract.actions[1].institution_id = "mops_warszawa"


def _family_in_another_gmina(case, _diag, _contract):
    case.gmina = "g2"


def _period_reversed(_case, _diag, contract):
    contract.period_end = dt.date(2026, 10, 1)


def _goal_unknown_need(_case, _diag, contract):
    contract.goals[0].need_ids = ["N9"]


def _overloaded(_case, _diag, contract):
    base = contract.actions[0]
    contract.actions += [base.model_copy(update={"id": f"X{i}"}) for i in range(7)]


def _strengths_unused(_case, _diag, contract):
    for action in contract.actions:
        action.uses_strength_ids = []


def _need_without_evidence(_case, diagnosis, _contract):
    diagnosis.needs[1].evidence = []


def _wrong_quote(_case, diagnosis, _contract):
    diagnosis.needs[0].evidence[0].quote = "pracuje na pełen etat"


def _duplicate_need(_case, diagnosis, _contract):
    diagnosis.needs.append(diagnosis.needs[0].model_copy(update={"id": "N9"}))


def _repealed_art7(_case, diagnosis, _contract):
    diagnosis.needs[0].art7 = [Art7Reason.UCHYLONY_10]


def _goals_ignore_wishes(_case, _diag, contract):
    contract.goal_main = "Stabilizacja sytuacji."
    for goal in contract.goals:
        goal.text = "Poprawa funkcjonowania."


def _no_actions(_case, _diag, contract):
    contract.actions = []


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (_drop_goal_c3, "need_without_goal"),
        (_pup_does_therapy, "action_unknown_service"),
        (_therapy_for_daughter, "action_service_not_for_client"),
        (_only_social_assistance, "too_few_sectors"),
        (_only_gmina, "missing_level"),
        (_action_after_end, "action_outside_period"),
        (_action_reversed, "action_dates_reversed"),
        (_no_reviews, "no_reviews"),
        (_long_gap, "review_gap_too_long"),
        (_no_indicator, "goal_without_indicator"),
        (_no_client_actions, "client_without_obligations"),
        (_no_responsible, "action_without_responsible"),
        (_client_without_member, "action_responsible_member_missing"),
        (_violence_without_team, "safety_procedure_missing"),
        (_critical_need_without_team, "safety_procedure_missing"),
        (_unknown_institution, "action_unknown_institution"),
        (_period_reversed, "period_reversed"),
        (_family_in_another_gmina, "action_institution_other_gmina"),
        (_goal_unknown_need, "goal_unknown_need"),
        (_overloaded, "member_overloaded"),
        (_strengths_unused, "strengths_unused"),
        (_need_without_evidence, "need_without_evidence"),
        (_wrong_quote, "evidence_quote_not_found"),
        (_duplicate_need, "need_duplicate"),
        (_repealed_art7, "art7_repealed"),
        (_no_actions, "contract_without_actions"),
        (_goals_ignore_wishes, "family_wishes_not_in_goals"),
    ],
)
def test_rule_fires_on_its_flaw(case, directory, diagnosis, contract, mutate: Mutation, code: str):
    assert code not in codes_of(case, directory, diagnosis, contract)
    mutate(case, diagnosis, contract)
    assert code in codes_of(case, directory, diagnosis, contract)


def test_findings_point_to_the_element_with_a_polish_message(case, directory, diagnosis, contract):
    contract.actions[3].institution_id = "pup"
    finding = next(
        f for f in check_contract(case, directory, diagnosis, contract) if f.code == "action_unknown_service"
    )
    assert finding.element == "działania[D4]"
    assert finding.level == FindingLevel.BLAD
    assert "Powiatowy Urząd Pracy nie oferuje usługi" in finding.message
    assert "Rejestracja jako osoba bezrobotna" in finding.message  # names what it does offer


def test_violence_team_satisfies_safety_rule(case, directory, diagnosis, contract):
    case.art7 = [*case.art7, Art7Reason.PRZEMOC_DOMOWA]
    contract.actions.append(
        Action(
            id="D9",
            goal_id="C2",
            text="Procedura Niebieska Karta.",
            responsible=Responsible.INSTYTUCJA,
            institution_id="zi",
            service_id="niebieska_karta",
            member_ids=["m2"],
            start=dt.date(2026, 11, 1),
            due=dt.date(2027, 4, 30),
        )
    )
    case.members[1].groups = [*case.members[1].groups, "osoby_doznajace_przemocy"]
    assert "safety_procedure_missing" not in codes_of(case, directory, diagnosis, contract)


def test_empty_diagnosis_is_one_clear_error(case, directory, contract):
    findings = check_all(case, directory, Diagnosis(), contract)
    diagnosis_findings = [f for f in findings if f.element.startswith("potrzeby")]
    assert [f.code for f in diagnosis_findings] == ["diagnosis_empty"]


def test_empty_contract_reports_missing_parts_without_crashing(case, directory, diagnosis):
    codes = codes_of(case, directory, diagnosis, Contract())
    assert {"contract_without_goals", "contract_without_actions", "period_missing", "need_without_goal"} <= codes
