"""The cooperation map as a picture for the documents: a vector drawing in the PDF, a PNG in the DOCX.

Word cannot take a reportlab drawing, so the DOCX gets the same drawing rasterised by PDFium
(reportlab's own bitmap renderer needs a C extension that is not on PyPI for every platform).
"""

from __future__ import annotations

import io

import pypdfium2
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing

from ..cooperation.drawing import map_drawing
from ..cooperation.layout import layout_map
from ..domain.cooperation import CooperationMap
from .fonts import BOLD, register_fonts

PNG_SCALE = 3.0
"""Pixels per point of the DOCX picture: sharp when printed at 17 cm wide (about 200 dpi)."""


def map_flowable(cooperation: CooperationMap, width: float, font: str) -> Drawing:
    """Return the map scaled to ``width`` points, ready to go into a PDF story."""
    return map_drawing(layout_map(cooperation), width, font_name=font, bold_font=BOLD)


def map_png(cooperation: CooperationMap, width: float = 17 * 72 / 2.54) -> bytes:
    """Return the map as PNG bytes, ``width`` points wide (17 cm by default)."""
    pdf = renderPDF.drawToString(map_flowable(cooperation, width, register_fonts()))
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=PNG_SCALE).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()
