"""Diagnosis rules: each need is stated, grounded in the interview and not repeated."""

from __future__ import annotations

from collections.abc import Iterator

from ..case import Case
from ..codes import AREA_LABELS, REPEALED_ART7, Art7Reason
from ..diagnosis import Diagnosis, Need
from ..findings import ElementKind, Finding, FindingLevel, need_at, section
from ..parts import Part, ScoreKey
from ..text import dice, fold, shorten, stems
from .registry import declare

DUPLICATE_SIMILARITY = 0.6
"""Two needs of one area whose statements share this much are probably the same need."""

DIAGNOSIS_EMPTY = declare(
    "diagnosis_empty", FindingLevel.BLAD, Part.DIAGNOZA, ScoreKey.NEEDS_FOUND, "Diagnoza bez potrzeb"
)
NEED_WITHOUT_STATEMENT = declare(
    "need_without_statement", FindingLevel.BLAD, Part.DIAGNOZA, ScoreKey.FORMAL, "Potrzeba bez opisu"
)
NEED_WITHOUT_EVIDENCE = declare(
    "need_without_evidence",
    FindingLevel.OSTRZEZENIE,
    Part.DIAGNOZA,
    ScoreKey.EVIDENCE,
    "Potrzeba bez uzasadnienia w wywiadzie",
)
EVIDENCE_UNKNOWN_FINDING = declare(
    "evidence_unknown_finding",
    FindingLevel.BLAD,
    Part.DIAGNOZA,
    ScoreKey.EVIDENCE,
    "Uzasadnienie wskazuje ustalenie spoza wywiadu",
)
EVIDENCE_QUOTE_NOT_FOUND = declare(
    "evidence_quote_not_found",
    FindingLevel.OSTRZEZENIE,
    Part.DIAGNOZA,
    ScoreKey.EVIDENCE,
    "Cytat nie występuje we wskazanym ustaleniu",
)
NEED_WITHOUT_ART7 = declare(
    "need_without_art7", FindingLevel.OSTRZEZENIE, Part.DIAGNOZA, ScoreKey.FORMAL, "Potrzeba bez przesłanki z art. 7"
)
ART7_REPEALED = declare(
    "art7_repealed", FindingLevel.BLAD, Part.DIAGNOZA, ScoreKey.FORMAL, "Uchylona przesłanka art. 7 pkt 10"
)
ART7_OTHER_UNEXPLAINED = declare(
    "art7_other_unexplained", FindingLevel.WSKAZOWKA, Part.DIAGNOZA, ScoreKey.FORMAL, "Przesłanka „inna” bez opisu"
)
NEED_UNKNOWN_MEMBER = declare(
    "need_unknown_member", FindingLevel.BLAD, Part.DIAGNOZA, ScoreKey.FORMAL, "Potrzeba dotyczy osób spoza rodziny"
)
NEED_UNKNOWN_STRENGTH = declare(
    "need_unknown_strength", FindingLevel.BLAD, Part.DIAGNOZA, ScoreKey.FORMAL, "Potrzeba wskazuje nieznane zasoby"
)
NEED_WITHOUT_STRENGTH = declare(
    "need_without_strength",
    FindingLevel.WSKAZOWKA,
    Part.DIAGNOZA,
    ScoreKey.EVIDENCE,
    "Potrzeba bez wskazanego zasobu rodziny",
)
NEED_DUPLICATE = declare(
    "need_duplicate", FindingLevel.OSTRZEZENIE, Part.DIAGNOZA, ScoreKey.SPURIOUS, "Dwie potrzeby opisują to samo"
)


def check_diagnosis(case: Case, diagnosis: Diagnosis) -> list[Finding]:
    """Return the findings of every diagnosis rule, in rule order."""
    if not diagnosis.needs:
        return [
            DIAGNOSIS_EMPTY.finding(
                section(ElementKind.POTRZEBY),
                "Diagnoza nie zawiera jeszcze żadnej potrzeby. Dodaj potrzeby rozpoznane w wywiadzie.",
            )
        ]
    findings: list[Finding] = []
    for need in diagnosis.needs:
        findings.extend(_check_need(case, need))
    findings.extend(_check_duplicates(diagnosis))
    return findings


