"""A document exercise on the dashboard: the content page, the document's editor, live rules, submission.

Which document it is comes from the task (``document:``) and everything that depends on it from the
registries (``domain.document_kinds``, ``dashboard.document_editors``). The document is saved
in the trainee's store after every change (its own slot, beside the exercise's reflections)
and restored on return; on submission its JSON travels in the
exercise's work cell through nbgrader's exchange, exactly like a case's draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w
from pydantic import ValidationError

from ..data.catalog import Catalog
from ..domain.document import Document, DocumentContext, DocumentPlace
from ..domain.document_kinds import DOCUMENTS, DocumentKind, DocumentSpec
from ..domain.document_task import DocumentTask
from ..domain.findings import sorted_findings
from ..domain.progress import FactKind
from ..storage import DraftStore
from .document_editors import EDITORS
from .guard import guarded
from .render import AUTOSAVED, e, findings_html
from .side_notes import SideNotes

if TYPE_CHECKING:
    from .landing import Dashboard

DOCUMENT_KEY = "dokument"
"""The key under which a document's JSON is stored in its slot."""


def spec_of(task: DocumentTask | None) -> DocumentSpec:
    """Return the registry's entry for a task's document (a released exercise without its task: the agreement)."""
    return DOCUMENTS[task.document if task else DocumentKind.POROZUMIENIE]


def content_html(task: DocumentTask | None, place: DocumentPlace) -> str:
    """Return the task and the content page: what the document contains and why."""
    if task is None:
        label = spec_of(None).label
        return f"<p>Przygotuj dokument: {e(label)} (gmina {e(place.gmina)}, {e(place.powiat)}).</p>"
    sections = "".join(f"<h4>{e(s.heading)}</h4><p>{e(s.text)}</p>" for s in task.content)
    return (
        f"<div class='sk-doc-content'><h3>{e(task.title)}</h3><p><b>Zadanie.</b> {e(task.task)}</p>"
        f"<h3>Co zawiera {e(spec_of(task).label)} i dlaczego</h3>{sections}</div>"
    )


def load_document(
    store: DraftStore, trainee: str, slot: str, case_id: str, kind: DocumentKind = DocumentKind.POROZUMIENIE
) -> Document:
    """Return the trainee's saved document, or a fresh one (a stored one that no longer reads is set aside)."""
    spec = DOCUMENTS[kind]
    saved = store.load_answers(trainee, slot).get(DOCUMENT_KEY)
    if saved:
        try:
            doc = spec.parse_json(saved)
        except ValidationError:
            doc = None
        if doc is not None and doc.case_id == case_id:
            return doc
    return spec.fresh(case_id)


class DocumentWorkspace(w.VBox):
    """Tabs for the content page, the document and the submission, beside the rules' live findings."""

    def __init__(
        self,
        trainee: str,
        doc: Document,
        *,
        context: DocumentContext,
        task: DocumentTask | None,
        store: DraftStore,
        slot: str,
        last_tab: tuple[str, w.Widget],
        exercise: str = "",
    ) -> None:
        self.trainee, self.doc, self.context, self.store, self.slot = trainee, doc, context, store, slot
        self.spec, self.exercise = spec_of(task), exercise
        self.notes = SideNotes(with_progress=False)
        self.status, self.findings = self.notes.status, self.notes.findings
        self.editor = EDITORS[self.spec.kind](doc, task, guarded(self.status)(self.changed), context)
        self.editor.add_class(AUTOSAVED)
        pages = [
            ("Zadanie i treść", w.HTML(content_html(task, context.place))),
            (self.spec.tab, self.editor),
            last_tab,
        ]
        self.tabs = w.Tab(children=[page for _, page in pages])
        self.tabs.titles = tuple(name for name, _ in pages)
        self.tabs.selected_index = 1
        self.tabs.add_class("sk-workspace-main")
        side = w.VBox([w.HTML("<h3>Uwagi na bieżąco</h3>"), self.notes])
        for css in ("sk-side", "sk-region", "sk-sticky"):
            side.add_class(css)
        row = w.HBox([self.tabs, side])
        row.add_class("sk-workspace-row")
        with self.notes.hold_sync():
            self._refresh()
        super().__init__([row])
        self.add_class("sk-workspace")
        self.add_class("sk-document-workspace")

    def changed(self) -> None:
        """Save the document, then run the rules and show their findings by section and in the side panel."""
        with self.notes.hold_sync():
            try:
                self.store.save_answers(self.trainee, self.slot, {DOCUMENT_KEY: self.doc.model_dump_json()})
                if self.notes.saves == 0 and self.exercise:  # drafted, not submitted: "w toku" in the course view
                    self.store.progress.record(self.trainee, FactKind.EXERCISE_DRAFTED, self.exercise)
                self.notes.show_saved(True)
            except Exception:  # the store may be locked or full: tell the trainee, keep the work in memory
                self.notes.show_saved(False)
            self._refresh()

    def _refresh(self) -> None:
        order = list(self.spec.sections)  # in the order the trainee fills the sections, errors first in each
        findings = sorted(
            sorted_findings(self.spec.check(self.doc, self.context)),
            key=lambda f: order.index(f.location.id) if f.location.id in order else len(order),
        )
        self.findings.value = findings_html(findings)
        self.editor.show_findings(findings)


