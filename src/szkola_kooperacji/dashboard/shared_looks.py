"""One default Layout and one default style per widget kind, shared by every widget of a kernel.

ipywidgets gives each widget its own Layout model and its own style model, so a checkbox is
three models and opening a case made about 600, of which 450 were empty layouts and styles:
each one a message to create, state for the browser to load and memory in both. Widgets that
keep the defaults now share one frozen instance per kind, so the page carries only the widgets
themselves. A widget given its own ``layout=``/``style=`` keeps it, and that one may change.

A shared default must never change in place (every widget using it would change). To hide and
show a widget use ``set_visible`` (a CSS class; swapping a view's layout model in the browser
does not take the old one's ``display`` away). Changing a shared one raises, so the mistake
shows in the first test that makes it, not on a trainee's screen.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.trait_types import InstanceDict


class SharedDefaultError(AttributeError):
    """A shared default layout or style was changed in place (a programming error, caught by tests)."""


class _Frozen:
    """Refuses changes to synced attributes once built (mixed into a Layout or style class)."""

    _frozen = False

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen and name in getattr(self, "keys", ()) and not name.startswith("_"):
            raise SharedDefaultError(
                f"{type(self).__name__}.{name}: this layout/style is shared by many widgets; "
                "give the widget its own (layout=w.Layout(...)) or swap in another shared one"
            )
        super().__setattr__(name, value)


_FROZEN_CLASSES: dict[str, type] = {}


def _frozen_class(klass: type[w.Widget]) -> type:
    key = f"{klass.__module__}.{klass.__qualname__}"
    if key not in _FROZEN_CLASSES:
        _FROZEN_CLASSES[key] = type(f"Shared{klass.__name__}", (_Frozen, klass), {})
    return _FROZEN_CLASSES[key]


@cache
def shared(klass: type[w.Widget], **traits: Any) -> w.Widget:
    """Return this kernel's one frozen instance of a Layout or style class with these traits."""
    instance = _frozen_class(klass)(**traits)
    instance._frozen = True
    return instance


HIDDEN_CLASS = "sk-hidden"
"""The dashboard stylesheet's class of a widget kept on the page but not shown (widgets/dashboard.css)."""


def set_visible(widget: w.DOMWidget, visible: bool) -> None:
    """Show or hide a widget that keeps its place in the page (one message, no layout of its own).

    An anywidget's view follows no later class change: put it in a box and show or hide the box.
    """
    if visible:
        widget.remove_class(HIDDEN_CLASS)
    else:
        widget.add_class(HIDDEN_CLASS)


def is_visible(widget: w.DOMWidget) -> bool:
    """Return False while ``set_visible`` keeps the widget hidden."""
    return HIDDEN_CLASS not in widget._dom_classes


def shown(**traits: Any) -> w.Layout:
    """Return the shared layout of a shown widget (``traits`` as ``w.Layout`` takes them)."""
    return shared(w.Layout, **traits)


def share_default_looks() -> None:
    """Make every widget kind's default Layout and style one shared instance (idempotent)."""
    for trait in _look_traits():
        klass = trait.klass
        trait.make_dynamic_default = lambda klass=klass: shared(klass)


def _look_traits() -> list[InstanceDict]:
    traits: dict[int, InstanceDict] = {}
    pending: list[type[w.Widget]] = [w.DOMWidget]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        for name in ("layout", "style"):
            trait = cls.class_traits().get(name)
            if isinstance(trait, InstanceDict) and isinstance(trait.klass, type):
                traits[id(trait)] = trait
    return list(traits.values())
