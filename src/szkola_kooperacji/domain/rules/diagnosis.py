"""Diagnosis rules: each need is stated, grounded in the interview and not repeated."""

from __future__ import annotations

from collections.abc import Iterator

from ..case import Case
from ..codes import AREA_LABELS, REPEALED_ART7, Art7Reason
from ..diagnosis import Diagnosis, Need
from ..findings import Finding, FindingLevel
from ..text import dice, fold, shorten, stems

DUPLICATE_SIMILARITY = 0.6
"""Two needs of one area whose statements share this much are probably the same need."""


def check_diagnosis(case: Case, diagnosis: Diagnosis) -> list[Finding]:
    """Return the findings of every diagnosis rule, in rule order."""
    if not diagnosis.needs:
        return [
            Finding(
                code="diagnosis_empty",
                level=FindingLevel.BLAD,
                message="Diagnoza nie zawiera jeszcze żadnej potrzeby. Dodaj potrzeby rozpoznane w wywiadzie.",
                element="potrzeby",
            )
        ]
    findings: list[Finding] = []
    for need in diagnosis.needs:
        findings.extend(_check_need(case, need))
    findings.extend(_check_duplicates(diagnosis))
    return findings


def _check_need(case: Case, need: Need) -> Iterator[Finding]:
    element = f"potrzeby[{need.id}]"
    if not need.statement:
        yield Finding(
            code="need_without_statement",
            level=FindingLevel.BLAD,
            message=f"Potrzeba {need.id} nie ma opisu. Opisz ją jednym zdaniem z perspektywy rodziny.",
            element=element,
        )
    if not need.evidence:
        yield Finding(
            code="need_without_evidence",
            level=FindingLevel.OSTRZEZENIE,
            message=(
                f"Potrzeba {need.id} nie ma uzasadnienia. Wskaż ustalenie z wywiadu (obserwację, "
                "wypowiedź klienta, dokument), na którym się opiera."
            ),
            element=element,
        )
    for evidence in need.evidence:
        finding = case.finding(evidence.finding_id)
        if finding is None:
            yield Finding(
                code="evidence_unknown_finding",
                level=FindingLevel.BLAD,
                message=(
                    f"Potrzeba {need.id} powołuje się na ustalenie {evidence.finding_id}, którego nie ma w wywiadzie."
                ),
                element=element,
            )
        elif evidence.quote and " ".join(fold(evidence.quote).split()) not in " ".join(fold(finding.text).split()):
            yield Finding(
                code="evidence_quote_not_found",
                level=FindingLevel.OSTRZEZENIE,
                message=(
                    f"Potrzeba {need.id}: cytat „{shorten(evidence.quote)}” nie występuje w ustaleniu "
                    f"{finding.id}. Skopiuj dokładne słowa z wywiadu."
                ),
                element=element,
            )
    if not need.art7:
        yield Finding(
            code="need_without_art7",
            level=FindingLevel.OSTRZEZENIE,
            message=f"Potrzeba {need.id} nie wskazuje przesłanki z art. 7 ustawy o pomocy społecznej.",
            element=element,
        )
    for reason in need.art7:
        if reason in REPEALED_ART7:
            yield Finding(
                code="art7_repealed",
                level=FindingLevel.BLAD,
                message=f"Potrzeba {need.id}: przesłanka art. 7 pkt 10 jest uchylona. Wybierz aktualną przesłankę.",
                element=element,
            )
    if Art7Reason.INNY in need.art7 and Art7Reason.INNY not in case.art7 and not case.art7_other:
        yield Finding(
            code="art7_other_unexplained",
            level=FindingLevel.WSKAZOWKA,
            message=f"Potrzeba {need.id}: przy przesłance „inna” opisz w treści potrzeby, na czym polega trudność.",
            element=element,
        )
    unknown_members = sorted(set(need.member_ids) - {m.id for m in case.members})
    if unknown_members:
        yield Finding(
            code="need_unknown_member",
            level=FindingLevel.BLAD,
            message=f"Potrzeba {need.id} dotyczy osób spoza rodziny: {', '.join(unknown_members)}.",
            element=element,
        )
    unknown_strengths = sorted(set(need.strength_ids) - {s.id for s in case.strengths})
    if unknown_strengths:
        yield Finding(
            code="need_unknown_strength",
            level=FindingLevel.BLAD,
            message=f"Potrzeba {need.id} wskazuje zasoby, których nie ma w przypadku: {', '.join(unknown_strengths)}.",
            element=element,
        )
    if not need.strength_ids:
        yield Finding(
            code="need_without_strength",
            level=FindingLevel.WSKAZOWKA,
            message=f"Potrzeba {need.id}: wskaż zasób rodziny, który pomoże ją zaspokoić.",
            element=element,
        )


def _check_duplicates(diagnosis: Diagnosis) -> Iterator[Finding]:
    needs = diagnosis.needs
    for index, first in enumerate(needs):
        for second in needs[index + 1 :]:
            if first.area != second.area:
                continue
            similarity = dice(stems(first.statement), stems(second.statement))
            if similarity >= DUPLICATE_SIMILARITY or (not first.statement and not second.statement):
                yield Finding(
                    code="need_duplicate",
                    level=FindingLevel.OSTRZEZENIE,
                    message=(
                        f"Potrzeby {first.id} i {second.id} w obszarze „{AREA_LABELS[first.area]}” "
                        "opisują to samo. Połącz je w jedną potrzebę."
                    ),
                    element=f"potrzeby[{second.id}]",
                )
