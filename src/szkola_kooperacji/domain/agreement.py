"""The gmina–powiat cooperation agreement (porozumienie o współpracy) a trainee drafts.

In the Model Kooperacji the G-PZK exists because a gmina and its powiat agreed to it:
the agreement names the parties and the units that carry it out (OPS for the gmina,
PCPR for the powiat), what they do together, who sits in the team and how it meets,
on what legal basis information travels, who coordinates, for how long, and who signs.
The model holds what the trainee typed; every judgement is in ``rules.agreement``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from .base import DomainModel, LongText, ShortText
from .codes import LEVEL_LABELS, SECTOR_LABELS, Level, Sector
from .document import Document, DocumentPlace, Outline, lines

MAX_ROWS = 30
"""Rows of one list in the agreement (team members, scope items…): far above a real agreement."""


class InfoBasis(StrEnum):
    """Grounds on which the agreement lets team members share a family's information."""

    ZGODA = "zgoda"
    NIEBIESKIE_KARTY = "niebieskie_karty"
    DANE_ZBIORCZE = "dane_zbiorcze"
    POUFNOSC = "poufnosc"


INFO_BASIS_LABELS: dict[InfoBasis, str] = {
    InfoBasis.ZGODA: (
        "pisemna, świadoma zgoda osoby lub rodziny, z wymienionymi instytucjami i celem "
        "(art. 6 ust. 1 lit. a i art. 9 ust. 2 lit. a RODO)"
    ),
    InfoBasis.NIEBIESKIE_KARTY: (
        "ustawa o przeciwdziałaniu przemocy domowej, art. 9c — tylko w procedurze „Niebieskie Karty”, "
        "w zespole interdyscyplinarnym lub grupie diagnostyczno-pomocowej"
    ),
    InfoBasis.DANE_ZBIORCZE: "wymiana danych zbiorczych lub zanonimizowanych (bez danych osobowych)",
    InfoBasis.POUFNOSC: (
        "obowiązek zachowania tajemnicy: art. 100 ustawy o pomocy społecznej i oświadczenia "
        "o poufności członków zespołu"
    ),
}
"""What the trainee ticks; the legal references are those of the domain brief (information_sharing.md)."""


class Party(DomainModel):
    """A party to the agreement: a gmina or the powiat, and the unit that carries out its part."""

    level: Literal[Level.GMINA, Level.POWIAT]
    name: ShortText = Field("", description="Np. „Gmina Żurawiec”, „Powiat Jarzębiński”.")
    unit: ShortText = Field("", description="Jednostka realizująca: OPS/GOPS gminy, PCPR powiatu.")
    coordinator: ShortText = Field("", description="Koordynator ze strony tej strony porozumienia (funkcja).")
    signatories: list[ShortText] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Kto podpisuje w imieniu strony (funkcje)."
    )


class TeamMember(DomainModel):
    """One institution in the G-PZK named by the agreement."""

    institution: ShortText = ""
    sector: Sector = Sector.POMOC_SPOLECZNA
    level: Level = Level.GMINA


class CooperationAgreement(Document):
    """A trainee's draft of a porozumienie o współpracy between one gmina and its powiat."""

    schema_version: Literal[1] = 1
    kind: Literal["porozumienie"] = "porozumienie"
    parties: list[Party] = Field(
        default_factory=lambda: [Party(level=Level.GMINA), Party(level=Level.POWIAT)], max_length=6
    )
    purpose: LongText = Field("", description="Cel porozumienia.")
    scope: list[ShortText] = Field(default_factory=list, max_length=MAX_ROWS, description="Zakres wspólnych działań.")
    team: list[TeamMember] = Field(default_factory=list, max_length=MAX_ROWS, description="Skład G-PZK.")
    meetings: LongText = Field("", description="Zasady spotkań zespołu: jak często, kto zwołuje, jak zapada decyzja.")
    information: LongText = Field("", description="Jakie informacje zespół wymienia i w jakim celu.")
    info_bases: list[InfoBasis] = Field(default_factory=list, max_length=len(InfoBasis))
    starts: dt.date | None = None
    ends: dt.date | None = None
    evaluation: LongText = Field("", description="Jak i kiedy strony ocenią współpracę.")

    def party(self, level: Level) -> Party | None:
        """Return the first party of a level (the gmina, the powiat), if the agreement has one."""
        return next((p for p in self.parties if p.level == level), None)

    def texts(self) -> list[str]:
        """Every text the trainee typed, for checks that look at all of them (personal data)."""
        found = [self.purpose, self.meetings, self.information, self.evaluation, *self.scope]
        for party in self.parties:
            found += [party.name, party.unit, party.coordinator, *party.signatories]
        found += [m.institution for m in self.team]
        return [t for t in found if t]

    def outline(self) -> Outline:
        """Return the agreement section by section, as the trainer reads it in the formgrader."""
        period = f"{self.starts:%d.%m.%Y} – {self.ends:%d.%m.%Y}" if self.starts and self.ends else ""
        return [
            ("strony", [(LEVEL_LABELS[p.level], f"{p.name} — wykonuje: {p.unit}") for p in self.parties]),
            ("cel", [("cel", self.purpose)]),
            ("zakres", lines(self.scope)),
            ("zespol", [(m.institution, f"{SECTOR_LABELS[m.sector]}, {LEVEL_LABELS[m.level]}") for m in self.team]),
            ("spotkania", [("zasady", self.meetings)]),
            (
                "informacje",
                [("zakres", self.information), *(("podstawa", INFO_BASIS_LABELS[b]) for b in self.info_bases)],
            ),
            ("koordynatorzy", [(p.name, p.coordinator) for p in self.parties]),
            ("okres", [("okres", period), ("ocena", self.evaluation)]),
            ("podpisy", [(p.name, ", ".join(p.signatories)) for p in self.parties]),
        ]


AGREEMENT_SECTIONS: dict[str, str] = {
    "strony": "Strony porozumienia",
    "cel": "Cel porozumienia",
    "zakres": "Zakres wspólnych działań",
    "zespol": "Skład G-PZK",
    "spotkania": "Zasady spotkań zespołu",
    "informacje": "Wymiana informacji i jej podstawa prawna",
    "koordynatorzy": "Koordynatorzy",
    "okres": "Okres obowiązywania i ocena",
    "podpisy": "Podpisy",
}
"""The agreement's sections in reading order: section key → its Polish heading (editor, findings, print)."""


AgreementPlace = DocumentPlace
"""Where the agreement is made (the name its rules and tests use)."""
