"""A trainee proposes an entry for the Lista aktywności i usług: typed as YAML, checked live like the Lista.

The check is ``data.proposal.check_proposal``: the Lista's own schema and rules, with each problem
named by line and field in Polish. A valid entry can be downloaded as YAML for the trainer, who adds
it to the Lista and runs ``szkola validate``. Nothing typed here changes the Lista the dashboard uses.
"""

from __future__ import annotations

import ipywidgets as w

from ..data.proposal import PROPOSAL_FILE, check_proposal, proposal_yaml
from ..domain.directory import Institution, ServiceDirectory
from .download import DownloadButton
from .guard import guarded
from .render import e
from .shared_looks import set_visible

TEMPLATE = """\
id: nowa_instytucja
name: "Nazwa instytucji lub organizacji"
type: ngo_lokalne
sector: ngo
level: gmina
gmina: {gmina}
contact_role: "funkcja osoby kontaktowej, np. prezes stowarzyszenia"
services:
  - id: pierwsza_usluga
    name: "Nazwa usługi"
    description: "Co dokładnie daje i komu"
    for_whom: [rodziny_z_dziecmi]
    areas: [opieka_wychowanie]
"""
"""What the editor starts with: a complete entry for the trainee's gmina, to change rather than write from nothing."""

HELP = (
    "<p>Nie ma na Liście instytucji, którą znasz? Zaproponuj wpis. Zmień wzór poniżej: każde pole w osobnym "
    "wierszu „pole: wartość”, usługi jako lista pod <code>services:</code> (wcięcie dwiema spacjami i myślnik). "
    "Wpis jest sprawdzany tymi samymi regułami co cała Lista; gdy będzie poprawny, pobierz go i przekaż "
    "trenerowi, który dopisze go do Listy.</p>"
)


PLACEHOLDERS = (
    "nowa_instytucja",
    "Nazwa instytucji lub organizacji",
    "funkcja osoby kontaktowej, np. prezes stowarzyszenia",
    "pierwsza_usluga",
    "Nazwa usługi",
    "Co dokładnie daje i komu",
)
"""Texts of the template a real entry replaces: an entry still holding one is not handed to the trainer."""


def left_from_template(institution: Institution) -> list[str]:
    """Return the template's texts the entry still holds (its id, name, contact, its services' words)."""
    texts = [institution.id, institution.name, institution.contact_role]
    for service in institution.services:
        texts += [service.id, service.name, service.description]
    return [t for t in PLACEHOLDERS if t in texts]


class ListaProposal(w.VBox):
    """A text area with the entry, its live check (problems by line and field) and the YAML download."""

    def __init__(self, directory: ServiceDirectory, gmina: str | None = None) -> None:
        self.directory = directory
        self.text = w.Textarea(
            value=TEMPLATE.format(gmina=gmina or directory.gminas[0].id),
            continuous_update=False,
            layout=w.Layout(width="98%", height="300px"),
        )
        self.text.tooltip = "Propozycja wpisu do Listy (YAML)"
        self.text.add_class("sk-proposal-text")
        self.text.add_class("sk-not-saved")  # a proposal is handed over by download, not kept with the draft
        self.result = w.HTML()
        self.result.add_class("sk-proposal-result")
        self.download = DownloadButton("Pobierz wpis (YAML)", self._file)
        # Shown and hidden as a box: the download button's own view (anywidget) follows no class change.
        self.download_box = w.Box([self.download])
        self.download_box.add_class("sk-proposal-download")
        self.text.observe(guarded(self.result)(lambda _: self.check()), names="value")
        super().__init__([w.HTML(HELP), self.text, self.result, self.download_box])
        self.add_class("sk-proposal")
        self.check()

    def check(self) -> bool:
        """Check the entry now; show its problems or that it is ready. Return True when it is valid."""
        checked = check_proposal(self.text.value, self.directory)
        left = left_from_template(checked.institution) if checked.institution else []
        set_visible(self.download_box, bool(checked.institution and not left))
        if left:
            self.result.value = (
                "<p class='sk-ostrzezenie'>▲ Wpis spełnia reguły Listy, ale ma jeszcze teksty ze wzoru: "
                + ", ".join(f"„{e(t)}”" for t in left)
                + ". Wpisz prawdziwą instytucję i jej usługi.</p>"
            )
            return False
        if checked.institution is not None:
            self.result.value = (
                f"<p class='sk-ok'>✔ Wpis „{e(checked.institution.name)}” spełnia reguły Listy. "
                "Pobierz go i przekaż trenerowi.</p>"
            )
            return True
        items = "".join(
            f"<li class='sk-blad'>{'wiersz ' + str(p.line) + ', ' if p.line else ''}pole "
            f"<code>{e(p.field or 'cały wpis')}</code>: {e(p.found)}; oczekiwano: {e(p.expected)}</li>"
            for p in checked.problems
        )
        self.result.value = (
            f"<p class='sk-summary'>Wpis jeszcze nie spełnia reguł Listy:</p><ul class='sk-findings'>{items}</ul>"
        )
        return False

    def _file(self) -> tuple[str, str, bytes]:
        checked = check_proposal(self.text.value, self.directory)
        if checked.institution is None or left_from_template(checked.institution):
            raise ValueError("the proposal is not valid")  # the button is hidden then; the page says it failed
        return PROPOSAL_FILE.name, "application/x-yaml", proposal_yaml(checked.institution).encode("utf-8")
