"""The report's tables from item rows: not handed in is told apart from 0 points, headers are Polish."""

from __future__ import annotations

import math

import pandas as pd

from szkola_kooperacji.dashboard.trainer_report import TrainerReport, bars_html, table_html
from szkola_kooperacji.grading.report import COLUMNS, by_module, by_trainee, for_people


def item(trainee: str, module: str, exercise: str, element: str, points: float, submitted: bool) -> dict[str, object]:
    return {
        "uczestnik": trainee,
        "imie": "Anna",
        "nazwisko": "Nowak",
        "modul": module,
        "cwiczenie": exercise,
        "element": element,
        "opis": element,
        "rodzaj": "automatyczna",
        "punkty": points,
        "maks": 10.0,
        "oddano": submitted,
        "do_oceny_recznej": False,
    }


ROWS = pd.DataFrame(
    [
        item("anowak", "Diagnoza", "cw1", "test_diagnoza", 10.0, True),
        item("anowak", "Kontrakt", "cw3", "test_kontrakt", 0.0, False),
        item("bkowalski", "Diagnoza", "cw1", "test_diagnoza", 0.0, True),
        item("bkowalski", "Kontrakt", "cw3", "test_kontrakt", 0.0, False),
    ],
    columns=COLUMNS,
)


def test_an_exercise_not_handed_in_is_empty_and_a_zero_score_is_zero():
    table = by_trainee(ROWS).set_index("uczestnik")
    assert table.loc["bkowalski", "cw1"] == 0.0
    assert math.isnan(table.loc["anowak", "cw3"])
    assert math.isnan(table.loc["bkowalski", "cw3"])
    assert table.loc["anowak", "procent"] == 50.0, "the total counts every exercise of the course"
    assert list(table.columns[:2]) == ["cw1", "cw3"], "exercises in course order"


def test_a_module_nobody_handed_in_has_no_average():
    modules = by_module(ROWS).set_index("modul")
    assert modules.loc["Diagnoza", "sredni_procent"] == 50.0
    assert math.isnan(modules.loc["Kontrakt", "sredni_procent"])
    assert (modules.loc["Kontrakt", "oddalo"], modules.loc["Kontrakt", "uczestnikow"]) == (0, 2)
    bars = bars_html(list(modules.index), list(modules["sredni_procent"]), "Średni wynik")
    assert "50,0%" in bars
    assert "nikt nie oddał" in bars
    assert "nan" not in bars


def test_people_read_polish_headers_and_tak_nie():
    readable = for_people(ROWS)
    assert {"Ćwiczenie", "Do oceny ręcznej", "Imię", "Maks."} <= set(readable.columns)
    assert set(readable["Oddano"]) == {"tak", "nie"}
    html = table_html(by_trainee(ROWS))
    assert "<th>Uczestnik</th>" in html
    assert "<th>Procent</th>" in html
    assert "–" in html
    assert "nan" not in html.lower()


def test_nobody_submitted_anything_gives_empty_exercise_columns():
    nothing = ROWS.assign(oddano=False, punkty=0.0)
    table = by_trainee(nothing)
    assert table[["cw1", "cw3"]].isna().all().all()
    assert list(table["procent"]) == [0.0, 0.0]


def test_an_item_waiting_for_the_trainer_reads_as_waiting_not_as_zero_points():
    waiting = item("anowak", "Diagnoza", "cw1", "refleksja_1", 0.0, True) | {
        "rodzaj": "trener",
        "maks": 5.0,
        "do_oceny_recznej": True,
    }
    rows = pd.concat([ROWS, pd.DataFrame([waiting], columns=COLUMNS)], ignore_index=True)
    items = TrainerReport(rows, "Kurs").view.value.split("Każdy oceniany element")[1]
    assert "<td>refleksja_1</td>" in items
    row = items.split("<td>refleksja_1</td>")[1].split("</tr>")[0]
    assert "czeka na ocenę" in row
    assert "0,0" not in row
    assert "<td>10,0</td>" in items, "a graded item keeps its points"
    assert "Do oceny ręcznej czeka: 1 refleksja." in TrainerReport(rows, "Kurs").view.value
