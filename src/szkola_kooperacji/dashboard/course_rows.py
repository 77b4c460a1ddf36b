"""One row of the trainee's course view (state, title, the button that opens it), and its labels and titles.

Kept apart from ``course_view`` so that the view is the layout of a course and this is the look of
one item; both are built before sign-in and only their values change afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

import ipywidgets as w

from ..data.course_refs import exercise_notebook
from ..data.paths import project_root
from ..domain.progress import ItemKind, ItemProgress, ItemState, ModuleProgress
from .guard import guarded
from .render import e
from .shared_looks import shown

STATE_MARKS = {ItemState.DONE: "✔", ItemState.IN_PROGRESS: "◐", ItemState.NOT_STARTED: "○"}
STATE_CLASSES = {ItemState.DONE: "sk-state-done", ItemState.IN_PROGRESS: "sk-state-doing", ItemState.NOT_STARTED: ""}
OPEN_LABELS = {
    ItemKind.LESSON: "Czytaj lekcję",
    ItemKind.CASE: "Otwórz przypadek",
    ItemKind.EXERCISE: "Otwórz ćwiczenie",
    ItemKind.COMPARISON: "Otwórz porównanie",
}
KIND_LABELS = {
    ItemKind.LESSON: "Lekcja",
    ItemKind.CASE: "Przypadek",
    ItemKind.EXERCISE: "Ćwiczenie oceniane",
    ItemKind.COMPARISON: "Porównanie powiatów",
}


@cache
def lesson_title(lesson_id: str) -> str:
    """Return a lesson's title: the first heading of its notebook, else its id."""
    path = project_root() / "notebooks" / f"{lesson_id}.ipynb"
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return lesson_id
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        for line in (source if isinstance(source, str) else "".join(source)).splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return lesson_id


@cache
def exercise_title(exercise_id: str) -> str:
    """Return an exercise's title from its notebook's metadata, else its id."""
    try:
        notebook = json.loads(exercise_notebook(project_root(), exercise_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return exercise_id
    title = notebook.get("metadata", {}).get("szkola", {}).get("title")
    return title if isinstance(title, str) else exercise_id


class ItemRow:
    """One lesson, case or exercise of a module: its state and title, and the button that opens it."""

    def __init__(self, item: ItemProgress, open_it: Callable[[], None], message: w.HTML) -> None:
        self.item = item
        self.info = w.HTML()
        self.info.add_class(f"sk-item-{item.item_id}")
        self.button = w.Button(description=OPEN_LABELS[item.kind], layout=shown(width="auto", min_width="150px"))
        self.button.add_class(f"sk-open-item-{item.item_id}")
        self.button.on_click(guarded(message)(lambda _: open_it()))
        self.box = w.HBox([self.info, self.button])
        self.box.add_class("sk-course-item")

    def show(self, item: ItemProgress, title: str) -> None:
        """Show this state (a widget sends only the values that changed)."""
        self.item = item
        kind = KIND_LABELS[item.kind]
        named = title.casefold().startswith(kind.split()[0].casefold())  # "Lekcja 1. …" says its kind itself
        self.info.value = (
            f"{state_html(item.state)} {'' if named else f'<b>{e(kind)}:</b> '}{e(title)} "
            f"<span class='sk-muted'>– {e(item.detail)}</span>"
        )
        self.button.tooltip = f"{OPEN_LABELS[item.kind]}: {title}"
        self.button.disabled = (
            item.kind is ItemKind.EXERCISE and not item.actionable and item.state is ItemState.NOT_STARTED
        )


def module_header(number: int, progress: ModuleProgress) -> str:
    """Return a module card's heading: title, state, hours, items done and learning outcomes."""
    module = progress.module
    outcomes = "".join(f"<li>{e(o)}</li>" for o in module.outcomes)
    dates = f", ukończono {progress.done_at.astimezone():%d.%m.%Y}" if progress.done_at else ""
    return (
        f"<h3>Moduł {number}. {e(module.title)}</h3><p>{state_html(progress.state)} "
        f"<span class='sk-muted'>{module.hours:g} godz. · ukończono {progress.done_count} z "
        f"{len(progress.items)} elementów{dates}</span></p><p class='sk-muted'>Efekty uczenia się:</p>"
        f"<ul class='sk-course-outcomes'>{outcomes}</ul>"
    )


def replace_children(box: w.Box, children: list[w.Widget], keep: tuple[w.Widget, ...] = ()) -> None:
    """Set a box's children, closing those that leave it unless the view keeps them for later."""
    if list(box.children) == children:
        return
    for old in box.children:
        if old not in children and old not in keep:
            close_tree(old)
    box.children = children


def state_html(state: ItemState) -> str:
    """Return an item's or module's state as a mark and its word."""
    return f"<span class='sk-state {STATE_CLASSES[state]}'>{STATE_MARKS[state]} {e(state.value)}</span>"


def close_tree(widget: w.Widget) -> None:
    """Close a widget and everything inside it, so the browser drops their models (and the text in them)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()
