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
from reportlab.pdfbase.pdfmetrics import stringWidth
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

from .blocks import (
    Block,
    Bullets,
    ContractDocument,
    Fields,
    Heading,
    MapFigure,
    Notice,
    Para,
    Signatures,
    StampHeader,
    Table,
    Title,
)
from .fonts import BOLD, REGULAR, register_fonts
from .map_image import map_flowable
from .outline import TRAINING_MARK

MARGIN = 2 * cm
GREY = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E6E6E6")
NOTICE_FILL = colors.HexColor("#FFF4E5")
CELL_PT = 8.5
MIN_CELL_PT = 6.5
"""A cell whose longest word does not fit shrinks its font down to this size before any word is split."""
CELL_PADDING = 3
FRAME_PADDING = 6
"""reportlab's page frame keeps 6 pt on each side: tables as wide as the text must leave it."""
NO_WORD_SPLIT = {"splitLongWords": 0, "embeddedHyphenation": 2}
"""Lines break at spaces and after a hyphen ("psychologiczno-/pedagogiczna"), never inside a word."""


class _Styles:
    """Paragraph styles in the bundled font (reportlab's defaults lack Polish letters)."""

    def __init__(self, font: str) -> None:
        self.body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=4, **NO_WORD_SPLIT)
        self.label = ParagraphStyle("label", parent=self.body, fontName=BOLD, spaceAfter=2)
        self.title = ParagraphStyle(
            "title", parent=self.body, fontName=BOLD, fontSize=16, leading=20, alignment=TA_CENTER, spaceBefore=8
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, alignment=TA_CENTER, spaceAfter=10)
        self.h1 = ParagraphStyle("h1", parent=self.body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=10)
        self.h2 = ParagraphStyle("h2", parent=self.body, fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=6)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=CELL_PT, leading=10.5, spaceAfter=0)
        self.head_cell = ParagraphStyle("head_cell", parent=self.cell, fontName=BOLD)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=10, textColor=GREY)
        self.caption = ParagraphStyle("caption", parent=self.small, alignment=TA_CENTER)
        self.notice = ParagraphStyle("notice", parent=self.body, fontName=BOLD, spaceAfter=0)


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
    story: list[Flowable] = []
    heading: list[Flowable] = []
    for block in document.blocks:
        flowables = _flowables(block, styles, font, pdf.width - 2 * FRAME_PADDING)
        if isinstance(block, Heading):
            heading += flowables  # kept with what follows: a title never ends a page alone
            continue
        if isinstance(block, Signatures):
            story.append(_with_previous(story, heading, flowables))
            heading = []
            continue
        if heading:
            breaks = [f for f in heading if isinstance(f, PageBreak)]  # a new page first, then room for the start
            titles = [f for f in heading if not isinstance(f, PageBreak)]
            story += [*breaks[:1], CondPageBreak(_start_height(flowables[0], pdf.width) + 1.5 * cm), *titles]
            heading = []
        story += flowables
    while story and isinstance(story[-1], Spacer):  # a spacer alone would open an empty last page
        story.pop()
    pdf.build(story, canvasmaker=_numbered_canvas(document, font))
    return buffer.getvalue()


def _with_previous(story: list[Flowable], heading: list[Flowable], signatures: list[Flowable]) -> Flowable:
    """Take the last paragraph or table back from ``story`` and keep it on one page with the signatures.

    A signature block alone on a page would sign nothing a reader can see.
    """
    previous: list[Flowable] = []
    while story and isinstance(story[-1], Spacer):
        previous.insert(0, story.pop())
    if story:
        previous.insert(0, story.pop())
    # A labelled list is itself a KeepTogether; nested in this one it made reportlab move both to a new
    # page although they fitted (a protokół's last page held only its closing list and the signatures).
    flat = [part for f in previous for part in (f._content if isinstance(f, KeepTogether) else [f])]
    return KeepTogether([*flat, *heading, *signatures])


def _start_height(flowable: Flowable, width: float) -> float:
    """Height of the part of ``flowable`` that must share a page with the heading above it.

    A short flowable (a map, a paragraph) goes whole; of a long table, the first rows are enough.
    """
    canvas = Canvas(io.BytesIO())
    parts = flowable._content if isinstance(flowable, KeepTogether) else [flowable]  # its wrap() says "too tall"
    height = sum(part.wrapOn(canvas, width, A4[1])[1] for part in parts)
    return float(min(height, 5 * cm if isinstance(flowable, PdfTable) else 12 * cm))


def _flowables(block: Block, styles: _Styles, font: str, width: float) -> list[Flowable]:
    match block:
        case Title():
            return [Paragraph(text(block.text), styles.title), Paragraph(text(block.subtitle), styles.subtitle)]
        case Heading():
            title = Paragraph(text(block.text), styles.h1 if block.level == 1 else styles.h2)
            marked: list[Flowable] = [_PageMark(block.page_mark), title] if block.page_mark else [title]
            return [PageBreak(), *marked] if block.new_page else marked
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
        case Fields():
            return [_fields(block, styles, width), Spacer(1, 4)]
        case StampHeader():
            return [_stamp_header(block, styles, width)]
        case Notice():
            return [_notice(block, styles, width), Spacer(1, 6)]
        case MapFigure():
            return [
                map_flowable(block.cooperation, width, font),
                Paragraph(text(block.caption), styles.small),
                Spacer(1, 6),
            ]
        case Signatures():
            return _signatures(block, styles, width)
    raise TypeError(f"nieznany element dokumentu: {type(block).__name__}")


