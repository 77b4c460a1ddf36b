"""Printable sign-in cards: one card per trainee with the course, the address, the id and the code.

Eight cards to an A4 page with dashed cutting lines; the trainer prints them once and hands
each trainee their card. Texts go through reportlab's Paragraph markup, so they are escaped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from .fonts import BOLD, register_fonts

COLUMNS, ROWS = 2, 4
PAGE_MARGIN = 12 * mm
PADDING = 6 * mm
ADDRESS_BLANK = "_" * 28
CODE_SIZE, SMALLEST_CODE_SIZE = 20, 12
"""The code's type size: as large as fits on one line of the card (a wide code wrapped and spilled over the cut)."""


@dataclass(frozen=True)
class SignInCard:
    """What one card says."""

    trainee_id: str
    full_name: str
    code: str


def _code_style(text: str, width: float) -> ParagraphStyle:
    """Return the code's style at the largest size (down to the smallest) at which ``text`` fits ``width``."""
    size = CODE_SIZE
    while size > SMALLEST_CODE_SIZE and stringWidth(text, BOLD, size) > width:
        size -= 1
    return ParagraphStyle("code", fontName=BOLD, fontSize=size, leading=round(size * 1.3))


def sign_in_cards_pdf(course_title: str, cards: list[SignInCard], address: str | None = None) -> bytes:
    """Return a PDF with one cut-out card per trainee (Polish text, bundled font)."""
    font = register_fonts()
    small = ParagraphStyle("small", fontName=font, fontSize=8, leading=10, textColor=colors.HexColor("#444444"))
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=11, leading=14)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(f"Karty logowania – {course_title}")
    width, height = A4
    card_w = (width - 2 * PAGE_MARGIN) / COLUMNS
    card_h = (height - 2 * PAGE_MARGIN) / ROWS
    per_page = COLUMNS * ROWS
    for index, card in enumerate(cards):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        x = PAGE_MARGIN + (slot % COLUMNS) * card_w
        y = height - PAGE_MARGIN - (slot // COLUMNS + 1) * card_h
        canvas.setDash(3, 3)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.rect(x, y, card_w, card_h)
        lines = [
            Paragraph("Szkoła Kooperacji – karta logowania", title),
            Paragraph(escape(course_title), small),
            Paragraph(f"Adres pulpitu: {escape(address) if address else ADDRESS_BLANK}", body),
            Paragraph(f"Uczestnik: <b>{escape(card.full_name or card.trainee_id)}</b>", body),
            Paragraph(f"Identyfikator: <b>{escape(card.trainee_id)}</b>", body),
            Paragraph(f"Kod: {escape(card.code)}", _code_style(f"Kod: {card.code}", card_w - 2 * PADDING)),
            Paragraph(
                "Kod jest tylko Twój – nie pokazuj go innym. Wielkość liter i myślnik nie mają znaczenia. "
                "Zgubiony kod: poproś trenera o nowy.",
                small,
            ),
        ]
        top = y + card_h - PADDING
        for paragraph in lines:
            _, used = paragraph.wrapOn(canvas, card_w - 2 * PADDING, card_h)
            top -= used
            paragraph.drawOn(canvas, x + PADDING, top)
            top -= 2 * mm
    if not cards:
        canvas.setFont(font, 11)
        canvas.drawString(PAGE_MARGIN, height - PAGE_MARGIN - 20, "Brak kart: nikt nie dostał nowego kodu.")
    canvas.save()
    return buffer.getvalue()
