"""A submission read as data: what the intake takes from it, what it flags, and the rebuilt notebook."""

from __future__ import annotations

import copy

import nbformat
import pytest

from szkola_kooperacji.grading import CODE_STUB, MAX_REFLECTION_CHARS, TEXT_STUB
from szkola_kooperacji.grading.notebook import markdown_literal, write_submission
from szkola_kooperacji.grading.submission import (
    literal_reflection,
    plain_reflection,
    problems_of,
    read_work_cell,
    rebuild,
    take_intake,
    unreadable_stand_in,
)

WORK = '{"schema_version":1,"case_id":"c1"}'


def _cell(kind: str, grade_id: str, source: str, **flags: object) -> nbformat.NotebookNode:
    meta = {"grade": False, "solution": False, "locked": True, "task": False, "grade_id": grade_id, "schema_version": 3}
    meta.update(flags)
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    return make(source, metadata={"nbgrader": meta})


@pytest.fixture
def released() -> nbformat.NotebookNode:
    """A released exercise as nbgrader writes it: description, import, work stub, test, question, reflection."""
    nb = nbformat.v4.new_notebook(metadata={"szkola": {"case_id": "c1", "title": "Ćwiczenie"}})
    nb.cells = [
        _cell("markdown", "opis", "# Ćwiczenie"),
        _cell("code", "start", "from szkola_kooperacji.grading.cells import grade_part"),
        _cell("code", "praca", CODE_STUB, solution=True, locked=False),
        _cell(
            "code", "test_diagnoza", 'grade_part(globals().get("PRACA"), "c1", "diagnoza", 10)', grade=True, points=10
        ),
        _cell("markdown", "pytanie_1", "**Refleksja 1.** Pytanie?"),
        _cell("markdown", "refleksja_1", TEXT_STUB, grade=True, solution=True, locked=False, points=5),
    ]
    return nb


def submitted(
    released: nbformat.NotebookNode, work: str = WORK, answer: str = "Moja odpowiedź."
) -> nbformat.NotebookNode:
    """What the dashboard submits: the release with the work and the reflection written in."""
    return write_submission(copy.deepcopy(released), work, {"refleksja_1": answer})


def test_a_dashboard_submission_is_taken_as_it_is(released):
    intake = take_intake(submitted(released), released)
    assert intake.problems == []
    assert intake.work == WORK
    assert intake.reflections == {"refleksja_1": markdown_literal("Moja odpowiedź.")}


def test_the_release_itself_is_an_empty_work_without_problems(released):
    intake = take_intake(copy.deepcopy(released), released)
    assert (intake.work, intake.problems) == ("", [])
    assert intake.reflections == {"refleksja_1": TEXT_STUB}


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('from szkola_kooperacji.grading.cells import reference_work\nPRACA = reference_work("c1")', "zawiera kod"),
        ('PRACA = ""; grade_part = lambda *a: 10', "zawiera kod"),
        ("PRACA = '{}' + '{}'", "zawiera kod"),
        ("PRACA = b'{}'", "zawiera kod"),
        ("import os\nos.system('touch /tmp/x')", "zawiera kod"),
        ("PRACA = '''{}'''", "zawiera kod"),  # a literal, but not the one the dashboard writes
        ("PRACA = (", "nie jest zapisem pulpitu"),
        ("PRACA = '" + "x" * 4_000_001 + "'", "znaków"),
    ],
)
def test_a_work_cell_with_code_is_refused_unrun(source, problem):
    work, found = read_work_cell(source)
    assert work is None
    assert found is not None
    assert problem in found


def test_the_work_cell_is_the_exact_literal_the_dashboard_writes():
    weird = '{"x": "ąę\\u0000\'\\"\\\\ \U0001f600 \u202e"}'
    assert read_work_cell(f"PRACA = {weird!r}") == (weird, None)
    assert read_work_cell(CODE_STUB) == ("", None)


def _with(released: nbformat.NotebookNode, change) -> nbformat.NotebookNode:
    nb = submitted(released)
    change(nb)
    return nb


