"""G-PZK role-play inside ``szkola serve``: a signed-in trainee joins the assigned role from the dashboard."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.roleplay.passes import SECRET_ENV

from .conftest import Server, shot, sign_in

CASE = "bezrobocie_alkohol_zurawiec"
SZKOLA = str(Path(sys.executable).with_name("szkola"))
KNOWLEDGE = load_valid_catalog().cases[CASE].knowledge


@pytest.fixture
def workshop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """``szkola serve`` whose port also serves the G-PZK sessions, with one test secret for it and the CLI."""
    monkeypatch.setenv(SECRET_ENV, "sekret-warsztatu-gpzk")
    running = Server(store=tmp_path / "drafts.sqlite", log=tmp_path / "serve.log")
    running.start()
    yield running
    running.stop()


def _cli(*args: str, server: Server) -> str:
    done = subprocess.run(
        [SZKOLA, "roleplay", *args, "--server", f"ws://127.0.0.1:{server.port}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SZKOLA_STORE": str(server.store)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_signed_in_trainee_joins_the_assigned_role_without_a_pass_in_the_address(browser: Browser, workshop):
    opened = _cli("open", CASE, server=workshop)
    session_id = opened.split()[1]
    _cli("assign", session_id, "pup", "Ewa Doradczyni", server=workshop)

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL").new_page()
    page.set_default_timeout(60_000)
    sign_in(page, workshop.url, name="Ewa Doradczyni", code="tajne-ewy-1")
    page.wait_for_selector("text=Spotkanie zespołu G-PZK")
    assert "Powiatowy Urząd Pracy" in page.inner_text(".sk-gpzk-meetings")
    shot(page, "roleplay_warsztat_pulpit")
    page.click(".sk-join-gpzk")
    page.wait_for_selector("text=Co wie Twoja instytucja")
    body = page.inner_text("body")
    own = next(k for k in KNOWLEDGE if k.institution_id == "pup")
    others = [k for k in KNOWLEDGE if k.institution_id != "pup"]
    assert own.text[:40] in body
    assert not any(k.text[:40] in body for k in others)
    assert "wejscie" not in page.url
    assert "przepustka" not in page.url
    shot(page, "roleplay_warsztat_rola")

    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL").new_page()
    other.set_default_timeout(60_000)
    sign_in(other, workshop.url, name="Jan Bez Roli", code="tajne-jana-1")
    assert other.locator(".sk-join-gpzk").count() == 0  # no role assigned: no meeting on the dashboard
