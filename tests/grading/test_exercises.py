"""Exercise notebooks and their cells, without running nbgrader: structure, submission, grading."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.assessment import Part
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.domain.parts import DOCUMENT_PARTS, TEAM_PARTS
from szkola_kooperacji.grading.cells import WORK_VARIABLE, grade_part, parse_work, reference_work
from szkola_kooperacji.grading.notebook import ExerciseError, exercise_info, markdown_literal, write_submission

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "exercises").glob("*/*.ipynb"))
CATALOG = load_valid_catalog()


def test_every_course_exercise_has_a_notebook():
    named = {e for course in CATALOG.courses.values() for e in course.exercise_ids}
    assert named == {p.parent.name for p in NOTEBOOKS}
    assert len(CATALOG.courses) >= 2
    assert sum(len(c.modules) for c in CATALOG.courses.values()) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercise_is_an_nbgrader_source_with_autograded_parts_and_a_reflection(path: Path):
    nb = nbformat.read(path, as_version=4)
    info = exercise_info(nb)
    if nb.metadata["szkola"].get("kind") == "refleksja":  # supervision, coaching: graded by hand only
        assert info.reflective_only
        assert "praca" not in [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
    else:
        assert info.case_id in CATALOG.cases
        assert info.parts, "at least one autograded part"
    assert set(info.parts) <= {p.value for p in Part}
    assert info.reflections, "at least one reflection graded by hand"
    assert all(r.question and not r.question.startswith("*") for r in info.reflections)
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
    assert len(grade_ids) == len(set(grade_ids))
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        if meta["grade"] and cell.cell_type == "code":
            assert cell.source.startswith("### BEGIN HIDDEN TESTS"), "tests stay hidden from trainees"
            assert meta["locked"]
            assert meta["points"] > 0
        if meta["grade"] and cell.cell_type == "markdown":
            assert meta["solution"], "a reflection is a manually graded answer"


def test_markdown_literal_renders_exactly_what_was_typed():
    typed = "<img src=x onerror=alert(1)> **nie pogrubiaj** [link](http://x)\n- nie lista\n1. nie numer # ani nagłówek"
    rendered = markdown2html_mistune(markdown_literal(typed))
    assert "<img" not in rendered
    assert "<strong>" not in rendered
    assert "<a " not in rendered
    assert "<li>" not in rendered
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert " ".join(visible.split()) == " ".join(typed.split())


def test_submission_writes_work_and_reflections_into_their_cells():
    nb = nbformat.read(ROOT / "exercises" / "cw2_diagnoza" / "cw2_diagnoza.ipynb", as_version=4)
    work = reference_work("wielodzietna_bezradnosc_modrzewno")
    write_submission(nb, work, {"refleksja_1": "Moja odpowiedź"})
    work_cell = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "praca")
    assignment = ast.parse(work_cell.source).body[0]
    assert isinstance(assignment, ast.Assign)
    assert assignment.targets[0].id == WORK_VARIABLE  # type: ignore[attr-defined]
    assert parse_work(ast.literal_eval(assignment.value), "wielodzietna_bezradnosc_modrzewno").diagnosis.needs
    reflection = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "refleksja_1")
    assert reflection.source == "Moja odpowiedź"
    with pytest.raises(ExerciseError, match="refleksja_9"):
        write_submission(nb, work, {"refleksja_9": "?"})


@pytest.mark.parametrize(
    ("work", "message"),
    [
        ("", "Nie oddano pracy"),
        (None, "Nie oddano pracy"),
        ('{"case_id": ', "uszkodzona"),
        (Draft(case_id="bezrobocie_alkohol_zurawiec").model_dump_json(), "innego przypadku"),
        (Draft(case_id="wielodzietna_bezradnosc_modrzewno").model_dump_json(), "nie zawiera żadnej potrzeby"),
    ],
)
def test_unusable_work_scores_zero_with_a_polish_reason(work: object, message: str, capsys: pytest.CaptureFixture[str]):
    assert grade_part(work, "wielodzietna_bezradnosc_modrzewno", "diagnoza", 10) == 0
    assert message in capsys.readouterr().out


@pytest.mark.parametrize("part", [p for p in Part if p not in TEAM_PARTS | DOCUMENT_PARTS])
def test_reference_work_earns_every_point_of_every_part(part: Part, capsys: pytest.CaptureFixture[str]):
    for case_id in CATALOG.cases:
        assert grade_part(reference_work(case_id), case_id, part.value, 7) == 7, (case_id, part)
    assert "100%" in capsys.readouterr().out


def test_the_agreement_exercise_grades_its_document_as_data(capsys: pytest.CaptureFixture[str]):
    from szkola_kooperacji.grading.cells import reference_document_work  # noqa: PLC0415

    nb = nbformat.read(ROOT / "exercises" / "cw6_porozumienie" / "cw6_porozumienie.ipynb", as_version=4)
    info = exercise_info(nb)
    assert info.document in CATALOG.document_tasks
    assert CATALOG.document_tasks[info.document].case == info.case_id
    work = reference_document_work(info.case_id)
    assert grade_part(work, info.case_id, "porozumienie", 15) == 15
    assert grade_part(work.replace('"Starosta"', '""'), info.case_id, "porozumienie", 15) == 15  # a hint only
    assert grade_part(work.replace('"zgoda",', ""), info.case_id, "porozumienie", 15) < 15
    assert "zgody" in capsys.readouterr().out
    assert grade_part(reference_work(info.case_id), info.case_id, "porozumienie", 15) == 0  # a case draft is not one
    assert "uszkodzone" in capsys.readouterr().out


def test_the_social_project_exercise_grades_its_document_as_data(capsys: pytest.CaptureFixture[str]):
    from szkola_kooperacji.grading.cells import reference_document_work  # noqa: PLC0415

    nb = nbformat.read(ROOT / "exercises" / "cw9_projekt_socjalny" / "cw9_projekt_socjalny.ipynb", as_version=4)
    info = exercise_info(nb)
    assert CATALOG.document_tasks[info.document or ""].case == info.case_id
    assert info.parts == ("projekt_socjalny",)
    work = reference_document_work(info.case_id, "projekt_socjalny")
    assert grade_part(work, info.case_id, "projekt_socjalny", 15) == 15
    assert grade_part(work.replace('"lista obecności"', '""'), info.case_id, "projekt_socjalny", 15) == 14.5
    assert "nie ma źródła weryfikacji" in capsys.readouterr().out
    agreement = reference_document_work(info.case_id)
    assert grade_part(agreement, info.case_id, "projekt_socjalny", 15) == 0  # an agreement is not a project
    assert "uszkodzone" in capsys.readouterr().out


def test_the_minutes_exercise_grades_its_document_as_data(capsys: pytest.CaptureFixture[str]):
    from szkola_kooperacji.grading.cells import reference_document_work  # noqa: PLC0415

    nb = nbformat.read(ROOT / "exercises" / "cw10_protokol_gpzk" / "cw10_protokol_gpzk.ipynb", as_version=4)
    info = exercise_info(nb)
    assert CATALOG.document_tasks[info.document or ""].case == info.case_id
    assert info.parts == ("protokol_gpzk",)
    work = reference_document_work(info.case_id, "protokol_gpzk")
    assert grade_part(work, info.case_id, "protokol_gpzk", 15) == 15
    assert (
        grade_part(
            work.replace('"next_meeting":"2027-02-09"', '"next_meeting":null'), info.case_id, "protokol_gpzk", 15
        )
        < 15
    )
    assert "Wyznacz datę następnego spotkania" in capsys.readouterr().out
