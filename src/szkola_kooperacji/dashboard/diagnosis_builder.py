"""The needs-diagnosis builder: one editor per need, edits go straight into the domain model."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..domain.case import Case
from ..domain.codes import AREA_LABELS, SEVERITY_TITLE, Area
from ..domain.completeness import DiagnosisProgress
from ..domain.diagnosis import Diagnosis, Evidence, Need
from . import options
from .binding import Changed, FieldMessages, bind
from .checklist import CheckList, FoldedCheckList
from .confirm import ConfirmedDelete
from .render import e, interview_html
from .shared_looks import shown
from .text_limits import TextLimits

WIDE = shown(width="98%")


def row(*children: w.Widget, css: str = "sk-row") -> w.HBox:
    """Return a row of fields that wraps onto the next line when the screen is narrow."""
    box = w.HBox(list(children))
    box.add_class(css)
    return box


def wide_dropdown(dropdown: w.Dropdown) -> w.Dropdown:
    """Let a dropdown take the whole row, so its longest choice is shown in full."""
    dropdown.layout = shown(width="100%")
    dropdown.add_class("sk-wide-field")
    return dropdown


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
        self.message = FieldMessages()
        self.area = wide_dropdown(w.Dropdown(options=options.areas(), value=need.area, description="Obszar"))
        self.statement = w.Textarea(
            value=need.statement,
            placeholder="Potrzeba jednym zdaniem, z perspektywy rodziny",
            continuous_update=False,
            layout=WIDE,
        )
        self.statement.add_class("sk-need-statement")
        self.statement.tooltip = f"Treść potrzeby {need.id}"  # its name for a screen reader (no label beside it)
        self.severity = w.Dropdown(options=options.severities(), value=need.severity, description=SEVERITY_TITLE)
        self.art7 = CheckList(options.art7_reasons(), tuple(need.art7), description="Art. 7")
        # The interview has dozens of findings: folded by area, the need's own area open, chosen ones in view.
        self.evidence = FoldedCheckList(
            options.findings(case),
            tuple(ev.finding_id for ev in need.evidence),
            description="Dowody (ustalenia wywiadu)",
            groups={f.id: AREA_LABELS[f.area] for f in case.interview},
            open_groups=(AREA_LABELS[need.area],),
            layout=WIDE,
        )
        self.evidence.add_class("sk-need-evidence")
        self.members = CheckList(options.members(case), tuple(need.member_ids), description="Dotyczy")
        self.strengths = CheckList(options.strengths(case), tuple(need.strength_ids), description="Zasoby", layout=WIDE)
        self.delete = delete = ConfirmedDelete(
            "Usuń potrzebę", f"Usunąć potrzebę {need.id} z jej dowodami? Tego nie można cofnąć.", lambda: remove(self)
        )

        bind(self.area, need, "area", changed, self.message)
        # The findings of the area just chosen are the likely evidence: show them.
        self.area.observe(lambda event: self.evidence.unfold(AREA_LABELS[event["new"]]), names="value")
        bind(self.statement, need, "statement", changed, self.message)
        bind(self.severity, need, "severity", changed, self.message)
        bind(self.art7, need, "art7", changed, self.message, to_model=list)
        bind(
            self.evidence,
            need,
            "evidence",
            changed,
            self.message,
            to_model=lambda ids: [Evidence(finding_id=i) for i in ids],
        )
        bind(self.members, need, "member_ids", changed, self.message, to_model=list)
        bind(self.strengths, need, "strength_ids", changed, self.message, to_model=list)

        header = w.HTML(f"<b>Potrzeba {need.id}</b>")
        super().__init__(
            [
                w.VBox([row(header, delete, css="sk-card-head"), delete.bar]),
                row(self.area, self.severity),
                self.statement,
                self.message,
                self.evidence,
                row(self.art7, self.members, css="sk-pair"),
                self.strengths,
            ]
        )
        self.add_class("sk-card")
        self.add_class("sk-need")


class DiagnosisBuilder(w.VBox):
    """The whole diagnosis: a list of need editors and a button to add a need."""

    def __init__(self, diagnosis: Diagnosis, case: Case, changed: Changed) -> None:
        self.diagnosis, self.case, self.changed = diagnosis, case, changed
        add = w.Button(description="Dodaj potrzebę", button_style="primary")
        add.add_class("sk-add-need")
        add.on_click(lambda _: self.add_need())
        notes = w.Textarea(
            value=diagnosis.notes,
            placeholder="Notatki do diagnozy (przyczyny, zasoby, bariery)",
            continuous_update=False,
            layout=WIDE,
        )
        notes.tooltip = "Notatki do diagnozy"  # its name for a screen reader
        self._message = FieldMessages()
        bind(notes, diagnosis, "notes", changed, self._message)
        self._list = w.VBox([NeedEditor(n, case, changed, self.remove) for n in diagnosis.needs])
        intro = w.HTML(
            "<p>Na podstawie wywiadu zapisz potrzeby rodziny. Dla każdej wskaż obszar, pilność, "
            "przesłankę z art. 7 i ustalenia wywiadu, które ją potwierdzają. Ustalenia są obok — "
            "cytuj je po numerze (W1, W2…).</p>"
        )
        self.progress = w.HTML()
        self.progress.add_class("sk-progress")
        editors = w.VBox([self.progress, intro, self._list, add, notes, self._message])
        editors.add_class("sk-diagnosis-main")
        # The case's interview beside the editors, in view while the trainee scrolls through the needs.
        interview = w.HTML(
            "<div class='sk-interview sk-scroll' tabindex='0' role='region' aria-label='Ustalenia wywiadu'>"
            f"<h3>Ustalenia wywiadu</h3>{interview_html(case)}</div>"
        )
        interview.add_class("sk-interview-panel")
        interview.add_class("sk-sticky")
        super().__init__([TextLimits(), row(editors, interview, css="sk-diagnosis-row")])

    def show_progress(self, progress: DiagnosisProgress) -> None:
        """Show how complete the diagnosis is above the needs."""
        self.progress.value = f"{'✔ ' if progress.complete else ''}{e(progress.summary())}"

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