def agreement_place(catalog: Catalog, case_id: str) -> DocumentPlace:
    """Return the case's gmina and powiat as the Lista names them."""
    from ..grading.documents import agreement_place as place_of  # noqa: PLC0415

    return place_of(catalog, case_id)


def document_context(catalog: Catalog, case_id: str) -> DocumentContext:
    """Return what the document's rules see: the case's place and the case."""
    from ..grading.documents import document_context as context_of  # noqa: PLC0415

    return context_of(catalog, case_id)


def _save_drafted(store: DraftStore, trainee: str, slot: str, answers: dict[str, str], exercise: str) -> None:
    """Save the reflections and record that the exercise is drafted (the course view shows it "w toku")."""
    store.save_answers(trainee, slot, answers)
    if any(a.strip() for a in answers.values()):
        store.progress.record(trainee, FactKind.EXERCISE_DRAFTED, exercise)


def open_document_exercise(app: Dashboard, assignment: str) -> DocumentWorkspace:
    """Open a released document exercise: content page, editor, reflections and submission."""
    from ..grading.exchange import TraineeExchange  # noqa: PLC0415
    from .exercise_panel import ExercisePanel  # noqa: PLC0415

    assert app.trainee is not None
    trainee, store = app.trainee, app.store
    exchange = TraineeExchange(app.course_dir, trainee)
    released = exchange.fetch(assignment)
    case_id = released.info.case_id
    task = app.catalog.document_tasks.get(released.info.document or "")
    answers_slot = f"ćw:{exchange.course_id}/{assignment}"
    slot = f"dok:{exchange.course_id}/{assignment}"
    spec = spec_of(task)
    doc = load_document(store, trainee, slot, case_id, spec.kind)
    panel = ExercisePanel(
        released,
        store.load_answers(trainee, answers_slot),
        save_answers=lambda answers: _save_drafted(store, trainee, answers_slot, answers, assignment),
        # the editor edits this document in place, so it holds the trainee's work at submission time
        submit=lambda answers: exchange.submit(assignment, doc.model_dump_json(), answers),
        fetch_feedback=lambda: exchange.feedback(assignment),
        handed_in=f"Trener zobaczy {spec.yours} i refleksję.",
    )
    workspace = DocumentWorkspace(
        trainee,
        doc,
        context=document_context(app.catalog, case_id),
        task=task,
        store=store,
        slot=slot,
        last_tab=("Oddanie ćwiczenia", panel),
        exercise=assignment,
    )
    app.show_workspace(workspace, released.info.title)
    return workspace


def open_reflective_exercise(app: Dashboard, assignment: str) -> w.VBox:
    """Open an exercise graded by hand only (supervision, coaching): its questions and the submission."""
    from ..grading.exchange import TraineeExchange  # noqa: PLC0415
    from .exercise_panel import ExercisePanel  # noqa: PLC0415

    assert app.trainee is not None
    trainee, store = app.trainee, app.store
    exchange = TraineeExchange(app.course_dir, trainee)
    released = exchange.fetch(assignment)
    slot = f"ćw:{exchange.course_id}/{assignment}"
    panel = ExercisePanel(
        released,
        store.load_answers(trainee, slot),
        save_answers=lambda answers: _save_drafted(store, trainee, slot, answers, assignment),
        submit=lambda answers: exchange.submit(assignment, "", answers),
        fetch_feedback=lambda: exchange.feedback(assignment),
        handed_in="Trener zobaczy Twoje odpowiedzi.",
    )
    page = w.VBox([panel])
    page.add_class("sk-reflective-exercise")
    app.show_workspace(page, released.info.title)
    return page
