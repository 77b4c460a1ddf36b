"""Graded parts of a trainee's work and the score items each part sums.

Kept apart from scoring and assessment so that the rule registry, the scorer and
the assessment can all name a part or a score item without importing each other.
"""

from __future__ import annotations

from enum import StrEnum


class Part(StrEnum):
    """A part of a trainee's work that an exercise grades on its own."""

    DIAGNOZA = "diagnoza"
    KONTRAKT = "kontrakt"
    INSTYTUCJE = "instytucje"
    UDOSTEPNIANIE = "udostepnianie"
    """Sharing information in a G-PZK role-play: judged per session, never in one trainee's own draft."""
    POROZUMIENIE = "porozumienie"
    """The gmina–powiat cooperation agreement: a document exercise, judged by ``rules.agreement``."""
    PROJEKT_SOCJALNY = "projekt_socjalny"
    """A group social project: a document exercise, judged by ``rules.social_project``."""
    PROTOKOL_GPZK = "protokol_gpzk"
    """The minutes of a G-PZK meeting on a case: a document exercise, judged by ``rules.minutes``."""


class ScoreKey(StrEnum):
    """One item of the 100-point score; a rule names the item its subject belongs to."""

    NEEDS_FOUND = "needs_found"
    SEVERITY = "severity"
    EVIDENCE = "evidence"
    SPURIOUS = "spurious"
    COVERAGE = "coverage"
    INSTITUTIONS = "institutions"
    SECTORS = "sectors"
    LEVELS = "levels"
    MEASURABLE = "measurable"
    OBLIGATIONS = "obligations"
    SCHEDULE = "schedule"
    FORMAL = "formal"
    SHARING = "sharing"
    DOCUMENT = "document"


SCORE_LABELS: dict[ScoreKey, str] = {
    ScoreKey.NEEDS_FOUND: "Rozpoznane potrzeby",
    ScoreKey.SEVERITY: "Trafność oceny pilności",
    ScoreKey.EVIDENCE: "Uzasadnienie w wywiadzie",
    ScoreKey.SPURIOUS: "Potrzeby spoza rozwiązania wzorcowego",
    ScoreKey.COVERAGE: "Potrzeby objęte celami i działaniami",
    ScoreKey.INSTITUTIONS: "Instytucje właściwe dla usług",
    ScoreKey.SECTORS: "Współpraca sektorów",
    ScoreKey.LEVELS: "Poziomy współpracy",
    ScoreKey.MEASURABLE: "Mierzalne cele",
    ScoreKey.OBLIGATIONS: "Zobowiązania klienta",
    ScoreKey.SCHEDULE: "Terminy i przeglądy",
    ScoreKey.FORMAL: "Kompletność formalna",
    ScoreKey.SHARING: "Udostępnianie informacji zgodnie z prawem",
    ScoreKey.DOCUMENT: "Treść dokumentu",
}
"""What a trainee reads for each score item."""

PART_ITEMS: dict[Part, frozenset[ScoreKey]] = {
    Part.DIAGNOZA: frozenset({ScoreKey.NEEDS_FOUND, ScoreKey.SEVERITY, ScoreKey.EVIDENCE, ScoreKey.SPURIOUS}),
    Part.KONTRAKT: frozenset(
        {ScoreKey.COVERAGE, ScoreKey.MEASURABLE, ScoreKey.OBLIGATIONS, ScoreKey.SCHEDULE, ScoreKey.FORMAL}
    ),
    Part.INSTYTUCJE: frozenset({ScoreKey.INSTITUTIONS, ScoreKey.SECTORS, ScoreKey.LEVELS}),
    Part.UDOSTEPNIANIE: frozenset({ScoreKey.SHARING}),
    Part.POROZUMIENIE: frozenset({ScoreKey.DOCUMENT}),
    Part.PROJEKT_SOCJALNY: frozenset({ScoreKey.DOCUMENT}),
    Part.PROTOKOL_GPZK: frozenset({ScoreKey.DOCUMENT}),
}

PART_LABELS: dict[Part, str] = {
    Part.DIAGNOZA: "Diagnoza potrzeb",
    Part.KONTRAKT: "Kontrakt socjalny: cele, działania, zobowiązania i terminy",
    Part.INSTYTUCJE: "Dobór instytucji: sektory i poziomy współpracy",
    Part.UDOSTEPNIANIE: "Udostępnianie informacji w zespole (odgrywanie ról G-PZK)",
    Part.POROZUMIENIE: "Porozumienie o współpracy gminy i powiatu",
    Part.PROJEKT_SOCJALNY: "Projekt socjalny dla grupy",
    Part.PROTOKOL_GPZK: "Protokół ze spotkania G-PZK",
}

TEAM_PARTS: frozenset[Part] = frozenset({Part.UDOSTEPNIANIE})
"""Parts judged only in a team session (G-PZK role-play); an exercise on one trainee's draft never grades them."""

DOCUMENT_PARTS: frozenset[Part] = frozenset({Part.POROZUMIENIE, Part.PROJEKT_SOCJALNY, Part.PROTOKOL_GPZK})
"""Parts that grade a document exercise (its own JSON, its own rules), not a case's diagnosis and contract."""
