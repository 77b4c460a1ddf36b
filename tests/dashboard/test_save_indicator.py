"""The save indicator says "Zapisano" only after the store has the change, and changes with every save."""

from __future__ import annotations

from pathlib import Path

import pytest

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.storage import DraftStore

VALID = Path(__file__).parent.parent / "data" / "valid"


@pytest.fixture
def app(tmp_path: Path) -> Dashboard:
    dashboard = Dashboard(load_valid_catalog([VALID]), DraftStore(tmp_path / "drafts.sqlite"))
    dashboard.name.value, dashboard.code.value = "Anna Nowak", "tajne123"
    dashboard.sign_in()
    return dashboard


def test_every_save_redraws_the_indicator(app: Dashboard):
    workspace = app.open_case("mini_case")
    editor = workspace.diagnosis.add_need()
    first = workspace.status.value
    editor.statement.value = "Brak opału"
    second = workspace.status.value
    assert "Zapisano o" in first
    assert "Zapisano o" in second
    assert first != second  # within the same minute too: the page replaces its "Niezapisane zmiany"
    assert "sk-autosave" in workspace.diagnosis._dom_classes


def test_a_failed_save_is_not_reported_as_saved(app: Dashboard, monkeypatch: pytest.MonkeyPatch):
    workspace = app.open_case("mini_case")

    def locked(*args: object, **kwargs: object) -> None:
        raise OSError("database is locked")

    monkeypatch.setattr(workspace.store, "save", locked)
    workspace.diagnosis.add_need()
    assert "Zapisano" not in workspace.status.value
    assert "Nie udało się zapisać" in workspace.status.value
