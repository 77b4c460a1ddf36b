"""Flaws to put into the reference contract, each with the rule code it must raise (``FLAWS``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from szkola_kooperacji.domain import Action, Case, Contract, Diagnosis, Review
from szkola_kooperacji.domain.codes import Art7Reason, ClientGroup, Responsible, Severity

Mutation = Callable[[Case, Diagnosis, Contract], None]


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


def _no_goals(_case, _diag, contract):
    contract.goals = []


def _no_goal_main(_case, _diag, contract):
    contract.goal_main = ""


def _goal_without_text(_case, _diag, contract):
    contract.goals[0].text = ""


def _goal_without_need(_case, _diag, contract):
    contract.goals[2].need_ids = []


def _goal_without_action(_case, _diag, contract):
    contract.actions = [a for a in contract.actions if a.goal_id != "C3"]


def _action_without_goal(_case, _diag, contract):
    contract.actions[1].goal_id = None


def _action_unknown_goal(_case, _diag, contract):
    contract.actions[1].goal_id = "C9"


def _action_without_text(_case, _diag, contract):
    contract.actions[1].text = ""


def _no_period(_case, _diag, contract):
    contract.period_start = None


def _signed_late(_case, _diag, contract):
    contract.date_signed = dt.date(2026, 11, 5)


def _goal_due_after_end(_case, _diag, contract):
    contract.goals[0].due = dt.date(2027, 6, 1)


def _action_without_dates(_case, _diag, contract):
    contract.actions[1].start = None


def _review_after_end(_case, _diag, contract):
    contract.reviews = [*contract.reviews, Review(date=dt.date(2027, 5, 15))]


def _no_final_evaluation(_case, _diag, contract):
    contract.final_evaluation = None


def _empty_diagnosis(_case, diagnosis, _contract):
    diagnosis.needs = []


def _need_without_statement(_case, diagnosis, _contract):
    diagnosis.needs[2].statement = ""


def _evidence_unknown_finding(_case, diagnosis, _contract):
    diagnosis.needs[0].evidence[0].finding_id = "W99"


def _need_without_art7(_case, diagnosis, _contract):
    diagnosis.needs[0].art7 = []


def _art7_other_unexplained(case, diagnosis, _contract):
    diagnosis.needs[0].art7 = [Art7Reason.INNY]
    case.art7_other = ""


def _need_unknown_member(_case, diagnosis, _contract):
    diagnosis.needs[0].member_ids = ["m9"]


def _need_unknown_strength(_case, diagnosis, _contract):
    diagnosis.needs[0].strength_ids = ["Z9"]


def _need_without_strength(_case, diagnosis, _contract):
    diagnosis.needs[0].strength_ids = []


def _service_missing(_case, _diag, contract):
    contract.actions[1].service_id = None


def _action_unknown_member(_case, _diag, contract):
    contract.actions[1].member_ids = ["m9"]


def _ops_unknown(_case, _diag, contract):
    contract.ops_institution_id = "pup"


def _responsible_unknown(_case, _diag, contract):
    contract.actions[0].responsible_member_id = "m9"


def _institution_missing(_case, _diag, contract):
    contract.actions[1].institution_id = None


def _one_client_action(_case, _diag, contract):
    contract.actions = [a for a in contract.actions if a.id not in {"D3", "D5"}]


def _goal_only_institutions(_case, _diag, contract):
    contract.actions = [a for a in contract.actions if a.id != "D5"]


def _unknown_strength_in_action(_case, _diag, contract):
    contract.actions[0].uses_strength_ids = ["Z9"]


def _no_target(_case, _diag, contract):
    contract.goals[0].target = ""


def _no_worker_action(_case, _diag, contract):
    contract.actions = [a for a in contract.actions if a.responsible != Responsible.PRACOWNIK_SOCJALNY]


def _violence_named_in_a_need(_case, diagnosis, _contract):
    diagnosis.needs[1].art7 = [*diagnosis.needs[1].art7, Art7Reason.PRZEMOC_DOMOWA]


def _critical_need_left_for_later(_case, diagnosis, contract):
    diagnosis.needs[1].severity = Severity.KRYTYCZNA
    contract.actions[3].start = dt.date(2026, 12, 1)  # D4, the only action of C2 not by the client


def _make_jan_use_violence(case):
    case.members[0].groups = [*case.members[0].groups, ClientGroup.OSOBY_STOSUJACE_PRZEMOC]
    case.members[1].groups = [ClientGroup.OSOBY_DOZNAJACE_PRZEMOCY]


def _wife_watches_husbands_therapy(case, _diag, contract):
    _make_jan_use_violence(case)
    contract.actions = [a for a in contract.actions if a.id != "D3"]  # C2 is then about Jan only
    contract.actions.append(
        Action(
            id="D9",
            goal_id="C2",
            text="Anna pilnuje, żeby mąż chodził na terapię.",
            responsible=Responsible.CZLONEK_RODZINY,
            responsible_member_id="m2",
            member_ids=["m1"],
            start=dt.date(2026, 11, 15),
            due=dt.date(2027, 3, 31),
        )
    )


def _family_assistant_as_second_sector(_case, _diag, contract):
    for action in contract.actions:
        if action.institution_id in {"poradnia", "szkola"}:
            action.institution_id, action.service_id = "asystent", "asysta"


FLAWS: list[tuple[Mutation, str]] = [
    (_drop_goal_c3, "need_without_goal"),
    (_pup_does_therapy, "action_unknown_service"),
    (_therapy_for_daughter, "action_service_not_for_client"),
    (_only_social_assistance, "too_few_sectors"),
    (_family_assistant_as_second_sector, "too_few_sectors"),
    (_only_gmina, "missing_level"),
    (_action_after_end, "action_outside_period"),
    (_action_reversed, "action_dates_reversed"),
    (_no_reviews, "no_reviews"),
    (_long_gap, "review_gap_too_long"),
    (_no_indicator, "goal_without_indicator"),
    (_no_target, "goal_without_target"),
    (_no_client_actions, "client_without_obligations"),
    (_one_client_action, "client_few_obligations"),
    (_goal_only_institutions, "goal_without_client_action"),
    (_no_responsible, "action_without_responsible"),
    (_client_without_member, "action_responsible_member_missing"),
    (_responsible_unknown, "action_responsible_member_unknown"),
    (_institution_missing, "action_institution_missing"),
    (_violence_without_team, "safety_procedure_missing"),
    (_violence_named_in_a_need, "safety_procedure_missing"),
    (_critical_need_left_for_later, "critical_need_without_protection"),
    (_wife_watches_husbands_therapy, "victim_obliged_in_perpetrator_goal"),
    (_no_worker_action, "social_worker_without_actions"),
    (_unknown_institution, "action_unknown_institution"),
    (_service_missing, "action_service_missing"),
    (_action_unknown_member, "action_unknown_member"),
    (_ops_unknown, "contract_ops_unknown"),
    (_period_reversed, "period_reversed"),
    (_no_period, "period_missing"),
    (_signed_late, "signed_after_start"),
    (_goal_due_after_end, "goal_due_outside_period"),
    (_action_without_dates, "action_without_dates"),
    (_review_after_end, "review_outside_period"),
    (_no_final_evaluation, "final_evaluation_missing"),
    (_family_in_another_gmina, "action_institution_other_gmina"),
    (_goal_unknown_need, "goal_unknown_need"),
    (_no_goals, "contract_without_goals"),
    (_no_goal_main, "goal_main_missing"),
    (_goal_without_text, "goal_without_text"),
    (_goal_without_need, "goal_without_need"),
    (_goal_without_action, "goal_without_action"),
    (_action_without_goal, "action_without_goal"),
    (_action_unknown_goal, "action_unknown_goal"),
    (_action_without_text, "action_without_text"),
    (_overloaded, "member_overloaded"),
    (_strengths_unused, "strengths_unused"),
    (_unknown_strength_in_action, "action_unknown_strength"),
    (_empty_diagnosis, "diagnosis_empty"),
    (_need_without_statement, "need_without_statement"),
    (_need_without_evidence, "need_without_evidence"),
    (_evidence_unknown_finding, "evidence_unknown_finding"),
    (_wrong_quote, "evidence_quote_not_found"),
    (_need_without_art7, "need_without_art7"),
    (_art7_other_unexplained, "art7_other_unexplained"),
    (_need_unknown_member, "need_unknown_member"),
    (_need_unknown_strength, "need_unknown_strength"),
    (_need_without_strength, "need_without_strength"),
    (_duplicate_need, "need_duplicate"),
    (_repealed_art7, "art7_repealed"),
    (_no_actions, "contract_without_actions"),
    (_goals_ignore_wishes, "family_wishes_not_in_goals"),
]
"""Every rule of the registry, with a flaw that raises it on the otherwise clean mini case."""
