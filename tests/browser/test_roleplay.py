"""G-PZK role-play end to end: three roles in three browsers build one contract; a secret shared is judged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.text import shorten

from .conftest import ROOT, SCREENSHOTS, WAIT_MS, free_port, shot

CASE = "bezrobocie_alkohol_zurawiec"
VOILA = (sys.executable, "-m", "voila", "--Voila.ip=127.0.0.1")
SECRET = load_valid_catalog().cases[CASE].knowledge_item("K4")


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    import socket  # noqa: PLC0415

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(log.read_text(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture
def meeting(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A session server, a session opened on the case, and Voilà serving the G-PZK page; yield (page URL, id)."""
    ws_port, page_port = free_port(), free_port()
    log = tmp_path / "servers.log"
    szkola = str(Path(sys.executable).with_name("szkola"))
    with log.open("ab") as out:
        sessions = subprocess.Popen(
            [szkola, "roleplay", "serve", "--port", str(ws_port), "--db", str(tmp_path / "sesje.sqlite")],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        env = {**os.environ, "SZKOLA_GPZK_SERVER": f"ws://127.0.0.1:{ws_port}"}
        voila = subprocess.Popen(
            [*VOILA, str(ROOT / "notebooks" / "gpzk.ipynb"), f"--port={page_port}", "--no-browser"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        _wait_for_port(ws_port, sessions, log)
        # a process of its own: Playwright's event loop runs in this thread
        opened = subprocess.run(
            [szkola, "roleplay", "open", CASE, "--server", f"ws://127.0.0.1:{ws_port}"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert opened.returncode == 0, opened.stdout + opened.stderr
        _wait_for_port(page_port, voila, log)
        yield f"http://127.0.0.1:{page_port}/", opened.stdout.split()[1]
    finally:
        for process in (voila, sessions):
            process.terminate()
            process.wait(timeout=30)


def _seat(browser: Browser, url: str, session_id: str, role: str, name: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url + "?" + urlencode({"sesja": session_id, "rola": role, "imie": name}))
    page.wait_for_selector("text=Co wie Twoja instytucja")
    return page


def test_three_roles_build_a_contract_and_a_secret_shared_without_consent_is_judged(browser: Browser, meeting):
    url, session_id = meeting
    lead = _seat(browser, url, session_id, "gops_zurawiec", "Anna Prowadząca")
    therapist = _seat(browser, url, session_id, "poradnia_uzaleznien", "Piotr Terapeuta")
    office = _seat(browser, url, session_id, "pup", "Ewa Doradczyni")
    assert SECRET.text[:40] not in lead.inner_text("body")  # the lead does not know what the therapist knows

    therapist.locator(".widget-dropdown", has_text="Informacja").locator("select").select_option(
        label=f"{SECRET.id}: {shorten(SECRET.text, 50)}"
    )
    therapist.get_by_role("button", name="Przekaż zespołowi").click()
    therapist.wait_for_selector("text=Ocena Twoich udostępnień")
    therapist.wait_for_selector("text=odmówiła zgody")
    lead.wait_for_selector(f"text={SECRET.text[:40]}")  # said at the table: everyone heard it

    office.locator("textarea").fill("Rejestracja i oferta prac społecznie użytecznych od marca 2027 r.")
    office.get_by_role("button", name="Zaproponuj działanie").click()
    lead.wait_for_selector("text=Rejestracja i oferta prac społecznie użytecznych")
    lead.locator(".widget-dropdown", has_text="Propozycja").locator("select").select_option(index=0)
    lead.get_by_role("button", name="Przyjmij do kontraktu").click()
    office.wait_for_selector("td:has-text('przyjęte')")
    therapist.wait_for_selector("td:has-text('przyjęte')")
    for page, name in ((lead, "prowadzacy"), (therapist, "terapeuta"), (office, "pup")):
        shot(page, f"roleplay_{name}")
    lead.screenshot(path=str(SCREENSHOTS / "roleplay_prowadzacy_cala_strona.png"), full_page=True)
