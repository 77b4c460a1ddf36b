"""Self-checks as data: every bundled lesson has one that validates; a wrong key or lesson is refused by line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.data import load_catalog
from szkola_kooperacji.data.paths import project_root
from szkola_kooperacji.domain.self_check import (
    Item,
    MatchingItem,
    MultipleChoiceItem,
    SingleChoiceItem,
    check_answers,
)

from .test_courses import VALID, _course_tree

ROOT = project_root()
SELF_CHECKS = ROOT / "courses" / "samosprawdzenia"


def key_of(item: Item) -> Any:
    if isinstance(item, SingleChoiceItem | MatchingItem):
        return item.answer
    if isinstance(item, MultipleChoiceItem):
        return list(reversed(item.answer))  # order of choice does not matter
    return list(item.answer)


def test_every_lesson_of_every_course_has_a_valid_self_check():
    catalog = load_catalog()
    assert [p.render() for p in catalog.problems] == []
    lessons = {lesson for course in catalog.courses.values() for m in course.modules for lesson in m.lessons}
    assert lessons == set(catalog.self_checks) == {p.stem for p in SELF_CHECKS.glob("*.yaml")}
    assert len(lessons) == 5
    kinds = set()
    for self_check in catalog.self_checks.values():
        assert 3 <= len(self_check.items) <= 6, self_check.lesson
        kinds |= {item.kind for item in self_check.items}
        keys = {item.id: key_of(item) for item in self_check.items}
        result = check_answers(self_check, keys)
        assert result.passed
        assert result.correct_count == len(self_check.items)
        assert not check_answers(self_check, {}).passed
    assert kinds == {"single_choice", "multiple_choice", "matching", "ordering"}


def test_validate_counts_self_checks():
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "samosprawdzenia: 5" in result.output


def _tree_with_self_check(tmp_path: Path, lesson: str, answer: str = "gpzk") -> Path:
    manifest = _course_tree(tmp_path, lesson="lekcja", exercise="cw", case="mini_case")
    (tmp_path / "courses" / "samosprawdzenia").mkdir()
    path = tmp_path / "courses" / "samosprawdzenia" / "lekcja.yaml"
    path.write_text(
        "schema_version: 1\nkind: self_check\n"
        f"lesson: {lesson}\n"
        "items:\n"
        "  - id: q\n    kind: single_choice\n    question: Pytanie?\n"
        "    options: [{id: gpzk, text: G-PZK}, {id: wzk, text: WZK}]\n"
        f"    answer: {answer}\n    explanation: Bo tak.\n    hint: Pomyśl.\n",
        encoding="utf-8",
    )
    return manifest


def test_a_self_check_of_a_course_tree_names_its_lesson(tmp_path: Path):
    manifest = _tree_with_self_check(tmp_path, "lekcja")
    catalog = load_catalog([tmp_path / "lista.yaml", tmp_path / "mini_case.yaml", tmp_path / "courses"])
    assert [p.render() for p in catalog.problems] == []
    assert catalog.self_checks["lekcja"].items[0].id == "q"
    assert manifest.is_file()


def test_a_self_check_of_an_unknown_lesson_is_refused(tmp_path: Path):
    _tree_with_self_check(tmp_path, "nie_ma_takiej")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "lista.yaml"), str(tmp_path / "courses")])
    assert result.exit_code == 1
    assert "lekcja.yaml:3: lesson: lekcja 'nie_ma_takiej': nie ma pliku notebooks/nie_ma_takiej.ipynb" in result.output


def test_a_wrong_key_is_refused_by_validate_with_file_line_and_field(tmp_path: Path):
    _tree_with_self_check(tmp_path, "lekcja", answer="gpzkk")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "lista.yaml"), str(tmp_path / "courses")])
    assert result.exit_code == 1
    assert "lekcja.yaml:9: items[0].answer: odpowiedź 'gpzkk' nie jest żadną z opcji" in result.output
    assert "Traceback" not in result.output


def test_a_course_lesson_without_self_check_is_a_warning(tmp_path: Path):
    _tree_with_self_check(tmp_path, "lekcja")
    (tmp_path / "notebooks" / "druga.ipynb").write_text(json.dumps({"cells": []}), encoding="utf-8")
    manifest = tmp_path / "courses" / "probny.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("[lekcja]", "[lekcja, druga]"))
    catalog = load_catalog([tmp_path / "lista.yaml", tmp_path / "mini_case.yaml", tmp_path / "courses"])
    assert catalog.errors == []
    [warning] = catalog.problems
    assert warning.warning
    assert warning.field == "modules[0].lessons[1]"
    assert "nie ma samosprawdzenia" in warning.found


def test_two_self_checks_of_one_lesson_are_refused(tmp_path: Path):
    _tree_with_self_check(tmp_path, "lekcja")
    folder = tmp_path / "courses" / "samosprawdzenia"
    shutil.copy(folder / "lekcja.yaml", folder / "kopia.yaml")
    catalog = load_catalog([VALID / "lista.yaml", folder])
    assert any(p.field == "lesson" and "ma już samosprawdzenie" in p.found for p in catalog.errors)
