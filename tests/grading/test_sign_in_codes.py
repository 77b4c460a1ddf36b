"""Sign-in codes as a trainer meets them: issued at ``course init --roster``, printed once, reset one by one."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from szkola_kooperacji.cli import main
from szkola_kooperacji.storage import CourseCodes
from szkola_kooperacji.storage.course_codes import CODES_FILE

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = str(ROOT / "courses" / "regionalny.yaml")
ROSTER = "id,first_name,last_name\nanowak,Anna,Nowak\njkowalski,Jan,Kowalski\nzzolc,Zofia,Źdźbło-Łękawa\n"


def _codes(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["id", "imię", "nazwisko", "kod"]
    return {row[0]: row[1:] for row in rows[1:]}


def _course(tmp_path: Path) -> Path:
    (tmp_path / "lista.csv").write_text(ROSTER, encoding="utf-8")
    args = ["course", "init", str(tmp_path / "kurs"), "--course", MANIFEST, "--roster", str(tmp_path / "lista.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Wydano kody: 3." in result.output
    return tmp_path / "kurs"


def test_course_init_issues_codes_as_csv_and_cards_and_a_reset_replaces_one(tmp_path: Path):
    course = _course(tmp_path)
    issued = _codes(course / "kody_logowania.csv")
    assert issued["zzolc"][:2] == ["Zofia", "Źdźbło-Łękawa"]
    codes = {trainee: row[2] for trainee, row in issued.items()}
    assert len(set(codes.values())) == 3
    for path in (course / "kody_logowania.csv", course / "karty_logowania.pdf", course / CODES_FILE):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    hashes = (course / CODES_FILE).read_text(encoding="utf-8")
    assert not any(code in hashes or code.replace("-", "") in hashes for code in codes.values())

    pages = PdfReader(course / "karty_logowania.pdf").pages
    text = "\n".join(page.extract_text() for page in pages)
    assert text.count("karta logowania") == 3  # one card per trainee
    assert "Szkoła kooperacji – moduł regionalny" in text
    assert "Adres pulpitu: ____" in text
    for trainee, code in codes.items():
        assert f"Identyfikator: {trainee}" in text
        assert f"Kod: {code}" in text  # on one line, whatever its letters (tests/documents/test_sign_in_cards.py)
    assert "Zofia Źdźbło-Łękawa" in text  # Polish letters print

    nothing = CliRunner().invoke(main, ["course", "codes", str(course)])
    assert nothing.exit_code == 0, nothing.output
    assert "Wszyscy uczestnicy z listy mają już kody" in nothing.output

    address = "http://10.0.0.5:8866/"
    reset = CliRunner().invoke(main, ["course", "codes", str(course), "--reset", "anowak", "--address", address])
    assert reset.exit_code == 0, reset.output
    new_code = _codes(course / "kody_logowania_anowak.csv")["anowak"][2]
    card = PdfReader(course / "karty_logowania_anowak.pdf").pages[0].extract_text()
    assert f"Kod: {new_code}" in card
    assert f"Adres pulpitu: {address}" in card
    stored = CourseCodes(course)
    assert stored.verify("anowak", new_code)
    assert not stored.verify("anowak", codes["anowak"])  # the lost card no longer opens anything
    assert stored.verify("jkowalski", codes["jkowalski"])


def test_codes_command_errors_are_one_polish_line(tmp_path: Path):
    course = _course(tmp_path)
    for args, expected in [
        (["--reset", "nieznany"], "nie ma na liście grupy: nieznany"),
        (["--reset", "anowak", "--all"], "podaj --reset ID albo --all"),
        (["--all"], "kody_logowania.csv już istnieje"),
    ]:
        result = CliRunner().invoke(main, ["course", "codes", str(course), *args])
        assert result.exit_code == 1, result.output
        assert expected in result.output
        assert "Traceback" not in result.output
    assert CourseCodes(course).issued_ids() == {"anowak", "jkowalski", "zzolc"}
    not_a_course = CliRunner().invoke(main, ["course", "codes", str(tmp_path)])
    assert not_a_course.exit_code == 1
    assert "nie jest katalogiem kursu" in not_a_course.output
