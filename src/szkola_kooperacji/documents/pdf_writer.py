"""Lay a contract document out as a PDF (reportlab) with page header, page numbers and the map.

reportlab's Paragraph reads a mini markup language, so every text is XML-escaped before it goes
in: whatever a trainee typed prints as typed.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import Flowable

from .fonts import BOLD, register_fonts
from .map_image import map_flowable
from .outline import TRAINING_MARK, Block, Bullets, ContractDocument, Heading, MapFigure, Para, Signatures, Table

MARGIN = 2 * cm
GREY = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E6E6E6")


class _Styles:
    """Paragraph styles in the bundled font (reportlab's defaults lack Polish letters)."""

    def __init__(self, font: str) -> None:
        self.body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=4)
        self.label = ParagraphStyle("label", parent=self.body, fontName=BOLD, spaceAfter=2)
        self.title = ParagraphStyle(
            "title", parent=self.body, fontName=BOLD, fontSize=16, leading=20, alignment=TA_CENTER
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, alignment=TA_CENTER, spaceAfter=10)
        self.h1 = ParagraphStyle("h1", parent=self.body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=10)
        self.h2 = ParagraphStyle("h2", parent=self.body, fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=6)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8.5, leading=10.5, spaceAfter=0)
        self.head_cell = ParagraphStyle("head_cell", parent=self.cell, fontName=BOLD)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=10, textColor=GREY)


def text(value: str) -> str:
    """Escape plain text for a reportlab Paragraph, keeping the trainee's line breaks."""
    return escape(value).replace("\n", "<br/>")


def write_pdf(document: ContractDocument) -> bytes:
    """Return the PDF bytes of ``document``: A4, header on every page, "Strona X z Y" at the foot."""
    font = register_fonts()
    styles = _Styles(font)
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=2.4 * cm,
        bottomMargin=2 * cm,
        title=f"{document.title} – {document.ops_name}",
        author="Szkoła Kooperacji (dokument szkoleniowy)",
        subject=TRAINING_MARK,
    )
    story: list[Flowable] = [
        Paragraph(text(document.title), styles.title),
        Paragraph(text(document.subtitle), styles.subtitle),
    ]
    heading: list[Flowable] = []
    for block in document.blocks:
        flowables = _flowables(block, styles, font, pdf.width)
        if isinstance(block, Heading):
            heading += flowables  # kept with what follows: a title never ends a page alone
            continue
        if heading:
            story += [CondPageBreak(_start_height(flowables[0], pdf.width) + 1.5 * cm), *heading]
            heading = []
        story += flowables
    while story and isinstance(story[-1], Spacer):  # a spacer alone would open an empty last page
        story.pop()
    pdf.build(story, canvasmaker=_numbered_canvas(document, font))
    return buffer.getvalue()


def _start_height(flowable: Flowable, width: float) -> float:
    """Height of the part of ``flowable`` that must share a page with the heading above it.

    A short flowable (a map, a paragraph) goes whole; of a long table, the first rows are enough.
    """
    _, height = flowable.wrapOn(Canvas(io.BytesIO()), width, A4[1])
    return float(min(height, 5 * cm if isinstance(flowable, PdfTable) else 12 * cm))


def _flowables(block: Block, styles: _Styles, font: str, width: float) -> list[Flowable]:
    match block:
        case Heading():
            title = Paragraph(text(block.text), styles.h1 if block.level == 1 else styles.h2)
            return [PageBreak(), title] if block.new_page else [title]
        case Para():
            label = f"<font name='{BOLD}'>{text(block.label)}</font> " if block.label else ""
            return [Paragraph(label + text(block.text), styles.body)]
        case Bullets():
            items = ListFlowable(
                [ListItem(Paragraph(text(item), styles.body), leftIndent=12) for item in block.items],
                bulletType="bullet",
                bulletFontName=font,
                start="•",
                leftIndent=12,
            )
            return [KeepTogether([Paragraph(text(block.label), styles.label), items]) if block.label else items]
        case Table():
            return [_table(block, styles, width), Spacer(1, 6)]
        case MapFigure():
            return [
                map_flowable(block.cooperation, width, font),
                Paragraph(text(block.caption), styles.small),
                Spacer(1, 6),
            ]
        case Signatures():
            return [KeepTogether(_signatures(block, styles, width))]
    raise TypeError(f"nieznany element dokumentu: {type(block).__name__}")


def _table(block: Table, styles: _Styles, width: float) -> PdfTable:
    total = sum(block.widths)
    widths = [width * w / total for w in block.widths]
    rows = [[Paragraph(text(cell), styles.head_cell) for cell in block.header]]
    rows += [[Paragraph(text(cell), styles.cell) for cell in row] for row in block.rows]
    table = PdfTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.cell.fontName),  # the default is Helvetica
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _signatures(block: Signatures, styles: _Styles, width: float) -> list[Flowable]:
    line = "." * 60
    lines = [Paragraph(line, styles.subtitle) for _ in block.parties]
    labels = [
        Paragraph(text(party), ParagraphStyle("sig", parent=styles.small, alignment=TA_CENTER))
        for party in block.parties
    ]
    table = PdfTable([lines, labels], colWidths=[width / len(block.parties)] * len(block.parties))
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.cell.fontName)]))
    return [Paragraph(text(block.place_and_date), styles.body), Spacer(1, 1.4 * cm), table]


def _numbered_canvas(document: ContractDocument, font: str) -> type[Canvas]:
    """Return a canvas class that holds pages back until the end, so each can print "Strona X z Y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font  # not Helvetica: it has no Polish letters
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for page in self._pages:
                self.__dict__.update(page)
                self._decorate(len(self._pages))
                super().showPage()
            super().save()

        def _decorate(self, pages: int) -> None:
            width, height = A4
            self.saveState()
            self.setFillColor(GREY)
            self.setFont(font, 8)
            self.drawString(MARGIN, height - 1.1 * cm, document.ops_name)
            self.drawString(MARGIN, height - 1.45 * cm, document.gmina_name)
            self.setFont(BOLD, 8)
            self.drawRightString(width - MARGIN, height - 1.1 * cm, TRAINING_MARK)
            self.setStrokeColor(GREY)
            self.line(MARGIN, height - 1.65 * cm, width - MARGIN, height - 1.65 * cm)
            self.setFont(font, 8)
            self.drawCentredString(width / 2, 1.2 * cm, f"Strona {self._pageNumber} z {pages}")
            self.restoreState()

    return NumberedCanvas
