"""A trainee's proposed Lista entry is checked by the Lista's own schema and rules, with line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.data.proposal import check_draft, check_proposal, proposal_yaml
from szkola_kooperacji.domain.codes import ClientGroup
from szkola_kooperacji.domain.lista_entry import EntryDraft, ServiceDraft
from tests.lista_drafts import valid_draft

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = load_valid_catalog().directory
assert DIRECTORY is not None
GOOD = """\
id: nowa_instytucja
name: "Nazwa instytucji lub organizacji"
type: ngo_lokalne
sector: ngo
level: gmina
gmina: zurawiec
contact_role: "funkcja osoby kontaktowej, np. prezes stowarzyszenia"
services:
  - id: pierwsza_usluga
    name: "Nazwa usługi"
    description: "Co dokładnie daje i komu"
    for_whom: [rodziny_z_dziecmi]
    areas: [opieka_wychowanie]
"""
"""An entry as a trainer writes it in the Lista's file (the form makes the same mapping)."""


def rendered(text: str) -> list[str]:
    return [p.render() for p in check_proposal(text, DIRECTORY).problems]


def test_a_written_entry_is_valid():
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


def test_an_entry_filled_in_on_the_form_is_checked_by_the_same_path_as_a_file():
    draft = valid_draft()
    checked = check_draft(draft, DIRECTORY)
    assert checked.problems == ()
    assert checked.institution is not None
    # the exported entry, read back as YAML, passes the same check
    entry = yaml.safe_load(proposal_yaml(checked.institution))[0]
    again = check_proposal(yaml.safe_dump(entry, allow_unicode=True), DIRECTORY)
    assert again.problems == ()

    flawed = draft.model_copy(deep=True)
    flawed.gmina = "nigdzie"
    flawed.services[0].wait_days = 400
    flawed.services.append(ServiceDraft(name="Warsztaty kulinarne", for_whom=[ClientGroup.DOROSLI]))
    problems = {p.field: p for p in check_draft(flawed, DIRECTORY).problems}
    assert problems["services[0].wait_days"].expected == "liczba ≤ 365", "the model's limit, from the model"
    assert problems["services[0].wait_days"].line is None, "a form has no lines"
    flawed.services[0].wait_days = 0
    problems = {p.field: p for p in check_draft(flawed, DIRECTORY).problems}
    assert set(problems) == {"gmina", "services[1].id"}, "then the Lista's own rules, as szkola validate runs them"
    assert "nieznana gmina 'nigdzie'" in problems["gmina"].found


def test_a_blank_form_is_refused_field_by_field():
    fields = {p.field for p in check_draft(EntryDraft(), DIRECTORY).problems}
    assert {"id", "name", "type", "sector", "level", "contact_role", "services[0].name"} <= fields
    assert "services[0].for_whom" in fields
