"""G-PZK role-play inside ``szkola serve``: a signed-in trainee joins the assigned role from the dashboard."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.roleplay.passes import SECRET_ENV

from .conftest import ROOT, Server, free_port, shot, sign_in

CASE = "bezrobocie_alkohol_zurawiec"
SZKOLA = str(Path(sys.executable).with_name("szkola"))
VOILA = (sys.executable, "-m", "voila", "--Voila.ip=127.0.0.1")
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


@pytest.fixture
def trainer_page(tmp_path: Path, workshop: Server) -> Iterator[str]:
    """Voilà serving the trainer's desk beside the workshop: the same store, sessions and secret."""
    port = free_port()
    env = {
        **os.environ,
        "SZKOLA_STORE": str(workshop.store),
        "SZKOLA_GPZK_SERVER": f"ws://127.0.0.1:{workshop.port}",
    }
    with (tmp_path / "trener.log").open("ab") as log:
        process = subprocess.Popen(
            [*VOILA, str(ROOT / "notebooks" / "gpzk_trener.ipynb"), f"--port={port}", "--no-browser"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert process.poll() is None, (tmp_path / "trener.log").read_text(errors="replace")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _page(browser: Browser) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL").new_page()
    page.set_default_timeout(60_000)
    return page


def test_the_trainer_assigns_a_role_in_the_desk_and_the_signed_in_trainee_joins_it(
    browser: Browser, workshop, trainer_page
):
    other = _page(browser)
    sign_in(other, workshop.url, name="Jan Bez Roli", code="tajne-jana-1")  # signed in before the desk opens
    opened = _cli("open", CASE, "--page", trainer_page, server=workshop)
    trainer_link = next(word for word in opened.split() if "?wejscie=" in word)

    trainer = _page(browser)
    trainer.goto(trainer_link)
    trainer.wait_for_selector("text=Przydział ról")
    offered = trainer.locator(".sk-assign-pup datalist option").evaluate_all("os => os.map(o => o.value)")
    assert offered == ["Jan Bez Roli"]  # the desk offers who signed in to the workshop
    trainer.locator(".sk-assign-pup input").fill("Ewa Doradczyni")  # or anyone the trainer types
    trainer.locator(".sk-assign-pup button", has_text="Przydziel").click()
    trainer.wait_for_selector(".sk-assign-pup:has-text('Ewa Doradczyni') button:has-text('Zwolnij')")
    trainer.locator(".sk-assign-gops_zurawiec input").fill("ewa doradczyni")
    trainer.locator(".sk-assign-gops_zurawiec button", has_text="Przydziel").click()
    trainer.wait_for_selector(".sk-role-assignments .sk-error:has-text('uczestnik ma jedną rolę')")
    trainer.locator(".sk-role-assignments").scroll_into_view_if_needed()
    shot(trainer, "roleplay_trener_przydzial_rol")

    page = _page(browser)
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
    trainer.wait_for_selector("td:has-text('Ewa Doradczyni')")  # the desk sees her at the table

    trainer.locator(".sk-assign-pup button", has_text="Zwolnij").click()  # the trainer frees her role mid-meeting
    page.wait_for_selector(".sk-role-released:has-text('Trener zwolnił Twoją rolę')")
    assert page.locator(".sk-gpzk-seat button", has_text="Przekaż zespołowi").is_disabled()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "roleplay_warsztat_rola_zwolniona")
    trainer.wait_for_selector(".sk-facilitator td:has-text('wolna')")

    sign_in(other, workshop.url, name="Jan Bez Roli", code="tajne-jana-1")
    assert other.locator(".sk-join-gpzk").count() == 0  # no role assigned: no meeting on the dashboard
