"""The zaświadczenie PDF read back: what it certifies, Polish hours, and names printed as typed."""

from __future__ import annotations

import datetime as dt

import pytest

from szkola_kooperacji.documents.certificate import (
    BLANK_ORGANISER,
    BirthData,
    Certificate,
    CertifiedModule,
    Organiser,
    certificate_pdf,
    hours_text,
)
from szkola_kooperacji.documents.glyphs import PLACEHOLDER

from .conftest import pdf_pages, squash

MODULE = CertifiedModule(
    "Wielosektorowy kontrakt socjalny",
    8,
    dt.date(2026, 11, 2),
    dt.date(2026, 11, 20),
    ("Uczestnik planuje przeglądy.",),
)


def certificate(name: str, organiser: Organiser) -> Certificate:
    return Certificate(
        "SK-2026-ABCD-EFGH", name, "Szkoła kooperacji", (MODULE,), False, dt.date(2026, 11, 26), organiser
    )


def test_the_certificate_names_the_trainee_module_dates_outcomes_and_organiser():
    organiser = Organiser("ROPS w Lublinie", "Lublin", "Anna Kowalska, kierownik szkolenia")
    (page,) = pdf_pages(certificate_pdf(certificate("Łucja Żółtowska", organiser)))
    for expected in (
        "ZAŚWIADCZENIE",
        "nr SK-2026-ABCD-EFGH",
        "Łucja Żółtowska",
        "ukończył(a) moduł szkolenia",
        "w wymiarze 8 godzin dydaktycznych",
        "02.11.2026 – 20.11.2026",
        "Uczestnik planuje przeglądy.",
        "ROPS w Lublinie",
        "Lublin, 26.11.2026",
        "Anna Kowalska, kierownik szkolenia",
        "szkola certificate verify SK-2026-ABCD-EFGH",
    ):
        assert squash(expected) in squash(page), expected


def test_markup_in_a_name_prints_as_typed_and_undrawable_characters_as_a_placeholder():
    (page,) = pdf_pages(certificate_pdf(certificate("<b>Anna</b> & Nowak 🙂", Organiser())))
    assert "<b>Anna</b> & Nowak " + PLACEHOLDER in page
    assert BLANK_ORGANISER in page, "missing organiser's fields are blanks to fill in by hand"


@pytest.mark.parametrize(
    ("hours", "text"),
    [(1, "1 godziny dydaktycznej"), (7.5, "7,5 godziny dydaktycznej"), (22, "22 godzin dydaktycznych")],
)
def test_hours_in_polish(hours: float, text: str):
    assert hours_text(hours) == text


@pytest.mark.parametrize(
    ("birth", "line"),
    [
        (BirthData(dt.date(1980, 3, 12), "Lublin"), "data i miejsce urodzenia: 12.03.1980 r., Lublin"),
        (BirthData(dt.date(1980, 3, 12)), "data urodzenia: 12.03.1980 r."),
        (BirthData(place="Kraśnik"), "miejsce urodzenia: Kraśnik"),
        (BirthData(), ""),
    ],
)
def test_birth_data_print_only_what_the_organiser_gave(birth: BirthData, line: str):
    assert birth.text() == line
