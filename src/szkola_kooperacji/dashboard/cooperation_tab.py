"""The "Mapa i dokument" tab: the cooperation map of the trainee's contract and its download buttons."""

from __future__ import annotations

import functools

import ipywidgets as w

from ..cooperation.layout import layout_map
from ..cooperation.svg import map_svg
from ..documents.formats import FORMATS, DocumentFormat, file_name, render_contract
from ..domain.case import Case
from ..domain.cooperation import cooperation_map
from ..domain.directory import ServiceDirectory
from ..domain.draft import Draft
from .download import DownloadButton

INTRO = (
    "<p>Mapa pokazuje rodzinę i instytucje, które z nią pracują: po lewej instytucje gminy, w środku "
    "rodzina, po prawej powiat i województwo. Kształt i skrót mówią o sektorze, ramka przerywana o "
    "instytucji, którą wprowadza dopiero kontrakt. <strong>Najedź na linię</strong>, aby zobaczyć działania.</p>"
)
DOCUMENT_NOTE = (
    "<p class='sk-hint'>Kontrakt do druku według wzoru z rozporządzenia (część I A i II A). Działania innych "
    "instytucji, klauzula informacyjna RODO i mapa współpracy są w załącznikach. W sprawie z przemocą domową "
    "ustalenia dotyczące bezpieczeństwa trafiają do poufnego załącznika, który zostaje w ośrodku. To dokument "
    "szkoleniowy z fikcyjnymi danymi.</p>"
)


class CooperationTab(w.VBox):
    """Shows the map of the current draft and offers the contract as PDF and DOCX."""

    def __init__(self, case: Case, directory: ServiceDirectory, draft: Draft) -> None:
        """Build the map view and the buttons; the map is drawn on ``refresh``."""
        self.case, self.directory, self.draft = case, directory, draft
        self.map = w.HTML()
        self.map.add_class("sk-map")
        buttons = [
            DownloadButton(f"Pobierz kontrakt ({fmt.value.upper()})", functools.partial(self.document, fmt))
            for fmt in (DocumentFormat.PDF, DocumentFormat.DOCX)
        ]
        super().__init__([w.HTML(INTRO), self.map, w.HTML("<h3>Kontrakt do druku</h3>" + DOCUMENT_NOTE), *buttons])
        self.add_class("sk-cooperation-tab")

    def refresh(self) -> None:
        """Redraw the map from the contract as it is now."""
        self.map.value = map_svg(layout_map(cooperation_map(self.case, self.directory, self.draft.contract)))

    def document(self, fmt: DocumentFormat) -> tuple[str, str, bytes]:
        """Return the file name, media type and bytes of the trainee's contract."""
        data = render_contract(self.case, self.directory, self.draft.contract, self.draft.diagnosis, fmt)
        return file_name(self.case, fmt, draft=True), FORMATS[fmt], data
