"""``szkola course init`` as a trainer runs it: good rosters make a course, bad ones a clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main

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
    assert sorted(p.name for p in (course / "source").iterdir()) == ["cw1_lista_uslug", "cw2_diagnoza", "cw3_kontrakt"]
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
