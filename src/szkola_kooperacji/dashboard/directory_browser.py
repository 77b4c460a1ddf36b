"""Search the powiat's Lista aktywności i usług by sector, level, area of need and words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..domain.codes import AREA_LABELS, CLIENT_GROUP_LABELS, LEVEL_LABELS, SECTOR_LABELS, Area, Level, Sector
from ..domain.directory import Institution, Service, ServiceDirectory
from ..domain.text import fold
from ..storage.lista_proposals import ProposalKeeper
from .guard import guarded
from .render import NOT_SAVED, e
from .shared_looks import shown

ALL = "wszystkie"
ANY = ""
"""Filter value meaning "no filter" (not None, which ipywidgets shows as a blank box)."""
Pick = Callable[[Institution, Service], None]


def search(
    directory: ServiceDirectory,
    sector: Sector | None,
    level: Level | None,
    area: Area | None,
    words: str,
    *,
    gmina: str | None = None,
) -> list[tuple[Institution, Service]]:
    """Return (institution, service) pairs that pass every filter, name matches first, else in Lista order.

    With ``gmina`` set, institutions working in another gmina are left out: a family is helped by
    its own gmina's institutions and by the powiat's.
    """
    needle = fold(words.strip())
    found = []
    for institution in directory.institutions:
        if (sector and institution.sector != sector) or (level and institution.level != level):
            continue
        if gmina and institution.gmina not in (None, gmina):
            continue
        for service in institution.services:
            if area and area not in service.areas:
                continue
            haystack = fold(f"{institution.name} {service.name} {service.description}")
            if needle and needle not in haystack:
                continue
            found.append((institution, service))
    if needle:
        found.sort(key=lambda pair: needle not in fold(f"{pair[0].name} {pair[1].name}"))
    return found


class DirectoryBrowser(w.VBox):
    """Filters, a list of matching services, their details, and a button adding an action with one."""

    def __init__(
        self, directory: ServiceDirectory, pick: Pick, gmina: str | None = None, keeper: ProposalKeeper | None = None
    ) -> None:
        """``keeper`` is where the trainee's proposal of a new entry is kept (none: the proposal is not kept)."""
        self.directory, self.pick, self.gmina, self.keeper = directory, pick, gmina, keeper
        home = directory.gmina_name(gmina) if gmina else None
        self.other_gminas = w.Checkbox(
            value=gmina is None,
            description=f"pokaż też instytucje spoza gminy {home}" if home else "wszystkie gminy",
            indent=False,
        )
        self.sector = w.Dropdown(options=[(ALL, ANY)] + [(SECTOR_LABELS[s], s) for s in Sector], description="Sektor")
        self.level = w.Dropdown(options=[(ALL, ANY)] + [(LEVEL_LABELS[lv], lv) for lv in Level], description="Poziom")
        self.area = w.Dropdown(options=[(ALL, ANY)] + [(AREA_LABELS[a], a) for a in Area], description="Potrzeba")
        self.words = w.Text(placeholder="szukaj słowa, np. terapia", description="Szukaj", continuous_update=True)
        self.words.add_class("sk-directory-search")
        self.words.add_class(NOT_SAVED)
        self.results = w.Select(options=[], rows=8, description="Usługi", layout=shown(width="98%"))
        self.results.add_class("sk-directory-results")
        self.details = w.HTML()
        add = w.Button(description="Dodaj działanie z tą usługą", button_style="primary")
        add.add_class("sk-directory-add")
        add.on_click(self._add)
        for control in (self.sector, self.level, self.area, self.words, self.other_gminas):
            control.observe(lambda _: self._refresh(), names="value")
        self.results.observe(self._show, names="value")
        self._refresh()
        super().__init__(
            [
                w.HTML("<h4>Lista aktywności i usług powiatu</h4>"),
                w.HBox([self.sector, self.level]),
                w.HBox([self.area, self.words]),
                self.other_gminas,
                self.results,
                self.details,
                add,
                self._proposal_toggle(),
            ]
        )
        self.add_class("sk-panel")

    def _proposal_toggle(self) -> w.Widget:
        """Return a button that opens the trainee's proposal of a new Lista entry (built on first use)."""
        kept = self.keeper is not None and self.keeper.load() is not None
        label = "Wróć do swojej propozycji wpisu do Listy" if kept else "Zaproponuj nowy wpis do Listy"
        button = w.Button(description=label, layout=shown(width="auto"))
        button.add_class("sk-proposal-open")
        box = w.VBox([button])

        def open_proposal(_: object) -> None:
            from .lista_proposal import ListaProposal  # noqa: PLC0415

            self.proposal = ListaProposal(self.directory, self.gmina, self.keeper)
            box.children = [w.HTML("<h4>Propozycja nowego wpisu do Listy</h4>"), self.proposal]

        button.on_click(guarded(self.details)(open_proposal))  # a failure is said, not silently dropped
        return box

    def _refresh(self) -> None:
        pairs = search(
            self.directory,
            self.sector.value or None,
            self.level.value or None,
            self.area.value or None,
            self.words.value,
            gmina=None if self.other_gminas.value else self.gmina,
        )
        self.results.options = [(f"{i.name} — {s.name} ({LEVEL_LABELS[i.level]})", (i.id, s.id)) for i, s in pairs]
        self.details.value = "" if pairs else "<p class='sk-muted'>Brak usług spełniających kryteria.</p>"

    def _selected(self) -> tuple[Institution, Service] | None:
        if not self.results.value:
            return None
        institution_id, service_id = self.results.value
        institution = self.directory.institution(institution_id)
        service = institution.service(service_id) if institution else None
        return (institution, service) if institution and service else None

    def _show(self, _: dict[str, Any]) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        institution, service = chosen
        for_whom = ", ".join(CLIENT_GROUP_LABELS[g] for g in service.for_whom)
        self.details.value = (
            f"<div class='sk-card'><b>{e(service.name)}</b> — {e(institution.name)}<br>{e(service.description)}<br>"
            f"<span class='sk-muted'>Dla: {e(for_whom)}. Sektor: {e(SECTOR_LABELS[institution.sector])}, "
            f"poziom: {e(LEVEL_LABELS[institution.level])}. Skierowanie: {'tak' if service.referral_needed else 'nie'}."
            f" Koszt: {e(service.cost)}. Oczekiwanie: ok. {service.wait_days} dni. "
            f"Dojazd autobusem: {'tak' if institution.reachable_by_bus else 'utrudniony'}."
            + (f" Podstawa prawna: {e(service.legal_basis)}." if service.legal_basis else "")
            + "</span></div>"
        )

    def _add(self, _: object) -> None:
        chosen = self._selected()
        if chosen is None:
            self.details.value = "<p class='sk-message'>Najpierw wybierz usługę z listy.</p>"
            return
        self.pick(*chosen)
