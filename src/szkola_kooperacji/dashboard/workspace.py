"""A trainee's workspace for one case: read, diagnose, contract, ask for feedback; saved on every change."""

from __future__ import annotations

import ipywidgets as w

from ..domain.case import Case
from ..domain.completeness import ContractProgress, DiagnosisProgress, contract_progress, diagnosis_progress
from ..domain.directory import ServiceDirectory
from ..domain.draft import Draft
from ..domain.feedback import give_feedback
from ..domain.findings import sorted_findings
from ..domain.rules import check_all, check_diagnosis
from ..storage import DraftStore
from ..storage.lista_proposals import ProposalKeeper
from .contract_builder import ContractBuilder
from .cooperation_tab import CooperationTab
from .diagnosis_builder import DiagnosisBuilder
from .guard import guarded
from .render import AUTOSAVED, case_html, e, feedback_html, findings_html
from .shared_looks import shown
from .side_notes import SideNotes

TAB_TITLES = ("Przypadek", "Diagnoza potrzeb", "Kontrakt socjalny", "Mapa i dokument", "Informacja zwrotna")


class Workspace(w.VBox):
    """Tabs for the case, the diagnosis, the contract and feedback, beside live rule findings."""

    def __init__(
        self,
        trainee: str,
        case: Case,
        directory: ServiceDirectory,
        draft: Draft,
        store: DraftStore,
        *,
        slot: str | None = None,
        last_tab: tuple[str, w.Widget] | None = None,
        diagnosis_only: bool = False,
    ) -> None:
        """Build the tabs and the live findings for one case.

        ``slot`` keeps a graded exercise's draft apart from free work on the same case; ``last_tab``
        replaces the comparison with the expert reference (an exercise is graded, not self-checked);
        ``diagnosis_only`` leaves out the contract and its rules (an exercise on the diagnosis alone).
        """
        self.trainee, self.case, self.directory, self.draft, self.store = trainee, case, directory, draft, store
        self.slot, self.diagnosis_only = slot, diagnosis_only
        self.notes = SideNotes(with_progress=True)
        self.status, self.progress, self.findings = self.notes.status, self.notes.progress, self.notes.findings
        self.diagnosis = DiagnosisBuilder(draft.diagnosis, case, self.changed)
        self.contract = ContractBuilder(
            draft.contract, draft.diagnosis, case, directory, self.changed, keeper=ProposalKeeper(store, trainee)
        )
        for editor in (self.diagnosis, self.contract):
            editor.add_class(AUTOSAVED)
        self.feedback = w.HTML("<p>Gdy diagnoza i kontrakt będą gotowe, porównaj je z rozwiązaniem eksperta.</p>")
        self.feedback.add_class("sk-feedback-view")
        ask = w.Button(description="Poproś o informację zwrotną", button_style="success", layout=shown(width="auto"))
        ask.add_class("sk-ask-feedback")
        ask.on_click(guarded(self.status)(lambda _: self.show_feedback()))
        title, last = last_tab or (TAB_TITLES[-1], w.VBox([ask, self.feedback]))
        pages = [(TAB_TITLES[0], w.HTML(case_html(case, directory))), (TAB_TITLES[1], self.diagnosis)]
        self.cooperation: CooperationTab | None = None
        if not diagnosis_only:
            self.cooperation = CooperationTab(case, directory, draft)
            pages += [(TAB_TITLES[2], self.contract), (TAB_TITLES[3], self.cooperation)]
        pages.append((title, last))
        self.tabs = w.Tab(children=[page for _, page in pages])
        self.tabs.titles = tuple(name for name, _ in pages)
        self.tabs.observe(guarded(self.status)(self._tab_selected), "selected_index")
        self.tabs.add_class("sk-workspace-main")
        side = w.VBox([w.HTML("<h3>Uwagi na bieżąco</h3>"), self.notes])
        side.add_class("sk-side")
        side.add_class("sk-region")  # it scrolls when the findings are long: the page makes it reachable by Tab
        side.add_class("sk-sticky")
        with self.notes.hold_sync():
            self._refresh_findings()
        row = w.HBox([self.tabs, side])
        row.add_class("sk-workspace-row")
        super().__init__([row])
        self.add_class("sk-workspace")

    def changed(self) -> None:
        """Save the draft, refresh dependent choices and the live findings."""
        with self.notes.hold_sync():
            try:
                self.store.save(self.trainee, self.draft, slot=self.slot)
                self.notes.show_saved(True)  # only once the store has the change
            except Exception:  # the store may be locked or full: tell the trainee, keep the work in memory
                self.notes.show_saved(False)
            self.contract.refresh_needs()
            self._refresh_findings()

    def _tab_selected(self, change: dict[str, object]) -> None:
        """Draw the map when its tab is opened: it follows the contract without redrawing on every edit."""
        if self.cooperation is not None and self.tabs.children[change["new"]] is self.cooperation:
            self.cooperation.refresh()

    def _refresh_findings(self) -> None:
        if self.diagnosis_only:
            findings = check_diagnosis(self.case, self.draft.diagnosis)
        else:
            findings = check_all(self.case, self.directory, self.draft.diagnosis, self.draft.contract)
        self.findings.value = findings_html(sorted_findings(findings))
        self._refresh_progress()

    def _refresh_progress(self) -> None:
        """Show how complete each tab is: above its editor, and in the side panel that stays in view."""
        diagnosis = diagnosis_progress(self.draft.diagnosis)
        self.diagnosis.show_progress(diagnosis)
        lines: list[tuple[str, DiagnosisProgress | ContractProgress]] = [("Diagnoza", diagnosis)]
        if not self.diagnosis_only:
            contract = contract_progress(self.case, self.directory, self.draft.diagnosis, self.draft.contract)
            self.contract.show_progress(contract)
            lines.append(("Kontrakt", contract))
        self.progress.value = "".join(
            f"<p class='sk-progress-line'><b>{name}:</b> {'✔ ' if p.complete else ''}{e(p.summary())}</p>"
            for name, p in lines
        )

    def show_feedback(self) -> None:
        """Compare with the expert reference and show the explained score."""
        report = give_feedback(self.case, self.directory, self.draft.diagnosis, self.draft.contract)
        self.feedback.value = feedback_html(report)
