"""A delete button that asks first: a need, goal or action and all its fields go at once.

One click on a red button is easy to make by mistake on a touch screen or with
the keyboard, and there is no undo; the button turns into a question with
"Tak, usuń" and "Anuluj", and only the first deletes.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from .render import e
from .shared_looks import shown


class ConfirmedDelete(w.HBox):
    """A "Usuń …" button that deletes only after "Tak, usuń"; "Anuluj" puts the button back.

    The question goes in ``bar``, a full-width row the editor places under its header,
    so neither the question nor its buttons are squeezed into the header line.
    """

    def __init__(self, label: str, question: str, delete: Callable[[], None]) -> None:
        self.ask = w.Button(description=label, button_style="danger", layout=shown(width="auto"))
        self.ask.add_class("sk-delete")
        self.yes = w.Button(description="Tak, usuń", button_style="danger", layout=shown(width="auto"))
        self.yes.add_class("sk-delete-yes")
        self.no = w.Button(description="Anuluj", layout=shown(width="auto"))
        self.no.add_class("sk-delete-no")
        self.question = w.HTML(f"<span class='sk-message' role='alert'>{e(question)}</span>")
        self.bar = w.HBox([self.question, self.yes, self.no], layout=w.Layout(display="none", align_items="center"))
        self.bar.add_class("sk-delete-question")
        self.ask.on_click(lambda _: self._asking(True))
        self.no.on_click(lambda _: self._asking(False))
        self.yes.on_click(lambda _: delete())
        super().__init__([self.ask])

    @property
    def asking(self) -> bool:
        """Return True while the question is shown."""
        return bool(self.bar.layout.display != "none")

    def _asking(self, asking: bool) -> None:
        self.bar.layout.display = "flex" if asking else "none"
        self.ask.disabled = asking
