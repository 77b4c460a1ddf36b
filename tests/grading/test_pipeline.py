"""The real nbgrader pipeline on a real exercise, as a trainer and trainees run it.

A group is created with ``szkola course init``; the exercise is generated and released with
nbgrader; trainees submit through nbgrader's exchange from the dashboard's side; the trainer
collects and autogrades (``szkola grade autograde --jobs 2`` on the course, nbgrader's own
sequential ``nbgrader autograde`` on a copy: the course's configuration makes both grade the
work as data), generates and releases feedback and exports. Besides the honest submissions, a
corpus of hand-made hostile notebooks (``hostile.py``) is placed in ``submitted/``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import openpyxl
import pytest
from click.testing import CliRunner
from nbgrader.api import Gradebook

from szkola_kooperacji.cli import main
from szkola_kooperacji.commands.report import load_course_dir
from szkola_kooperacji.dashboard.trainer_report import TrainerReport
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.grading.cells import score_part
from szkola_kooperacji.grading.course_folder import CourseFolder
from szkola_kooperacji.grading.exchange import TraineeExchange
from szkola_kooperacji.grading.report import grade_rows

from .hostile import CANARY, CORPUS

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = "cw2_diagnoza"
CASE = "wielodzietna_bezradnosc_modrzewno"
AUTO_POINTS = 10.0
HOSTILE_TEXT = "<img src=x onerror=alert(1)>"
UNICODE_TEXT = "Zażółć gęślą jaźń \u202e\u200b 😀 \u0000? ﷽ \u2066RTL\u2069"
HONEST = ["wzorcowa", "pusta", "polowa", "wrogi", "unicode", "inny_przypadek"]
TRAINEES = HONEST + [h.trainee for h in CORPUS]
AUTOGRADE = [sys.executable, "-m", "szkola_kooperacji", "grade", "autograde", EXERCISE, "--jobs", "2"]

pytestmark = pytest.mark.slow


def nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course_dir, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def submitted_notebook(course_dir: Path, trainee: str) -> Path:
    return course_dir / "submitted" / trainee / EXERCISE / f"{EXERCISE}.ipynb"


def honest_works() -> dict[str, str]:
    """The work each honest trainee built on the dashboard, as the JSON the dashboard submits."""
    catalog = load_valid_catalog()
    case = catalog.case(CASE)
    reference = Draft(case_id=case.id, diagnosis=case.reference.diagnosis, contract=case.reference.contract)
    half = reference.model_copy(deep=True)
    half.diagnosis.needs = half.diagnosis.needs[: len(half.diagnosis.needs) // 2]
    odd = reference.model_copy(deep=True)
    odd.diagnosis.needs[0].statement = UNICODE_TEXT
    other_case = next(c for c in catalog.cases.values() if c.id != CASE)
    other = Draft(case_id=other_case.id, diagnosis=other_case.reference.diagnosis)
    works = {t: reference.model_dump_json() for t in TRAINEES}
    works.update(pusta="", polowa=half.model_dump_json(), unicode=odd.model_dump_json())
    works["inny_przypadek"] = other.model_dump_json()
    return works


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group whose trainees submitted the exercise, the hostile ones replaced by hand after collecting."""
    base = tmp_path_factory.mktemp("kurs")
    roster = base / "lista.csv"
    roster.write_text("id;first_name;last_name\n" + "".join(f"{t};Imię;{t}\n" for t in TRAINEES), encoding="utf-8")
    course_dir = base / "grupa"
    result = CliRunner().invoke(
        main, ["course", "init", str(course_dir), "--course", str(ROOT / "courses" / "regionalny.yaml"),
               "--roster", str(roster)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    nbgrader(course_dir, "generate_assignment", EXERCISE)
    nbgrader(course_dir, "release_assignment", EXERCISE)
    works = honest_works()
    for trainee in TRAINEES:
        exchange = TraineeExchange(course_dir, trainee)
        answer = {"wrogi": HOSTILE_TEXT, "unicode": UNICODE_TEXT}.get(trainee, "Rodzina ma wsparcie babci.")
        exchange.submit(EXERCISE, works[trainee], {"refleksja_1": answer} if trainee != "pusta" else {})
    nbgrader(course_dir, "collect", EXERCISE)
    for hostile in CORPUS:
        path = submitted_notebook(course_dir, hostile.trainee)
        hostile.make(nbformat.read(path, as_version=4), path)
    return course_dir


def _copy_course(course_dir: Path, target: Path) -> Path:
    """A copy of the course folder: it works where it lands (its config has no absolute paths)."""
    shutil.copytree(course_dir, target)
    return target


def auto_scores(course_dir: Path) -> dict[str, float]:
    with Gradebook(CourseFolder(course_dir).db_url) as gradebook:
        return {t: float(gradebook.find_submission(EXERCISE, t).code_score) for t in TRAINEES}


@pytest.fixture(scope="module")
def graded(collected: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The same submissions graded twice: nbgrader's own command alone, and szkola with two jobs."""
    CANARY.unlink(missing_ok=True)
    sequential_dir = _copy_course(collected, tmp_path_factory.mktemp("sekwencyjnie") / "grupa")
    plain = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", EXERCISE],
        cwd=sequential_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    run = subprocess.run(AUTOGRADE, cwd=collected, capture_output=True, text=True, check=False)
    return {"run": run, "plain": plain, "parallel": auto_scores(collected), "sequential": auto_scores(sequential_dir)}


def test_every_score_is_the_domain_scorer_applied_to_the_trainees_own_work(graded: dict[str, object]):
    scores, works = graded["parallel"], honest_works()
    expected = {t: score_part(works[t], CASE, "diagnoza", AUTO_POINTS)[0] for t in TRAINEES}
    expected.update({h.trainee: 0.0 for h in CORPUS if h.problem})
    assert scores == expected
    assert scores["wzorcowa"] == AUTO_POINTS
    assert scores["pusta"] == 0
    assert 0 < scores["polowa"] < AUTO_POINTS
    assert scores["inny_przypadek"] == 0


def test_no_code_of_a_submission_ever_ran(graded: dict[str, object]):
    assert not CANARY.exists()
    assert not Path("/tmp/szkola-canary-shell").exists()


def test_hostile_submissions_get_zero_and_a_polish_line_naming_the_change(graded: dict[str, object]):
    run = graded["run"]
    assert run.returncode == 1, "flagged submissions make the command's exit status 1"
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stderr.splitlines()
    for hostile in CORPUS:
        flagged = [line for line in lines if line.startswith(f"  {hostile.trainee}: ")]
        if hostile.problem is None:
            assert flagged == [], hostile.trainee
        else:
            assert len(flagged) == 1, (hostile.trainee, run.stderr)
            assert "Oddany notatnik różni się od wydanego ćwiczenia" in flagged[0]
            assert hostile.problem in flagged[0], flagged[0]
    points = {line.split()[0]: line for line in run.stdout.splitlines() if line.startswith("  ")}
    assert set(points) == set(TRAINEES), "each trainee's points are printed"
    assert "10 / 10" in points["wzorcowa"]
    assert "do sprawdzenia" in points["nie_json"]


def test_nbgraders_own_command_grades_the_same_way(graded: dict[str, object]):
    assert graded["sequential"] == graded["parallel"]
    assert "Traceback" not in graded["plain"].stdout + graded["plain"].stderr


def test_flagged_submissions_wait_for_the_trainer_in_the_gradebook(collected: Path, graded: dict[str, object]):
    with Gradebook(CourseFolder(collected).db_url) as gradebook:
        for hostile in CORPUS:
            submission = gradebook.find_submission_notebook(EXERCISE, EXERCISE, hostile.trainee)
            auto = next(g for g in submission.grades if g.name == "test_diagnoza")
            assert auto.needs_manual_grade == bool(hostile.problem), hostile.trainee
            comment = next(c for c in submission.comments if c.name == "praca")
            assert (comment.auto_comment or "").startswith("Oddany notatnik") == bool(hostile.problem)


def test_feedback_holds_no_code_no_traceback_no_hidden_test(collected: Path, graded: dict[str, object]):
    nbgrader(collected, "generate_feedback", EXERCISE)
    nbgrader(collected, "release_feedback", EXERCISE)
    case, works = load_valid_catalog().case(CASE), honest_works()
    pages = {t: TraineeExchange(collected, t).feedback(EXERCISE) for t in TRAINEES}
    for trainee, page in pages.items():
        assert page is not None, trainee
        assert "(punkty: " in page, trainee
        for secret in ("grade_part", "HIDDEN", "reference_work", "most recent call last", "PRACA", "import ",
                       "sqlite3", "No response", "glob.glob", "output_execute_result"):  # fmt: skip
            assert secret not in page, (trainee, secret)
        own = works[trainee]
        for need in case.reference.diagnosis.needs:
            if need.statement not in own:  # the trainee's own work is shown back; the reference never is
                assert need.statement not in page, (trainee, need.id)
        assert len(page) < 400_000, trainee
    assert "Nie oddano pracy" in pages["pusta"]
    assert "Pominięto potrzebę" in pages["polowa"]
    assert "innego przypadku" in pages["inny_przypadek"]
    assert "czeka na ocenę trenera" in pages["polowa"], "an ungraded reflection is not shown as 0 points"
    for page in (pages["wrogi"], pages["html_w_refleksji"]):
        assert "<img" not in page
        assert "<script>alert" not in page
    assert "&lt;img" in pages["wrogi"]
    assert "Oddany notatnik różni się od wydanego ćwiczenia" in pages["bez_testu"]
    assert "Diagnoza potrzeb" in pages["wzorcowa"], "the trainee's own work is shown as tables"
    assert pages["polowa"] != pages["wzorcowa"], "each trainee fetches only their own feedback"


def test_export_has_one_row_per_trainee_and_assignment(collected: Path, graded: dict[str, object]):
    nbgrader(collected, "export")
    with (collected / "grades.csv").open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["assignment"] == EXERCISE]
    assert sorted(r["student_id"] for r in rows) == sorted(TRAINEES)


def test_report_lists_every_graded_item(collected: Path, graded: dict[str, object], tmp_path: Path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--course-dir",
            str(collected),
            "--csv",
            str(tmp_path / "r.csv"),
            "--xlsx",
            str(tmp_path / "r.xlsx"),
        ],
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    items = {(r["uczestnik"], r["element"]) for r in rows if r["cwiczenie"] == EXERCISE}
    assert items == {(t, item) for t in TRAINEES for item in ("test_diagnoza", "refleksja_1")}
    reference = next(r for r in rows if r["uczestnik"] == "wzorcowa" and r["element"] == "test_diagnoza")
    assert float(reference["punkty"]) == AUTO_POINTS
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == ["Uczestnicy", "Moduły", "Elementy"]


def test_released_exercise_shows_no_solution_and_polish_stubs(collected: Path):
    released = collected / "release" / EXERCISE / f"{EXERCISE}.ipynb"
    text = released.read_text(encoding="utf-8")
    assert "reference_work" not in text, "the release does not even name where the reference comes from"
    assert "YOUR ANSWER HERE" not in text
    assert "NotImplementedError" not in text
    assert "BEGIN HIDDEN" not in text
    assert json.loads(text)["metadata"]["szkola"]["case_id"] == "wielodzietna_bezradnosc_modrzewno"


def test_trainer_report_dashboard_shows_trainees_modules_and_items(collected: Path, graded: dict[str, object]):
    course, db_url = load_course_dir(collected)
    report = TrainerReport(grade_rows(db_url, course), course.title)
    page = report.view.value
    for trainee in TRAINEES:
        assert trainee in page
    assert "Wynik uczestników" in page
    with Gradebook(db_url) as gradebook:
        waiting = sum(
            grade.needs_manual_grade
            for trainee in TRAINEES
            for grade in gradebook.find_submission_notebook(EXERCISE, EXERCISE, trainee).grades
            if grade.name == "refleksja_1"
        )
    assert 0 < waiting < len(TRAINEES), "an untouched reflection stub is scored 0 by nbgrader"
    flagged = sum(1 for hostile in CORPUS if hostile.problem)
    assert f"Do oceny ręcznej czeka: {waiting} refleksj" in page
    assert f"{flagged} części oceny automatycznej" in page, "every flagged submission waits for the trainer"
    assert "Refleksja 1" in page
    assert list(report.module.options) == ["wszystkie moduły", "Rodzinny wywiad środowiskowy i diagnoza potrzeb"]
    report.module.value = "Rodzinny wywiad środowiskowy i diagnoza potrzeb"
    assert "wzorcowa" in report.view.value


def grading_processes(course_dir: Path) -> list[int]:
    """Processes working in the course directory: the grading workers."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                if Path(os.readlink(proc / "cwd")) == course_dir.resolve():
                    found.append(int(proc.name))
    return found


def test_interrupted_grading_run_again_gives_the_same_scores(
    collected: Path, graded: dict[str, object], tmp_path_factory: pytest.TempPathFactory
):
    course_dir = _copy_course(collected, tmp_path_factory.mktemp("przerwane") / "grupa")
    command = AUTOGRADE
    first = subprocess.Popen(command, cwd=course_dir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert first.stderr is not None
    first.stderr.read(1)  # the progress bar has started: workers are grading
    time.sleep(1)
    first.kill()  # as a crash or a closed terminal would: workers finish their current trainee and exit
    first.wait(timeout=30)
    deadline = time.monotonic() + 120
    while grading_processes(course_dir) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not grading_processes(course_dir), "workers of a killed run exit after their current trainee"
    again = subprocess.run(command, cwd=course_dir, capture_output=True, text=True, check=False)
    assert "Traceback" not in again.stdout + again.stderr
    assert auto_scores(course_dir) == graded["parallel"]


def test_report_flags_tampered_work_and_never_sums_points_above_an_items_maximum(
    collected: Path, graded: dict[str, object], tmp_path_factory: pytest.TempPathFactory
):
    course_dir = _copy_course(collected, tmp_path_factory.mktemp("raport") / "grupa")
    with Gradebook(CourseFolder(course_dir).db_url) as gradebook:  # as the attack left the gradebook
        gradebook.find_grade("test_diagnoza", EXERCISE, EXERCISE, "pusta").manual_score = 19.98
        gradebook.db.commit()
    result = CliRunner().invoke(main, ["report", "--course-dir", str(course_dir)])
    assert result.exit_code == 0, result.output
    assert "nan" not in result.output.lower()
    assert "Uwaga – pusta, cw2_diagnoza: punkty powyżej maksimum (19,98 > 10); liczone 10" in result.output
    assert "Uwaga – bez_testu, cw2_diagnoza: Oddany notatnik różni się od wydanego ćwiczenia" in result.output
    course, db_url = load_course_dir(course_dir)
    rows = grade_rows(db_url, course)
    pusta = rows[(rows["uczestnik"] == "pusta") & (rows["element"] == "test_diagnoza")].iloc[0]
    assert pusta["punkty"] == AUTO_POINTS
    assert "Uczestnik" in result.output, "the terminal shows Polish headers"
