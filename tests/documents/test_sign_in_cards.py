"""A sign-in card prints any issued code on one line inside the card (a wide one wrapped over the cutting line)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from szkola_kooperacji.documents.sign_in_cards import SignInCard, sign_in_cards_pdf
from szkola_kooperacji.storage.passcodes import ISSUED_ALPHABET, ISSUED_GROUP, ISSUED_LENGTH


def _grouped(symbol: str) -> str:
    raw = symbol * ISSUED_LENGTH
    return "-".join(raw[i : i + ISSUED_GROUP] for i in range(0, ISSUED_LENGTH, ISSUED_GROUP))


@pytest.mark.parametrize("symbol", ["W", "M", "2"])  # the widest letters of the alphabet, and a digit
def test_a_wide_code_prints_on_one_line(symbol: str):
    assert symbol in ISSUED_ALPHABET
    code = _grouped(symbol)
    pdf = sign_in_cards_pdf("Szkoła kooperacji – moduł regionalny", [SignInCard("anowak", "Anna Nowak", code)])
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert f"Kod: {code}" in text.splitlines()
    assert text.splitlines()[-1] == "trenera o nowy."  # the note under the code is all there, after it
