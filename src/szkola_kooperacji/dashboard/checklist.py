"""A list of checkboxes for choosing several items: mouse, keyboard (Tab, Space) and touch alike.

A multi-select list box needs Ctrl+click, shows a few rows with cut text and scrolls
chosen items out of sight. Here every item is a labelled checkbox whose text wraps,
and every item stays in view, so what is chosen is always visible. A long list (the
interview's findings) is folded by group: one button per group says how many of its
items are chosen, and the chosen ones stay in view while the group is folded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import traitlets

from .render import e
from .shared_looks import set_visible, shown

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
    def boxes(self) -> list[w.Checkbox]:
        """Return the checkboxes, one per option, in option order."""
        return list(self._boxes)

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
            box = w.Checkbox(value=value in chosen, description=label, indent=False, layout=shown(width="100%"))
            box.add_class("sk-check")
            box.observe(self._box_changed, names="value")
            self._boxes.append(box)
        self._arrange()
        self._syncing = True
        try:
            self.value = tuple(v for v in self.value if v in {o[1] for o in self._options})
        finally:
            self._syncing = False

    def _arrange(self) -> None:
        """Place the title and the boxes (or a note that there is nothing to choose)."""
        nothing = [] if self._boxes else [w.HTML(f"<span class='sk-muted'>{self._empty}</span>")]
        self.children = (self._title, *self._boxes, *nothing)

    def _shown(self) -> None:
        """Follow a change of the chosen items (subclasses redraw what depends on them)."""

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
        self._shown()

    def _box_changed(self, _: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.value = tuple(v for box, (_, v) in zip(self._boxes, self._options, strict=True) if box.value)
        finally:
            self._syncing = False
        self._counted()

    def _counted(self) -> None:
        """Follow a box ticked or unticked by the trainee (subclasses update their counts)."""


class FoldedCheckList(CheckList):
    """A checkbox list in groups, each folded behind a button that counts its chosen items.

    A folded group still shows its chosen items, so what is chosen never leaves the card; an
    item unticked while its group is folded stays in view until the group is folded again, so
    it does not vanish under the pointer. The toggles are buttons (Tab, Enter, Space) whose text
    says the group, whether it is unfolded (▾) or folded (▸), and how many items are chosen.
    """

    def __init__(
        self,
        options: Options,
        value: Sequence[Any] = (),
        *,
        description: str,
        groups: Mapping[Any, str],
        open_groups: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        """Group the options by ``groups`` (value to group title), groups in the order of their first option."""
        self._groups = dict(groups)
        self._open = set(open_groups)
        self._toggles: dict[str, w.Button] = {}
        super().__init__(options, value, description=description, **kwargs)

    def _members(self) -> dict[str, list[int]]:
        members: dict[str, list[int]] = {}
        for index, (_, value) in enumerate(self._options):
            members.setdefault(self._groups.get(value, "inne"), []).append(index)
        return members

    def _arrange(self) -> None:
        if not self._boxes:
            super()._arrange()
            return
        children: list[w.Widget] = [self._title]
        self._toggles = {}
        for group, indexes in self._members().items():
            toggle = w.Button(layout=shown(width="100%"))
            toggle.add_class("sk-fold-toggle")
            toggle.on_click(lambda _, g=group: self.toggle(g))
            self._toggles[group] = toggle
            body = w.VBox([self._boxes[i] for i in indexes])
            body.add_class("sk-fold-group")
            children += [toggle, body]
        self.children = tuple(children)
        self._fold()

    def is_open(self, group: str) -> bool:
        """Return True when every item of ``group`` is shown."""
        return group in self._open

    def unfold(self, group: str) -> None:
        """Show every item of ``group`` (a group not in the list is ignored)."""
        self._open.add(group)
        self._fold()

    def toggle(self, group: str) -> None:
        """Unfold a folded group, or fold an unfolded one (its chosen items stay in view)."""
        self._open ^= {group}
        self._fold()

    def _fold(self) -> None:
        for group, indexes in self._members().items():
            for i in indexes:
                set_visible(self._boxes[i], group in self._open or self._boxes[i].value)
        self._counted()

    def _shown(self) -> None:
        self._fold()

    def _counted(self) -> None:
        for group, indexes in self._members().items():
            if group not in self._toggles:
                continue
            chosen = sum(1 for i in indexes if self._boxes[i].value)
            unfolded = group in self._open
            toggle = self._toggles[group]
            toggle.description = f"{'▾' if unfolded else '▸'} {group} — wybrane: {chosen} z {len(indexes)}"
            toggle.tooltip = "Zwiń" if unfolded else "Pokaż wszystkie ustalenia z tego obszaru"