def _cell_of(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda nb: nb.cells.insert(3, nbformat.v4.new_code_cell("def grade_part(*a):\n    return 10")),
            "dodano komórki",
        ),
        (lambda nb: nb.cells.pop(3), "usunięto komórki: test_diagnoza"),
        (lambda nb: setattr(_cell_of(nb, "test_diagnoza"), "source", "10.0"), "zmieniono komórkę test_diagnoza"),
        (lambda nb: setattr(_cell_of(nb, "start"), "source", "import os"), "zmieniono komórkę start"),
        (lambda nb: setattr(_cell_of(nb, "opis"), "source", "<script>x</script>"), "zmieniono komórkę opis"),
        (lambda nb: _cell_of(nb, "test_diagnoza").metadata.nbgrader.update(points=100), "punktację komórki"),
        (lambda nb: nb.cells.reverse(), "kolejność"),
        (lambda nb: nb.metadata.szkola.update(case_id="inny"), "metadane"),
    ],
)
def test_anything_but_work_and_reflections_that_differs_is_named(released, change, problem):
    intake = take_intake(_with(released, change), released)
    assert any(problem in p for p in intake.problems), intake.problems


def test_problems_are_bounded_whatever_a_notebook_holds(released):
    nb = submitted(released)
    nb.cells += [
        nbformat.v4.new_markdown_cell("x", metadata={"nbgrader": {"grade_id": f"g{i}" * 50}}) for i in range(500)
    ]
    for cell in nb.cells[:4]:
        cell.source = "zmiana " * 1000
    problems = take_intake(nb, released).problems
    assert 0 < len(problems) <= 8
    assert all(len(p) < 300 for p in problems)


def test_a_hand_written_reflection_reaches_the_trainer_only_as_text(released):
    hostile = "<img src=x onerror=alert(1)> ![obraz](http://example.org/p.png) [link](javascript:alert(1))"
    nb = submitted(released)
    _cell_of(nb, "refleksja_1").source = hostile  # raw Markdown, not what the dashboard writes
    intake = take_intake(nb, released)
    text = intake.reflections["refleksja_1"]
    assert "<img" not in text
    assert "](" not in text
    assert plain_reflection(text) == hostile


@pytest.mark.parametrize(
    "answer",
    ["Zwykła odpowiedź.", "Dwa akapity.\n\nDrugi: 1. punkt, *gwiazdka*, #hash, a<b & c>d", "- lista\n> cytat\n3. trzy"],
)
def test_a_dashboard_reflection_is_kept_unchanged(answer):
    written = markdown_literal(answer)
    assert literal_reflection(written) == written


def test_an_overlong_reflection_is_flagged_and_cut(released):
    nb = submitted(released, answer="a" * 10)
    _cell_of(nb, "refleksja_1").source = "b" * (10 * MAX_REFLECTION_CHARS)
    intake = take_intake(nb, released)
    assert any("refleksja" in p for p in intake.problems)
    assert len(plain_reflection(intake.reflections["refleksja_1"])) == MAX_REFLECTION_CHARS


def test_a_long_reflection_full_of_escaped_characters_is_not_flagged(released):
    answer = "&<>*_" * (MAX_REFLECTION_CHARS // 5)
    intake = take_intake(submitted(released, answer=answer), released)
    assert intake.problems == []
    assert plain_reflection(intake.reflections["refleksja_1"]) == answer


def test_an_unreadable_file_is_one_problem():
    intake = take_intake(unreadable_stand_in(), nbformat.v4.new_notebook())
    assert intake.problems == ["oddany plik nie jest poprawnym notatnikiem (uszkodzony lub pusty)"]


def test_the_rebuilt_notebook_is_the_release_with_the_work_and_answers(released):
    nb = submitted(released)
    nb.cells.insert(3, nbformat.v4.new_code_cell("import shutil"))
    nb.metadata["student"] = "ktos_inny"
    intake = take_intake(nb, released)
    graded = rebuild(released, intake)
    assert [c.source for c in graded.cells if c.metadata.nbgrader.grade_id not in ("praca", "refleksja_1")] == [
        c.source for c in released.cells if c.metadata.nbgrader.grade_id not in ("praca", "refleksja_1")
    ]
    assert _cell_of(graded, "praca").source == f"PRACA = {WORK!r}"
    assert "student" not in graded.metadata
    assert problems_of(graded) == ["dodano komórki (1)"]
    assert problems_of(released) == []
