"""The individual needs diagnosis that a social worker builds from the interview."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, ShortText, duplicates
from .codes import Area, Art7Reason, Severity


class Evidence(DomainModel):
    """A pointer to an interview finding of the case, optionally with the quoted words."""

    finding_id: Identifier
    quote: ShortText = Field(default="", description="Cytat z ustalenia wywiadu (dosłownie).")


class Need(DomainModel):
    """One need of the family, in one area of life, with its evidence and severity."""

    id: Identifier
    area: Area
    statement: LongText = Field(default="", description="Potrzeba w jednym zdaniu, z perspektywy rodziny.")
    severity: Severity = Severity.UMIARKOWANA
    art7: list[Art7Reason] = Field(default_factory=list, max_length=17)
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_ITEMS)
    member_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)
    strength_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)
    client_agrees: bool = True
    match_terms: list[ShortText] = Field(
        default_factory=list,
        max_length=50,
        description=(
            "Tylko w diagnozie wzorcowej: słowa, po których rozpoznaje się tę samą potrzebę opisaną innymi słowami."
        ),
    )


class Diagnosis(DomainModel):
    """A needs diagnosis: the needs found, and notes on the family's resources."""

    needs: list[Need] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: LongText = ""

    @model_validator(mode="after")
    def _unique_need_ids(self) -> Diagnosis:
        repeated = duplicates([need.id for need in self.needs])
        if repeated:
            raise ValueError(f"powtórzone id potrzeb: {', '.join(repeated)}")
        return self

    def need(self, need_id: str) -> Need | None:
        """Return the need with this id, or None."""
        return next((n for n in self.needs if n.id == need_id), None)
