"""A shared computer in a training room: Enter signs in, a stale error goes, signing out leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Area
from szkola_kooperacji.storage import DraftStore

VALID = Path(__file__).parent.parent / "data" / "valid"
CATALOG = load_valid_catalog([VALID])


def _press_enter_in_code(app: Dashboard) -> None:
    """What the browser sends when Enter is pressed in a text field."""
    app.code._handle_custom_msg({"event": "submit"}, [])


def _tree(widget: w.Widget) -> list[w.Widget]:
    return [widget, *(item for child in getattr(widget, "children", ()) for item in _tree(child))]


def test_enter_in_the_code_field_signs_in_and_clears_a_stale_error(tmp_path: Path):
    app = Dashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"))
    app.name.value, app.code.value = "Anna Nowak", "krótki"
    _press_enter_in_code(app)
    assert app.trainee is None
    assert "od 8 do 64 znaków" in app.message.value
    app.code.value = "tajne123"
    _press_enter_in_code(app)
    assert app.trainee == "Anna Nowak"
    assert app.message.value == ""


def test_sign_out_forgets_the_trainee_and_closes_their_work(tmp_path: Path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    app = Dashboard(CATALOG, store)
    app.name.value, app.code.value = "Anna Nowak", "tajne123"
    app.sign_in()
    workspace = app.open_case("mini_case")
    workspace.diagnosis.add_need(Area.UZALEZNIENIA).statement.value = "Pan Jan pije codziennie"
    opened = _tree(workspace)
    app.sign_out()
    assert app.trainee is None
    assert (app.name.value, app.code.value, app.greeting.value) == ("", "", "")
    assert all(widget.comm is None for widget in opened)  # closed: the browser drops them
    assert "Pan Jan pije codziennie" not in str([getattr(x, "value", "") for x in _tree(app)])
    assert app.case_list not in app.body.children
    assert store.load("Anna Nowak", "mini_case") is not None  # the work stays saved for its owner