def _styled(table: PdfTable, *commands: tuple[Any, ...]) -> PdfTable:
    """Apply ``commands`` to ``table`` in the bundled font: reportlab's default, Helvetica, lacks Polish letters."""
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
    return table


def _longest_word(value: str, font: str, size: float) -> float:
    """Width of the widest piece of ``value`` a line cannot break: words, split after their hyphens."""
    pieces = [piece for word in value.split() for piece in word.replace("-", "- ").split()]
    return max((stringWidth(piece, font, size) for piece in pieces), default=0.0)


def _cell(value: str, style: ParagraphStyle, width: float) -> Paragraph:
    """Return a table cell whose font shrinks (to ``MIN_CELL_PT``) until its longest word fits the column.

    Only a word longer than the column at the smallest size is split, as a last resort: better
    than text running over the next column.
    """
    room = width - 2 * CELL_PADDING - 0.5
    longest = _longest_word(value, style.fontName, style.fontSize)
    if longest <= room:
        return Paragraph(text(value), style)
    size = max(MIN_CELL_PT, style.fontSize * room / longest)
    fits = _longest_word(value, style.fontName, size) <= room
    smaller = ParagraphStyle(
        f"{style.name}_{size:.1f}", parent=style, fontSize=size, leading=size * 1.25, splitLongWords=int(not fits)
    )
    return Paragraph(text(value), smaller)


def _table(block: Table, styles: _Styles, width: float) -> PdfTable:
    total = sum(block.widths)
    widths = [width * w / total for w in block.widths]
    rows = [[_cell(cell, styles.head_cell, w) for cell, w in zip(block.header, widths, strict=True)]]
    rows += [[_cell(cell, styles.cell, w) for cell, w in zip(row, widths, strict=True)] for row in block.rows]
    return _styled(
        PdfTable(rows, colWidths=widths, repeatRows=1),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    )


def _fields(block: Fields, styles: _Styles, width: float) -> PdfTable:
    """Lay out a form: labels on the left, values or dotted lines to fill by hand on the right."""
    label_width = 5.2 * cm
    rows = [[Paragraph(text(label), styles.body), Paragraph(text(value), styles.body)] for label, value in block.rows]
    table = PdfTable(rows, colWidths=[label_width, width - label_width])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    for row, (_, value) in enumerate(block.rows):
        if not value:
            commands.append(("LINEBELOW", (1, row), (1, row), 0.6, GREY, None, (1, 2)))
    return _styled(table, *commands)


def _stamp_header(block: StampHeader, styles: _Styles, width: float) -> PdfTable:
    """Lay out the template's top: an empty framed box for the office stamp, and the date of the contract."""
    stamp = PdfTable([[""]], colWidths=[6 * cm], rowHeights=[2.6 * cm])
    _styled(stamp, ("BOX", (0, 0), (-1, -1), 0.6, GREY, None, (2, 2)))
    left = [stamp, Paragraph(text(block.stamp_label), styles.caption)]
    right = [Paragraph(text(block.date_label), styles.body), Paragraph(text(block.date), styles.label)]
    table = PdfTable([[left, right]], colWidths=[width - 6.5 * cm, 6.5 * cm])
    _styled(table, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0))
    table.hAlign = "LEFT"
    return table


def _notice(block: Notice, styles: _Styles, width: float) -> PdfTable:
    return _styled(
        PdfTable([[Paragraph(text(block.text), styles.notice)]], colWidths=[width]),
        ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), NOTICE_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    )


def _signatures(block: Signatures, styles: _Styles, width: float) -> list[Flowable]:
    """Lay out the closing paragraph and a line per party, two to a row, plus a dated line for a later party."""
    flowables: list[Flowable] = [Paragraph(text(lead), styles.body) for lead in block.lead]
    cells = [
        [Spacer(1, 1.3 * cm), Paragraph("." * 70, styles.caption), Paragraph(text(p), styles.caption)]
        for p in block.parties
    ]
    if len(cells) % 2:
        cells.append([Spacer(1, 1)])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    grid = PdfTable(rows, colWidths=[width / 2] * 2)
    _styled(grid, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"))
    flowables.append(grid)
    if block.later:
        flowables += [
            Spacer(1, 1.2 * cm),
            Paragraph("." * 150, styles.caption),
            Paragraph(text(block.later), styles.caption),
        ]
    return flowables


class _PageMark(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """Takes no room; from the page it lands on, the page header also prints ``mark``."""

    def __init__(self, mark: str) -> None:
        super().__init__()
        self.mark = mark

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.page_mark = self.mark  # kept with the page's state by NumberedCanvas.showPage


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
                self.page_mark = page.get("page_mark", "")  # pages before the mark never had one
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
            if getattr(self, "page_mark", ""):
                self.setFillColor(colors.black)
                self.drawRightString(width - MARGIN, height - 1.45 * cm, self.page_mark)
                self.setFillColor(GREY)
            self.setStrokeColor(GREY)
            self.line(MARGIN, height - 1.65 * cm, width - MARGIN, height - 1.65 * cm)
            self.setFont(font, 8)
            self.drawCentredString(width / 2, 1.2 * cm, f"Strona {self._pageNumber} z {pages}")
            self.restoreState()

    return NumberedCanvas
