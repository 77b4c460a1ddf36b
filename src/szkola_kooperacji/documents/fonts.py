"""The TrueType fonts of the PDF: bundled, so Polish diacritics print on any machine.

DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt) covers Polish and most
scripts a trainee might paste; reportlab's built-in Helvetica has no "ą", "ę", "ł" or "ż".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> str:
    """Register the bundled fonts with reportlab once; return the family name to use.

    reportlab is imported here so that the font names and files can be read without loading it.
    """
    from reportlab.lib.fonts import addMapping  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)  # no italics in the document: one font file less
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
