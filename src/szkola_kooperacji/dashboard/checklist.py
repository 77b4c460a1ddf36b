"""A list of checkboxes for choosing several items: mouse, keyboard (Tab, Space) and touch alike.

A multi-select list box needs Ctrl+click, shows a few rows with cut text and scrolls
chosen items out of sight. Here every item is a labelled checkbox whose text wraps,
and every item stays in view, so what is chosen is always visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import traitlets

from .render import e

Options = Sequence[tuple[str, Any]]


class CheckList(w.VBox):
    """Choose any number of ``(label, value)`` options; ``value`` is the chosen values, in option order."""

    value = traitlets.Tuple()

    def __init__(
        self, options: Options, value: Sequence[Any] = (), *, description: str, empty: str = "brak", **kwargs: Any
    ) -> None:
        self._options: list[tuple[str, Any]] = []
        self._boxes: list[w.Checkbox] = []
        self._syncing = False
        self._title = w.HTML(f"<span class='sk-checklist-title'>{e(description)}</span>")
        self._empty = empty
        super().__init__(**kwargs)
        self.add_class("sk-checklist")
        self.options = options
        self.value = tuple(value)

    @property
    def options(self) -> list[tuple[str, Any]]:
        """Return the ``(label, value)`` pairs offered."""
        return list(self._options)

    @options.setter
    def options(self, options: Options) -> None:
        self._options = list(options)
        chosen = set(self.value)
        self._boxes = []
        for label, value in self._options:
            box = w.Checkbox(value=value in chosen, description=label, indent=False, layout=w.Layout(width="100%"))
            box.add_class("sk-check")
            box.observe(self._box_changed, names="value")
            self._boxes.append(box)
        nothing = [] if self._boxes else [w.HTML(f"<span class='sk-muted'>{self._empty}</span>")]
        self.children = (self._title, *self._boxes, *nothing)
        self._syncing = True
        try:
            self.value = tuple(v for v in self.value if v in {o[1] for o in self._options})
        finally:
            self._syncing = False

    @traitlets.validate("value")
    def _only_offered(self, proposal: dict[str, Any]) -> tuple[Any, ...]:
        wanted = set(proposal["value"])
        return tuple(v for _, v in self._options if v in wanted)

    @traitlets.observe("value")
    def _value_changed(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        chosen = set(change["new"])
        self._syncing = True
        try:
            for box, (_, value) in zip(self._boxes, self._options, strict=True):
                box.value = value in chosen
        finally:
            self._syncing = False

    def _box_changed(self, _: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.value = tuple(v for box, (_, v) in zip(self._boxes, self._options, strict=True) if box.value)
        finally:
            self._syncing = False
