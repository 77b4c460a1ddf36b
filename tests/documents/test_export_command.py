"""``szkola export contract`` as a trainer runs it: a file, a one-line summary, never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.storage import DraftStore

from .conftest import HOSTILE, docx_text, pdf_pages

CASE = "bezrobocie_alkohol_zurawiec"


def test_reference_contract_as_pdf(tmp_path: Path):
    target = tmp_path / "kontrakt.pdf"
    result = CliRunner().invoke(main, ["export", "contract", CASE, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Zapisano {target}" in result.output
    assert "PDF" in result.output
    assert "KONTRAKT SOCJALNY" in pdf_pages(target.read_bytes())[0]


def test_trainee_draft_as_docx(tmp_path: Path):
    store_path = tmp_path / "szkola.sqlite"
    store = DraftStore(store_path)
    store.sign_in("Anna Nowak", "tajne-haslo")
    draft = Draft(case_id=CASE)
    draft.contract.goal_main = HOSTILE
    store.save("Anna Nowak", draft)
    store.close()
    target = tmp_path / "anna.docx"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "contract",
            CASE,
            "--draft",
            "anna  nowak",
            "--store",
            str(store_path),
            "--format",
            "docx",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert HOSTILE in docx_text(target.read_bytes())["body"]


def test_unknown_case_missing_draft_odd_or_mismatched_suffix_are_one_line_errors(tmp_path: Path):
    runner = CliRunner()
    unknown = runner.invoke(main, ["export", "contract", "nie_ma", "-o", str(tmp_path / "x.pdf")])
    assert unknown.exit_code == 1
    assert "Błąd: Nie ma przypadku „nie_ma”" in unknown.output
    assert CASE in unknown.output
    store_path = tmp_path / "puste.sqlite"
    DraftStore(store_path).close()
    missing = runner.invoke(main, ["export", "contract", CASE, "--draft", "Jan", "--store", str(store_path)])
    assert missing.exit_code == 1
    assert "nie ma zapisanej pracy" in missing.output
    odd = runner.invoke(main, ["export", "contract", CASE, "-o", str(tmp_path / "kontrakt.txt")])
    assert odd.exit_code == 1
    assert "--format docx albo --format pdf" in odd.output
    mismatch = runner.invoke(main, ["export", "contract", CASE, "--format", "pdf", "-o", str(tmp_path / "k.docx")])
    assert mismatch.exit_code == 1
    assert "ma rozszerzenie .docx, a --format pdf" in mismatch.output
    assert not (tmp_path / "k.docx").exists(), "no PDF is written under a .docx name"
    for result in (unknown, missing, odd, mismatch):
        assert "Traceback" not in result.output
