"""Feedback on a trainee's diagnosis and contract, against the case's expert reference.

The report says which needs were found, missed or added, where severity differs,
which sectors and levels the contract uses, what the rules found, and the score
with every point explained. Messages about missed needs point to the area and
the interview findings to reread, without quoting the reference solution.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .case import Case
from .codes import AREA_LABELS, LEVEL_LABELS, SECTOR_LABELS, SEVERITY_LABELS, Level, Sector
from .contract import Contract
from .diagnosis import Diagnosis
from .directory import ServiceDirectory
from .findings import Finding, sorted_findings
from .matching import NeedMatching, match_needs
from .rules import check_all
from .rules.context import RuleContext
from .scoring import Score, ScoringInputs, score
from .text import shorten


class NeedStatus(StrEnum):
    """How one need compares with the expert reference."""

    TRAFIONA = "trafiona"
    POMINIETA = "pominieta"
    NADMIAROWA = "nadmiarowa"


class NeedFeedback(BaseModel):
    """Feedback on one need: found, missed or extra, with a specific Polish message."""

    model_config = ConfigDict(frozen=True)

    status: NeedStatus
    trainee_need_id: str | None
    area: str
    severity_difference: int | None
    message: str


class FeedbackReport(BaseModel):
    """Everything a trainee learns from asking for feedback."""

    model_config = ConfigDict(frozen=True)

    case_id: str
    needs: tuple[NeedFeedback, ...]
    sectors_used: tuple[str, ...]
    sectors_in_reference: tuple[str, ...]
    levels_used: tuple[str, ...]
    levels_required: tuple[str, ...]
    findings: tuple[Finding, ...]
    score: Score

    @property
    def found(self) -> int:
        """Number of reference needs the trainee found."""
        return sum(1 for n in self.needs if n.status == NeedStatus.TRAFIONA)

    @property
    def missed(self) -> int:
        """Number of reference needs the trainee missed."""
        return sum(1 for n in self.needs if n.status == NeedStatus.POMINIETA)


def give_feedback(case: Case, directory: ServiceDirectory, diagnosis: Diagnosis, contract: Contract) -> FeedbackReport:
    """Compare a trainee's work with the case's expert reference; same inputs, same report."""
    reference = case.reference
    trainee_ctx = RuleContext(case, directory, diagnosis, contract)
    reference_ctx = RuleContext(case, directory, reference.diagnosis, reference.contract)
    findings = tuple(sorted_findings(check_all(case, directory, diagnosis, contract)))
    matching = match_needs(diagnosis, reference.diagnosis)
    result = score(ScoringInputs(matching, trainee_ctx, reference_ctx, findings))
    return FeedbackReport(
        case_id=case.id,
        needs=tuple(_need_feedback(matching)),
        sectors_used=_sector_labels(trainee_ctx.sectors_used()),
        sectors_in_reference=_sector_labels(reference_ctx.sectors_used()),
        levels_used=_level_labels(trainee_ctx.levels_used()),
        levels_required=_level_labels(set(case.required_levels)),
        findings=findings,
        score=result,
    )


def _need_feedback(matching: NeedMatching) -> list[NeedFeedback]:
    items: list[NeedFeedback] = []
    for match in matching.matches:
        own, ref = match.trainee, match.reference
        difference = int(own.severity) - int(ref.severity)
        message = f"Trafnie rozpoznana potrzeba {own.id} („{shorten(own.statement)}”)."
        if not match.same_area:
            message += f" Lepiej pasuje do obszaru „{AREA_LABELS[ref.area]}”."
        if difference >= 2:
            message += f" Pilność zawyżona: oceniono „{SEVERITY_LABELS[own.severity]}”, a sytuacja wskazuje na niższą."
        elif difference <= -2:
            message += (
                f" Pilność zaniżona: oceniono „{SEVERITY_LABELS[own.severity]}”, a sytuacja jest poważniejsza "
                f"(„{SEVERITY_LABELS[ref.severity]}”)."
            )
        items.append(
            NeedFeedback(
                status=NeedStatus.TRAFIONA,
                trainee_need_id=own.id,
                area=ref.area.value,
                severity_difference=difference,
                message=message,
            )
        )
    for ref in matching.missed:
        pointers = ", ".join(dict.fromkeys(e.finding_id for e in ref.evidence))  # each finding once, in order
        message = f"Pominięto potrzebę w obszarze „{AREA_LABELS[ref.area]}” (pilność: {SEVERITY_LABELS[ref.severity]})."
        if pointers:
            message += f" Wróć do ustaleń wywiadu: {pointers}."
        items.append(
            NeedFeedback(
                status=NeedStatus.POMINIETA,
                trainee_need_id=None,
                area=ref.area.value,
                severity_difference=None,
                message=message,
            )
        )
    for own in matching.spurious:
        grounded = (
            " Ma uzasadnienie w wywiadzie — upewnij się, że nie powtarza innej potrzeby."
            if own.evidence
            else (" Nie wskazuje też żadnego ustalenia wywiadu — sprawdź, czy wynika z sytuacji rodziny.")
        )
        items.append(
            NeedFeedback(
                status=NeedStatus.NADMIAROWA,
                trainee_need_id=own.id,
                area=own.area.value,
                severity_difference=None,
                message=f"Potrzeba {own.id} („{shorten(own.statement)}”) "
                "nie odpowiada potrzebom z rozwiązania wzorcowego." + grounded,
            )
        )
    return items


def _sector_labels(sectors: set[Sector]) -> tuple[str, ...]:
    return tuple(sorted(SECTOR_LABELS[s] for s in sectors))


def _level_labels(levels: set[Level]) -> tuple[str, ...]:
    return tuple(LEVEL_LABELS[lv] for lv in Level if lv in levels)
