"""A list of rows in a document editor (actions, partners, budget lines…): add, edit in place, remove.

Each row edits one item of a model's list in place through ``binding.bind`` (the model's limits,
the PESEL check and the date format refuse bad input in Polish and keep the text); adding or
removing a row changes the list and calls ``changed``, which saves the document and re-runs the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
from pydantic import BaseModel

from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS
from . import dates
from .binding import Changed, FieldMessages, bind
from .shared_looks import shown

SECTOR_CHOICES = [(label, sector) for sector, label in SECTOR_LABELS.items()]
LEVEL_CHOICES = [(label, level) for level, label in LEVEL_LABELS.items()]


@dataclass(frozen=True)
class Column:
    """One field of a row: the item's attribute, its widget kind, its name for a screen reader and a hint."""

    attr: str
    kind: str
    """``text``, ``date``, ``sector``, ``level``, ``amount`` or ``choice`` (from ``options``)."""
    name: str
    placeholder: str = ""
    width: str = "14em"
    options: tuple[tuple[str, Any], ...] = ()


def _widget(item: BaseModel, column: Column, changed: Changed, message: FieldMessages, *, labelled: bool) -> w.Widget:
    value = getattr(item, column.attr)
    look = shown(width=column.width)
    field: w.Widget
    if column.kind == "date":
        field = dates.date_field(value, column.name if labelled else "")
        bind(field, item, column.attr, changed, message, to_model=dates.parse, check=dates.problem)
    elif column.kind in {"sector", "level", "choice"}:
        choices = {"sector": SECTOR_CHOICES, "level": LEVEL_CHOICES}.get(column.kind, list(column.options))
        field = w.Dropdown(options=choices, value=value, layout=look)
        bind(field, item, column.attr, changed, message)
    elif column.kind == "amount":
        field = w.BoundedFloatText(value=value, min=0, max=10_000_000, step=10, layout=look)
        bind(field, item, column.attr, changed, message, to_model=float)
    else:
        field = w.Text(value=value, placeholder=column.placeholder, continuous_update=False, layout=look)
        bind(field, item, column.attr, changed, message)
    field.tooltip = column.name
    if labelled:
        field.description = column.name
    field.add_class(f"sk-row-{column.attr}")
    return field


class Row(w.HBox):
    """One item's fields, its refusals and a button that takes it out.

    A ``labelled`` row shows each field's name as its visible label and is laid out as a card
    (``sk-row-labelled``; the page's style says where each field goes), for items whose fields
    are too long to stand side by side.
    """

    def __init__(
        self,
        item: BaseModel,
        columns: Sequence[Column],
        changed: Changed,
        remove: Callable[[Row], None],
        *,
        labelled: bool = False,
    ) -> None:
        self.item = item
        self.message = FieldMessages()
        self.fields = {c.attr: _widget(item, c, changed, self.message, labelled=labelled) for c in columns}
        drop = w.Button(description="Usuń", layout=w.Layout(width="auto"))
        drop.add_class("sk-row-remove")
        drop.on_click(lambda _: remove(self))
        super().__init__([*self.fields.values(), drop, self.message])
        self.add_class("sk-row")
        if labelled:
            self.add_class("sk-row-labelled")


class RowList(w.VBox):
    """The rows of ``owner.field`` (a list of models) with a button that adds an empty one."""

    def __init__(
        self,
        owner: BaseModel,
        field: str,
        new: Callable[[], Any],
        columns: Sequence[Column],
        *,
        changed: Changed,
        add_label: str,
        labelled: bool = False,
    ) -> None:
        """``labelled`` rows are cards with a visible label on each field (see ``Row``)."""
        self.owner, self.field, self.new, self.columns, self.changed = owner, field, new, columns, changed
        self.labelled = labelled
        self.rows = w.VBox([self._row(item) for item in getattr(owner, field)])
        add = w.Button(description=add_label, layout=w.Layout(width="auto"))
        add.add_class(f"sk-add-{field}")
        add.on_click(lambda _: self.add())
        super().__init__([self.rows, add])
        self.add_class(f"sk-rows-{field}")

    def add(self) -> Row:
        """Append an empty item and its row; save."""
        item = self.new()
        getattr(self.owner, self.field).append(item)
        row = self._row(item)
        self.rows.children = [*self.rows.children, row]
        self.changed()
        return row

    def _row(self, item: BaseModel) -> Row:
        return Row(item, self.columns, self.changed, self.remove, labelled=self.labelled)

    def remove(self, row: Row) -> None:
        """Take one item and its row out; save."""
        setattr(self.owner, self.field, [i for i in getattr(self.owner, self.field) if i is not row.item])
        self.rows.children = [r for r in self.rows.children if r is not row]
        row.close()
        self.changed()
