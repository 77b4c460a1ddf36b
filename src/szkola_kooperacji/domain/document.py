"""What every structured document a trainee drafts shares: its case, its texts, its outline, its context.

The family's documents (the cooperation agreement, the projekt socjalny, the minutes of a G-PZK
meeting…) are pydantic models of what the trainee typed. Each is tied to a case, lists its texts
(for checks over all of them, such as personal data) and reads as an outline of sections and rows
(for the trainer's view in the formgrader). The rules judge a document in its ``DocumentContext``:
the place it is made for and the case it is about, both taken from validated data, never from the
document itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import DomainModel, Identifier, ShortText
from .case import Case
from .directory import ServiceDirectory
from .findings import ElementKind, Location

Outline = list[tuple[str, list[tuple[str, str]]]]
"""A document read aloud: (section key, [(label, text), …]) in reading order."""


class Document(DomainModel):
    """Base of a drafted document: the case it belongs to; subclasses add their fields and ``kind``."""

    case_id: Identifier

    def texts(self) -> list[str]:
        """Return every non-empty text the trainee typed (for checks over all of them: personal data)."""
        raise NotImplementedError

    def outline(self) -> Outline:
        """Return the document's sections and rows, in reading order, as plain text."""
        raise NotImplementedError


class DocumentPlace(DomainModel):
    """Where a document is made: the case's gmina and powiat, named as the Lista names them."""

    gmina: ShortText
    powiat: ShortText


@dataclass(frozen=True)
class DocumentContext:
    """What the rules of a document see besides the document: its place, its case and the Lista."""

    place: DocumentPlace
    case: Case
    directory: ServiceDirectory

    def institution_name(self, institution_id: str) -> str:
        """Return an institution's name as the Lista writes it (its id when the Lista does not know it)."""
        institution = self.directory.institution(institution_id)
        return institution.name if institution else institution_id


def lines(items: list[str]) -> list[tuple[str, str]]:
    """Return numbered outline rows of a list of texts."""
    return [(str(i), text) for i, text in enumerate(items, 1)]


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Return how many words a document's text has (the rules' measure of "too short")."""
    return len(_WORD.findall(text))


def section_at(section: str) -> Location:
    """Return the location of one section of a document (a key of its kind's sections)."""
    return Location(kind=ElementKind.SEKCJA, id=section)
