"""Graded parts of an exercise: which score items each part sums, and its Polish feedback.

An nbgrader test cell grades one part: it gets ``points × fraction`` where the
fraction is the part's earned over possible points of the domain score, so the
autograder and the dashboard's feedback can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .contract import Contract
from .diagnosis import Diagnosis
from .feedback import FeedbackReport, NeedStatus
from .findings import Finding, FindingLevel
from .parts import PART_ITEMS, PART_LABELS, TEAM_PARTS, Part
from .rules.registry import rule_of
from .scoring import ScoreItem

__all__ = ["BLANK_MESSAGES", "PART_ITEMS", "PART_LABELS", "Part", "PartResult", "assess_part", "is_blank"]


@dataclass(frozen=True)
class PartResult:
    """What one part earned (0…1 of its points) and the lines that explain it to the trainee."""

    part: Part
    fraction: float
    lines: tuple[str, ...]

    def points(self, maximum: float) -> float:
        """Points for a test cell worth ``maximum``, rounded as the gradebook shows them."""
        return round(maximum * self.fraction, 2)


BLANK_MESSAGES: dict[Part, str] = {
    Part.DIAGNOZA: "Diagnoza nie zawiera żadnej potrzeby, więc ta część otrzymuje 0 pkt.",
    Part.KONTRAKT: "Kontrakt nie zawiera żadnego celu ani działania, więc ta część otrzymuje 0 pkt.",
    Part.INSTYTUCJE: "Kontrakt nie angażuje żadnej instytucji z Listy, więc ta część otrzymuje 0 pkt.",
    Part.UDOSTEPNIANIE: "Udostępnianie informacji ocenia się tylko na spotkaniu G-PZK, więc ta część otrzymuje 0 pkt.",
}


def is_blank(part: Part, diagnosis: Diagnosis, contract: Contract) -> bool:
    """Whether the trainee has built nothing that this part grades (then it earns nothing at all)."""
    if part in TEAM_PARTS:
        return True
    if part == Part.DIAGNOZA:
        return not diagnosis.needs
    if part == Part.KONTRAKT:
        return not contract.goals and not contract.actions
    return not any(a.institution_id for a in contract.actions)


def assess_part(report: FeedbackReport, part: Part, diagnosis: Diagnosis, contract: Contract) -> PartResult:
    """Sum the part's score items and explain each; never quote the expert reference."""
    if is_blank(part, diagnosis, contract):
        return PartResult(part, 0.0, (f"{PART_LABELS[part]}: {BLANK_MESSAGES[part]}",))
    items = [item for item in report.score.items if item.key in PART_ITEMS[part]]
    possible = sum(item.possible for item in items)
    earned = sum(item.earned for item in items)
    fraction = max(0.0, min(1.0, earned / possible)) if possible else 0.0
    lines = [f"{PART_LABELS[part]}: {_percent(fraction)} punktów tej części."]
    lines += [_item_line(item) for item in items if item.possible or item.earned]
    if part == Part.DIAGNOZA:
        lines += [f"• {n.message}" for n in report.needs if n.status != NeedStatus.TRAFIONA]
    else:
        lines += [f"• {f.message}" for f in report.findings if f.level != FindingLevel.WSKAZOWKA and _explains(part, f)]
    return PartResult(part, fraction, tuple(lines))


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def _item_line(item: ScoreItem) -> str:
    earned = f"{item.earned:g}".replace(".", ",").replace("-", "−")
    return f"– {item.label}: {earned} z {item.possible:g} pkt. {item.explanation}"


def _explains(part: Part, finding: Finding) -> bool:
    """Whether a finding belongs in a part's feedback, as its rule declares in the registry.

    The contract part lists every finding: its ``formal`` item counts every error.
    """
    return part == Part.KONTRAKT or rule_of(finding).part == part
