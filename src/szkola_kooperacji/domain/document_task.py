"""A document exercise as a trainer writes it: which document, for which case, with its content page.

The structured-document family keeps what a trainer may change in data
(``courses/dokumenty/<id>.yaml``, ``kind: document_task``): the task, the short content page
(what the document contains and why) and a hint per section. The document's fields and rules
are code, declared per kind in ``domain.document_kinds``; :func:`document_task_issues` refuses
a hint for a section the document does not have.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import DomainModel, Identifier, LongText, Name
from .document_kinds import DOCUMENTS, DocumentKind
from .integrity import Issue


class ContentSection(DomainModel):
    """One part of the content page: a heading and its paragraph."""

    heading: Name
    text: LongText = Field(min_length=1)


class DocumentTask(DomainModel):
    """A document exercise (``kind: document_task``): the trainee drafts ``document`` for ``case``'s place."""

    schema_version: Literal[1] = 1
    kind: Literal["document_task"] = "document_task"
    id: Identifier
    document: DocumentKind
    title: Name
    case: Identifier = Field(description="Przypadek z case_studies/, którego gmina i powiat zawierają dokument.")
    task: LongText = Field(min_length=1, description="Polecenie dla uczestnika.")
    content: list[ContentSection] = Field(
        min_length=1, max_length=20, description="Strona treści: co dokument zawiera i dlaczego."
    )
    hints: dict[str, LongText] = Field(
        default_factory=dict, description="Podpowiedź nad sekcją dokumentu: klucz sekcji → tekst."
    )


def document_task_issues(task: DocumentTask) -> list[Issue]:
    """Return hints that name a section the document does not have, with the keys it does have."""
    sections = DOCUMENTS[task.document].sections
    known = ", ".join(sections)
    return [
        Issue(("hints", key), f"sekcja {key!r} nie istnieje w dokumencie {task.document.value!r}", f"jedna z: {known}")
        for key in task.hints
        if key not in sections
    ]
