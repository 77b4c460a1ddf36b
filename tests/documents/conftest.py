"""Documents of the bundled cases, read back the way a GOPS would see them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from docx import Document

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.contract import Action, Contract, Goal

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "artifacts" / "documents"
CATALOG = load_valid_catalog()

HOSTILE = "<b>pogrubienie</b> & <script>alert('x')</script> {{ zmienna }} **gwiazdki** <br/> ąęłóżźćń"


def squash(text: str) -> str:
    """Drop all whitespace: a PDF breaks lines inside table cells where the source had spaces."""
    return re.sub(r"\s+", "", text)


def pdf_pages(data: bytes) -> list[str]:
    """Return the text of each page of a PDF."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def header_text(header: object) -> str:
    """Return all the text of a DOCX page header, its table cells included."""
    return "".join(t.text or "" for t in header._element.iter() if t.tag.endswith("}t"))  # type: ignore[attr-defined]


def docx_text(data: bytes) -> dict[str, str]:
    """Return the body paragraphs, table cells, header and footer text of a DOCX."""
    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    section = doc.sections[0]
    return {
        "body": "\n".join(p.text for p in doc.paragraphs),
        "cells": "\n".join(cells),
        "header": header_text(section.header),
        "footer_xml": section.footer._element.xml,
    }


def docx_in_order(data: bytes) -> list[str]:
    """Return the DOCX body in reading order: each paragraph, and each table cell, as one string."""
    doc = Document(io.BytesIO(data))
    texts: list[str] = []
    for element in doc.element.body.iterchildren():
        if element.tag.endswith("}p"):
            texts.append("".join(node.text or "" for node in element.iter() if node.tag.endswith("}t")))
        elif element.tag.endswith("}tbl"):
            texts += [
                "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                for cell in element.iter()
                if cell.tag.endswith("}tc")
            ]
    return texts


@pytest.fixture
def hostile_contract() -> Contract:
    """A trainee's draft of the domestic-violence case, full of markup and control characters."""
    case = CATALOG.case("przemoc_zagorze_brzozowa_laka")
    contract = case.reference.contract.model_copy(deep=True)
    contract.goal_main = HOSTILE + "\x00\x07 koniec"
    contract.causes = [HOSTILE]
    contract.goals[0] = Goal(id="C1", text=HOSTILE, need_ids=["N1"], indicator="<i>wskaźnik</i>", target="100%")
    contract.actions[0] = contract.actions[0].model_copy(update={"text": 'Działanie <u>podkreślone</u> & "cytat"'})
    contract.actions.append(Action(id="X9", text="samo działanie, bez instytucji i terminów"))
    contract.place = "Zagórze </para><para>"
    return contract
