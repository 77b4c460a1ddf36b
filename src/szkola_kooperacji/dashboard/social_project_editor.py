"""The projekt socjalny's editor: one card per section, rows for actions, partners, budget and indicators.

Like the agreement's editor, every field edits the model in place and each card shows the rules'
findings about its section; the budget card also shows the running total.
"""

from __future__ import annotations

import ipywidgets as w

from ..domain.document import DocumentContext
from ..domain.document_task import DocumentTask
from ..domain.findings import Finding
from ..domain.social_project import (
    SOCIAL_PROJECT_SECTIONS,
    BudgetLine,
    Indicator,
    ProjectAction,
    ProjectPartner,
    SocialProject,
)
from .binding import Changed, FieldMessages, bind
from .document_editor import DocumentEditor, Part, period_fields, text_area, text_field
from .document_rows import Column, RowList

ACTIONS = (
    Column("what", "text", "Działanie", "np. cykl warsztatów dla rodziców", "22em"),
    Column("who", "text", "Kto odpowiada", "np. psycholog poradni"),
    Column("when", "date", "Termin działania"),
)
PARTNERS = (
    Column("institution", "text", "Instytucja partnera", "np. Poradnia Psychologiczno-Pedagogiczna"),
    Column("sector", "sector", "Sektor partnera"),
    Column("level", "level", "Poziom partnera", width="9em"),
    Column("role", "text", "Wkład partnera", "np. prowadzi warsztaty", "18em"),
)
BUDGET = (
    Column("item", "text", "Pozycja budżetu", "np. materiały warsztatowe", "18em"),
    Column("amount", "amount", "Kwota w zł", width="9em"),
    Column("source", "text", "Źródło finansowania", "np. budżet GOPS", "16em"),
)
INDICATORS = (
    Column("name", "text", "Wskaźnik", "np. liczba rodziców, którzy ukończyli warsztaty", "22em"),
    Column("target", "text", "Wartość docelowa", "np. 6 z 8", "9em"),
    Column("source", "text", "Źródło weryfikacji", "np. lista obecności"),
)


def _money(amount: float) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " zł"


class SocialProjectEditor(DocumentEditor):
    """Edit a projekt socjalny section by section; ``changed`` saves it and re-runs the rules."""

    def __init__(
        self, doc: SocialProject, task: DocumentTask | None, changed: Changed, context: DocumentContext | None = None
    ) -> None:
        self.doc, self.changed = doc, changed
        self.total = w.HTML()
        self.total.add_class("sk-budget-total")
        parts = [
            ("diagnoza", self._diagnosis_part()),
            ("cele", self._aims_part()),
            ("grupa", self._group_part()),
            ("dzialania", self._actions_part()),
            ("partnerzy", self._rows_part("partners", ProjectPartner, PARTNERS, "Dodaj partnera")),
            ("zasoby", self._resources_part()),
            ("rezultaty", self._results_part()),
            ("ewaluacja", self._area_part("evaluation", "Kto, jak i kiedy oceni projekt", "Ewaluacja")),
        ]
        super().__init__(SOCIAL_PROJECT_SECTIONS, task, changed, parts, "sk-social-project")

    def _area(self, field: str, placeholder: str, tooltip: str, message: FieldMessages) -> w.Textarea:
        return text_area(self.doc, field, placeholder, tooltip, changed=self.changed, message=message)

    def _area_part(self, field: str, placeholder: str, tooltip: str) -> Part:
        message = FieldMessages()
        return [self._area(field, placeholder, tooltip, message)], message

    def _diagnosis_part(self) -> Part:
        message = FieldMessages()
        title = text_field(
            self.doc, "title", "Tytuł", "np. Klub rodziców w gminie…", changed=self.changed, message=message
        )
        title.tooltip = "Tytuł projektu"
        diagnosis = self._area(
            "diagnosis", "Jaki problem ma grupa, jak jest duży (liczby) i skąd to wiesz", "Diagnoza problemu", message
        )
        return [title, diagnosis], message

    def _aims_part(self) -> Part:
        message = FieldMessages()
        aim = self._area("aim", "Cel główny: jaka zmiana zajdzie u uczestników", "Cel główny", message)
        objectives = self._area("objectives", "Jeden cel szczegółowy w wierszu", "Cele szczegółowe", message)
        return [aim, objectives], message

    def _group_part(self) -> Part:
        message = FieldMessages()
        group = self._area("target_group", "Kto weźmie udział w projekcie", "Grupa docelowa", message)
        size = w.BoundedIntText(
            value=self.doc.group_size or 0,
            min=0,
            max=1000,
            description="Liczba uczestników",
            style={"description_width": "initial"},  # its own style: the shared default is never changed
        )
        size.add_class("sk-doc-group_size")
        bind(size, self.doc, "group_size", self.changed, message, to_model=lambda v: v or None)
        recruitment = self._area(
            "recruitment", "Kto zaprasza uczestników i jak zgłaszają udział", "Rekrutacja", message
        )
        return [group, size, recruitment], message

    def _actions_part(self) -> Part:
        message = FieldMessages()
        self.starts, self.ends = period_fields(self.doc, self.changed, message)
        self.actions = RowList(
            self.doc, "actions", ProjectAction, ACTIONS, changed=self.changed, add_label="Dodaj działanie"
        )
        return [w.HTML("<b>Okres projektu</b>"), w.HBox([self.starts, self.ends]), self.actions], message

    def _rows_part(self, field: str, new: type, columns: tuple[Column, ...], add_label: str) -> Part:
        rows = RowList(self.doc, field, new, columns, changed=self.changed, add_label=add_label)
        setattr(self, field, rows)
        return [rows], FieldMessages()

    def _resources_part(self) -> Part:
        message = FieldMessages()
        resources = self._area(
            "resources", "Kto prowadzi zajęcia, gdzie, jakie materiały", "Zasoby ludzkie i lokalowe", message
        )
        self.budget = RowList(self.doc, "budget", BudgetLine, BUDGET, changed=self.changed, add_label="Dodaj pozycję")
        return [resources, w.HTML("<b>Budżet</b>"), self.budget, self.total], message

    def _results_part(self) -> Part:
        message = FieldMessages()
        results = self._area("results", "Co zmieni się u uczestników po projekcie", "Rezultaty", message)
        self.indicators = RowList(
            self.doc, "indicators", Indicator, INDICATORS, changed=self.changed, add_label="Dodaj wskaźnik"
        )
        return [results, w.HTML("<b>Wskaźniki</b>"), self.indicators], message

    def show_findings(self, findings: list[Finding]) -> None:
        """Give each section its findings and show the budget's total."""
        super().show_findings(findings)
        self.total.value = f"<p>Razem: <b>{_money(self.doc.total)}</b></p>"
