"""Each graded part explains the findings its rules declare in the registry."""

from __future__ import annotations

from szkola_kooperacji.domain import give_feedback
from szkola_kooperacji.domain.assessment import Part, assess_part


def _flawed(contract):
    contract.goals[0].indicator = ""  # goal_without_indicator: a contract rule
    for action in contract.actions:  # too_few_sectors: an institutions rule
        if action.institution_id in {"poradnia", "szkola"}:
            action.institution_id, action.service_id = "asystent", "asysta"


def test_the_institutions_part_explains_institution_rules_only(case, directory, diagnosis, contract):
    _flawed(contract)
    report = give_feedback(case, directory, diagnosis, contract)
    lines = "\n".join(assess_part(report, Part.INSTYTUCJE, diagnosis, contract).lines)
    assert "Zasada kursu" in lines
    assert "nie ma wskaźnika" not in lines


def test_the_contract_part_explains_every_error_it_counts(case, directory, diagnosis, contract):
    _flawed(contract)
    report = give_feedback(case, directory, diagnosis, contract)
    lines = "\n".join(assess_part(report, Part.KONTRAKT, diagnosis, contract).lines)
    assert "nie ma wskaźnika" in lines
    assert "Zasada kursu" in lines
