"""Inside a JupyterHub the dashboard opens on the hub user's own cases: no second sign-in."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from szkola_kooperacji.dashboard import dashboard
from szkola_kooperacji.dashboard.hub_identity import HubDashboard
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.drafts import STORE_ENV

VALID = Path(__file__).parent.parent / "data" / "valid"
CATALOG = load_valid_catalog([VALID])


def _tree(widget: w.Widget) -> list[w.Widget]:
    return [widget, *(item for child in getattr(widget, "children", ()) for item in _tree(child))]


def test_hub_user_lands_on_their_cases_with_their_saved_work(tmp_path: Path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    store.save("anowak", Draft(case_id="mini_case"))
    app = HubDashboard(CATALOG, store, None, "anowak")
    assert app.trainee == "anowak"
    assert app.case_list in app.body.children
    assert "anowak" in app.greeting.value
    assert "masz zapisaną pracę" in " ".join(info.value for info in app.case_infos.values())
    shown = _tree(app.body)
    assert app.name not in shown
    assert app.code not in shown


def test_sign_out_leaves_the_hub_instead_of_offering_a_sign_in_form(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_BASE_URL", "/szkola/")
    app = HubDashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"), None, "anowak")
    assert "href='/szkola/hub/logout'" in app.leave.value
    app.open_case("mini_case")
    links = [x for x in _tree(app.body) if isinstance(x, w.HTML) and "hub/logout" in x.value]
    assert links  # the workspace's header signs out through the hub too


def test_dashboard_uses_the_hub_identity_when_the_hub_started_the_server(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "drafts.sqlite"))
    monkeypatch.setenv("JUPYTERHUB_USER", "jkowalski")
    assert isinstance(dashboard(), HubDashboard)
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert not isinstance(dashboard(), HubDashboard)
