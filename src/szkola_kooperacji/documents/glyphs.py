"""Which characters the bundled fonts can draw, and what a document prints instead of the others.

A trainee may paste an emoji or a rare symbol. A PDF in a font without that glyph shows an empty
box, which on a signed contract reads as a missing word. The documents therefore print
``PLACEHOLDER`` in its place, and ``undrawable_characters`` lets a text field refuse such a
character before it is ever saved.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache

from .fonts import BOLD, FONT_DIR, REGULAR

PLACEHOLDER = "[?]"
"""Printed once for each run of characters the fonts cannot draw: visible, and not an empty box."""

INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
"""Control, format (zero-width joiner, bidi marks), surrogate, private-use and unassigned
characters: never meant to be seen, so they are dropped rather than replaced."""

KEPT_CONTROLS = frozenset("\n\t")


FONT_FILES = tuple(FONT_DIR / f"{name}.ttf" for name in (REGULAR, BOLD))
"""The bundled fonts: a character is drawable when both have a glyph for it."""


@cache
def _drawable() -> frozenset[int]:
    """Return the code points both bundled fonts (regular and bold) have a glyph for.

    Read from the fonts' cmap tables in plain Python, so that a dashboard text field can check
    every keystroke without loading reportlab (which the kernel loads only for a download).
    """
    regular, bold = (cmap_code_points(path.read_bytes()) for path in FONT_FILES)
    return regular & bold


def cmap_code_points(font: bytes) -> frozenset[int]:
    """Return the code points a TrueType font maps to a real glyph (its Unicode cmap, format 4 or 12)."""
    (tables,) = struct.unpack_from(">H", font, 4)
    records = {font[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", font, 20 + 16 * i)[0] for i in range(tables)}
    cmap = records[b"cmap"]
    (subtables,) = struct.unpack_from(">H", font, cmap + 2)
    offsets = {}
    for i in range(subtables):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
        offsets[(platform, encoding)] = cmap + offset
    if (3, 10) in offsets:
        return _format_12(font, offsets[(3, 10)])
    return _format_4(font, offsets[(3, 1)])


def _format_4(font: bytes, at: int) -> frozenset[int]:
    """Read a segment-mapping (BMP) subtable."""
    (seg_x2,) = struct.unpack_from(">H", font, at + 6)
    count = seg_x2 // 2
    ends = struct.unpack_from(f">{count}H", font, at + 14)
    starts = struct.unpack_from(f">{count}H", font, at + 16 + seg_x2)
    deltas = struct.unpack_from(f">{count}h", font, at + 16 + 2 * seg_x2)
    ranges_at = at + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{count}H", font, ranges_at)
    points: set[int] = set()
    for i, (first, last, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets, strict=True)):
        for code in range(first, min(last, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", font, ranges_at + 2 * i + range_offset + 2 * (code - first))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                points.add(code)
    return frozenset(points)


def _format_12(font: bytes, at: int) -> frozenset[int]:
    """Read a segmented-coverage (full Unicode) subtable."""
    (groups,) = struct.unpack_from(">I", font, at + 12)
    points: set[int] = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", font, at + 16 + 12 * i)
        points.update(code for code in range(first, last + 1) if glyph + code - first)
    return frozenset(points)


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
