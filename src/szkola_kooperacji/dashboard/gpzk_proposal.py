"""A role's proposal form: an action of its own institution with goal, persons and dates.

The fields are the single-trainee contract's (``Action``: goal, who carries it
out, whom it concerns, from when to when, how often), so an accepted proposal
is an action of the shared contract like any other and is scored the same way.
Goals are the lead's (the team's frame); the form offers whatever goals exist now.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..domain.case import Case
from ..domain.codes import Responsible
from ..domain.contract import Action, Goal
from ..domain.directory import ServiceDirectory
from ..errors import SessionError
from . import dates, options
from .binding import text_problem
from .checklist import CheckList

WIDE = w.Layout(width="min(100%, 640px)")
NO_GOAL = "— najpierw prowadzący zapisuje cele zespołu —"
INSTITUTION = "instytucja"
"""The "who carries it out" value meaning the role's own institution (not a family member)."""
PROPOSE = "Zaproponuj działanie"
RESEND = "Wyślij poprawioną propozycję"


def goal_options(goals: list[Goal]) -> list[tuple[str, str]]:
    """Return the team's goals for a dropdown, with a "none" choice first."""
    first = (NO_GOAL if not goals else options.NONE_LABEL, options.NONE)
    return [first, *[(f"{g.id}: {g.text[:60] or 'bez opisu'}", g.id) for g in goals]]


class ProposalForm(w.VBox):
    """The fields of one proposed action; ``action()`` reads them into a domain ``Action``."""

    def __init__(self, case: Case, directory: ServiceDirectory, institution_id: str) -> None:
        self.case, self.institution_id = case, institution_id
        institution = directory.institution(institution_id)
        self.services = institution.services if institution else []
        name = institution.name if institution else institution_id
        self.service = w.Dropdown(options=[(s.name, s.id) for s in self.services], description="Usługa", layout=WIDE)
        self.goal = w.Dropdown(options=goal_options([]), description="Cel", layout=WIDE)
        self.goal.add_class("sk-proposal-goal")
        self.who = w.Dropdown(
            options=[(f"{name} (Twoja instytucja)", INSTITUTION), *options.members(case)],
            description="Wykonuje",
            layout=WIDE,
        )
        self.who.add_class("sk-proposal-who")
        self.members = CheckList(options.members(case), (), description="Kogo z rodziny dotyczy")
        self.members.add_class("sk-proposal-members")
        self.start = dates.date_field(None, "Od")
        self.due = dates.date_field(None, "Do")
        self.frequency = w.Text(description="Jak często", placeholder="np. raz w tygodniu")
        self.text = w.Textarea(description="Działanie", placeholder="Co zrobi instytucja, dla kogo, kiedy", layout=WIDE)
        self.button = w.Button(description=PROPOSE, button_style="primary")
        self.button.layout = w.Layout(width="auto")
        self.revising: str | None = None
        """The id of the returned proposal loaded for correction; None while the form makes a new one."""
        self.cancel = w.Button(description="Anuluj poprawianie", layout=w.Layout(width="auto", display="none"))
        self.cancel.on_click(lambda _b: self.clear())
        self.heading = w.HTML("<h3>Zaproponuj działanie swojej instytucji</h3>")
        super().__init__(
            [
                self.heading,
                self.service,
                self.goal,
                self.text,
                self.who,
                self.members,
                w.HBox([self.start, self.due, self.frequency], layout=w.Layout(flex_flow="row wrap")),
                w.HBox([self.button, self.cancel]),
            ]
        )
        self.add_class("sk-proposal-form")

    def refresh_goals(self, goals: list[Goal]) -> None:
        """Offer the team's goals as they are now, keeping the chosen one while it exists."""
        current = goal_options(goals)
        if list(self.goal.options) != current:
            chosen = self.goal.value
            self.goal.options = current
            self.goal.value = chosen if chosen in {value for _, value in current} else options.NONE

    def action(self, client_member_id: str | None) -> Action:
        """Return the proposed action; raise ``SessionError`` with a Polish reason when a field is wrong."""
        text = self.text.value.strip()
        if not text:
            raise SessionError("Opisz działanie: co zrobi instytucja, dla kogo i kiedy.")
        for written in (text, self.frequency.value):
            refused = text_problem(written)
            if refused:
                raise SessionError(refused)
        for field in (self.start, self.due):
            problem = dates.problem(field.value)
            if problem:
                raise SessionError(problem)
        member = None if self.who.value == INSTITUTION else str(self.who.value)
        if member is None:
            responsible = Responsible.INSTYTUCJA
        elif member == client_member_id:
            responsible = Responsible.KLIENT
        else:
            responsible = Responsible.CZLONEK_RODZINY
        return Action(
            id="nowe",
            goal_id=options.or_none(self.goal.value),
            text=text,
            responsible=responsible,
            responsible_member_id=member,
            institution_id=self.institution_id,
            service_id=self.service.value,
            member_ids=list(self.members.value),
            start=dates.parse(self.start.value),
            due=dates.parse(self.due.value),
            frequency=self.frequency.value.strip(),
        )

    def load(self, action: Action, comment: str) -> None:
        """Fill the fields with a returned proposal, to correct it and send it again (``revising`` names it)."""
        if action.service_id in {s.id for s in self.services}:
            self.service.value = action.service_id
        goals = {value for _, value in self.goal.options}
        self.goal.value = action.goal_id if action.goal_id in goals else options.NONE
        self.text.value = action.text
        members = {value for _, value in self.who.options}
        self.who.value = action.responsible_member_id if action.responsible_member_id in members else INSTITUTION
        self.members.value = tuple(m for m in action.member_ids if m in {v for _, v in self.members.options})
        self.start.value, self.due.value = dates.show(action.start), dates.show(action.due)
        self.frequency.value = action.frequency
        self.revising = action.id
        self.button.description = RESEND
        self.cancel.layout.display = "flex"
        self.heading.value = (
            "<h3>Popraw zwróconą propozycję</h3>"
            f"<p class='sk-returned-comment'>Prowadzący: {escape(comment) or 'bez komentarza'}</p>"
        )

    def clear(self) -> None:
        """Empty the fields after a proposal went to the lead (the service and goal stay for the next one)."""
        self.revising = None
        self.button.description = PROPOSE
        self.cancel.layout.display = "none"
        self.heading.value = "<h3>Zaproponuj działanie swojej instytucji</h3>"
        self.text.value = ""
        self.members.value = ()
        self.who.value = INSTITUTION
        for field in (self.start, self.due, self.frequency):
            field.value = ""
