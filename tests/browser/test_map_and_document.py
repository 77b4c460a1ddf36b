"""A trainee builds a contract, reads the cooperation map (hover shows the action) and downloads it as PDF and DOCX."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from docx import Document
from playwright.sync_api import Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in, type_text

GOAL = "Pan podejmuje terapię <b>uzależnienia</b> & wraca do pracy"


def test_map_shows_the_contract_and_the_contract_downloads_as_pdf_and_docx(server: Server, page: Page):
    sign_in(page, server.url, name="Maria Mapa", code="mapa1234")
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    page.wait_for_selector(".sk-goal-text textarea")
    type_text(page, ".sk-goal-text textarea", GOAL)
    type_text(page, ".sk-directory-search input", "terapi")
    page.locator(".sk-directory-results select").select_option(index=0)
    page.click(".sk-directory-add")
    page.wait_for_selector(".sk-action")
    chosen = page.locator(".sk-action-institution select").last.input_value().split(" · ")[0]

    open_tab(page, "Mapa i dokument")
    edge = page.locator("g.szk-map-edge")
    expect(edge).to_have_count(1)  # one action, for the client
    node = page.locator(f"g.szk-map-node[data-id='{edge.get_attribute('data-institution')}']")
    expect(node).to_have_count(1)
    expect(node).to_have_attribute("data-new", "1")
    expect(node.locator("title")).to_contain_text(chosen)
    expect(page.locator("g.szk-map-person")).not_to_have_count(0)
    actions = edge.locator("g.szk-map-actions")
    expect(actions).to_be_hidden()
    edge.locator("line.szk-map-hit").hover()
    expect(actions).to_be_visible()
    expect(actions).to_contain_text("D1")
    shot(page, "15_mapa_wspolpracy")

    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Pobierz kontrakt (PDF)").click()
    assert pdf_download.value.suggested_filename == "kontrakt_bezrobocie_alkohol_zurawiec.pdf"
    pdf = pypdf.PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
    text = "".join(page_.extract_text() for page_ in pdf.pages)
    assert "KONTRAKT SOCJALNY" in text
    assert "".join(GOAL.split()) in "".join(text.split())
    assert "wŻurawcupomiędzy:" in "".join(text.split())  # the place, in the locative, from the Lista
    assert "Załącznik nr 2. Informacja o przetwarzaniu danych osobowych" in text
    expect(page.locator(".sk-download-status").first).to_contain_text("Pobrano plik")

    with page.expect_download() as docx_download:
        page.get_by_role("button", name="Pobierz kontrakt (DOCX)").click()
    document = Document(docx_download.value.path())
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert GOAL in cells
    shot(page, "16_pobrany_kontrakt")
