"""A group's progress over a real course folder: ``szkola certificate`` gives who completed what a PDF and a
register row, ``verify`` confirms a genuine number and refuses an edited register, the trainer sees the modules."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.dashboard.progress_report import progress_section_html, self_check_section_html
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.data.lessons import load_self_check
from szkola_kooperacji.domain.progress import CASE_DONE_SCORE, FactKind
from szkola_kooperacji.domain.self_check import check_answers
from szkola_kooperacji.grading.course_folder import DRAFTS_STORE, CourseFolder
from szkola_kooperacji.grading.group_progress import by_module, not_started, progress_rows
from szkola_kooperacji.grading.self_check_report import group_self_check_frame
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.certificates import REGISTER_FILE
from szkola_kooperacji.storage.self_check_attempts import record_attempt

ROOT = Path(__file__).parents[2]
MANIFEST = str(ROOT / "courses" / "regionalny.yaml")
T0 = dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC)


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    roster = tmp_path / "lista.csv"
    roster.write_text("id,first_name,last_name\nanowak,Anna,Żółkiewska\nbkowalski,Bartosz,Kowalski\n", encoding="utf-8")
    course = tmp_path / "kurs"
    result = CliRunner().invoke(main, ["course", "init", str(course), "--course", MANIFEST, "--roster", str(roster)])
    assert result.exit_code == 0, result.output
    store = DraftStore(course / DRAFTS_STORE)
    # anowak completed the first module: its lesson and self-check, its case, its exercise with feedback
    store.progress.record("anowak", FactKind.LESSON_READ, "lekcja_model_kooperacji", at=T0)
    store.progress.record("anowak", FactKind.SELF_CHECK_PASSED, "lekcja_model_kooperacji", at=T0)
    store.progress.record("anowak", FactKind.CASE_SCORED, "bezrobocie_alkohol_zurawiec", value=CASE_DONE_SCORE, at=T0)
    store.progress.record("anowak", FactKind.FEEDBACK_RETURNED, "cw1_lista_uslug", at=T0 + dt.timedelta(days=7))
    store.progress.record("bkowalski", FactKind.LESSON_READ, "lekcja_model_kooperacji", at=T0)
    store.close()
    return course


def test_the_group_gets_certificates_of_what_it_completed(course_dir: Path):
    args = ["certificate", "--course-dir", str(course_dir), "--organiser", "ROPS w Lublinie", "--place", "Lublin"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "bkowalski" in result.output.split("Bez ukończonego modułu")[1]
    (pdf_path,) = (course_dir / "zaswiadczenia").glob("zaswiadczenie_anowak_*.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    number = pdf_path.stem.removeprefix("zaswiadczenie_anowak_")
    for expected in ("ZAŚWIADCZENIE", "Anna Żółkiewska", number, "Model Kooperacji i Lista aktywności i usług"):
        assert expected in text
    assert "03.11.2026 – 10.11.2026" in text, "the module's dates: first activity to completion"
    assert "ROPS w Lublinie" in text
    assert "Wielosektorowy kontrakt socjalny" not in text, "an unfinished module is not certified"
    with (course_dir / "zaswiadczenia" / "rejestr_wydanych.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["numer"], r["uczestnik"], r["zakres"]) for r in rows] == [(number, "anowak", "r1_model_kooperacji")]

    again = CliRunner().invoke(main, ["certificate", "--course-dir", str(course_dir)])
    assert again.exit_code == 0, again.output
    assert number in again.output, "issuing again keeps the number"

    verified = CliRunner().invoke(main, ["certificate", "verify", number.lower(), "--course-dir", str(course_dir)])
    assert verified.exit_code == 0, verified.output
    assert "prawdziwe" in verified.output
    assert "Anna Żółkiewska (anowak)" in verified.output


def test_verify_refuses_an_edited_name_and_an_unknown_number(course_dir: Path):
    assert CliRunner().invoke(main, ["certificate", "--course-dir", str(course_dir)]).exit_code == 0
    register = course_dir / REGISTER_FILE
    text = register.read_text(encoding="utf-8-sig")
    number = text.splitlines()[1].split(",")[0]
    register.write_text(text.replace("Anna Żółkiewska", "Anna Nowak"), encoding="utf-8-sig")
    edited = CliRunner().invoke(main, ["certificate", "verify", number, "--course-dir", str(course_dir)])
    assert edited.exit_code == 1
    assert "zmieniony" in edited.output
    unknown = CliRunner().invoke(main, ["certificate", "verify", "SK-2026-2222-3333", "--course-dir", str(course_dir)])
    assert unknown.exit_code == 1
    assert "Nie ma zaświadczenia" in unknown.output


def test_the_trainer_sees_the_group_per_module_and_who_has_not_started(course_dir: Path, tmp_path: Path):
    rows = progress_rows(CourseFolder.open(course_dir), load_valid_catalog())
    states = {(r.uczestnik, r.nr): r.stan for r in rows.itertuples()}
    assert states[("anowak", 1)] == "ukończono"
    assert states[("anowak", 2)] == "nie rozpoczęto"
    assert states[("bkowalski", 1)] == "w toku"
    modules = by_module(rows).set_index("nr")
    assert (modules.loc[1, "ukonczyli"], modules.loc[1, "w_toku"], modules.loc[1, "procent"]) == (1, 1, 50.0)
    assert modules.loc[3, "nie_rozpoczeli"] == 2
    assert not_started(rows).empty

    store = DraftStore(course_dir / DRAFTS_STORE)
    store._db.execute("DELETE FROM progress_facts WHERE trainee_key = 'bkowalski'")
    store.close()
    rows = progress_rows(CourseFolder.open(course_dir), load_valid_catalog())
    assert list(not_started(rows)["uczestnik"]) == ["bkowalski"]
    html = progress_section_html(rows)
    assert "Nie rozpoczęli żadnego modułu: Bartosz Kowalski (bkowalski)" in html
    assert "50,0%" in html

    out = tmp_path / "postepy.xlsx"
    result = CliRunner().invoke(main, ["report", "--course-dir", str(course_dir), "--progress-xlsx", str(out)])
    assert result.exit_code == 0, result.output
    assert "Nie rozpoczęli żadnego modułu: bkowalski" in result.output
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["Moduły", "Nie rozpoczęli", "Uczestnicy", "Moduły uczestników", "Propozycje wpisów"]
    trainees = sheets["Uczestnicy"].set_index("Uczestnik")
    assert trainees.loc["anowak", "Moduł 1"] == "ukończono (3/3)"
    assert trainees.loc["bkowalski", "Moduł 1"] == "nie rozpoczęto (0/3)"
    assert list(sheets["Nie rozpoczęli"]["Uczestnik"]) == ["bkowalski"]


def test_the_trainer_sees_which_self_check_items_the_group_got_wrong(course_dir: Path):
    self_check = load_self_check("lekcja_model_kooperacji")
    assert self_check is not None
    right = {item.id: item.answer for item in self_check.items}
    all_but_teams = {k: v for k, v in right.items() if k != "gpzk_wzk"}
    store = DraftStore(course_dir / DRAFTS_STORE)
    record_attempt(store, "anowak", check_answers(self_check, all_but_teams))
    record_attempt(store, "anowak", check_answers(self_check, right))
    record_attempt(store, "bkowalski", check_answers(self_check, all_but_teams))
    record_attempt(store, "nie_z_grupy", check_answers(self_check, {}))  # not on the roster: not counted
    store.close()
    items = group_self_check_frame(CourseFolder.open(course_dir))
    teams = items.set_index("pytanie_id").loc["gpzk_wzk"]
    assert (teams["uczestnicy"], teams["zle_za_pierwszym"], teams["zle_ostatnio"]) == (2, 2, 1)
    assert set(items["lekcja"]) == {"lekcja_model_kooperacji"}, "lessons nobody tried are left out"
    html = self_check_section_html(items)
    assert "Który zespół pracuje bezpośrednio z rodziną" in html
    assert html.count("<tr") == 2, "one header row and the one item somebody got wrong"


def test_before_any_self_check_the_trainer_reads_that_nobody_tried(course_dir: Path):
    html = self_check_section_html(group_self_check_frame(CourseFolder.open(course_dir)))
    assert "Nikt z grupy nie rozwiązał jeszcze testu" in html


def test_the_organisers_birth_data_print_on_the_certificate_and_a_bad_date_is_refused(course_dir: Path, tmp_path: Path):
    bad = tmp_path / "urodzenia_zle.csv"
    bad.write_text("id;data_urodzenia;miejsce_urodzenia\nanowak;31.02.1980;Lublin\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["certificate", "--course-dir", str(course_dir), "--birth-data", str(bad)])
    assert refused.exit_code != 0
    assert f"{bad}:2: data_urodzenia '31.02.1980'" in refused.output
    assert not (course_dir / "dane_urodzenia.csv").exists(), "a refused file is not kept"

    good = tmp_path / "urodzenia.csv"
    good.write_text("id;data_urodzenia;miejsce_urodzenia\nanowak;12.03.1980;Lublin\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["certificate", "--course-dir", str(course_dir), "--birth-data", str(good)])
    assert result.exit_code == 0, result.output
    (pdf_path,) = (course_dir / "zaswiadczenia").glob("zaswiadczenie_anowak_*.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert "data i miejsce urodzenia: 12.03.1980 r., Lublin" in text


def test_without_birth_data_the_certificate_prints_none(course_dir: Path):
    assert CliRunner().invoke(main, ["certificate", "--course-dir", str(course_dir)]).exit_code == 0
    (pdf_path,) = (course_dir / "zaswiadczenia").glob("zaswiadczenie_anowak_*.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert "urodzenia" not in text
