"""The structured-document family in one registry: kind → model, sections, rules, checker, example, graded part.

A new document is data (a task in ``courses/dokumenty/``), a model (a ``Document`` subclass),
its rules (declared in ``rules/`` with their graded part) and an editor (``dashboard.document_editors``):
one ``DocumentSpec`` here ties them, and the validator, the dashboard and the grader read it
instead of asking which document they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .agreement import AGREEMENT_SECTIONS, CooperationAgreement
from .agreement_example import example_agreement
from .document import Document, DocumentContext
from .findings import Finding
from .minutes import MINUTES_SECTIONS, MeetingMinutes
from .minutes_example import example_minutes
from .parts import Part
from .rules.agreement import AGREEMENT_RULES, check_agreement
from .rules.minutes import MINUTES_RULES, check_minutes
from .rules.registry import Rule
from .rules.social_project import SOCIAL_PROJECT_RULES, check_social_project
from .social_project import SOCIAL_PROJECT_SECTIONS, SocialProject
from .social_project_example import example_social_project


class DocumentKind(StrEnum):
    """The documents of the family a trainee can draft (``document:`` of a task)."""

    POROZUMIENIE = "porozumienie"
    PROJEKT_SOCJALNY = "projekt_socjalny"
    PROTOKOL_GPZK = "protokol_gpzk"


@dataclass(frozen=True)
class DocumentSpec:
    """Everything the platform knows about one kind of document, declared once."""

    kind: DocumentKind
    model: type[Document]
    sections: Mapping[str, str]
    """Section key → Polish heading, in reading order (editor cards, findings, the trainer's view)."""
    rules: tuple[Rule, ...]
    part: Part
    """The graded part (``test_<part>`` cell) that scores this document."""
    check: Callable[[Any, DocumentContext], list[Finding]]
    example: Callable[[str, DocumentContext], Document]
    """An expert's document for a case: the exercise's reference solution, meeting every rule."""
    label: str
    """What the content page calls it: „Co zawiera {label} i dlaczego”."""
    tab: str
    """The editor's tab title."""
    yours: str
    """How the submission's confirmation names it: „Trener zobaczy {yours} i refleksję.”."""

    def parse_json(self, text: str) -> Document:
        """Read the document from its JSON (raises pydantic's ValidationError when it does not read)."""
        return self.model.model_validate_json(text)

    def fresh(self, case_id: str) -> Document:
        """Return an empty document of this kind for a case."""
        return self.model(case_id=case_id)


DOCUMENTS: dict[DocumentKind, DocumentSpec] = {
    DocumentKind.POROZUMIENIE: DocumentSpec(
        kind=DocumentKind.POROZUMIENIE,
        model=CooperationAgreement,
        sections=AGREEMENT_SECTIONS,
        rules=AGREEMENT_RULES,
        part=Part.POROZUMIENIE,
        check=lambda doc, ctx: check_agreement(doc, ctx.place),
        example=lambda case_id, ctx: example_agreement(case_id, ctx.place),
        label="porozumienie o współpracy gminy i powiatu",
        tab="Projekt porozumienia",
        yours="Twoje porozumienie",
    ),
    DocumentKind.PROJEKT_SOCJALNY: DocumentSpec(
        kind=DocumentKind.PROJEKT_SOCJALNY,
        model=SocialProject,
        sections=SOCIAL_PROJECT_SECTIONS,
        rules=SOCIAL_PROJECT_RULES,
        part=Part.PROJEKT_SOCJALNY,
        check=check_social_project,
        example=example_social_project,
        label="projekt socjalny dla grupy",
        tab="Projekt socjalny",
        yours="Twój projekt socjalny",
    ),
    DocumentKind.PROTOKOL_GPZK: DocumentSpec(
        kind=DocumentKind.PROTOKOL_GPZK,
        model=MeetingMinutes,
        sections=MINUTES_SECTIONS,
        rules=MINUTES_RULES,
        part=Part.PROTOKOL_GPZK,
        check=check_minutes,
        example=example_minutes,
        label="protokół ze spotkania G-PZK",
        tab="Protokół spotkania",
        yours="Twój protokół",
    ),
}
"""Every kind of document, by kind."""

DOCUMENT_BY_PART: dict[Part, DocumentSpec] = {spec.part: spec for spec in DOCUMENTS.values()}
"""The document each graded document part scores."""
