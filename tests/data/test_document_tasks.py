"""Document exercises are data: ``szkola validate`` refuses a malformed one with file, line, field and fix."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.data import load_valid_catalog

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "courses" / "dokumenty" / "porozumienie_zurawiec.yaml"


def _validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", str(path)])
    return result.exit_code, result.output


def test_the_bundled_agreement_task_is_valid_and_names_a_case():
    catalog = load_valid_catalog()
    task = catalog.document_tasks["porozumienie_zurawiec"]
    assert task.case in catalog.cases
    assert task.content


def test_a_hint_for_a_section_the_document_lacks_is_refused_with_its_line(tmp_path: Path):
    lines = BUNDLED.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  zespol:"))
    lines[index] = lines[index].replace("zespol:", "sklad:")
    bad = tmp_path / "zle.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _validate(bad)
    assert code == 1
    assert f"zle.yaml:{index + 1}: hints.sklad: sekcja 'sklad' nie istnieje" in output
    assert "jedna z: strony, cel, zakres, zespol" in output


def test_an_unknown_case_and_an_unknown_document_are_located(tmp_path: Path):
    text = BUNDLED.read_text(encoding="utf-8")
    bad = tmp_path / "zly_przypadek.yaml"
    bad.write_text(text.replace("case: bezrobocie_alkohol_zurawiec", "case: nie_ma_takiego"), encoding="utf-8")
    code, output = _validate(bad)
    assert code == 1
    line = text.splitlines().index("case: bezrobocie_alkohol_zurawiec") + 1
    assert f"zly_przypadek.yaml:{line}: case: przypadek 'nie_ma_takiego' nie istnieje" in output
    bad.write_text(text.replace("document: porozumienie", "document: umowa"), encoding="utf-8")
    code, output = _validate(bad)
    assert code == 1
    assert "document:" in output
    assert "porozumienie" in output  # the expected value is named


PROJECT = ROOT / "courses" / "dokumenty" / "projekt_socjalny_modrzewno.yaml"


def test_the_bundled_project_task_is_valid_and_a_hint_for_an_agreement_section_is_refused(tmp_path: Path):
    assert load_valid_catalog().document_tasks["projekt_socjalny_modrzewno"].document == "projekt_socjalny"
    lines = PROJECT.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  partnerzy:"))
    lines[index] = lines[index].replace("partnerzy:", "zespol:")  # a section of the agreement, not of the project
    bad = tmp_path / "zly_projekt.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _validate(bad)
    assert code == 1
    assert (
        f"zly_projekt.yaml:{index + 1}: hints.zespol: sekcja 'zespol' nie istnieje w dokumencie 'projekt_socjalny'"
        in output
    )
    assert "jedna z: diagnoza, cele, grupa, dzialania, partnerzy" in output


def test_a_minutes_task_with_an_unknown_document_kind_is_located(tmp_path: Path):
    minutes = ROOT / "courses" / "dokumenty" / "protokol_gpzk_zurawiec.yaml"
    text = minutes.read_text(encoding="utf-8")
    bad = tmp_path / "zly_protokol.yaml"
    bad.write_text(text.replace("document: protokol_gpzk", "document: protokol"), encoding="utf-8")
    code, output = _validate(bad)
    assert code == 1
    line = text.splitlines().index("document: protokol_gpzk") + 1
    assert f"zly_protokol.yaml:{line}: document:" in output
    assert "protokol_gpzk" in output  # the expected values are named
