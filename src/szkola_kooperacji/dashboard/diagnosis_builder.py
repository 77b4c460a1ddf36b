"""The needs-diagnosis builder: one editor per need, edits go straight into the domain model."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..domain.case import Case
from ..domain.codes import Area
from ..domain.diagnosis import Diagnosis, Evidence, Need
from . import options
from .binding import Changed, bind

WIDE = w.Layout(width="98%")


def next_id(prefix: str, taken: list[str]) -> str:
    """Return the first free id ``prefix1``, ``prefix2``… not in ``taken``."""
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


class NeedEditor(w.VBox):
    """Edit one need: area, statement, severity, art. 7 reasons, evidence, people and strengths."""

    def __init__(self, need: Need, case: Case, changed: Changed, remove: Callable[[NeedEditor], None]) -> None:
        self.need = need
        message = w.HTML()
        area = w.Dropdown(options=options.areas(), value=need.area, description="Obszar")
        statement = w.Textarea(
            value=need.statement, placeholder="Potrzeba jednym zdaniem, z perspektywy rodziny",
            continuous_update=False, layout=WIDE,
        )
        statement.add_class("sk-need-statement")
        severity = w.Dropdown(options=options.severities(), value=need.severity, description="Ważność")
        art7 = w.SelectMultiple(options=options.art7_reasons(), value=tuple(need.art7), rows=4,
                                description="Art. 7", layout=w.Layout(width="48%"))
        evidence = w.SelectMultiple(
            options=options.findings(case), value=tuple(e.finding_id for e in need.evidence), rows=4,
            description="Dowody", layout=w.Layout(width="48%"),
        )
        evidence.add_class("sk-need-evidence")
        members = w.SelectMultiple(options=options.members(case), value=tuple(need.member_ids), rows=3,
                                   description="Dotyczy", layout=w.Layout(width="48%"))
        strengths = w.SelectMultiple(options=options.strengths(case), value=tuple(need.strength_ids), rows=3,
                                     description="Zasoby", layout=w.Layout(width="48%"))
        delete = w.Button(description="Usuń potrzebę", button_style="danger")
        delete.on_click(lambda _: remove(self))

        bind(area, need, "area", changed, message)
        bind(statement, need, "statement", changed, message)
        bind(severity, need, "severity", changed, message)
        bind(art7, need, "art7", changed, message, to_model=list)
        bind(evidence, need, "evidence", changed, message, to_model=lambda ids: [Evidence(finding_id=i) for i in ids])
        bind(members, need, "member_ids", changed, message, to_model=list)
        bind(strengths, need, "strength_ids", changed, message, to_model=list)

        header = w.HTML(f"<b>Potrzeba {need.id}</b>")
        super().__init__([
            w.HBox([header, area, severity, delete]),
            statement, message,
            w.HBox([art7, evidence]), w.HBox([members, strengths]),
        ])
        self.add_class("sk-card")
        self.add_class("sk-need")


class DiagnosisBuilder(w.VBox):
    """The whole diagnosis: a list of need editors and a button to add a need."""

    def __init__(self, diagnosis: Diagnosis, case: Case, changed: Changed) -> None:
        self.diagnosis, self.case, self.changed = diagnosis, case, changed
        add = w.Button(description="Dodaj potrzebę", button_style="primary")
        add.add_class("sk-add-need")
        add.on_click(lambda _: self.add_need())
        notes = w.Textarea(value=diagnosis.notes, placeholder="Notatki do diagnozy (przyczyny, zasoby, bariery)",
                           continuous_update=False, layout=WIDE)
        self._message = w.HTML()
        bind(notes, diagnosis, "notes", changed, self._message)
        self._list = w.VBox([NeedEditor(n, case, changed, self.remove) for n in diagnosis.needs])
        intro = w.HTML(
            "<p>Na podstawie wywiadu zapisz potrzeby rodziny. Dla każdej wskaż obszar, ważność, "
            "przesłankę z art. 7 i ustalenia wywiadu, które ją potwierdzają.</p>"
        )
        super().__init__([intro, self._list, add, notes, self._message])

    def add_need(self, area: Area = Area.SYTUACJA_MATERIALNA) -> NeedEditor:
        """Append an empty need and its editor."""
        need = Need(id=next_id("N", [n.id for n in self.diagnosis.needs]), area=area)
        self.diagnosis.needs = [*self.diagnosis.needs, need]
        editor = NeedEditor(need, self.case, self.changed, self.remove)
        self._list.children = (*self._list.children, editor)
        self.changed()
        return editor

    def remove(self, editor: NeedEditor) -> None:
        """Delete a need and its editor."""
        self.diagnosis.needs = [n for n in self.diagnosis.needs if n.id != editor.need.id]
        self._list.children = tuple(c for c in self._list.children if c is not editor)
        self.changed()
