"""The G-PZK minutes' editor: one card per section; rows for attendees, information shared and tasks.

Who brought information is chosen from the institutions the case says know something of the
family (named as the Lista names them), and what it brought from what the case says each knows,
so the rules can judge the entry by that item's sharing rule and the family's consent.
"""

from __future__ import annotations

import ipywidgets as w

from ..domain.document import DocumentContext
from ..domain.document_task import DocumentTask
from ..domain.minutes import (
    MINUTES_SECTIONS,
    Attendee,
    MeetingMinutes,
    MinutesAction,
    SharedInformation,
    knowledge_label,
)
from ..domain.sharing import SHARE_BASIS_LABELS, knowledge_holders
from . import dates
from .binding import Changed, FieldMessages, bind
from .document_editor import DocumentEditor, Part, text_area, text_field
from .document_rows import Column, RowList

ATTENDEES = (
    Column("institution", "text", "Instytucja obecnej osoby", "np. Powiatowy Urząd Pracy", "22em"),
    Column("function", "text", "Funkcja obecnej osoby", "np. doradca zawodowy", "16em"),
)
ACTIONS = (
    Column("what", "text", "Zadanie", "np. spotkanie z doradcą zawodowym", "22em"),
    Column("who", "text", "Instytucja odpowiedzialna", "np. Powiatowy Urząd Pracy", "16em"),
    Column("due", "date", "Termin zadania"),
)
BASES = tuple((label, basis) for basis, label in SHARE_BASIS_LABELS.items())


class MinutesEditor(DocumentEditor):
    """Edit the protokół of a G-PZK meeting section by section; ``changed`` saves it and re-runs the rules."""

    def __init__(
        self, doc: MeetingMinutes, task: DocumentTask | None, changed: Changed, context: DocumentContext
    ) -> None:
        self.doc, self.changed = doc, changed
        holders = knowledge_holders(context.case.knowledge)
        sources = (("— wybierz instytucję —", None), *((context.institution_name(i), i) for i in holders))
        items = (
            ("— wybierz, co przekazano —", None),
            *(
                (f"{knowledge_label(k)} ({context.institution_name(k.institution_id)})", k.id)
                for k in context.case.knowledge
            ),
        )
        # Each entry is a labelled card (the choices are long): the grid of ``sk-row-labelled`` sizes the fields.
        self.information_columns = (
            Column(
                "institution_id", "choice", "Instytucja, która przekazała informację", width="auto", options=sources
            ),
            Column("item_id", "choice", "Która informacja z przypadku", width="auto", options=items),
            Column("summary", "text", "Co przekazano zespołowi", "w zakresie potrzebnym do planu", "auto"),
            Column("basis", "choice", "Podstawa przekazania", width="auto", options=BASES),
        )
        parts = [
            ("spotkanie", self._meeting_part()),
            ("obecni", self._attendees_part()),
            ("porzadek", self._area_part("agenda", "Jeden punkt porządku w wierszu", "Porządek spotkania")),
            ("informacje", self._information_part()),
            ("ustalenia", self._area_part("decisions", "Jedno ustalenie w wierszu", "Ustalenia zespołu")),
            ("zadania", self._actions_part()),
            ("nastepne", self._next_part()),
        ]
        super().__init__(MINUTES_SECTIONS, task, changed, parts, "sk-minutes")

    def _area_part(self, field: str, placeholder: str, tooltip: str) -> Part:
        message = FieldMessages()
        return [text_area(self.doc, field, placeholder, tooltip, changed=self.changed, message=message)], message

    def _date(self, field: str, description: str, message: FieldMessages) -> w.Text:
        box = dates.date_field(getattr(self.doc, field), description)
        box.add_class(f"sk-doc-{field}")
        bind(box, self.doc, field, self.changed, message, to_model=dates.parse, check=dates.problem)
        return box

    def _meeting_part(self) -> Part:
        message = FieldMessages()
        self.held_on = self._date("held_on", "Data", message)
        place = text_field(self.doc, "place", "Miejsce", "np. GOPS, sala narad", changed=self.changed, message=message)
        recorder = text_field(
            self.doc, "recorder", "Protokołuje", "funkcja, np. animator gminny", changed=self.changed, message=message
        )
        return [self.held_on, place, recorder], message

    def _attendees_part(self) -> Part:
        message = FieldMessages()
        self.attendees = RowList(
            self.doc, "attendees", Attendee, ATTENDEES, changed=self.changed, add_label="Dodaj obecną osobę"
        )
        family = w.Checkbox(value=self.doc.family_present, description="Rodzina była obecna", indent=False)
        family.add_class("sk-doc-family_present")
        bind(family, self.doc, "family_present", self.changed, message)
        return [self.attendees, family], message

    def _information_part(self) -> Part:
        self.information = RowList(
            self.doc,
            "information",
            SharedInformation,
            self.information_columns,
            changed=self.changed,
            add_label="Dodaj informację",
            labelled=True,
        )
        return [self.information], FieldMessages()

    def _actions_part(self) -> Part:
        self.actions = RowList(
            self.doc, "actions", MinutesAction, ACTIONS, changed=self.changed, add_label="Dodaj zadanie"
        )
        return [self.actions], FieldMessages()

    def _next_part(self) -> Part:
        message = FieldMessages()
        self.next_meeting = self._date("next_meeting", "Data", message)
        place = text_field(self.doc, "next_place", "Miejsce", "np. GOPS", changed=self.changed, message=message)
        return [self.next_meeting, place], message
