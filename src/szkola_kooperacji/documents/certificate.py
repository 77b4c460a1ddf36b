"""The zaświadczenie: a one-page PDF saying that a trainee completed modules of a course, with a unique number.

Laid out with reportlab in the bundled DejaVu font; every text goes through ``drawable_text``
(characters the font lacks print as "[?]", not as empty boxes) and is XML-escaped before
reportlab's Paragraph markup reads it. What the certificate says comes from the progress rules
(modules done, with their dates) and the signed register (the number).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus import TableStyle as Style

from .fonts import BOLD, register_fonts
from .glyphs import drawable_text

MARGIN = 2.2 * cm
INK = colors.HexColor("#0b4f6c")
GREY = colors.HexColor("#555555")
BLANK_ORGANISER = "………………………………………………"
"""Printed where the organiser's fields were not given, to be filled in by hand."""


@dataclass(frozen=True)
class Organiser:
    """Who issues the certificate: organiser's name, place of issue and the person who signs."""

    name: str = ""
    place: str = ""
    signatory: str = ""


@dataclass(frozen=True)
class BirthData:
    """Date and place of birth, printed only when the organiser supplies them (never guessed).

    An organiser whose training runs under the MEiN regulation on non-school forms of continuing
    education (Dz.U. 2023 poz. 2175) may have to print them; which forms require which fields was
    not verified here, so they are optional and come from the organiser's file in the course
    folder (``grading.certify.BIRTH_FILE``).
    """

    date: dt.date | None = None
    place: str = ""

    def text(self) -> str:
        """Return the printed line, e.g. "data i miejsce urodzenia: 12.03.1980 r., Lublin"; "" when empty."""
        parts = [f"{polish_date(self.date)} r." if self.date else "", self.place.strip()]
        given = [p for p in parts if p]
        if not given:
            return ""
        label = {2: "data i miejsce urodzenia", 1: "data urodzenia" if self.date else "miejsce urodzenia"}[len(given)]
        return f"{label}: {', '.join(given)}"


@dataclass(frozen=True)
class CertifiedModule:
    """A completed module as printed: title, hours, dates and learning outcomes."""

    title: str
    hours: float
    started: dt.date | None
    finished: dt.date
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class Certificate:
    """Everything one zaświadczenie says."""

    number: str
    full_name: str
    course_title: str
    modules: tuple[CertifiedModule, ...]
    whole_course: bool
    issued: dt.date
    organiser: Organiser
    birth: BirthData | None = None

    @property
    def hours(self) -> float:
        """Hours of the certified modules."""
        return sum(m.hours for m in self.modules)


def polish_date(day: dt.date) -> str:
    """Return a date as written on Polish documents: 26.11.2026."""
    return f"{day:%d.%m.%Y}"


def hours_text(hours: float) -> str:
    """Return "w wymiarze …" hours in the genitive: 1 godziny dydaktycznej, 7,5 godziny …, 22 godzin dydaktycznych."""
    if hours == 1 or hours != int(hours):
        return f"{hours:g} godziny dydaktycznej".replace(".", ",")
    return f"{int(hours)} godzin dydaktycznych"


def _text(value: str) -> str:
    return escape(drawable_text(value))


class _Styles:
    def __init__(self, font: str) -> None:
        self.body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=14)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11, textColor=GREY)
        self.small_center = ParagraphStyle("small_center", parent=self.small, alignment=TA_CENTER)
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_RIGHT)
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER, spaceAfter=4)
        self.title = ParagraphStyle(
            "title", parent=self.center, fontName=BOLD, fontSize=24, leading=30, textColor=INK, spaceBefore=18
        )
        self.name = ParagraphStyle("name", parent=self.center, fontName=BOLD, fontSize=18, leading=24, spaceBefore=8)
        self.course = ParagraphStyle("course", parent=self.center, fontName=BOLD, fontSize=12.5, leading=16)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=BOLD, spaceBefore=10, spaceAfter=3)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=9.5, leading=12)
        self.head_cell = ParagraphStyle("head_cell", parent=self.cell, fontName=BOLD)


