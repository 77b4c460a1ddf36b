"""The real nbgrader pipeline on a real exercise, as a trainer and trainees run it.

A group is created with ``szkola course init``; the exercise is generated and
released with nbgrader; trainees submit through nbgrader's exchange from the
trainee side; the trainer collects, autogrades (nbgrader's sequential command on
one copy, ``szkola grade autograde --jobs 2`` on the other), generates and
releases feedback and exports. Broken, tampered, looping and memory-hungry
submissions are made the way a trainee could make them.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import resource
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
from szkola_kooperacji.grading.exchange import TraineeExchange
from szkola_kooperacji.grading.report import grade_rows

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = "cw2_diagnoza"
AUTO_POINTS = 10.0
HOSTILE = "<img src=x onerror=alert(1)>"
TRAINEES = ["wzorcowa", "pusta", "polowa", "zlyjson", "bez_testu", "zmieniony_test", "petla", "pamiec", "wrogi"]
MEMORY_MB = 1024
"""``--memory`` of the parallel runs; the ``pamiec`` submission asks for three times as much."""
AUTOGRADE = [sys.executable, "-m", "szkola_kooperacji", "grade", "autograde", EXERCISE, "--jobs", "2"]
AUTOGRADE += ["--memory", str(MEMORY_MB)]

pytestmark = pytest.mark.slow


def nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course_dir, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def submitted_notebook(course_dir: Path, trainee: str) -> Path:
    return course_dir / "submitted" / trainee / EXERCISE / f"{EXERCISE}.ipynb"


def cell_index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def tamper(course_dir: Path) -> None:
    """What a trainee could do to the file they submit."""
    submitted_notebook(course_dir, "zlyjson").write_text("{ to nie jest notatnik", encoding="utf-8")

    path = submitted_notebook(course_dir, "bez_testu")
    nb = nbformat.read(path, as_version=4)
    del nb.cells[cell_index(nb, "test_diagnoza")]
    nbformat.write(nb, path)

    path = submitted_notebook(course_dir, "zmieniony_test")
    nb = nbformat.read(path, as_version=4)
    nb.cells[cell_index(nb, "test_diagnoza")].source = f"{AUTO_POINTS}"
    nb.cells[cell_index(nb, "praca")].source = 'PRACA = ""'
    nbformat.write(nb, path)

    path = submitted_notebook(course_dir, "petla")
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(cell_index(nb, "praca") + 1, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(nb, path)

    path = submitted_notebook(course_dir, "pamiec")
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(cell_index(nb, "praca") + 1, nbformat.v4.new_code_cell("zapas = bytearray(3 * 1024**3)"))
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group whose eight trainees submitted the exercise; the trainer has collected it."""
    base = tmp_path_factory.mktemp("kurs")
    roster = base / "lista.csv"
    roster.write_text("id,first_name,last_name\n" + "".join(f"{t},Imię,{t}\n" for t in TRAINEES), encoding="utf-8")
    course_dir = base / "grupa"
    result = CliRunner().invoke(
        main, ["course", "init", str(course_dir), "--course", str(ROOT / "courses" / "regionalny.yaml"),
               "--roster", str(roster)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\nc.Execute.timeout = 10  # the looping submission is stopped quickly in tests\n")
    nbgrader(course_dir, "generate_assignment", EXERCISE)
    nbgrader(course_dir, "release_assignment", EXERCISE)

    case = load_valid_catalog().case("wielodzietna_bezradnosc_modrzewno")
    reference = Draft(case_id=case.id, diagnosis=case.reference.diagnosis, contract=case.reference.contract)
    half = reference.model_copy(deep=True)
    half.diagnosis.needs = half.diagnosis.needs[: len(half.diagnosis.needs) // 2]
    works = {t: reference.model_dump_json() for t in TRAINEES}
    works["pusta"] = ""
    works["polowa"] = half.model_dump_json()
    for trainee in TRAINEES:
        exchange = TraineeExchange(course_dir, trainee)
        assert EXERCISE in exchange.released()
        answer = HOSTILE if trainee == "wrogi" else "Rodzina ma wsparcie babci i dobre relacje ze szkołą."
        exchange.submit(EXERCISE, works[trainee], {"refleksja_1": answer} if trainee != "pusta" else {})
    nbgrader(course_dir, "collect", EXERCISE)
    tamper(course_dir)
    return course_dir


def _copy_course(course_dir: Path, target: Path) -> Path:
    shutil.copytree(course_dir, target)
    config = target / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8").replace(str(course_dir), str(target)), encoding="utf-8")
    return target


def auto_scores(course_dir: Path) -> dict[str, float]:
    config = (course_dir / "nbgrader_config.py").read_text(encoding="utf-8")
    db_url = next(line.split("=", 1)[1].strip().strip("'\"") for line in config.splitlines() if "db_url" in line)
    with Gradebook(db_url) as gradebook:
        return {t: float(gradebook.find_submission(EXERCISE, t).code_score) for t in TRAINEES}


@pytest.fixture(scope="module")
def graded(collected: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The same submissions graded twice: nbgrader alone, and szkola with two jobs.

    nbgrader runs under the same memory limit (as ``ulimit -v`` would set it), so the memory-hungry
    submission does not take 3 GiB of the test machine.
    """
    sequential_dir = _copy_course(collected, tmp_path_factory.mktemp("sekwencyjnie") / "grupa")
    limit = MEMORY_MB * 1024 * 1024
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", EXERCISE],
        cwd=sequential_dir,
        capture_output=True,
        check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    run = subprocess.run(AUTOGRADE, cwd=collected, capture_output=True, text=True, check=False)
    return {"run": run, "parallel": auto_scores(collected), "sequential": auto_scores(sequential_dir)}


def test_reference_gets_full_points_blank_zero_half_partial(graded: dict[str, object]):
    scores = graded["parallel"]
    assert scores["wzorcowa"] == AUTO_POINTS
    assert scores["wrogi"] == AUTO_POINTS
    assert scores["pusta"] == 0
    assert 0 < scores["polowa"] < AUTO_POINTS


def test_tampered_broken_looping_and_memory_hungry_submissions_get_zero_with_a_message(graded: dict[str, object]):
    scores, run = graded["parallel"], graded["run"]
    assert scores["zmieniony_test"] == 0, "an edited test cell is restored from the gradebook"
    assert scores["bez_testu"] == 0
    assert scores["zlyjson"] == 0
    assert scores["petla"] == 0
    assert scores["pamiec"] == 0
    assert "Traceback" not in run.stdout + run.stderr
    assert "zlyjson: " in run.stderr
    assert "petla: " in run.stderr
    memory_lines = [line for line in run.stderr.splitlines() if "pamiec: " in line]
    assert memory_lines == [
        f"  pamiec: przerwano: notatnik przekroczył limit pamięci ({MEMORY_MB} MB, opcja --memory) – 0 pkt za część "
        "automatyczną."
    ]
    assert run.returncode == 1
    assert "Ocenione: " in run.stdout


def test_parallel_scores_equal_sequential_nbgrader(graded: dict[str, object]):
    parallel, sequential = dict(graded["parallel"]), dict(graded["sequential"])
    # The one intended difference: nbgrader runs on past a cell stopped by the memory limit and gives the
    # points of the cells after it; szkola gives 0 with a message.
    assert (parallel.pop("pamiec"), sequential.pop("pamiec")) == (0, AUTO_POINTS)
    assert parallel == sequential


def test_feedback_is_polish_and_reveals_no_hidden_test(collected: Path, graded: dict[str, object]):
    nbgrader(collected, "generate_feedback", EXERCISE)
    nbgrader(collected, "release_feedback", EXERCISE)
    case = load_valid_catalog().case("wielodzietna_bezradnosc_modrzewno")
    pages = {t: TraineeExchange(collected, t).feedback(EXERCISE) for t in ("wzorcowa", "polowa", "pusta", "wrogi")}
    for trainee, page in pages.items():
        assert page is not None, trainee
        assert "Punkty" in page
        for secret in ("grade_part", "HIDDEN", "reference_work", "most recent call last"):
            assert secret not in page, (trainee, secret)
        for need in case.reference.diagnosis.needs:
            assert need.statement not in page, (trainee, need.id)
    assert "Nie oddano pracy" in pages["pusta"]
    assert "Pominięto potrzebę" in pages["polowa"]
    assert HOSTILE not in pages["wrogi"]
    assert "&lt;img" in pages["wrogi"]
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
    assert "reference_work(" not in text.replace("import grade_part, reference_work", "")
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
    assert "Do oceny ręcznej czeka: 8 refleksji." in page, "an untouched reflection stub is scored 0 by nbgrader"
    assert "4 części oceny automatycznej" in page, "broken, looping, memory-hungry and test-less submissions"
    assert "Refleksja 1" in page
    assert list(report.module.options) == ["wszystkie moduły", "Rodzinny wywiad środowiskowy i diagnoza potrzeb"]
    report.module.value = "Rodzinny wywiad środowiskowy i diagnoza potrzeb"
    assert "wzorcowa" in report.view.value


def grading_processes(course_dir: Path) -> list[int]:
    """Processes working in the course directory: the grading workers (their kernels work in subfolders)."""
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
    time.sleep(4)
    first.kill()  # as a crash or a closed terminal would: workers finish their current trainee and exit
    first.wait(timeout=30)
    deadline = time.monotonic() + 120
    while grading_processes(course_dir) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not grading_processes(course_dir), "workers of a killed run exit after their current trainee"
    again = subprocess.run(command, cwd=course_dir, capture_output=True, text=True, check=False)
    assert "Traceback" not in again.stdout + again.stderr
    assert auto_scores(course_dir) == graded["parallel"]
