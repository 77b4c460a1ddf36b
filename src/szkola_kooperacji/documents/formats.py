"""One entry point for both document formats, used by the CLI and the dashboard."""

from __future__ import annotations

from enum import StrEnum

from ..domain.case import Case
from ..domain.contract import Contract
from ..domain.diagnosis import Diagnosis
from ..domain.directory import ServiceDirectory
from .blocks import MapFigure
from .outline import contract_document


class DocumentFormat(StrEnum):
    """A format a contract can be downloaded in."""

    DOCX = "docx"
    PDF = "pdf"


FORMATS: dict[DocumentFormat, str] = {
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.PDF: "application/pdf",
}
"""Media type of each format, for the browser's download."""


def render_contract(
    case: Case, directory: ServiceDirectory, contract: Contract, diagnosis: Diagnosis, fmt: DocumentFormat
) -> bytes:
    """Return the bytes of ``contract`` for ``case`` as a DOCX or PDF file; part I A comes from ``diagnosis``."""
    document = contract_document(case, directory, contract, diagnosis)
    if fmt == DocumentFormat.DOCX:
        from .docx_writer import write_docx  # noqa: PLC0415 (loaded on the first download)
        from .map_image import map_png  # noqa: PLC0415

        figure = next((b for b in document.blocks if isinstance(b, MapFigure)), None)
        return write_docx(document, map_png(figure.cooperation) if figure else None)
    from .pdf_writer import write_pdf  # noqa: PLC0415

    return write_pdf(document)


def file_name(case: Case, fmt: DocumentFormat, *, draft: bool) -> str:
    """Return the file name a downloaded contract gets, e.g. ``kontrakt_przemoc_zagorze.pdf``."""
    kind = "kontrakt" if draft else "kontrakt_wzorcowy"
    return f"{kind}_{case.id}.{fmt.value}"
