"""G-PZK role-play end to end: roles in separate browsers build one contract; the trainer runs the meeting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pypdfium2
import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.text import shorten
from szkola_kooperacji.roleplay.passes import issue

from .conftest import ROOT, SCREENSHOTS, WAIT_MS, free_port, shot

CASE = "bezrobocie_alkohol_zurawiec"
VOILA = (sys.executable, "-m", "voila", "--Voila.ip=127.0.0.1")
CATALOG = load_valid_catalog()
SECRET = CATALOG.cases[CASE].knowledge_item("K4")
DIRECTORY = CATALOG.directory
GOAL = "Krzysztof podejmie pracę do czerwca 2027 r."


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


PASS_SECRET = "sekret-testu-przegladarki"


@dataclass
class Meeting:
    """A running meeting: the role page, the trainer's link (with its pass) and the session id."""

    role_page: str
    trainer_link: str
    session_id: str


@pytest.fixture
def meeting(tmp_path: Path) -> Iterator[Meeting]:
    """A session server, a session opened on the case, Voilà serving the role page and the trainer's page."""
    ws_port, page_port, trainer_port = free_port(), free_port(), free_port()
    log = tmp_path / "servers.log"
    szkola = str(Path(sys.executable).with_name("szkola"))
    role_page, trainer_page = f"http://127.0.0.1:{page_port}/", f"http://127.0.0.1:{trainer_port}/"
    env = {
        **os.environ,
        "SZKOLA_GPZK_SERVER": f"ws://127.0.0.1:{ws_port}",
        "SZKOLA_GPZK_SECRET": PASS_SECRET,
        "SZKOLA_GPZK_PAGE": role_page,
    }
    with log.open("ab") as out:
        processes = [
            subprocess.Popen(
                [szkola, "roleplay", "serve", "--port", str(ws_port), "--db", str(tmp_path / "sesje.sqlite")],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        ]
        for notebook, port in (("gpzk.ipynb", page_port), ("gpzk_trener.ipynb", trainer_port)):
            processes.append(
                subprocess.Popen(
                    [*VOILA, str(ROOT / "notebooks" / notebook), f"--port={port}", "--no-browser"],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    env=env,
                )
            )
    try:
        _wait_for_port(ws_port, processes[0], log)
        # a process of its own: Playwright's event loop runs in this thread
        opened = subprocess.run(
            [szkola, "roleplay", "open", CASE, "--server", env["SZKOLA_GPZK_SERVER"], "--page", trainer_page],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert opened.returncode == 0, opened.stdout + opened.stderr
        trainer_link = next(word for word in opened.stdout.split() if "?wejscie=" in word)
        _wait_for_port(page_port, processes[1], log)
        _wait_for_port(trainer_port, processes[2], log)
        yield Meeting(role_page, trainer_link, opened.stdout.split()[1])
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def _context(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


def _join(browser: Browser, link: str) -> Page:
    page = _context(browser)
    page.goto(link)
    page.wait_for_selector("text=Co wie Twoja instytucja")
    return page


def _seat(browser: Browser, meeting: Meeting, role: str, name: str) -> Page:
    token = issue(PASS_SECRET.encode(), meeting.session_id, role, name)
    return _join(browser, meeting.role_page + "?" + urlencode({"wejscie": token}))


def test_three_roles_build_a_contract_and_a_secret_shared_without_consent_is_judged(browser: Browser, meeting):
    lead = _seat(browser, meeting, "gops_zurawiec", "Anna Prowadząca")
    therapist = _seat(browser, meeting, "poradnia_uzaleznien", "Piotr Terapeuta")
    office = _seat(browser, meeting, "pup", "Ewa Doradczyni")
    assert SECRET.text[:40] not in lead.inner_text("body")  # the lead does not know what the therapist knows

    therapist.locator(".widget-dropdown", has_text="Informacja").locator("select").select_option(
        label=f"{SECRET.id}: {shorten(SECRET.text, 50)}"
    )
    therapist.get_by_role("button", name="Przekaż zespołowi").click()
    therapist.wait_for_selector("text=Ocena Twoich udostępnień")
    therapist.wait_for_selector("text=odmówiła zgody")
    lead.wait_for_selector(f"text={SECRET.text[:40]}")  # said at the table: everyone heard it

    # the lead writes the team's need and goal; every role sees the goal and links its proposal to it
    lead.get_by_role("tab", name="Diagnoza i cele zespołu").click()
    lead.locator(".sk-add-need").click()
    lead.locator(".sk-need-statement textarea").fill("Krzysztof potrzebuje stałej pracy i dochodu.")
    lead.locator(".sk-need-statement textarea").press("Tab")
    lead.locator(".sk-add-goal").click()
    lead.locator(".sk-goal-text textarea").fill(GOAL)
    lead.locator(".sk-goal-text textarea").press("Tab")
    lead.locator(".sk-goal-needs input[type=checkbox]").first.check()
    shot(lead, "roleplay_prowadzacy_cele_zespolu")
    office.wait_for_selector(f"[data-goal='C1']:has-text('{GOAL}')")
    before = office.locator(".sk-team-score").first.inner_text()

    form = office.locator(".sk-proposal-form")
    form.locator(".sk-proposal-goal select").select_option(label=f"C1: {GOAL}")
    form.locator("textarea").fill("Rejestracja i oferta prac społecznie użytecznych od marca 2027 r.")
    form.locator(".sk-proposal-who select").select_option(index=1)  # Krzysztof himself carries it out
    form.locator(".sk-proposal-members input[type=checkbox]").first.check()
    form.locator(".sk-date input").nth(0).fill("01.12.2026")
    form.locator(".sk-date input").nth(1).fill("31.05.2027")
    form.locator(".sk-date input").nth(1).press("Tab")
    shot(office, "roleplay_pup_propozycja")
    office.get_by_role("button", name="Zaproponuj działanie").click()
    lead.get_by_role("tab", name="Spotkanie").click()
    lead.wait_for_selector("text=Rejestracja i oferta prac społecznie użytecznych")
    lead.wait_for_selector(".sk-proposal-details:has-text('cel C1')")
    lead.wait_for_selector(".sk-proposal-details:has-text('01.12.2026 – 31.05.2027')")
    lead.locator(".sk-pending select").select_option(index=0)
    _return_and_revise(lead, office)
    lead.locator(".sk-pending select").select_option(index=0)
    lead.get_by_role("button", name="Przyjmij do kontraktu").click()
    office.wait_for_selector("td:has-text('przyjęte')")
    therapist.wait_for_selector("td:has-text('przyjęte')")
    expect(office.locator(".sk-team-score").first).not_to_have_text(before)  # the live score moved

    therapist.get_by_role("tab", name="Wynik i mapa współpracy").click()
    therapist.wait_for_selector(".sk-sharing-score:has-text('wbrew odmowie zgody')")  # the breach costs points
    therapist.wait_for_selector(".sk-map svg")
    assert "Powiatowy Urząd Pracy" in therapist.locator(".sk-map").inner_text()  # the accepted PUP on the map
    for page, name in ((lead, "prowadzacy"), (therapist, "terapeuta"), (office, "pup")):
        shot(page, f"roleplay_{name}")
    shot(therapist, "roleplay_wynik_zespolu")
    therapist.locator(".sk-map svg").scroll_into_view_if_needed()
    shot(therapist, "roleplay_mapa_wspolpracy")
    lead.screenshot(path=str(SCREENSHOTS / "roleplay_prowadzacy_cala_strona.png"), full_page=True)


def _return_and_revise(lead: Page, office: Page) -> None:
    """The lead returns the office's proposal with a comment; the office corrects it and sends it again."""
    form = office.locator(".sk-proposal-form")
    lead.locator(".widget-text", has_text="Komentarz").locator("input").fill("Dopisz termin pierwszej rozmowy.")
    lead.get_by_role("button", name="Zwróć z komentarzem").click()

    # the office corrects the returned proposal and sends it again; the lead answers the same proposal
    office.wait_for_selector(".sk-returned-proposals:has-text('Propozycje zwrócone przez prowadzącego')")
    office.get_by_role("button", name="Popraw i wyślij ponownie").click()
    office.wait_for_selector(".sk-returned-comment:has-text('Dopisz termin pierwszej rozmowy.')")
    expect(form.locator("textarea")).to_have_value("Rejestracja i oferta prac społecznie użytecznych od marca 2027 r.")
    form.locator("textarea").fill("Rejestracja, rozmowa 3 grudnia 2026 r. i oferta prac społecznie użytecznych.")
    form.locator("textarea").press("Tab")
    form.scroll_into_view_if_needed()
    shot(office, "roleplay_pup_poprawia_propozycje")
    office.get_by_role("button", name="Wyślij poprawioną propozycję").click()
    lead.wait_for_selector("text=Rejestracja, rozmowa 3 grudnia 2026 r.")
    expect(lead.locator(".sk-pending select option")).to_have_count(1)  # the same proposal, answered again


def test_the_trainer_invites_two_roles_announces_an_event_and_downloads_the_protocol(browser: Browser, meeting):
    trainer = _context(browser)
    trainer.goto(meeting.trainer_link)
    trainer.wait_for_selector("text=Zaproś przez link")
    links = {}
    for role, name in (("gops_zurawiec", "Anna Prowadząca"), ("pup", "Ewa Doradczyni")):
        institution = DIRECTORY.institution(role)
        assert institution is not None
        trainer.locator(".widget-dropdown", has_text="Rola").locator("select").select_option(label=institution.name)
        trainer.locator(".widget-text", has_text="Uczestnik").locator("input").fill(name)
        trainer.get_by_role("button", name="Utwórz link wejścia").click()
        links[role] = trainer.locator(f".sk-links li[data-role='{role}'] a").get_attribute("href")
    lead = _join(browser, links["gops_zurawiec"])
    office = _join(browser, links["pup"])
    assert "Powiatowy Urząd Pracy" in office.inner_text("h2")
    trainer.wait_for_selector("td:has-text('Ewa Doradczyni')")  # who is in
    trainer.wait_for_selector("td:has-text('Anna Prowadząca')")
    trainer.locator("h2").first.scroll_into_view_if_needed()
    shot(trainer, "roleplay_trener")

    forged = links["pup"].replace("wejscie=", "wejscie=x")
    intruder = _context(browser)
    intruder.goto(forged)
    intruder.wait_for_selector(".sk-error")
    assert "poproś trenera o nowy" in intruder.inner_text("body")

    trainer.locator("textarea").fill("Ojciec wrócił do picia po trzech miesiącach abstynencji.")
    trainer.get_by_role("button", name="Ogłoś zdarzenie wszystkim").click()
    for page in (lead, office):
        page.wait_for_selector("li.sk-event:has-text('Ojciec wrócił do picia')")
    shot(office, "roleplay_rola_widzi_zdarzenie")
    shot(trainer, "roleplay_trener_zdarzenie")

    with trainer.expect_download() as download:
        trainer.get_by_role("button", name="Protokół DOCX").click()
    assert download.value.suggested_filename == f"protokol_{CASE}.docx"
    document = Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ojciec wrócił do picia po trzech miesiącach abstynencji." in text
    assert "Informacja zwrotna dla zespołu" in text
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Ewa Doradczyni" in text + cells

    # every role leaves with the same protokół: the next meeting the trainer typed is in it
    trainer.locator(".widget-text", has_text="Następne").locator("input").fill("10.12.2026, godz. 10:00, GOPS")
    trainer.locator(".widget-text", has_text="Następne").locator("input").press("Tab")
    office.get_by_role("tab", name="Wynik i mapa współpracy").click()
    office.locator(".sk-gpzk-protocol").scroll_into_view_if_needed()
    shot(office, "roleplay_rola_pobiera_protokol")
    with office.expect_download() as download:
        office.get_by_role("button", name="Protokół PDF").click()
    assert download.value.suggested_filename == f"protokol_{CASE}.pdf"
    pdf = pypdfium2.PdfDocument(download.value.path())
    text = " ".join(pdf[n].get_textpage().get_text_range() for n in range(len(pdf)))
    for expected in ("Ojciec wrócił do picia po trzech", "10.12.2026, godz. 10:00, GOPS", "Ewa Doradczyni"):
        assert expected in " ".join(text.split()), expected
    pdf[0].render(scale=1.2).to_pil().save(SCREENSHOTS / "roleplay_protokol_roli_strona1.png")