def _check_need(case: Case, need: Need) -> Iterator[Finding]:
    element = need_at(need.id)
    if not need.statement:
        yield NEED_WITHOUT_STATEMENT.finding(
            element,
            f"Potrzeba {need.id} nie ma opisu. Opisz ją jednym zdaniem z perspektywy rodziny.",
        )
    if not need.evidence:
        yield NEED_WITHOUT_EVIDENCE.finding(
            element,
            (
                f"Potrzeba {need.id} nie ma uzasadnienia. Wskaż ustalenie z wywiadu (obserwację, "
                "wypowiedź klienta, dokument), na którym się opiera."
            ),
        )
    for evidence in need.evidence:
        finding = case.finding(evidence.finding_id)
        if finding is None:
            yield EVIDENCE_UNKNOWN_FINDING.finding(
                element,
                (f"Potrzeba {need.id} powołuje się na ustalenie {evidence.finding_id}, którego nie ma w wywiadzie."),
            )
        elif evidence.quote and " ".join(fold(evidence.quote).split()) not in " ".join(fold(finding.text).split()):
            yield EVIDENCE_QUOTE_NOT_FOUND.finding(
                element,
                (
                    f"Potrzeba {need.id}: cytat „{shorten(evidence.quote)}” nie występuje w ustaleniu "
                    f"{finding.id}. Skopiuj dokładne słowa z wywiadu."
                ),
            )
    if not need.art7:
        yield NEED_WITHOUT_ART7.finding(
            element,
            f"Potrzeba {need.id} nie wskazuje przesłanki z art. 7 ustawy o pomocy społecznej.",
        )
    for reason in need.art7:
        if reason in REPEALED_ART7:
            yield ART7_REPEALED.finding(
                element,
                f"Potrzeba {need.id}: przesłanka art. 7 pkt 10 jest uchylona. Wybierz aktualną przesłankę.",
            )
    if Art7Reason.INNY in need.art7 and Art7Reason.INNY not in case.art7 and not case.art7_other:
        yield ART7_OTHER_UNEXPLAINED.finding(
            element,
            f"Potrzeba {need.id}: przy przesłance „inna” opisz w treści potrzeby, na czym polega trudność.",
        )
    unknown_members = sorted(set(need.member_ids) - {m.id for m in case.members})
    if unknown_members:
        yield NEED_UNKNOWN_MEMBER.finding(
            element,
            f"Potrzeba {need.id} dotyczy osób spoza rodziny: {', '.join(unknown_members)}.",
        )
    unknown_strengths = sorted(set(need.strength_ids) - {s.id for s in case.strengths})
    if unknown_strengths:
        yield NEED_UNKNOWN_STRENGTH.finding(
            element,
            f"Potrzeba {need.id} wskazuje zasoby, których nie ma w przypadku: {', '.join(unknown_strengths)}.",
        )
    if not need.strength_ids:
        yield NEED_WITHOUT_STRENGTH.finding(
            element,
            f"Potrzeba {need.id}: wskaż zasób rodziny, który pomoże ją zaspokoić.",
        )


def _check_duplicates(diagnosis: Diagnosis) -> Iterator[Finding]:
    needs = diagnosis.needs
    for index, first in enumerate(needs):
        for second in needs[index + 1 :]:
            if first.area != second.area:
                continue
            similarity = dice(stems(first.statement), stems(second.statement))
            if similarity >= DUPLICATE_SIMILARITY or (not first.statement and not second.statement):
                yield NEED_DUPLICATE.finding(
                    need_at(second.id),
                    (
                        f"Potrzeby {first.id} i {second.id} w obszarze „{AREA_LABELS[first.area]}” "
                        "opisują to samo. Połącz je w jedną potrzebę."
                    ),
                )
