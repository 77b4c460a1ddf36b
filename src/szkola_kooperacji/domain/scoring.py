"""The transparent score: every point of the 100 is an item with a Polish explanation.

Weights live in one table (``WEIGHTS``) so trainers can read what counts. The
score depends only on its inputs; nothing random or time-based enters it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from .codes import CLIENT_SIDE, SECTOR_LABELS
from .findings import ElementKind, Finding, FindingLevel, errors
from .matching import NeedMatching
from .parts import SCORE_LABELS, ScoreKey
from .rules.context import RuleContext
from .rules.registry import rule_of
from .rules.schedule import REVIEW_GAP_TOO_LONG

WEIGHTS: dict[ScoreKey, float] = {
    ScoreKey.NEEDS_FOUND: 24,
    ScoreKey.SEVERITY: 8,
    ScoreKey.EVIDENCE: 8,
    ScoreKey.COVERAGE: 12,
    ScoreKey.INSTITUTIONS: 10,
    ScoreKey.SECTORS: 10,
    ScoreKey.LEVELS: 6,
    ScoreKey.MEASURABLE: 6,
    ScoreKey.OBLIGATIONS: 6,
    ScoreKey.SCHEDULE: 6,
    ScoreKey.FORMAL: 4,
}
"""Points per item; they add up to 100. Diagnosis 40, contract 60 (``spurious`` only takes points away)."""

SPURIOUS_PENALTY = 1.0
SPURIOUS_PENALTY_CAP = 4.0


class ScoreItem(BaseModel):
    """One line of the score: what was assessed, points earned of possible, and why."""

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    earned: float
    possible: float
    explanation: str


class Score(BaseModel):
    """The whole score with its items; ``total`` is their sum, kept within 0…``maximum``."""

    model_config = ConfigDict(frozen=True)

    items: tuple[ScoreItem, ...]
    total: float
    maximum: float


@dataclass(frozen=True)
class ScoringInputs:
    """Everything the scorer reads, computed once by the feedback module."""

    matching: NeedMatching
    trainee: RuleContext
    reference: RuleContext
    findings: tuple[Finding, ...]


def _item(key: ScoreKey, fraction: float, explanation: str) -> ScoreItem:
    possible = WEIGHTS[key]
    return ScoreItem(
        key=key,
        label=SCORE_LABELS[key],
        earned=round(possible * max(0.0, min(1.0, fraction)), 1),
        possible=possible,
        explanation=explanation,
    )


def score(inputs: ScoringInputs) -> Score:
    """Compute every score item and their total."""
    items = [
        *_diagnosis_items(inputs),
        *_contract_items(inputs),
    ]
    maximum = float(sum(WEIGHTS.values()))
    total = round(max(0.0, min(maximum, sum(i.earned for i in items))), 1)
    return Score(items=tuple(items), total=total, maximum=maximum)


def _diagnosis_items(inputs: ScoringInputs) -> list[ScoreItem]:
    matching, reference = inputs.matching, inputs.reference.diagnosis
    ref_weight = sum(int(n.severity) for n in reference.needs) or 1
    found_weight = sum(int(m.reference.severity) for m in matching.matches)
    n_ref = len(reference.needs)
    items = [
        _item(
            ScoreKey.NEEDS_FOUND,
            found_weight / ref_weight,
            f"Rozpoznane potrzeby z rozwiązania wzorcowego: {len(matching.matches)} z {n_ref} "
            "(pilniejsze potrzeby liczą się bardziej).",
        )
    ]
    agreement = sum(1 - abs(int(m.trainee.severity) - int(m.reference.severity)) / 3 for m in matching.matches)
    off = sum(1 for m in matching.matches if abs(int(m.trainee.severity) - int(m.reference.severity)) >= 2)
    items.append(
        _item(
            ScoreKey.SEVERITY,
            agreement / (n_ref or 1),
            f"Pilność zgodna lub różna o 1 stopień: {len(matching.matches) - off}; różna o 2 stopnie lub więcej: "
            f"{off}; potrzeby pominięte dają 0 pkt.",
        )
    )
    own_needs = inputs.trainee.diagnosis.needs
    grounded = [n for n in own_needs if any(inputs.trainee.case.finding(e.finding_id) for e in n.evidence)]
    items.append(
        _item(
            ScoreKey.EVIDENCE,
            len(grounded) / len(own_needs) if own_needs else 0.0,
            f"Potrzeby z dowodem z wywiadu: {len(grounded)} z {len(own_needs)}.",
        )
    )
    penalty = min(SPURIOUS_PENALTY_CAP, SPURIOUS_PENALTY * len(matching.spurious))
    items.append(
        ScoreItem(
            key=ScoreKey.SPURIOUS,
            label=SCORE_LABELS[ScoreKey.SPURIOUS],
            earned=-penalty if penalty else 0.0,
            possible=0,
            explanation=(
                f"Potrzeby bez odpowiednika we wzorcu: {len(matching.spurious)} "
                f"(−{SPURIOUS_PENALTY:g} pkt za każdą, najwyżej −{SPURIOUS_PENALTY_CAP:g})."
                if matching.spurious
                else "Każda potrzeba odpowiada potrzebie wzorcowej: bez potrąceń."
            ),
        )
    )
    return items


def _contract_items(inputs: ScoringInputs) -> list[ScoreItem]:
    ctx, matching = inputs.trainee, inputs.matching
    contract = ctx.contract
    n_ref = len(inputs.reference.diagnosis.needs) or 1
    covered = [
        m
        for m in matching.matches
        if any(m.trainee.id in g.need_ids and contract.actions_for_goal(g.id) for g in contract.goals)
    ]
    items = [
        _item(
            ScoreKey.COVERAGE,
            len(covered) / n_ref,
            f"Potrzeby wzorcowe, które mają w kontrakcie cel z działaniem: {len(covered)} z {n_ref}.",
        )
    ]
    with_institution = [a for a in contract.actions if a.institution_id is not None]
    wrong = {
        f.location.id
        for f in inputs.findings
        if rule_of(f).category == ScoreKey.INSTITUTIONS
        and f.level == FindingLevel.BLAD
        and f.location.kind == ElementKind.DZIALANIA
    }
    right = [a for a in with_institution if a.id not in wrong]
    items.append(
        _item(
            ScoreKey.INSTITUTIONS,
            len(right) / len(with_institution) if with_institution else 0.0,
            f"Działania z instytucją z Listy, która oferuje tę usługę właściwej osobie: "
            f"{len(right)} z {len(with_institution)}.",
        )
    )
    items.append(_sectors_item(inputs))
    required = ctx.case.required_levels
    levels = ctx.levels_used()
    present = [lv for lv in required if lv in levels]
    items.append(
        _item(
            ScoreKey.LEVELS,
            len(present) / len(required) if required else 1.0,
            f"Wymagane poziomy współpracy obecne w kontrakcie: {len(present)} z {len(required)} "
            f"({', '.join(lv.value for lv in required)}).",
        )
    )
    measurable = [g for g in contract.goals if g.indicator and g.target]
    items.append(
        _item(
            ScoreKey.MEASURABLE,
            len(measurable) / len(contract.goals) if contract.goals else 0.0,
            f"Cele ze wskaźnikiem i wartością docelową: {len(measurable)} z {len(contract.goals)}.",
        )
    )
    items.append(_obligations_item(inputs))
    items.append(_schedule_item(inputs))
    n_errors = len(errors(list(inputs.findings)))
    items.append(
        _item(
            ScoreKey.FORMAL,
            1 - n_errors / WEIGHTS[ScoreKey.FORMAL],
            "Brak błędów w diagnozie i kontrakcie."
            if n_errors == 0
            else f"Błędy w diagnozie i kontrakcie: {n_errors} (−1 pkt za każdy).",
        )
    )
    return items


def _sectors_item(inputs: ScoringInputs) -> ScoreItem:
    own = inputs.trainee.sectors_besides_social_assistance()
    expected = inputs.reference.sectors_besides_social_assistance()
    needed = max(2, len(expected))
    missing = sorted(SECTOR_LABELS[s] for s in expected - own)
    explanation = f"Sektory poza pomocą społeczną: {len(own)} (oczekiwano co najmniej {needed})."
    if missing:
        explanation += f" Nie wykorzystano m.in.: {', '.join(missing)}."
    return _item(ScoreKey.SECTORS, len(own) / needed, explanation)


def _obligations_item(inputs: ScoringInputs) -> ScoreItem:
    contract = inputs.trainee.contract
    client_actions = [a for a in contract.actions if a.responsible in CLIENT_SIDE]
    # a goal about the behaviour of a person using violence carries no obligation of the family
    goals_with_actions = [
        g
        for g in contract.goals
        if contract.actions_for_goal(g.id) and not inputs.trainee.aims_at_person_using_violence(g)
    ]
    every_goal = all(
        any(a.responsible in CLIENT_SIDE for a in contract.actions_for_goal(g.id)) for g in goals_with_actions
    )
    if len(client_actions) >= 2 and every_goal and goals_with_actions:
        fraction, why = 1.0, "Rodzina ma własne zobowiązania w każdym celu."
    elif client_actions:
        fraction, why = 0.5, (f"Zobowiązania rodziny: {len(client_actions)}, ale nie w każdym celu (albo tylko jedno).")
    else:
        fraction, why = 0.0, "Kontrakt nie zawiera zobowiązań klienta ani rodziny."
    return _item(ScoreKey.OBLIGATIONS, fraction, why)


def _schedule_item(inputs: ScoringInputs) -> ScoreItem:
    contract = inputs.trainee.contract
    start, end = contract.period_start, contract.period_end
    if start is None or end is None or end <= start:
        return _item(ScoreKey.SCHEDULE, 0.0, "Brak poprawnego okresu obowiązywania kontraktu.")
    dates = [d for a in contract.actions for d in (a.start, a.due) if d is not None]
    dates += [g.due for g in contract.goals if g.due is not None]
    dates += [r.date for r in contract.reviews]
    inside = [d for d in dates if start <= d <= end]
    dates_part = len(inside) / len(dates) if dates else 0.0
    gaps = any(f.code == REVIEW_GAP_TOO_LONG.code for f in inputs.findings)
    reviews_part = 0.0 if not contract.reviews else (0.5 if gaps else 1.0)
    explanation = f"Daty w okresie kontraktu: {len(inside)} z {len(dates)}; " + (
        "przeglądy zaplanowane regularnie."
        if reviews_part == 1.0
        else "przeglądy są, ale z przerwą dłuższą niż 3 miesiące."
        if reviews_part
        else "brak zaplanowanych przeglądów."
    )
    return _item(ScoreKey.SCHEDULE, (dates_part + reviews_part) / 2, explanation)
