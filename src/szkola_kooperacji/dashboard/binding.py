"""Bind a widget's value to one field of a domain model, refusing invalid input with a Polish message.

The model's own validation (lengths, types) is the rule; the widget only reports
it. Text with characters the printed contract cannot draw (emoji) or with a PESEL
number is refused the same way. The trainee's text stays in the widget so nothing
typed is lost, and each field's refusal stays in view until that field is fixed:
editing another field of the same card does not hide it.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import ipywidgets as w
from annotated_types import MaxLen
from pydantic import BaseModel, StringConstraints, ValidationError

from ..documents.glyphs import undrawable_characters
from ..domain.privacy import PESEL_REFUSED, contains_pesel
from .render import e
from .text_limits import MARK

Changed = Callable[[], None]
Check = Callable[[Any], str | None]
LIMIT_NOTE = "Najwyżej {} znaków"
"""The tooltip of a text field with a length limit (after the field's name, when it has one)."""
"""Return a Polish refusal for a widget value the model cannot take, or None when it is fine."""


class FieldMessages(w.HTML):
    """The refusals of one card, one per field, each shown until its field holds a value the model takes."""

    def __init__(self) -> None:
        super().__init__()
        self.add_class("sk-messages")
        self._problems: dict[str, str] = {}

    def report(self, key: str, problem: str | None) -> None:
        """Show ``problem`` for field ``key``, or clear that field's message when ``problem`` is None."""
        if problem is None:
            self._problems.pop(key, None)
        else:
            self._problems[key] = problem
        self.value = "".join(f"<p class='sk-message'>{text}</p>" for text in self._problems.values())

    @property
    def problems(self) -> dict[str, str]:
        """Return the fields with a refusal in view and their messages (HTML)."""
        return dict(self._problems)


def text_limit(model: BaseModel, field: str) -> int | None:
    """Return the longest text ``model.field`` accepts, read from the model's own constraint.

    A list field (one item per line of a text area) has none: its ``max_length`` counts items, not
    characters, and each line is refused on its own when it is too long.
    """
    info = type(model).model_fields[field]
    if typing.get_origin(info.annotation) is list:
        return None
    limits = [m.max_length for m in info.metadata if isinstance(m, MaxLen | StringConstraints) and m.max_length]
    return min(limits) if limits else None


def problem_message(error: ValidationError) -> str:
    """Turn a pydantic error into one sentence for a trainee."""
    detail = error.errors(include_url=False)[0]
    ctx = detail.get("ctx") or {}
    if detail["type"] == "string_too_long":
        return f"Ten tekst jest za długi: najwyżej {ctx.get('max_length')} znaków. Skróć go, aby został zapisany."
    if detail["type"] == "too_long":
        return f"Za dużo pozycji: najwyżej {ctx.get('max_length')}."
    return "Tej wartości nie można zapisać. Sprawdź, co wpisano."


def text_problem(text: str) -> str | None:
    """Return why a trainee's text cannot be stored (personal data, unprintable characters), or None."""
    if contains_pesel(text):
        return PESEL_REFUSED
    if refused := undrawable_characters(text):
        shown = " ".join(sorted(refused)[:5])
        return f"Znaków {e(shown)} nie da się wydrukować w kontrakcie (np. emoji). Usuń je, aby tekst został zapisany."
    return None


def bind(
    widget: w.ValueWidget,
    model: BaseModel,
    field: str,
    changed: Changed,
    message: FieldMessages,
    *,
    to_model: Callable[[Any], Any] = lambda v: v,
    check: Check = lambda _: None,
) -> None:
    """Write the widget's value into ``model.field`` on every change, then call ``changed``.

    A text widget's tooltip names the model's length limit, and its ``sk-maxlength-N`` mark
    lets ``TextLimits`` stop typing at it in the browser. A field without a label is named by its
    tooltip (the field's title), so a name given there is kept and the limit follows it.
    """
    limit = text_limit(model, field)
    if limit is not None and isinstance(widget, w.Text | w.Textarea):
        note = LIMIT_NOTE.format(limit)
        widget.tooltip = f"{widget.tooltip} ({note.lower()})" if widget.tooltip else note
        widget.add_class(f"{MARK}{limit}")

    def on_change(event: dict[str, Any]) -> None:
        value = event["new"]
        problem = text_problem(value) if isinstance(value, str) else None
        if problem is None:
            problem = check(value)
        if problem is None:
            try:
                setattr(model, field, to_model(value))
            except ValidationError as error:
                problem = problem_message(error)
        message.report(field, problem)
        if problem is None:
            changed()

    widget.observe(on_change, names="value")
