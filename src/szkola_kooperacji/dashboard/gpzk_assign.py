"""The trainer's role assignment in the desk: one row per role the case needs, a trainee picked or typed for it.

A signed-in trainee (``szkola serve``) or a hub account joins from their own
dashboard the role assigned to their id; this is where the trainer assigns it,
through ``roleplay.seats.assign_role`` — the very path of ``szkola roleplay
assign`` — so the rules (one role per trainee, one trainee per role) and their
Polish refusals are the same. Freeing a role also frees its seat at the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import ipywidgets as w

from ..domain.directory import ServiceDirectory
from ..errors import SzkolaError
from ..roleplay.seats import Seats, assign_role, release_role
from ..roleplay.session import Session
from ..storage.drafts import trainee_key

INTRO = (
    "<h3>Przydział ról</h3><p class='sk-muted'>Wpisz albo wybierz identyfikator, którym uczestnik loguje się "
    "do pulpitu; dołączy do spotkania przyciskiem na swoim pulpicie. Uczestnik ma jedną rolę.</p>"
)


class RoleAssignments(w.VBox):
    """Assign or free each role of one session; a refused assignment is one Polish line under the rows."""

    def __init__(
        self,
        seats: Seats,
        session: Session,
        session_id: str,
        directory: ServiceDirectory,
        *,
        trainees: Sequence[str] = (),
        changed: Callable[[], None] | None = None,
    ) -> None:
        self.seats, self.session, self.session_id, self.directory = seats, session, session_id, directory
        self.trainees = list(trainees)
        """Ids the desk knows (trainees who signed in to the workshop): offered as suggestions, not a limit."""
        self._changed = changed
        self.rows = w.VBox()
        self.message = w.HTML()
        self.fields: dict[str, w.Combobox] = {}
        super().__init__([w.HTML(INTRO), self.rows, self.message])
        self.add_class("sk-role-assignments")
        self.redraw()

    def _name(self, institution_id: str) -> str:
        institution = self.directory.institution(institution_id)
        return institution.name if institution else institution_id

    def redraw(self) -> None:
        """Rebuild the rows from the stored assignments (a free role gets a field, a held one a free button)."""
        held = {seat.role: seat.trainee for seat in self.seats.of_session(self.session_id)}
        taken = {trainee_key(t) for t in held.values()}
        free_trainees = [t for t in self.trainees if trainee_key(t) not in taken]
        rows: list[w.Widget] = []
        self.fields = {}
        for role in self.session.header().roles:
            if role in held:
                status = w.HTML(escape(held[role]), layout=w.Layout(flex="1 1 auto"))
                button = w.Button(description="Zwolnij", layout=w.Layout(width="auto"))
                button.on_click(lambda _b, r=role: self.release(r))
                line = w.HBox([status, button])
            else:
                field = w.Combobox(
                    options=free_trainees,
                    placeholder="identyfikator uczestnika",
                    ensure_option=False,
                    layout=w.Layout(flex="1 1 auto", width="auto"),
                )
                field.add_class("sk-assign-trainee")
                self.fields[role] = field
                button = w.Button(description="Przydziel", button_style="primary", layout=w.Layout(width="auto"))
                button.on_click(lambda _b, r=role: self.assign(r))
                line = w.HBox([field, button])
            line.layout = w.Layout(align_items="center", width="100%")
            row = w.VBox([w.HTML(f"<b>{escape(self._name(role))}</b>"), line])
            row.add_class("sk-assign-row")
            row.add_class(f"sk-assign-{role}")
            row.layout = w.Layout(margin="0 0 8px 0")
            rows.append(row)
        self.rows.children = tuple(rows)

    def assign(self, role: str) -> None:
        """Assign the role to the trainee typed in its field; a refusal is shown, nothing is changed."""
        field = self.fields.get(role)
        try:
            self.seats.check_same_store(self.session)
            meeting = self.session.header()
            names = {r: self._name(r) for r in meeting.roles}
            trainee = assign_role(self.seats, self.session_id, meeting, role, field.value if field else "", names=names)
        except SzkolaError as error:
            self._say(str(error))
            return
        self._say(f"Rola {self._name(role)}: {trainee}. Uczestnik dołączy przyciskiem na swoim pulpicie.", "ok")
        self._done()

    def release(self, role: str) -> None:
        """Free the role: its assignment and its seat at the table."""
        try:
            release_role(self.seats, self.session_id, self.session, role)
        except SzkolaError as error:
            self._say(str(error))
            return
        self._say(f"Rola {self._name(role)} jest wolna.", "ok")
        self._done()

    def _say(self, text: str, level: str = "error") -> None:
        self.message.value = f"<p class='sk-{level}'>{escape(text)}</p>"

    def _done(self) -> None:
        self.redraw()
        if self._changed is not None:
            self._changed()
