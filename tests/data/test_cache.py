"""The catalog cache: keyed on the data and on the code, in a folder of the tests' own; files parsed once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from szkola_kooperacji.data import load_catalog
from szkola_kooperacji.data.cache import CACHE_ENV, cache_dir, cached_valid_catalog, code_fingerprint, fingerprint
from szkola_kooperacji.data.loader import data_files
from szkola_kooperacji.data.yaml_source import DataLoader

VALID_DATA = Path(__file__).parent / "valid"
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "szkola_kooperacji"


def test_tests_use_a_cache_folder_of_their_own():
    assert cache_dir() == Path(os.environ[CACHE_ENV])
    assert Path.home() / ".cache" not in cache_dir().parents


def test_a_change_to_a_model_changes_the_key(tmp_path: Path):
    for sub in ("domain", "data"):
        shutil.copytree(PACKAGE / sub, tmp_path / sub)
    files = data_files([VALID_DATA])
    before = fingerprint(files, code_fingerprint(tmp_path))
    contract = tmp_path / "domain" / "contract.py"
    contract.write_text(contract.read_text(encoding="utf-8") + "\n# a new field\n", encoding="utf-8")
    code_fingerprint.cache_clear()
    assert fingerprint(files, code_fingerprint(tmp_path)) != before


def test_a_change_to_the_data_changes_the_key(tmp_path: Path):
    copy = tmp_path / "valid"
    shutil.copytree(VALID_DATA, copy)
    key = fingerprint(data_files([copy]))
    assert fingerprint(data_files([copy])) == key
    lista = copy / "lista.yaml"
    lista.write_text(lista.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(data_files([copy])) != key


def test_the_cached_catalog_is_the_validated_one_and_a_broken_pickle_is_rewritten():
    first = cached_valid_catalog([VALID_DATA])
    target = cache_dir() / f"catalog-{fingerprint(data_files([VALID_DATA]))}.pickle"
    assert target.is_file()
    assert cached_valid_catalog([VALID_DATA]).cases.keys() == first.cases.keys()
    target.write_bytes(b"not a pickle")
    assert cached_valid_catalog([VALID_DATA]).case("mini_case").id == "mini_case"
    assert target.read_bytes() != b"not a pickle"


def test_each_yaml_file_is_parsed_once_per_load(monkeypatch: pytest.MonkeyPatch):
    parsed: list[str] = []
    original = DataLoader.get_single_node

    def counting(loader: DataLoader) -> object:
        parsed.append(loader.name)
        return original(loader)

    monkeypatch.setattr(DataLoader, "get_single_node", counting)
    catalog = load_catalog([VALID_DATA])
    assert not catalog.errors
    assert len(parsed) == len(catalog.files) == 2
