"""The page's widget states come from a copy made in advance, and the copy is never stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w
from ipywidgets.widgets import widget as ipywidgets_widget

from szkola_kooperacji.dashboard import Dashboard, widget_states
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.storage import DraftStore

CATALOG = load_valid_catalog([Path(__file__).parent.parent / "data" / "valid"])


def _as_ipywidgets_builds_it() -> dict[str, Any]:
    """Every widget's state computed afresh, as ipywidgets' own handler does."""
    return {
        model_id: widget.get_state(drop_defaults=False) for model_id, widget in ipywidgets_widget._instances.items()
    }


def _states() -> dict[str, Any]:
    states, _paths, _buffers = widget_states.current_states()
    return {model_id: entry["state"] for model_id, entry in states.items()}


def test_the_copy_is_reused_until_a_widget_changes(tmp_path: Path):
    Dashboard(CATALOG, DraftStore(tmp_path / "s.sqlite"))
    first = widget_states.current_states()
    assert widget_states.current_states() is first  # nothing changed: the copy made before is the answer
    name = w.Text(value="przed")
    assert widget_states.current_states() is not first  # a new widget: answered afresh
    name.value = "po zmianie"
    assert _states()[name.model_id]["value"] == "po zmianie"
    assert _states() == _as_ipywidgets_builds_it()
    model_id = name.model_id
    name.close()
    assert model_id not in _states()


def test_a_value_set_by_the_page_is_in_the_next_answer(tmp_path: Path):
    Dashboard(CATALOG, DraftStore(tmp_path / "s.sqlite"))
    widget_states.current_states()
    field = w.Text(value="")
    widget_states.current_states()
    field.set_state({"value": "wpisane w przeglądarce"})  # as a front-end update arrives
    assert _states()[field.model_id]["value"] == "wpisane w przeglądarce"


class _ControlComm:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, data: dict[str, Any], buffers: Any = None) -> None:
        self.sent.append(data)


def test_the_control_comm_answers_request_states_with_every_widget(tmp_path: Path, monkeypatch):
    Dashboard(CATALOG, DraftStore(tmp_path / "s.sqlite"))
    comm = _ControlComm()
    monkeypatch.setattr(ipywidgets_widget.Widget, "_control_comm", comm)
    ipywidgets_widget.Widget._handle_control_comm_msg({"content": {"data": {"method": "request_states"}}})
    (answer,) = comm.sent
    assert answer["method"] == "update_states"
    assert {k: v["state"] for k, v in answer["states"].items()} == _as_ipywidgets_builds_it()
    assert all(v["model_name"] for v in answer["states"].values())
