"""``szkola course init`` as a trainer runs it: good rosters make a course, bad ones a clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.grading.course_folder import CourseFolder

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = str(ROOT / "courses" / "regionalny.yaml")


@pytest.mark.parametrize(
    ("roster", "expected"),
    [
        ("id,first_name,last_name\nAnna Nowak,Anna,Nowak\n", "lista.csv:2: id 'Anna Nowak'"),
        ("id,first_name,last_name\nanowak,Anna,Nowak\nanowak,Anna,Nowak\n", "lista.csv:3: id 'anowak' powtarza się"),
        ("imie,nazwisko\nAnna,Nowak\n", "oczekiwano nagłówka CSV: id,first_name,last_name"),
        ("id,first_name,last_name\nk+1,Kasia,K\n", "lista.csv:2: id 'k+1'"),
    ],
)
def test_bad_roster_is_one_clear_line_and_creates_nothing(tmp_path: Path, roster: str, expected: str):
    (tmp_path / "lista.csv").write_text(roster, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST, "--roster", str(tmp_path / "lista.csv")]
    )
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "kurs").exists()


def test_course_init_writes_config_sources_and_roster(tmp_path: Path):
    (tmp_path / "lista.csv").write_text("id,first_name,last_name\nanowak,Anna,Nowak\n", encoding="utf-8")
    args = ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST, "--roster", str(tmp_path / "lista.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    course = tmp_path / "kurs"
    sources = sorted(p.name for p in (course / "source").iterdir())
    assert sources[:3] == ["cw1_lista_uslug", "cw2_diagnoza", "cw3_kontrakt"]
    assert sources == sorted(load_valid_catalog().courses["regionalny"].exercise_ids)
    config = (course / "nbgrader_config.py").read_text(encoding="utf-8")
    assert "c.CourseDirectory.course_id = 'regionalny'" in config
    assert "sqlite:///" in config
    assert "c.ClearSolutions.text_stub = '_(Odpowiedź wpiszesz na pulpicie ćwiczenia.)_'" in config
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1
    assert "zawiera już kurs" in again.output


def test_course_init_takes_any_sqlalchemy_url(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'inna_baza.db'}"
    result = CliRunner().invoke(main, ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST, "--db", url])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "inna_baza.db").exists()
    assert url in (tmp_path / "kurs" / "nbgrader_config.py").read_text(encoding="utf-8")


def test_a_roster_saved_by_polish_excel_with_semicolons_is_read(tmp_path: Path):
    (tmp_path / "lista.csv").write_text("id;first_name;last_name\nanowak;Anna;Nowak\n", encoding="utf-8-sig")
    args = ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST, "--roster", str(tmp_path / "lista.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Uczestnicy: 1." in result.output


def test_a_course_folder_works_where_it_is_moved(tmp_path: Path):
    result = CliRunner().invoke(main, ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST])
    assert result.exit_code == 0, result.output
    moved = tmp_path / "gdzie_indziej"
    (tmp_path / "kurs").rename(moved)
    config = (moved / "nbgrader_config.py").read_text(encoding="utf-8")
    assert str(tmp_path / "kurs") not in config, "no absolute path of the folder in its config"
    folder = CourseFolder.open(moved)
    assert folder.db_url == f"sqlite:///{moved / 'gradebook.db'}?timeout=60"
    assert folder.exchange_root == moved / "wymiana"


def test_an_old_config_with_absolute_paths_is_refused_until_updated(tmp_path: Path):
    result = CliRunner().invoke(main, ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST])
    assert result.exit_code == 0, result.output
    old = tmp_path / "stary"
    (tmp_path / "kurs").rename(old)
    config = old / "nbgrader_config.py"  # as `szkola course init` wrote it before folders could move
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("c.CourseDirectory.root = ROOT", f"c.CourseDirectory.root = {str(tmp_path / 'kurs')!r}")
        .replace(
            """"sqlite:///" + os.path.join(ROOT, 'gradebook.db') + "?timeout=60\"""",
            repr(f"sqlite:///{tmp_path / 'kurs' / 'gradebook.db'}?timeout=60"),
        ),
        encoding="utf-8",
    )
    report = CliRunner().invoke(main, ["report", "--course-dir", str(old)])
    assert report.exit_code == 1
    assert f"szkola course update {old}" in report.output
    assert "Traceback" not in report.output
    update = CliRunner().invoke(main, ["course", "update", str(old)])
    assert update.exit_code == 0, update.output
    assert (old / "nbgrader_config.py.bak").exists()
    assert CourseFolder.open(old).db_url == f"sqlite:///{old / 'gradebook.db'}?timeout=60"
    assert CliRunner().invoke(main, ["report", "--course-dir", str(old)]).exit_code == 0
