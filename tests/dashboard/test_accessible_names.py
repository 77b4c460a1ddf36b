"""Every control of the dashboard has a name a screen reader can say (WCAG 4.1.2), not only a placeholder.

ipywidgets names a control by its ``description`` (a label beside it) or, without one, by its ``tooltip``
(the field's title). The browser audit (tests/browser/test_accessibility.py) checks the page; this test
walks the widget tree of every editor without a browser, so a new field without a name fails in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pytest

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Area, Responsible
from szkola_kooperacji.domain.contract import Action
from szkola_kooperacji.storage import DraftStore

VALID = Path(__file__).parent.parent / "data" / "valid"
CONTROLS = (w.Text, w.Textarea, w.Password, w.Dropdown, w.Select, w.Checkbox, w.Button)


def controls(widget: w.Widget) -> Iterator[w.Widget]:
    if isinstance(widget, CONTROLS) or (hasattr(widget, "_esm") and widget.has_trait("description")):  # download
        yield widget
    for child in getattr(widget, "children", ()):
        yield from controls(child)


def name(control: w.Widget) -> str:
    """The label, else the tooltip without the length limit ("Najwyżej 4000 znaków" names no field)."""
    tooltip = re.sub(r"\(?najwyżej \d+ znaków\)?", "", getattr(control, "tooltip", None) or "", flags=re.IGNORECASE)
    return (control.description or "").strip() or tooltip.strip()


def unnamed(widget: w.Widget) -> list[str]:
    return [
        f"{type(c).__name__} {sorted(c._dom_classes)} placeholder={getattr(c, 'placeholder', '')!r}"
        for c in controls(widget)
        if not name(c)
    ]


@pytest.fixture
def app(tmp_path: Path) -> Dashboard:
    return Dashboard(load_valid_catalog([VALID]), DraftStore(tmp_path / "drafts.sqlite"))


def test_sign_in_page_controls_have_names(app: Dashboard):
    assert unnamed(w.VBox(app.sign_in_page)) == []


def test_every_editor_of_a_case_has_named_controls(app: Dashboard):
    app.name.value, app.code.value = "Anna Nowak", "tajne123"
    app.sign_in()
    assert unnamed(app) == []
    workspace = app.open_case("mini_case")
    workspace.diagnosis.add_need(Area.SYTUACJA_ZAWODOWA)
    workspace.contract.add_goal()
    workspace.contract.add_action(Action(id="D1", responsible=Responsible.KLIENT))
    found = list(controls(app))
    assert len(found) > 30, "the walk reaches the editors inside the tabs"
    assert unnamed(app) == []
