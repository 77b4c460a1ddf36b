"""Polish text helpers: normalising, crude stemming and similarity of short statements.

Needs are matched by meaning, not wording. Without a language model, a good
enough signal for one-sentence statements is the overlap of word stems after
folding diacritics; Polish inflects word endings, so a fixed-length prefix
("pracy", "pracę" → "prac") catches most forms of the same word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

STEM_LENGTH = 4
"""Prefix length used as a stem: Polish inflects within the first five letters of short words
("pracy", "pracę"), so four letters merge the forms of one word while still telling most words apart."""

_WORD = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    """a aby ale albo ani bez by byc bo co czy dla do go i ich jak jako je jego jej jest
    juz ktora ktore ktory lub ma maja mu na nad nie nia niego nim o od oraz po pod
    przez przy sa sie siebie sobie ta tak te tego tej to tu w we wiec z za ze
    zeby pan pani pana panu rodzina rodziny rodzinie potrzeba potrzebuje""".split()
)

_FOLD = str.maketrans({"ł": "l", "Ł": "L"})


def fold(text: str) -> str:
    """Lowercase and strip Polish diacritics ("Łąka" → "laka")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def stems(text: str) -> frozenset[str]:
    """Return the stems of the meaningful words of a text."""
    words = _WORD.findall(fold(text))
    return frozenset(w[:STEM_LENGTH] for w in words if w not in STOP_WORDS and len(w) > 2)


def dice(left: frozenset[str], right: frozenset[str]) -> float:
    """Return the Dice coefficient of two stem sets (0 when either is empty)."""
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def term_hits(text_stems: frozenset[str], terms: Iterable[str]) -> int:
    """Count the terms all of whose stems occur in the text."""
    return sum(1 for term in terms if (term_stems := stems(term)) and term_stems <= text_stems)


def shorten(text: str, limit: int = 60) -> str:
    """Cut a text to ``limit`` characters at a word boundary, for use inside a message."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat or "bez opisu"
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def count_phrase(n: int, one: str, few: str, many: str) -> str:
    """Return ``n`` with the Polish noun form it governs: 1 błąd, 3 błędy, 5 błędów, 22 błędy."""
    if n == 1:
        return f"{n} {one}"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} {few}"
    return f"{n} {many}"


def decimal_comma(value: float) -> str:
    """Format a number of points the Polish way: decimal comma, no trailing zeros (12,5 not 12.50)."""
    return f"{value:g}".replace(".", ",")
