"""A trainee's dashboard as the kernel of their own server builds it, driven by its own buttons (no browser).

Run by tests/hub/test_ngshare.py in the environment of a trainee's server on Kubernetes: the hub
account and token, the single-user image's nbgrader configuration (ngshare), the course id and no
course folder. ``python ngshare_trainee.py submit EXERCISE REFLECTION`` opens the exercise from the
course's list, builds the reference diagnosis in the exercise's draft (what the builders do) and
clicks "Oddaj ćwiczenie"; ``… feedback EXERCISE`` clicks "Pokaż informację zwrotną od trenera";
``… list EXERCISE`` only shows the page.
It prints what the page shows, as JSON, with the exercise's row in the course view as the page opened.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import ipywidgets as w

from szkola_kooperacji.dashboard import dashboard
from szkola_kooperacji.dashboard.exercise_panel import ExercisePanel
from szkola_kooperacji.dashboard.workspace import Workspace


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


def click(root: w.Widget, css: str) -> None:
    buttons = [b for b in walk(root) if isinstance(b, w.Button) and css in b._dom_classes]
    if not buttons:
        print(json.dumps({"missing": css, "page": [getattr(x, "value", "") for x in walk(root)]}))
        sys.exit(1)
    buttons[0].click()


def main(step: str, exercise: str, reflection: str = "") -> None:
    page = dashboard()
    # the exercise's row in the course view (state and detail), as the page first shows it
    course = " ".join(x.value for x in walk(page) if isinstance(x, w.HTML) and f"sk-item-{exercise}" in x._dom_classes)
    if step == "list":  # what the page says where the course's exercises are listed
        texts = [x.value for x in walk(page) if isinstance(x, w.HTML)]
        buttons = [x for x in walk(page) if isinstance(x, w.Button)]
        listed = [c for x in buttons for c in x._dom_classes if c.startswith("sk-exercise-")]  # the exercises' buttons
        choices = [
            o[0]
            for x in walk(page)
            if isinstance(x, w.Dropdown)
            for o in x.options
            if "sk-course-choice" in x._dom_classes
        ]
        print(json.dumps({"texts": texts, "listed": listed, "course": course, "choices": choices}))
        return
    click(page, f"sk-exercise-{exercise}")
    workspace = next(x for x in walk(page) if isinstance(x, Workspace))
    panel = next(x for x in walk(page) if isinstance(x, ExercisePanel))
    shown: dict[str, str] = {"message": page.message.value, "course": course}
    if step == "submit":
        workspace.draft.diagnosis = workspace.case.reference.diagnosis.model_copy(deep=True)
        for area in panel.areas.values():
            area.value = reflection
        click(panel, "sk-submit")
    else:
        click(panel, "sk-show-returned")
        shown["returned"] = panel.returned.value
    shown["status"] = panel.status.value
    shown["after"] = page.message.value
    print(json.dumps(shown))


if __name__ == "__main__":
    main(*sys.argv[1:])
