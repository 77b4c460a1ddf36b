"""Every malformed file is refused with one clear, located line; valid data loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from szkola_kooperacji.data import load_catalog
from szkola_kooperacji.data.loader import load_file
from szkola_kooperacji.domain import Case

DATA = Path(__file__).parent
VALID_LISTA = DATA / "valid" / "lista.yaml"
MALFORMED = DATA / "malformed"

# file stem → (field path, words the message must contain, line or None)
EXPECTED: dict[str, tuple[str, str, int | None]] = {
    "not_yaml": ("", "to nie jest poprawny YAML", 5),
    "tab_indent": ("", "'\\t'", 13),
    "empty": ("", "plik jest pusty", None),
    "only_comments": ("", "same komentarze", None),
    "top_level_list": ("", "na najwyższym poziomie jest list", 1),
    "missing_kind": ("kind", "brak pola „kind”", 1),
    "unknown_kind": ("kind", "'kurs'", 2),
    "future_version": ("schema_version", "nowsza niż znana", 2),
    "unknown_key": ("titel", "czy chodziło o „title”", 5),
    "wrong_type": ("members[0].age", "liczba całkowita", 12),
    "bad_date": ("interview_date", "RRRR-MM-DD", 10),
    "unknown_art7": ("art7[1]", "'bieda'", 27),
    "repealed_art7": ("art7[1]", "uchylona", 27),
    "missing_area": ("interview", "zasoby", 16),
    "duplicate_key": ("difficulty", "występuje dwa razy", 9),
    "pesel": ("summary", "PESEL", 9),
    "too_long_text": ("summary", "najwyżej 4000 znaków", 9),
    "dates_reversed": ("reference.contract.period_start", "period_reversed", None),
    "reference_breaks_rules": ("reference.contract.actions[3]", "nie oferuje usługi", None),
    "unknown_institution": ("history[0].institution_id", "mops_krakow", 32),
    "wrong_gmina": ("gmina", "'g9'", 6),
    "id_mismatch": ("id", "różni się od nazwy pliku", 4),
    "self_check_wrong_key": ("items[0].answer", "'gpzkk' nie jest żadną z opcji", 13),
    "self_check_not_bijection": ("items[0].answer.trzyd", "nie jest wzajemnie jednoznaczne", 20),
    "self_check_not_permutation": ("items[0].answer", "nie jest permutacją kroków: brak kontrakt", 15),
    "self_check_duplicate_option": ("items[0].options[2].text", "'Dojazd' powtarza się", 14),
    "self_check_unknown_kind": ("items[0].kind", "'essay'", 6),
}


def test_corpus_and_expectations_match():
    assert {p.stem for p in MALFORMED.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_malformed_file_is_reported_precisely(stem: str):
    field, words, line = EXPECTED[stem]
    catalog = load_catalog([VALID_LISTA, MALFORMED / f"{stem}.yaml"])
    assert catalog.errors, f"{stem} was accepted"
    problem = next((p for p in catalog.errors if p.field == field), None)
    assert problem is not None, [p.render() for p in catalog.errors]
    assert problem.file.name == f"{stem}.yaml"
    assert words in problem.found + problem.expected
    assert problem.expected
    if line is not None:
        assert problem.line == line
    assert "\n" not in problem.render()


def test_file_that_is_not_utf8_is_reported(tmp_path: Path):
    bad = tmp_path / "latin2.yaml"
    bad.write_bytes("title: Łąka".encode("cp1250"))
    problems = load_file(bad)
    assert isinstance(problems, list)
    assert "UTF-8" in problems[0].found


def test_missing_path_is_reported(tmp_path: Path):
    problems = load_file(tmp_path / "nie_ma.yaml")
    assert isinstance(problems, list)
    assert problems[0].found == "plik nie istnieje"


def test_valid_mini_data_loads():
    catalog = load_catalog([DATA / "valid"])
    assert catalog.problems == []
    assert isinstance(catalog.case("mini_case"), Case)


def test_two_cases_with_one_id_are_refused(tmp_path: Path):
    text = (DATA / "valid" / "mini_case.yaml").read_text(encoding="utf-8")
    (tmp_path / "mini_case.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([DATA / "valid", tmp_path])
    assert any("ma już przypadek" in p.found for p in catalog.errors)


def test_unknown_case_id_names_the_known_ones():
    catalog = load_catalog([DATA / "valid"])
    with pytest.raises(KeyError, match="dostępne: mini_case"):
        catalog.case("nie_ma")
