"""A trainee's proposed Lista entry is checked by the Lista's own schema and rules, with line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.dashboard.lista_proposal import TEMPLATE
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.data.proposal import check_proposal, proposal_yaml

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = load_valid_catalog().directory
assert DIRECTORY is not None
GOOD = TEMPLATE.format(gmina="zurawiec")


def rendered(text: str) -> list[str]:
    return [p.render() for p in check_proposal(text, DIRECTORY).problems]


def test_the_editor_template_is_a_valid_entry():
    checked = check_proposal(GOOD, DIRECTORY)
    assert checked.problems == ()
    assert checked.institution is not None
    assert checked.institution.gmina == "zurawiec"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("level: gmina", "level: wies", "propozycja_wpisu.yaml:5: level: wartość 'wies'; oczekiwano: jedna z wartości"),
        ("gmina: zurawiec", "gmina: nigdzie", ":6: gmina: nieznana gmina 'nigdzie'; oczekiwano: jedna z gmin: "),
        ("id: nowa_instytucja", "id: pup", ":1: id: id 'pup' instytucji powtarza się"),
        ("    for_whom: [rodziny_z_dziecmi]\n", "", "services[0].for_whom: brak pola"),
        ('description: "Co dokładnie daje i komu"', 'description: "tel. 44051401359"', "PESEL"),
        ("id: nowa_instytucja\n", "id: nowa_instytucja\nid: druga\n", "pole „id” występuje dwa razy"),
        ("services:", "services: [", "to nie jest poprawny YAML"),
    ],
)
def test_a_flawed_entry_is_refused_with_a_located_polish_message(old: str, new: str, expected: str):
    assert old in GOOD
    problems = rendered(GOOD.replace(old, new))
    assert any(expected in p for p in problems), problems
    assert check_proposal(GOOD.replace(old, new), DIRECTORY).institution is None


def test_an_oversized_entry_is_refused_before_parsing():
    assert "najwyżej 20000 znaków" in rendered(GOOD + "# " + "x" * 20_000)[0]


def test_the_exported_yaml_joins_the_lista_and_passes_szkola_validate(tmp_path: Path):
    institution = check_proposal(GOOD, DIRECTORY).institution
    assert institution is not None
    exported = proposal_yaml(institution)
    assert yaml.safe_load(exported)[0]["id"] == "nowa_instytucja"
    lista = ROOT / "case_studies" / "directory" / "lista_aktywnosci_i_uslug.yaml"
    text = lista.read_text(encoding="utf-8").rstrip("\n") + "\n" + exported.split("\n", 2)[2]
    (tmp_path / "lista.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "lista.yaml")])
    assert result.exit_code == 0, result.output
