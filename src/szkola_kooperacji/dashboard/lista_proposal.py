"""A trainee proposes an entry for the Lista aktywności i usług on a form, checked like the Lista itself.

The form (``lista_entry_form``) edits an ``EntryDraft``; ``data.proposal.check_draft`` checks the
entry it makes with the Lista's own schema and rules, the steps of ``szkola validate``, and each
finding is shown at its field in Polish. The draft is kept in the store on every change, so it comes
back after a reload or a restart. A valid entry downloads as YAML for the trainer, who adds it to
the Lista's file; the trainee sees that file only as a read-only preview. Nothing here changes the
Lista the dashboard uses.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ..data.problems import Problem
from ..data.proposal import PROPOSAL_FILE, ProposalCheck, check_draft, proposal_yaml
from ..domain.directory import ServiceDirectory
from ..domain.lista_entry import EntryDraft, ServiceDraft
from ..domain.text import count_phrase
from ..storage.lista_proposals import ProposalKeeper
from .download import DownloadButton
from .guard import guarded
from .lista_entry_form import FormField, InstitutionFields, ServiceCard, finding_text, placed
from .render import NOT_SAVED, e
from .shared_looks import set_visible, shown

HELP = (
    "<p>Nie ma na Liście instytucji, którą znasz? Zaproponuj wpis: wypełnij pola i kliknij „Sprawdź wpis”. "
    "Wpis jest sprawdzany tymi samymi regułami co cała Lista, a uwagi pojawiają się przy polach. Gdy będzie "
    "poprawny, pobierz plik i przekaż go trenerowi, który dopisze instytucję do Listy. Instytucja ma być "
    "fikcyjna, jak wszystkie na Liście: bez imion, nazwisk i numerów.</p>"
)
NOT_CHECKED = "<p class='sk-muted'>Wypełnij pola i kliknij „Sprawdź wpis”.</p>"
NO_PREVIEW = "<p class='sk-muted'>Podgląd pliku dla trenera pojawi się, gdy wpis spełni reguły Listy.</p>"


class ListaProposal(w.VBox):
    """The entry's form, its check (findings at the fields), the saved state, the preview and the download."""

    def __init__(
        self, directory: ServiceDirectory, gmina: str | None = None, keeper: ProposalKeeper | None = None
    ) -> None:
        """Open the trainee's kept proposal (``keeper``), else a blank one for their gmina.

        Without a keeper (no signed-in trainee) the form works the same but keeps nothing.
        """
        self.directory, self.keeper = directory, keeper
        kept = keeper.load() if keeper else None
        self.draft = kept or EntryDraft(gmina=gmina if directory.gmina_name(gmina or "") else None)
        self.checked = kept is not None and not kept.is_blank()  # findings in view from the start
        self.saves = 0
        self.findings_shown = 0
        self.status = w.HTML()
        self.status.add_class("sk-saved")
        self.institution = InstitutionFields(self.draft, directory, self.changed)
        self.cards = w.VBox([self._card(s, i + 1) for i, s in enumerate(self.draft.services)])
        add = w.Button(description="Dodaj usługę", layout=shown(width="auto"))
        add.add_class("sk-entry-add-service")
        add.on_click(guarded(self.status)(lambda _: self.add_service()))
        self.services_note = w.HTML()
        self.services_note.add_class("sk-entry-message")
        check = w.Button(description="Sprawdź wpis", button_style="primary", layout=shown(width="auto"))
        check.add_class("sk-entry-check")
        check.on_click(guarded(self.status)(lambda _: self.check(show=True)))
        self.result = w.HTML(NOT_CHECKED)
        self.result.add_class("sk-proposal-result")
        self.preview = w.HTML(NO_PREVIEW)
        self.preview.add_class("sk-entry-preview")
        self.download = DownloadButton("Pobierz wpis dla trenera (YAML)", self._file)
        # Shown and hidden as a box: the download button's own view (anywidget) follows no class change.
        self.download_box = w.Box([self.download])
        self.download_box.add_class("sk-proposal-download")
        super().__init__(
            [
                w.HTML(HELP),
                self.status,
                w.HTML("<h5>Instytucja</h5>"),
                self.institution,
                w.HTML("<h5>Usługi</h5>"),
                self.cards,
                self.services_note,
                add,
                check,
                self.result,
                self.download_box,
                self.preview,
            ]
        )
        self.add_class("sk-proposal")
        if keeper is None:
            self.add_class(NOT_SAVED)  # nothing is kept: the page must not say "unsaved" while typing here
            self.status.value = (
                "<span class='sk-muted'>Propozycja nie jest zapisywana: pobierz ją przed wyjściem.</span>"
            )
        else:
            self.status.value = "<span class='sk-muted'>Propozycja zapisuje się sama.</span>"
        self.check(show=self.checked)

    def _card(self, service: ServiceDraft, number: int) -> ServiceCard:
        return ServiceCard(service, number, self.changed, self.remove_service)

    def add_service(self) -> ServiceCard:
        """Add an empty service card at the end and keep the entry."""
        service = ServiceDraft()
        self.draft.services = [*self.draft.services, service]
        card = self._card(self.draft.services[-1], len(self.draft.services))
        self.cards.children = (*self.cards.children, card)
        self.changed()
        return card

    def remove_service(self, card: ServiceCard) -> None:
        """Remove one service (the last one too: the check then says a service is needed) and keep the entry."""
        kept = [c for c in self.cards.children if c is not card]
        self.draft.services = [c.service for c in kept if isinstance(c, ServiceCard)]
        self.cards.children = tuple(kept)
        for number, other in enumerate(self.service_cards(), start=1):
            other.number(number)
        self.changed()

    def service_cards(self) -> list[ServiceCard]:
        """Return the service cards in order."""
        return [c for c in self.cards.children if isinstance(c, ServiceCard)]

    def changed(self) -> None:
        """Keep the entry in the store, then check it again (its findings shown once the trainee asked)."""
        if self.keeper is not None:
            try:
                self.keeper.save(self.draft)
                # Every save a new value, so the page redraws the indicator (it says "Niezapisane zmiany" meanwhile).
                self.saves += 1
                self.status.value = (
                    f"<span data-save='{self.saves}'>Propozycja zapisana o {dt.datetime.now():%H:%M}</span>"
                )
            except Exception:  # the store may be locked or full: keep the entry on screen and say so
                self.status.value = (
                    "<span class='sk-message'>Nie udało się zapisać propozycji. Spróbuj za chwilę.</span>"
                )
        self.check(show=self.checked)

    def check(self, *, show: bool = True) -> bool:
        """Check the entry with the Lista's rules; with ``show``, put the findings at their fields from now on.

        Return True when the entry is valid (then it can be downloaded).
        """
        self.checked = self.checked or show
        checked = check_draft(self.draft, self.directory)
        valid = checked.institution is not None
        set_visible(self.download_box, valid and self.checked)
        self._place(checked if self.checked else ProposalCheck(None, ()))
        if not self.checked:
            self.result.value, self.preview.value = NOT_CHECKED, NO_PREVIEW
            return valid
        if checked.institution is not None:
            self.result.value = (
                f"<p class='sk-ok'>✔ Wpis „{e(checked.institution.name)}” spełnia reguły Listy. "
                "Pobierz plik i przekaż go trenerowi.</p>"
            )
            self.preview.value = (
                "<details><summary>Podgląd pliku dla trenera (tylko do odczytu)</summary>"
                f"<pre class='sk-entry-yaml'>{e(proposal_yaml(checked.institution))}</pre></details>"
            )
            return True
        count = count_phrase(self.findings_shown, "uwaga", "uwagi", "uwag")
        self.result.value = (
            f"<p class='sk-summary sk-blad' role='status'>Wpis jeszcze nie spełnia reguł Listy: {count}, "
            "przy polach, których dotyczą.</p>"
        )
        self.preview.value = NO_PREVIEW
        return False

    def _place(self, checked: ProposalCheck) -> None:
        """Show each finding at its field; findings no field holds go under the services."""
        by_field, rest = placed(checked.problems)
        fields: dict[str, FormField] = dict(self.institution.fields)
        for index, card in enumerate(self.service_cards()):
            fields |= {f"services[{index}].{name}": field for name, field in card.fields.items()}
            card.show_whole(by_field.pop(f"services[{index}]", []))
        shown_count = 0
        for key, field in fields.items():
            named = str(field.control.value) if key.endswith("name") else ""
            # an empty name and the empty id made from it are one thing to do
            texts = list(dict.fromkeys(finding_text(p, field.control, named) for p in by_field.pop(key, [])))
            field.show(texts)
            shown_count += len(texts)
        rest += [p for problems in by_field.values() for p in problems]
        self.services_note.value = "".join(f"<p class='sk-message'>{e(_rest_text(p))}</p>" for p in rest)
        self.findings_shown = shown_count + len(rest) + sum(bool(c.card_messages.value) for c in self.service_cards())

    def _file(self) -> tuple[str, str, bytes]:
        checked = check_draft(self.draft, self.directory)
        if checked.institution is None:
            raise ValueError("the proposal is not valid")  # the button is hidden then; the page says it failed
        return PROPOSAL_FILE.name, "application/x-yaml", proposal_yaml(checked.institution).encode("utf-8")


def _rest_text(problem: Problem) -> str:
    """Word a finding that belongs to no one field: the entry has no service, or has too many."""
    if problem.field == "services" and problem.expected.startswith("co najmniej"):
        return "Wpis potrzebuje co najmniej jednej usługi: kliknij „Dodaj usługę”."
    where = f" ({problem.field})" if problem.field else ""
    return f"{problem.found}; oczekiwano: {problem.expected}{where}."
