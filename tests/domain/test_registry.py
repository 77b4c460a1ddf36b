"""The rule registry: one declaration per code, read by scoring and assessment."""

from __future__ import annotations

import pytest

from szkola_kooperacji.domain.findings import FindingLevel, action_at
from szkola_kooperacji.domain.parts import PART_ITEMS, Part, ScoreKey
from szkola_kooperacji.domain.rules import REGISTRY
from szkola_kooperacji.domain.rules.registry import DuplicateRuleError, Rule, RuleRegistry, declare


def test_a_code_declared_twice_is_refused():
    registry = RuleRegistry()
    rule = Rule("x_rule", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.FORMAL, "Reguła")
    registry.add(rule)
    with pytest.raises(DuplicateRuleError, match="x_rule"):
        registry.add(rule)


def test_the_platform_registry_refuses_a_taken_code():
    before = len(REGISTRY)
    with pytest.raises(DuplicateRuleError, match="need_without_goal"):
        declare("need_without_goal", FindingLevel.WSKAZOWKA, Part.KONTRAKT, ScoreKey.COVERAGE, "Kopia")
    assert len(REGISTRY) == before


def test_a_finding_takes_code_and_level_from_its_declaration():
    rule = REGISTRY["action_unknown_service"]
    finding = rule.finding(action_at("D4"), "Komunikat.")
    assert (finding.code, finding.level, finding.element) == (
        "action_unknown_service",
        FindingLevel.BLAD,
        "działania[D4]",
    )


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda r: r.code)
def test_each_rule_is_scored_in_its_own_part(rule: Rule):
    assert rule.category in PART_ITEMS[rule.part] or rule.category == ScoreKey.FORMAL
    assert rule.title[:1].isupper()


def test_the_institutions_part_explains_exactly_the_institution_rules():
    assert REGISTRY.codes(part=Part.INSTYTUCJE) == {
        "action_unknown_institution",
        "action_institution_other_gmina",
        "action_service_missing",
        "action_unknown_service",
        "action_service_not_for_client",
        "too_few_sectors",
        "missing_level",
        "safety_procedure_missing",
    }
