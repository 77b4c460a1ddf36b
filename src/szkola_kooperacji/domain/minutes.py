"""The protokół of a G-PZK meeting on a case, written by the trainee as its recorder.

The minutes say when and where the team met and who came from which institution, the agenda,
what information was shared (which of the case's knowledge items, when the trainee names it) and
on what basis (the vocabulary of ``domain.sharing``: consent, a statute, none), what the team
decided, who does what by when, and when it meets next. The role-play's protokół
(``documents.protocol``) is laid out from a played meeting; this one is
the trainee's own document, judged by ``rules.minutes`` against what the case says each
institution knows and whether the family consented.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import DomainModel, Identifier, ShortText
from .document import Document, Outline, lines
from .sharing import SHARE_BASIS_LABELS, KnowledgeItem, ShareBasis

MAX_ROWS = 30
"""Rows of one list in the minutes: far above a real meeting."""


class Attendee(DomainModel):
    """One person present: their institution and function (no names: the minutes of training are fictional)."""

    institution: ShortText = ""
    function: ShortText = Field("", description="Funkcja, np. pracownik socjalny, dzielnicowy.")


class SharedInformation(DomainModel):
    """One piece of information an institution brought to the team, and the basis it named."""

    institution_id: Identifier | None = Field(None, description="Instytucja z przypadku, która przekazała informację.")
    item_id: Identifier | None = Field(
        None, description="Która wiedza instytucji z przypadku (id z 'knowledge'); bez niej nie wiadomo, co przekazano."
    )
    summary: ShortText = Field("", description="Co przekazano, w zakresie potrzebnym zespołowi.")
    basis: ShareBasis = ShareBasis.BRAK


class MinutesAction(DomainModel):
    """One agreed task: what, which institution is responsible, by when."""

    what: ShortText = ""
    who: ShortText = Field("", description="Instytucja odpowiedzialna.")
    due: dt.date | None = None


class MeetingMinutes(Document):
    """A trainee's protokół of one G-PZK meeting on the case."""

    schema_version: Literal[1] = 1
    kind: Literal["protokol_gpzk"] = "protokol_gpzk"
    held_on: dt.date | None = None
    place: ShortText = ""
    recorder: ShortText = Field("", description="Kto sporządził protokół (funkcja).")
    attendees: list[Attendee] = Field(default_factory=list, max_length=MAX_ROWS)
    family_present: bool = False
    agenda: list[ShortText] = Field(default_factory=list, max_length=MAX_ROWS)
    information: list[SharedInformation] = Field(default_factory=list, max_length=MAX_ROWS)
    decisions: list[ShortText] = Field(default_factory=list, max_length=MAX_ROWS)
    actions: list[MinutesAction] = Field(default_factory=list, max_length=MAX_ROWS)
    next_meeting: dt.date | None = None
    next_place: ShortText = ""

    def texts(self) -> list[str]:
        """Return every non-empty text the trainee typed (for checks over all of them: personal data)."""
        found = [self.place, self.recorder, self.next_place, *self.agenda, *self.decisions]
        found += [t for a in self.attendees for t in (a.institution, a.function)]
        found += [i.summary for i in self.information]
        found += [t for a in self.actions for t in (a.what, a.who)]
        return [t for t in found if t]

    def outline(self) -> Outline:
        """Return the minutes section by section, as the trainer reads them in the formgrader."""
        held = f"{self.held_on:%d.%m.%Y}" if self.held_on else ""
        following = f"{self.next_meeting:%d.%m.%Y}" if self.next_meeting else ""
        return [
            ("spotkanie", [("data", held), ("miejsce", self.place), ("protokołował(a)", self.recorder)]),
            (
                "obecni",
                [
                    *((a.institution, a.function) for a in self.attendees),
                    ("rodzina", "obecna" if self.family_present else "nieobecna"),
                ],
            ),
            ("porzadek", lines(self.agenda)),
            (
                "informacje",
                [
                    (i.institution_id or "–", f"{i.summary}{_item(i)} ({SHARE_BASIS_LABELS[i.basis]})")
                    for i in self.information
                ],
            ),
            ("ustalenia", lines(self.decisions)),
            ("zadania", [(a.what, f"{a.who}, do {a.due:%d.%m.%Y}" if a.due else a.who) for a in self.actions]),
            ("nastepne", [("data", following), ("miejsce", self.next_place)]),
        ]


LABEL_WORDS = 8
"""Words of an item's text that name it when the case gives no shareable summary."""


def knowledge_label(item: KnowledgeItem) -> str:
    """Return how the minutes name one thing an institution knows: what may be said of it, else its first words."""
    if item.shareable_summary:
        return item.shareable_summary
    words = item.text.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def _item(info: SharedInformation) -> str:
    return f" [wiedza {info.item_id}]" if info.item_id else ""


MINUTES_SECTIONS: dict[str, str] = {
    "spotkanie": "Data, miejsce i protokolant",
    "obecni": "Obecni",
    "porzadek": "Porządek spotkania",
    "informacje": "Informacje przekazane zespołowi i ich podstawa",
    "ustalenia": "Ustalenia",
    "zadania": "Zadania: kto i do kiedy",
    "nastepne": "Następne spotkanie",
}
"""The minutes' sections in reading order: section key → its Polish heading."""
