"""Course manifests: validated like cases, and every lesson, exercise and case they name must exist."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.data import load_catalog

VALID = Path(__file__).parent / "valid"

MANIFEST = """\
schema_version: 1
kind: course
id: probny
title: Kurs próbny
level: regionalny
audience: pracownicy socjalni
modules:
  - id: m1
    title: Moduł pierwszy
    hours: 4
    outcomes: ["Uczestnik wie, co robi."]
    lessons: [{lesson}]
    exercises: [{exercise}]
    cases: [{case}]
"""


def _course_tree(tmp_path: Path, *, lesson: str, exercise: str, case: str, exercise_case: str = "mini_case") -> Path:
    for name in ("lista.yaml", "mini_case.yaml"):
        shutil.copy(VALID / name, tmp_path / name)
    (tmp_path / "courses").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "lekcja.ipynb").write_text("{}", encoding="utf-8")
    folder = tmp_path / "exercises" / "cw"
    folder.mkdir(parents=True)
    notebook = {"cells": [], "metadata": {"szkola": {"case_id": exercise_case, "title": "Ćw"}}}
    (folder / "cw.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    manifest = tmp_path / "courses" / "probny.yaml"
    manifest.write_text(MANIFEST.format(lesson=lesson, exercise=exercise, case=case), encoding="utf-8")
    return manifest


def test_complete_manifest_is_valid(tmp_path: Path):
    manifest = _course_tree(tmp_path, lesson="lekcja", exercise="cw", case="mini_case")
    catalog = load_catalog([tmp_path / "lista.yaml", tmp_path / "mini_case.yaml", manifest])
    assert [p.render() for p in catalog.problems] == []
    assert catalog.courses["probny"].hours == 4


def test_missing_lesson_exercise_and_case_are_named_with_file_and_entry(tmp_path: Path):
    manifest = _course_tree(tmp_path, lesson="nie_ma_lekcji", exercise="nie_ma_cw", case="nie_ma_przypadku")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "lista.yaml"), str(manifest)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(str(manifest))]
    assert any("modules[0].lessons[0]" in line and "nie_ma_lekcji" in line for line in lines), lines
    assert any("modules[0].exercises[0]" in line and "nie_ma_cw" in line for line in lines), lines
    assert any("modules[0].cases[0]" in line and "nie_ma_przypadku" in line for line in lines), lines
    assert "Traceback" not in result.output


def test_exercise_on_an_unknown_case_is_an_error(tmp_path: Path):
    manifest = _course_tree(tmp_path, lesson="lekcja", exercise="cw", case="mini_case", exercise_case="inny")
    catalog = load_catalog([tmp_path / "lista.yaml", tmp_path / "mini_case.yaml", manifest])
    assert any("'inny'" in p.render() and "exercises[0]" in p.render() for p in catalog.errors)


def test_unknown_key_is_reported_with_a_suggestion(tmp_path: Path):
    manifest = _course_tree(tmp_path, lesson="lekcja", exercise="cw", case="mini_case")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("hours: 4", "hours: 4\n    godziny: 4"))
    rendered = [p.render() for p in load_catalog([tmp_path / "lista.yaml", manifest]).errors]
    assert any("modules[0].godziny" in line for line in rendered), rendered


def test_exercise_graded_in_two_modules_is_reported(tmp_path: Path):
    manifest = _course_tree(tmp_path, lesson="lekcja", exercise="cw", case="mini_case")
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text + text[text.index("  - id: m1") :].replace("m1", "m2"), encoding="utf-8")
    rendered = [p.render() for p in load_catalog([tmp_path / "lista.yaml", manifest]).errors]
    assert any("modules[1].exercises[0]" in line and "'m1'" in line for line in rendered), rendered