def certificate_pdf(cert: Certificate) -> bytes:
    """Return the zaświadczenie as a PDF (A4, Polish text in the bundled font)."""
    styles = _Styles(register_fonts())
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        title=f"Zaświadczenie nr {cert.number}",
        author=cert.organiser.name or "Szkoła Kooperacji",
    )
    doc.build(_story(cert, styles))
    return buffer.getvalue()


def _story(cert: Certificate, s: _Styles) -> list[object]:
    org = cert.organiser
    place = org.place or BLANK_ORGANISER[:8]
    head = Table(
        [
            [
                Paragraph(
                    f"<b>{_text(org.name) if org.name else BLANK_ORGANISER}</b><br/>organizator szkolenia", s.small
                ),
                Paragraph(f"{_text(place)}, {polish_date(cert.issued)}", s.right),
            ]
        ],
        colWidths=["60%", "40%"],
        style=Style([("ALIGN", (1, 0), (1, 0), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP")]),
    )
    what = "kurs" if cert.whole_course else ("moduł" if len(cert.modules) == 1 else "moduły")
    story: list[object] = [
        head,
        Paragraph("ZAŚWIADCZENIE", s.title),
        Paragraph(f"nr <b>{_text(cert.number)}</b>", s.center),
        Spacer(1, 10),
        Paragraph("Zaświadcza się, że", s.center),
        Paragraph(_text(cert.full_name), s.name),
        *([Paragraph(_text(born), s.center)] if cert.birth and (born := cert.birth.text()) else []),
        Paragraph(f"ukończył(a) {what} szkolenia", s.center),
        Paragraph(_text(cert.course_title), s.course),
        Paragraph(f"w wymiarze {hours_text(cert.hours)}", s.center),
        Spacer(1, 8),
        _modules_table(cert, s),
        Paragraph("Efekty uczenia się", s.heading),
    ]
    for module in cert.modules:
        bullets = ListFlowable(
            [ListItem(Paragraph(_text(o), s.cell), leftIndent=12) for o in module.outcomes],
            bulletType="bullet",
            bulletFontSize=7,
            leftIndent=12,
        )
        story.append(KeepTogether([Paragraph(f"<b>{_text(module.title)}</b>", s.cell), bullets, Spacer(1, 4)]))
    story += [Spacer(1, 28), _signatures(cert, s), Spacer(1, 18), _footer(cert, s)]
    return story


def _modules_table(cert: Certificate, s: _Styles) -> Table:
    rows: list[list[object]] = [[Paragraph(h, s.head_cell) for h in ("Moduł", "Godziny", "Termin")]]
    for module in cert.modules:
        start = polish_date(module.started) if module.started and module.started != module.finished else None
        when = f"{start} – {polish_date(module.finished)}" if start else polish_date(module.finished)
        rows.append(
            [Paragraph(_text(module.title), s.cell), Paragraph(f"{module.hours:g}", s.cell), Paragraph(when, s.cell)]
        )
    table = Table(rows, colWidths=["55%", "14%", "31%"], repeatRows=1)
    table.setStyle(
        Style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa5b1")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _signatures(cert: Certificate, s: _Styles) -> Table:
    signer = _text(cert.organiser.signatory) if cert.organiser.signatory else BLANK_ORGANISER
    return Table(
        [
            [Paragraph("……………………………………", s.center), Paragraph("……………………………………", s.center)],
            [Paragraph("pieczęć organizatora", s.small_center), Paragraph(f"{signer}<br/>podpis", s.small_center)],
        ],
        colWidths=["50%", "50%"],
        style=Style([("ALIGN", (0, 0), (-1, -1), "CENTER")]),
    )


def _footer(cert: Certificate, s: _Styles) -> Paragraph:
    return Paragraph(
        f"Zaświadczenie nr {_text(cert.number)} jest wpisane do rejestru zaświadczeń organizatora. Autentyczność "
        f"sprawdza organizator poleceniem: szkola certificate verify {_text(cert.number)}",
        s.small,
    )
