"""Date fields that read and write dd.mm.rrrr whatever the browser's language.

The browser's own date input shows mm/dd/yyyy in an English browser, so a training
room with one misconfigured computer would read 03/11 as 11 March. A text field
parsed here shows the Polish format everywhere and refuses what is not a date
with a Polish message.
"""

from __future__ import annotations

import datetime as dt
import re

import ipywidgets as w

from .shared_looks import shown

PLACEHOLDER = "dd.mm.rrrr"
FORMAT = "%d.%m.%Y"
_DATE = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*$")


def show(value: dt.date | None) -> str:
    """Return a date as the trainee reads it, or an empty text for no date."""
    return value.strftime(FORMAT) if value else ""


def parse(text: str) -> dt.date | None:
    """Return the date written as dd.mm.rrrr (empty text is no date); raise ValueError otherwise."""
    if not text.strip():
        return None
    found = _DATE.match(text)
    if found is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in found.groups())
    return dt.date(year, month, day)


def problem(text: str) -> str | None:
    """Return the Polish refusal of a text that is not a date, or None when it is one (or empty)."""
    try:
        parse(text)
    except ValueError:
        return f"„{text.strip()}” to nie jest data. Wpisz ją jako dzień.miesiąc.rok, np. 30.11.2026."
    return None


def date_field(value: dt.date | None, description: str) -> w.Text:
    """Return a text field for one date, showing ``value`` as dd.mm.rrrr."""
    field = w.Text(
        value=show(value),
        placeholder=PLACEHOLDER,
        description=description,
        continuous_update=False,
        layout=shown(width="16em"),
    )
    field.add_class("sk-date")
    return field
