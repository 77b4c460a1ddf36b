"""Lay a contract document out as a Word file (python-docx) that a GOPS can edit, print and sign.

Text goes into runs as it is: Word never interprets it, so a trainee's "<b>" stays "<b>".
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

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
from .outline import TRAINING_MARK

FONT = "Calibri"
BODY_PT = 10
TABLE_PT = 8.5
GREY = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "E6E6E6"
NOTICE_FILL = "FFF4E5"


def write_docx(document: ContractDocument, map_png: bytes | None = None) -> bytes:
    """Return the DOCX bytes of ``document``; ``map_png`` is the cooperation map picture, if drawn."""
    doc = Document()
    _page_setup(doc, document)
    for block in document.blocks:
        _write_block(doc, block, document, map_png)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _write_block(doc: DocxDocument, block: Block, document: ContractDocument, map_png: bytes | None) -> None:
    match block:
        case Title():
            _title(doc, block)
        case Heading():
            _heading(doc, block, document)
        case Para():
            _para(doc, block)
        case Bullets():
            _bullets(doc, block)
        case Table():
            _table(doc, block)
        case MapFigure():
            _map(doc, block, map_png)
        case Signatures():
            _signatures(doc, block)
        case Fields():
            _fields(doc, block)
        case StampHeader():
            _stamp_header(doc, block)
        case Notice():
            _notice(doc, block)


def _page_setup(doc: DocxDocument, document: ContractDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(4)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    _header(section, document)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _grey(footer.add_run("Strona "))
    _field(footer, "PAGE")
    _grey(footer.add_run(" z "))
    _field(footer, "NUMPAGES")


def _header(section: Section, document: ContractDocument, page_mark: str = "") -> None:
    """Write the page header: office and gmina on the left; the training mark and ``page_mark`` on the right.

    A two-cell table, not a tab stop: Word's and LibreOffice's header styles place tabs differently.
    """
    header = section.header
    header.paragraphs[0].paragraph_format.space_after = Pt(0)
    table = header.add_table(rows=1, cols=2, width=Cm(17))
    _fix_widths(table, (Cm(9), Cm(8)))
    left, right = (cell.paragraphs[0] for cell in table.rows[0].cells)
    _grey(left.add_run(document.ops_name))
    left.add_run().add_break()
    _grey(left.add_run(document.gmina_name))
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = right.add_run(TRAINING_MARK)
    mark.bold = True
    _grey(mark)
    if page_mark:
        right.add_run().add_break()
        confidential = right.add_run(page_mark)
        confidential.bold, confidential.font.size = True, Pt(8)


def _grey(run: object) -> None:
    run.font.size, run.font.color.rgb = Pt(8), GREY  # type: ignore[attr-defined]


def _field(paragraph: Paragraph, code: str) -> None:
    """Insert a Word field (page number, page count) that Word and LibreOffice fill in when printing."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _heading(doc: DocxDocument, block: Heading, document: ContractDocument) -> None:
    if block.page_mark:  # a section of its own, so that its pages get their own header
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        section.header.is_linked_to_previous = False
        _header(section, document, block.page_mark)
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12 if block.level == 1 else 6)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.page_break_before = block.new_page and not block.page_mark
    run = paragraph.add_run(block.text)
    run.bold, run.font.size = True, Pt(12 if block.level == 1 else 10.5)


def _para(doc: DocxDocument, block: Para) -> None:
    paragraph = doc.add_paragraph()
    if block.label:
        paragraph.add_run(block.label + " ").bold = True
    paragraph.add_run(block.text)


def _bullets(doc: DocxDocument, block: Bullets) -> None:
    if block.label:
        label = doc.add_paragraph()
        label.paragraph_format.keep_with_next = True
        label.add_run(block.label).bold = True
    for item in block.items:
        doc.add_paragraph(item, style="List Bullet")


def _table(doc: DocxDocument, block: Table) -> None:
    table: DocxTable = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths)
    widths = [Cm(17 * width / total) for width in block.widths]
    _fill_row(table.rows[0].cells, block.header, widths, bold=True)
    _repeat_as_header(table.rows[0]._tr)
    for row in block.rows:
        _fill_row(table.add_row().cells, row, widths, bold=False)  # type: ignore[no-untyped-call]
    _fix_widths(table, widths)
    doc.add_paragraph()


