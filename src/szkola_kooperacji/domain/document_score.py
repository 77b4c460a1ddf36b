"""The score of a document exercise: how many of the document's rules it meets, explained rule by rule.

A document (the cooperation agreement…) has no expert reference to compare with: each of its
declared rules is one criterion, met when the document has no finding of it. An error loses the
criterion, a warning half of it, a hint nothing (it only advises). The lines say which rules
were missed and how to fix them, in the words the trainee saw on the dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .findings import Finding, FindingLevel
from .rules.registry import Rule

LOSS: dict[FindingLevel, float] = {FindingLevel.BLAD: 1.0, FindingLevel.OSTRZEZENIE: 0.5, FindingLevel.WSKAZOWKA: 0.0}
"""Share of one criterion a finding of each level costs."""


@dataclass(frozen=True)
class DocumentScore:
    """A fraction of the points (0–1) and the Polish lines that explain it."""

    fraction: float
    lines: tuple[str, ...]

    def points(self, maximum: float) -> float:
        """Return the points out of ``maximum``, rounded to a half point."""
        return round(self.fraction * maximum * 2) / 2


def score_document(rules: Sequence[Rule], findings: Sequence[Finding]) -> DocumentScore:
    """Score a document by its rules: each rule is one criterion, lost by its worst finding."""
    lost: dict[str, float] = {}
    for finding in findings:
        lost[finding.code] = max(lost.get(finding.code, 0.0), LOSS[finding.level])
    scored = [r for r in rules if r.level is not FindingLevel.WSKAZOWKA]
    met = sum(1.0 - lost.get(r.code, 0.0) for r in scored)
    fraction = met / len(scored) if scored else 1.0
    full = sum(1 for r in scored if r.code not in lost)
    lines = [f"Spełnione w pełni zasady dobrego dokumentu: {full} z {len(scored)}."]
    lines += [f"– {f.message}" for f in findings if LOSS[f.level] > 0]
    lines += [f"Wskazówka (bez utraty punktów): {f.message}" for f in findings if LOSS[f.level] == 0]
    return DocumentScore(fraction, tuple(lines))
