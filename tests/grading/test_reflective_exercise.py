"""An exercise graded by hand only (coaching, supervision) goes through real nbgrader: released, submitted
from the trainee's exchange, autograded without a case or work (0 automatic points, nothing flagged), and its
answers wait for the trainer in the gradebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.grading.exchange import TraineeExchange
from szkola_kooperacji.grading.notebook import exercise_info, markdown_literal

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = "cw7_coaching"
pytestmark = pytest.mark.slow


def run(course_dir: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", *args], cwd=course_dir, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_reflection_only_exercise_is_submitted_graded_by_hand_and_returned(tmp_path: Path):
    roster = tmp_path / "lista.csv"
    roster.write_text("id,first_name,last_name\nanowak,Anna,Nowak\n", encoding="utf-8")
    course_dir = tmp_path / "kurs"
    args = ["course", "init", str(course_dir), "--course", str(ROOT / "courses" / "regionalny.yaml")]
    assert CliRunner().invoke(main, [*args, "--roster", str(roster)]).exit_code == 0
    run(course_dir, "nbgrader", "generate_assignment", EXERCISE)
    run(course_dir, "nbgrader", "release_assignment", EXERCISE)

    exchange = TraineeExchange(course_dir, "anowak")
    released = exchange.fetch(EXERCISE)
    assert released.info.reflective_only
    assert len(released.info.reflections) == 2
    exchange.submit(EXERCISE, "", {"refleksja_1": "Cel: comiesięczne spotkania z PUP.", "refleksja_2": "Zasoby."})
    run(course_dir, "nbgrader", "collect", EXERCISE)
    run(course_dir, "szkola_kooperacji", "grade", "autograde", EXERCISE)

    graded = nbformat.read(course_dir / "autograded" / "anowak" / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
    assert exercise_info(graded).reflective_only
    answers = [c.source for c in graded.cells if c.metadata["nbgrader"]["grade_id"] == "refleksja_1"]
    assert answers == [markdown_literal("Cel: comiesięczne spotkania z PUP.")]
    from nbgrader.api import Gradebook  # noqa: PLC0415

    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(EXERCISE, "anowak")
        assert submission.needs_manual_grade, "the answers wait for the trainer"
        assert submission.max_score == 10
    run(course_dir, "nbgrader", "generate_feedback", EXERCISE)
    run(course_dir, "nbgrader", "release_feedback", EXERCISE)
    page = exchange.feedback(EXERCISE)
    assert page is not None
    assert "Coaching" in page
