"""The rule registry: every rule declares its code, level, graded part and score item once.

Modelled on pylint's message store: each rule module declares its rules beside
the code that checks them (``NEED_WITHOUT_GOAL = declare(...)``) and reports
through the declaration (``NEED_WITHOUT_GOAL.finding(location, message)``), so a
code, its level, the part an exercise grades it in and the score item it belongs
to are written in one place. Scoring, assessment and the validator read this
registry instead of keeping sets of code strings; a second rule with a code
already taken is refused at import.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, FindingLevel, Location
from ..parts import Part, ScoreKey


class DuplicateRuleError(ValueError):
    """Raised at import when two rules declare the same code (a programming error, never a user's)."""


@dataclass(frozen=True)
class Rule:
    """The declaration of one rule.

    ``part`` is the graded part whose feedback explains the rule's findings;
    ``category`` the score item the rule's subject belongs to (``formal`` when it
    only counts as a formal error); ``title`` a short Polish description for
    trainers' documentation.
    """

    code: str
    level: FindingLevel
    part: Part
    category: ScoreKey
    title: str

    def finding(self, location: Location, message: str) -> Finding:
        """Return a finding of this rule at ``location`` with a Polish message."""
        return Finding(code=self.code, level=self.level, message=message, location=location)


class RuleRegistry:
    """Every declared rule by code, in declaration order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        """Register a rule; refuse a code that another rule already declared."""
        if rule.code in self._rules:
            raise DuplicateRuleError(f"rule code {rule.code!r} is declared twice")
        self._rules[rule.code] = rule
        return rule

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def codes(self, *, part: Part | None = None, category: ScoreKey | None = None) -> frozenset[str]:
        """Return the codes of the rules of one part and/or one score item (all when neither is given)."""
        return frozenset(
            rule.code
            for rule in self
            if (part is None or rule.part == part) and (category is None or rule.category == category)
        )


REGISTRY = RuleRegistry()
"""The rules of the platform; filled when ``domain.rules`` is imported."""


def declare(code: str, level: FindingLevel, part: Part, category: ScoreKey, title: str) -> Rule:
    """Declare a rule in the platform's registry and return it for the checking code to report with."""
    return REGISTRY.add(Rule(code=code, level=level, part=part, category=category, title=title))


def rule_of(finding: Finding) -> Rule:
    """Return the declaration of the rule that produced ``finding``."""
    return REGISTRY[finding.code]
