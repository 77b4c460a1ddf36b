"""The transparent score: every point of the 100 is an item with a Polish explanation.

Weights live in one table (``WEIGHTS``) so trainers can read what counts. The
score depends only on its inputs; nothing random or time-based enters it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from .codes import CLIENT_SIDE, SECTOR_LABELS, Sector
from .findings import Finding, errors
from .matching import NeedMatching
from .rules.context import RuleContext

WEIGHTS: dict[str, float] = {
    "needs_found": 24,
    "severity": 8,
    "evidence": 8,
    "coverage": 12,
    "institutions": 10,
    "sectors": 10,
    "levels": 6,
    "measurable": 6,
    "obligations": 6,
    "schedule": 6,
    "formal": 4,
}
"""Points per item; they add up to 100. Diagnosis 40, contract 60."""

SPURIOUS_PENALTY = 1.0
SPURIOUS_PENALTY_CAP = 4.0
INSTITUTION_CODES = frozenset(
    {"action_unknown_institution", "action_service_missing", "action_unknown_service", "action_service_not_for_client"}
)


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


def _item(key: str, label: str, fraction: float, explanation: str) -> ScoreItem:
    possible = WEIGHTS[key]
    return ScoreItem(
        key=key,
        label=label,
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
            "needs_found",
            "Rozpoznane potrzeby",
            found_weight / ref_weight,
            f"Rozpoznane potrzeby z rozwiązania wzorcowego: {len(matching.matches)} z {n_ref} "
            "(ważniejsze potrzeby liczą się bardziej).",
        )
    ]
    agreement = sum(1 - abs(int(m.trainee.severity) - int(m.reference.severity)) / 3 for m in matching.matches)
    off = sum(1 for m in matching.matches if abs(int(m.trainee.severity) - int(m.reference.severity)) >= 2)
    items.append(
        _item(
            "severity",
            "Trafność oceny ważności",
            agreement / (n_ref or 1),
            f"Ważność zgodna lub różna o 1 stopień: {len(matching.matches) - off}; różna o 2 stopnie lub więcej: "
            f"{off}; potrzeby pominięte dają 0 pkt.",
        )
    )
    own_needs = inputs.trainee.diagnosis.needs
    grounded = [n for n in own_needs if any(inputs.trainee.case.finding(e.finding_id) for e in n.evidence)]
    items.append(
        _item(
            "evidence",
            "Uzasadnienie w wywiadzie",
            len(grounded) / len(own_needs) if own_needs else 0.0,
            f"Potrzeby z dowodem z wywiadu: {len(grounded)} z {len(own_needs)}.",
        )
    )
    penalty = min(SPURIOUS_PENALTY_CAP, SPURIOUS_PENALTY * len(matching.spurious))
    items.append(
        ScoreItem(
            key="spurious",
            label="Potrzeby spoza rozwiązania wzorcowego",
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
            "coverage",
            "Potrzeby objęte celami i działaniami",
            len(covered) / n_ref,
            f"Potrzeby wzorcowe, które mają w kontrakcie cel z działaniem: {len(covered)} z {n_ref}.",
        )
    ]
    with_institution = [a for a in contract.actions if a.institution_id is not None]
    wrong = {f.element for f in inputs.findings if f.code in INSTITUTION_CODES}
    right = [a for a in with_institution if f"działania[{a.id}]" not in wrong]
    items.append(
        _item(
            "institutions",
            "Instytucje właściwe dla usług",
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
            "levels",
            "Poziomy współpracy",
            len(present) / len(required) if required else 1.0,
            f"Wymagane poziomy współpracy obecne w kontrakcie: {len(present)} z {len(required)} "
            f"({', '.join(lv.value for lv in required)}).",
        )
    )
    measurable = [g for g in contract.goals if g.indicator and g.target]
    items.append(
        _item(
            "measurable",
            "Mierzalne cele",
            len(measurable) / len(contract.goals) if contract.goals else 0.0,
            f"Cele ze wskaźnikiem i wartością docelową: {len(measurable)} z {len(contract.goals)}.",
        )
    )
    items.append(_obligations_item(inputs))
    items.append(_schedule_item(inputs))
    n_errors = len(errors(list(inputs.findings)))
    items.append(
        _item(
            "formal",
            "Kompletność formalna",
            1 - n_errors / WEIGHTS["formal"],
            "Brak błędów w diagnozie i kontrakcie."
            if n_errors == 0
            else f"Błędy w diagnozie i kontrakcie: {n_errors} (−1 pkt za każdy).",
        )
    )
    return items


def _other_sectors(ctx: RuleContext) -> set[Sector]:
    return ctx.sectors_used() - {Sector.POMOC_SPOLECZNA}


def _sectors_item(inputs: ScoringInputs) -> ScoreItem:
    own = _other_sectors(inputs.trainee)
    expected = _other_sectors(inputs.reference)
    needed = max(2, len(expected))
    missing = sorted(SECTOR_LABELS[s] for s in expected - own)
    explanation = f"Sektory poza pomocą społeczną: {len(own)} (oczekiwano co najmniej {needed})."
    if missing:
        explanation += f" Nie wykorzystano m.in.: {', '.join(missing)}."
    return _item("sectors", "Współpraca sektorów", len(own) / needed, explanation)


def _obligations_item(inputs: ScoringInputs) -> ScoreItem:
    contract = inputs.trainee.contract
    client_actions = [a for a in contract.actions if a.responsible in CLIENT_SIDE]
    goals_with_actions = [g for g in contract.goals if contract.actions_for_goal(g.id)]
    every_goal = all(
        any(a.responsible in CLIENT_SIDE for a in contract.actions_for_goal(g.id)) for g in goals_with_actions
    )
    if len(client_actions) >= 2 and every_goal and goals_with_actions:
        fraction, why = 1.0, "Rodzina ma własne zobowiązania w każdym celu."
    elif client_actions:
        fraction, why = 0.5, (f"Zobowiązania rodziny: {len(client_actions)}, ale nie w każdym celu (albo tylko jedno).")
    else:
        fraction, why = 0.0, "Kontrakt nie zawiera zobowiązań klienta ani rodziny."
    return _item("obligations", "Zobowiązania klienta", fraction, why)


def _schedule_item(inputs: ScoringInputs) -> ScoreItem:
    contract = inputs.trainee.contract
    start, end = contract.period_start, contract.period_end
    if start is None or end is None or end <= start:
        return _item("schedule", "Terminy i przeglądy", 0.0, "Brak poprawnego okresu obowiązywania kontraktu.")
    dates = [d for a in contract.actions for d in (a.start, a.due) if d is not None]
    dates += [g.due for g in contract.goals if g.due is not None]
    dates += [r.date for r in contract.reviews]
    inside = [d for d in dates if start <= d <= end]
    dates_part = len(inside) / len(dates) if dates else 0.0
    gaps = any(f.code == "review_gap_too_long" for f in inputs.findings)
    reviews_part = 0.0 if not contract.reviews else (0.5 if gaps else 1.0)
    explanation = f"Daty w okresie kontraktu: {len(inside)} z {len(dates)}; " + (
        "przeglądy zaplanowane regularnie."
        if reviews_part == 1.0
        else "przeglądy są, ale z przerwą dłuższą niż 3 miesiące."
        if reviews_part
        else "brak zaplanowanych przeglądów."
    )
    return _item("schedule", "Terminy i przeglądy", (dates_part + reviews_part) / 2, explanation)
