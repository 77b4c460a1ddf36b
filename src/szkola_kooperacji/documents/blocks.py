"""The building blocks of a printed document: plain-text blocks that the DOCX and PDF writers lay out.

Every string in a block is plain text from the trainee or the case file: writers must print it
as it is and never interpret it as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.cooperation import CooperationMap
from .glyphs import drawable_text

BLANK = "………………"
DATE_BLANK = "……………"
"""A date left to fill by hand: short enough for the narrow date columns."""
LINE_BLANK = "……………………………………………"
"""A longer line to fill by hand (a name, an address)."""


@dataclass(frozen=True)
class Title:
    """The document's title and the line under it."""

    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    """A numbered section title of the template."""

    text: str
    level: int = 1
    new_page: bool = False
    page_mark: str = ""
    """When set, the page header of this and every later page says it (e.g. that the pages are confidential)."""


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text; ``label`` is printed in bold before it."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list under an optional label."""

    items: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Fields:
    """A form: a label and its value on each row; an empty value prints as a line to fill by hand."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StampHeader:
    """The template's top line: a box for the office stamp on the left, the date of the contract on the right."""

    stamp_label: str
    date_label: str
    date: str


@dataclass(frozen=True)
class Notice:
    """A framed warning, e.g. that an annex stays in the office's file."""

    text: str


@dataclass(frozen=True)
class MapFigure:
    """The cooperation map of the case, drawn where the writer can draw."""

    cooperation: CooperationMap
    caption: str


@dataclass(frozen=True)
class Signatures:
    """The closing paragraphs, then one signature line per party; never split from each other.

    ``later`` is the caption of a dated line for a party who joins the contract later.
    """

    lead: tuple[str, ...]
    parties: tuple[str, ...]
    later: str = ""


Block = Title | Heading | Para | Bullets | Table | Fields | StampHeader | Notice | MapFigure | Signatures


@dataclass(frozen=True)
class ContractDocument:
    """A kontrakt socjalny ready to be laid out: page header texts, title and body blocks."""

    ops_name: str
    gmina_name: str
    title: str
    subtitle: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def printable(text: str | None) -> str:
    """Return ``text`` as the documents can print it.

    A trainee may paste anything: line breaks and tabs are kept; control, format and unpaired
    surrogate characters are dropped so that the file stays valid; characters the bundled fonts
    cannot draw (emoji) become a visible placeholder instead of an empty box.
    """
    if not text:
        return ""
    return drawable_text(text).strip()


def or_blank(text: str | None) -> str:
    """Return ``text`` as printable, or a dotted line to fill by hand when it is empty."""
    return printable(text) or BLANK
