"""Each rule fires on the flaw it describes, and stays silent on the reference contract."""

from __future__ import annotations

import datetime as dt

import pytest

from szkola_kooperacji.domain import Action, Contract, Diagnosis, FindingLevel, check_all
from szkola_kooperacji.domain.codes import Art7Reason, Responsible, Severity
from szkola_kooperacji.domain.findings import ElementKind
from szkola_kooperacji.domain.parts import DOCUMENT_PARTS, TEAM_PARTS
from szkola_kooperacji.domain.rules import REGISTRY, check_contract

from .rule_flaws import FLAWS, Mutation, _critical_need_left_for_later, _make_jan_use_violence


def codes_of(case, directory, diagnosis, contract) -> set[str]:
    return {f.code for f in check_all(case, directory, diagnosis, contract)}


def test_reference_contract_has_no_errors_or_warnings(case, directory, diagnosis, contract):
    findings = check_all(case, directory, diagnosis, contract)
    assert [f for f in findings if f.level != FindingLevel.WSKAZOWKA] == []


@pytest.mark.parametrize(("mutate", "code"), FLAWS, ids=[f"{c}-{m.__name__}" for m, c in FLAWS])
def test_rule_fires_on_its_flaw(case, directory, diagnosis, contract, mutate: Mutation, code: str):
    assert code not in codes_of(case, directory, diagnosis, contract)
    mutate(case, diagnosis, contract)
    assert code in codes_of(case, directory, diagnosis, contract)


def test_every_rule_of_the_registry_is_raised_by_a_test():
    raised = {code for _, code in FLAWS}
    own_tests = TEAM_PARTS | DOCUMENT_PARTS  # tested with their sessions and documents
    declared = REGISTRY.codes() - {code for part in own_tests for code in REGISTRY.codes(part=part)}
    assert raised == declared, {"not raised by any test": declared - raised}


def test_findings_point_to_the_element_with_a_polish_message(case, directory, diagnosis, contract):
    contract.actions[3].institution_id = "pup"
    finding = next(
        f for f in check_contract(case, directory, diagnosis, contract) if f.code == "action_unknown_service"
    )
    assert finding.element == "działania[D4]"
    assert (finding.location.kind, finding.location.id) == (ElementKind.DZIALANIA, "D4")
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
    diagnosis_findings = [f for f in findings if f.location.kind == ElementKind.POTRZEBY]
    assert [f.code for f in diagnosis_findings] == ["diagnosis_empty"]


def test_empty_contract_reports_missing_parts_without_crashing(case, directory, diagnosis):
    codes = codes_of(case, directory, diagnosis, Contract())
    assert {"contract_without_goals", "contract_without_actions", "period_missing", "need_without_goal"} <= codes


def test_a_critical_need_without_violence_asks_for_protection_not_a_niebieska_karta(
    case, directory, diagnosis, contract
):
    _critical_need_left_for_later(case, diagnosis, contract)
    findings = check_all(case, directory, diagnosis, contract)
    codes = {f.code for f in findings}
    assert "safety_procedure_missing" not in codes
    message = next(f.message for f in findings if f.code == "critical_need_without_protection")
    assert "plan bezpieczeństwa" in message
    assert "sądu rodzinnego" in message
    assert "tylko przemocy domowej" in message


def test_a_critical_need_met_at_once_by_the_worker_is_in_order(case, directory, diagnosis, contract):
    diagnosis.needs[0].severity = Severity.KRYTYCZNA  # C1 has the worker's D7 from the first day
    codes = codes_of(case, directory, diagnosis, contract)
    assert not codes & {"critical_need_without_protection", "safety_procedure_missing"}


def test_a_goal_about_the_person_using_violence_asks_nothing_of_the_family(case, directory, diagnosis, contract):
    _make_jan_use_violence(case)
    contract.actions = [a for a in contract.actions if a.id != "D3"]
    codes = codes_of(case, directory, diagnosis, contract)
    assert "goal_without_client_action" not in codes
    assert "victim_obliged_in_perpetrator_goal" not in codes


def test_the_perpetrators_own_obligation_is_not_put_on_the_victim(case, directory, diagnosis, contract):
    _make_jan_use_violence(case)  # D3: Jan himself attends therapy
    assert "victim_obliged_in_perpetrator_goal" not in codes_of(case, directory, diagnosis, contract)


def test_many_obligations_one_after_another_are_not_too_many_at_once(case, directory, diagnosis, contract):
    base = contract.actions[0]
    contract.actions += [
        base.model_copy(
            update={"id": f"X{i}", "start": dt.date(2026, 11, 1) + dt.timedelta(days=20 * i), "due": None}
        ).model_copy(update={"due": dt.date(2026, 11, 15) + dt.timedelta(days=20 * i)})
        for i in range(8)
    ]
    assert "member_overloaded" not in codes_of(case, directory, diagnosis, contract)
