"""Which characters the bundled fonts can draw, and what a document prints instead of the others.

A trainee may paste an emoji or a rare symbol. A PDF in a font without that glyph shows an empty
box, which on a signed contract reads as a missing word. The documents therefore print
``PLACEHOLDER`` in its place, and ``undrawable_characters`` lets a text field refuse such a
character before it is ever saved.
"""

from __future__ import annotations

import unicodedata
from functools import cache

PLACEHOLDER = "[?]"
"""Printed once for each run of characters the fonts cannot draw: visible, and not an empty box."""

INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
"""Control, format (zero-width joiner, bidi marks), surrogate, private-use and unassigned
characters: never meant to be seen, so they are dropped rather than replaced."""

KEPT_CONTROLS = frozenset("\n\t")


@cache
def _drawable() -> frozenset[int]:
    """Return the code points both bundled fonts (regular and bold) have a glyph for.

    reportlab is imported here, not at the top: the dashboard loads it only when it first checks a text.
    """
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    from .fonts import BOLD, FONT_DIR, REGULAR  # noqa: PLC0415

    maps = [TTFont(name, str(FONT_DIR / f"{name}.ttf")).face.charToGlyph for name in (REGULAR, BOLD)]
    return frozenset(set(maps[0]) & set(maps[1]))


def _invisible(ch: str) -> bool:
    """Tell whether ``ch`` has no visible form: variation selectors and the categories above."""
    if ch in KEPT_CONTROLS:
        return False
    return unicodedata.category(ch) in INVISIBLE_CATEGORIES or 0xFE00 <= ord(ch) <= 0xFE0F


def undrawable_characters(text: str) -> set[str]:
    """Return the visible characters of ``text`` that the document fonts cannot draw (e.g. emoji).

    A dashboard text field can call this and refuse the input, naming the characters; the
    documents replace whatever still gets through with ``PLACEHOLDER``.
    """
    drawable = _drawable()
    return {ch for ch in text if not ch.isspace() and not _invisible(ch) and ord(ch) not in drawable}


def drawable_text(text: str) -> str:
    """Return ``text`` with invisible characters dropped and each run of undrawable ones as ``PLACEHOLDER``."""
    drawable = _drawable()
    out: list[str] = []
    for ch in text:
        if _invisible(ch):
            continue
        if ch in KEPT_CONTROLS or ord(ch) in drawable:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")  # an exotic space the font lacks: a plain one reads the same
        elif not out or out[-1] != PLACEHOLDER:
            out.append(PLACEHOLDER)
    return "".join(out)