def _fix_widths(table: DocxTable, widths: Sequence[Length]) -> None:
    """Give the columns fixed widths in the table grid too: LibreOffice reads the grid, not the cells."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _fill_row(cells: Sequence[_Cell], texts: tuple[str, ...], widths: Sequence[Length], *, bold: bool) -> None:
    for cell, text, width in zip(cells, texts, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(TABLE_PT)
        if bold:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), HEADER_FILL)
            cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(tr: object) -> None:
    """Mark a table's first row to repeat at the top of each page the table spans."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(flag)  # type: ignore[attr-defined]


def _map(doc: DocxDocument, block: MapFigure, map_png: bytes | None) -> None:
    if map_png:
        doc.add_picture(io.BytesIO(map_png), width=Cm(17))
    caption = doc.add_paragraph()
    _grey(caption.add_run(block.caption))


def _title(doc: DocxDocument, block: Title) -> None:
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(8)
    run = title.add_run(block.text)
    run.bold, run.font.size = True, Pt(16)
    subtitle = doc.add_paragraph(block.subtitle)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _borders(cell: _Cell, *, sides: tuple[str, ...], style: str = "single", size: int = 4) -> None:
    """Draw ``sides`` of a cell's border (Word measures ``size`` in eighths of a point)."""
    borders = OxmlElement("w:tcBorders")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), style)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:color"), "555555")
        borders.append(edge)
    cell._tc.get_or_add_tcPr().append(borders)


def _fields(doc: DocxDocument, block: Fields) -> None:
    """Write a form: labels on the left, values or dotted lines to fill by hand on the right."""
    table = doc.add_table(rows=0, cols=2)
    for label, value in block.rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(value)
        for cell in cells:
            cell.paragraphs[0].paragraph_format.space_before = Pt(4)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        if not value:
            _borders(cells[1], sides=("bottom",), style="dotted")
    _fix_widths(table, (Cm(5.2), Cm(11.8)))


def _stamp_header(doc: DocxDocument, block: StampHeader) -> None:
    """Write the template's top: an empty framed box for the office stamp, and the date of the contract."""
    table = doc.add_table(rows=2, cols=2)
    stamp, date = table.rows[0].cells
    _fix_widths(table, (Cm(6), Cm(11)))
    table.rows[0].height = Cm(2.6)
    _borders(stamp, sides=("top", "left", "bottom", "right"), style="dashed")
    caption = table.rows[1].cells[0].paragraphs[0]
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _grey(caption.add_run(block.stamp_label))
    line = date.paragraphs[0]
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line.add_run(block.date_label + " ")
    line.add_run(block.date).bold = True


def _notice(doc: DocxDocument, block: Notice) -> None:
    table = doc.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    _borders(cell, sides=("top", "left", "bottom", "right"), size=12)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), NOTICE_FILL)
    cell._tc.get_or_add_tcPr().append(shading)
    cell.paragraphs[0].add_run(block.text).bold = True
    doc.add_paragraph()


def _signatures(doc: DocxDocument, block: Signatures) -> None:
    """Write the closing paragraph and a line per party, kept on one page with what precedes them."""
    if doc.tables:  # the reviews table and the empty paragraph after it stay with the signatures
        for cell in doc.tables[-1].rows[-1].cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    for lead in block.lead:
        paragraph = doc.add_paragraph(lead)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = Pt(30)
    rows = [block.parties[i : i + 2] for i in range(0, len(block.parties), 2)]
    table = doc.add_table(rows=2 * len(rows), cols=2)
    for number, pair in enumerate(rows):
        for column, party in enumerate(pair):
            line = table.rows[2 * number].cells[column].paragraphs[0]
            line.paragraph_format.space_before = Pt(30 if number else 0)
            line.add_run("……………………………………………")
            label = table.rows[2 * number + 1].cells[column].paragraphs[0]
            _grey(label.add_run(party))
            for paragraph in (line, label):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    if block.later:
        line = doc.add_paragraph("…" * 45)
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.paragraph_format.space_before = Pt(30)
        line.paragraph_format.keep_with_next = True
        label = doc.add_paragraph()
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _grey(label.add_run(block.later))
