"""The kontrakt socjalny as a printable document (DOCX and PDF) with the case's cooperation map.

Writers import python-docx and reportlab only when called, so the dashboard pays for them only
when a trainee downloads a document.
"""

from __future__ import annotations

from .formats import FORMATS, DocumentFormat, render_contract
from .glyphs import undrawable_characters
from .outline import ContractDocument, contract_document, printable

__all__ = [
    "FORMATS",
    "ContractDocument",
    "DocumentFormat",
    "contract_document",
    "printable",
    "render_contract",
    "undrawable_characters",
]
