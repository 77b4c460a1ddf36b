"""Bind a widget's value to one field of a domain model, refusing invalid input with a Polish message.

The model's own validation (lengths, types) is the rule; the widget only reports
it. Text with characters the printed contract cannot draw (emoji) is refused the same way.
The trainee's text stays in the widget so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
from pydantic import BaseModel, ValidationError

from ..documents.glyphs import undrawable_characters
from .render import e

Changed = Callable[[], None]


def problem_message(error: ValidationError) -> str:
    """Turn a pydantic error into one sentence for a trainee."""
    detail = error.errors(include_url=False)[0]
    ctx = detail.get("ctx") or {}
    if detail["type"] == "string_too_long":
        return f"Ten tekst jest za długi: najwyżej {ctx.get('max_length')} znaków. Skróć go, aby został zapisany."
    if detail["type"] == "too_long":
        return f"Za dużo pozycji: najwyżej {ctx.get('max_length')}."
    return "Tej wartości nie można zapisać. Sprawdź, co wpisano."


def bind(
    widget: w.ValueWidget,
    model: BaseModel,
    field: str,
    changed: Changed,
    message: w.HTML,
    *,
    to_model: Callable[[Any], Any] = lambda v: v,
) -> None:
    """Write the widget's value into ``model.field`` on every change, then call ``changed``."""

    def on_change(event: dict[str, Any]) -> None:
        if isinstance(event["new"], str) and (refused := undrawable_characters(event["new"])):
            shown = " ".join(sorted(refused)[:5])
            message.value = (
                f"<span class='sk-message'>Znaków {e(shown)} nie da się wydrukować w kontrakcie (np. emoji). "
                "Usuń je, aby tekst został zapisany.</span>"
            )
            return
        try:
            setattr(model, field, to_model(event["new"]))
        except ValidationError as error:
            message.value = f"<span class='sk-message'>{problem_message(error)}</span>"
            return
        message.value = ""
        changed()

    widget.observe(on_change, names="value")
