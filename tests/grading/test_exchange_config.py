"""Which exchange the trainee's dashboard uses, and its refusals (the exchange steps themselves: test_pipeline, hub)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.grading import COURSE_ID_ENV, HUB_USER_ENV
from szkola_kooperacji.grading.exchange import TraineeExchange, config_in_force, is_folder_exchange

IMAGE_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "ngshare"
needs_ngshare = pytest.mark.skipif(
    importlib.util.find_spec("ngshare_exchange") is None, reason="pip install --no-deps ngshare-exchange==0.5.3"
)


@pytest.fixture
def config_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty Jupyter config path and home: only what a test puts there is in force."""
    folder = tmp_path / "etc"
    folder.mkdir()
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(folder))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "home-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(COURSE_ID_ENV, raising=False)
    return folder


def test_without_configuration_the_exchange_is_nbgraders_folder(config_path: Path):
    assert is_folder_exchange(config_in_force())


def test_a_folder_exchange_needs_the_course_folder(config_path: Path):
    with pytest.raises(SzkolaError, match="wymaga katalogu kursu"):
        TraineeExchange(None, "anowak", course_id="regionalny")


def test_a_server_that_knows_no_course_says_so(config_path: Path):
    with pytest.raises(SzkolaError, match="nie zna kursu"):
        TraineeExchange(None, "anowak")


def test_a_broken_server_configuration_is_named_not_replaced_by_the_folder_exchange(config_path: Path):
    (config_path / "nbgrader_config.py").write_text("c = get_config()\nc.Exchange.root = (\n", encoding="utf-8")
    with pytest.raises(SzkolaError, match=r"nbgrader_config\.py\) zawiera błąd"):
        config_in_force()


@needs_ngshare
def test_the_images_configuration_makes_the_dashboard_use_ngshare_as_its_own_account(
    config_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(IMAGE_CONFIG))
    monkeypatch.setenv(HUB_USER_ENV, "anowak")  # ngshare_exchange reads the account when imported
    assert not is_folder_exchange(config_in_force())
    monkeypatch.setenv(COURSE_ID_ENV, "regionalny_2026")
    exchange = TraineeExchange(None, "anowak", work_root=tmp_path / "prace")
    assert exchange.course_id == "regionalny_2026"
    assert exchange.assignment_dir("cw2_diagnoza") == tmp_path / "prace" / "anowak" / "regionalny_2026" / "cw2_diagnoza"
    with pytest.raises(SzkolaError, match="z własnego konta"):
        TraineeExchange(None, "jkowalski")  # a sign-in other than the server's account
