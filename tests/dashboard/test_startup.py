"""A broken data folder gives the trainee a Polish message, never a traceback."""

from pathlib import Path

import ipywidgets as w
import pytest

from szkola_kooperacji.dashboard import Dashboard, dashboard

DATA = Path(__file__).parent.parent / "data"


def test_invalid_data_shows_a_message_for_the_trainer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SZKOLA_DATA", str(DATA / "malformed" / "wrong_type.yaml"))
    monkeypatch.setenv("SZKOLA_STORE", str(tmp_path / "s.sqlite"))
    shown = dashboard()
    assert isinstance(shown, w.HTML)
    assert "Platforma nie może wystartować" in shown.value
    assert "szkola validate" in shown.value
    assert "Traceback" not in shown.value


def test_valid_data_gives_the_dashboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SZKOLA_DATA", str(DATA / "valid"))
    monkeypatch.setenv("SZKOLA_STORE", str(tmp_path / "s.sqlite"))
    assert isinstance(dashboard(), Dashboard)
