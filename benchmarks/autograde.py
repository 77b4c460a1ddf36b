"""Autograding a group: ``szkola grade autograde --jobs 2`` against plain sequential ``nbgrader autograde``.

Builds a course with ``szkola course init``, releases one exercise, has N trainees
submit varied work through nbgrader's exchange (the expert reference, parts of
it, blank), collects, copies the course, then grades one copy with nbgrader's
own sequential command as nbgrader ships it (its ``Execute`` preprocessor runs each
submission in a kernel, where the test cells call ``grade_part``) and the other with
szkola (the work graded as data), and prints both times, their ratio and whether every
trainee's score agrees. Run: ``.venv/bin/python benchmarks/autograde.py --trainees 40``.
``--baseline-src DIR`` grades a third copy with the package from another source tree (e.g. an
older commit exported with ``git archive``), so a change is measured before and after in one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.grading.course_folder import CourseFolder
from szkola_kooperacji.grading.exchange import TraineeExchange

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = "cw2_diagnoza"
CASE = "wielodzietna_bezradnosc_modrzewno"


def run(args: list[str], cwd: Path, src: Path | None = None) -> float:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src.resolve())
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=False, capture_output=True, env=env)
    return time.perf_counter() - start


def cohort(base: Path, trainees: int) -> Path:
    """A course whose trainees all submitted the exercise, collected by the trainer."""
    ids = [f"u{n:02d}" for n in range(trainees)]
    roster = base / "lista.csv"
    roster.write_text("id,first_name,last_name\n" + "".join(f"{i},Imię,{i}\n" for i in ids), encoding="utf-8")
    course_dir = base / "grupa"
    szkola = [sys.executable, "-m", "szkola_kooperacji"]
    manifest = ROOT / "courses" / "regionalny.yaml"
    subprocess.run(
        [*szkola, "course", "init", str(course_dir), "--course", str(manifest), "--roster", str(roster)], check=True
    )
    for step in ("generate_assignment", "release_assignment"):
        subprocess.run([sys.executable, "-m", "nbgrader", step, EXERCISE], cwd=course_dir, check=True)
    case = load_valid_catalog().case(CASE)
    needs = case.reference.diagnosis.needs
    for number, trainee in enumerate(ids):
        draft = Draft(case_id=CASE, diagnosis=case.reference.diagnosis, contract=case.reference.contract)
        draft = draft.model_copy(deep=True)
        draft.diagnosis.needs = needs[: number % (len(needs) + 1)]
        work = draft.model_dump_json() if number % 7 else ""
        TraineeExchange(course_dir, trainee).submit(EXERCISE, work, {"refleksja_1": f"Refleksja {trainee}."})
    subprocess.run([sys.executable, "-m", "nbgrader", "collect", EXERCISE], cwd=course_dir, check=True)
    return course_dir


def copy_course(course_dir: Path, target: Path) -> Path:
    shutil.copytree(course_dir, target)  # a course folder works where it is copied
    return target


def as_nbgrader_ships_it(course_dir: Path) -> None:
    """Give a course nbgrader's own autograde pipeline back: a kernel runs every submission."""
    from nbgrader.converters import Autograde  # noqa: PLC0415 (the plain alternative only)

    def names(trait: str) -> list[str]:
        return [f"{c.__module__}.{c.__name__}" for c in Autograde.class_traits()[trait].default()]

    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\n# The plain alternative measured against: nbgrader's pipeline as it ships.\n")
        config.write('c.Autograde.exporter_class = "nbconvert.exporters.NotebookExporter"\n')
        config.write(f"c.Autograde.sanitize_preprocessors = {names('sanitize_preprocessors')!r}\n")
        config.write(f"c.Autograde.autograde_preprocessors = {names('autograde_preprocessors')!r}\n")


def scores(course_dir: Path) -> dict[str, float]:
    with Gradebook(CourseFolder(course_dir).db_url) as gradebook:
        return {s.student.id: float(s.code_score) for s in gradebook.find_assignment(EXERCISE).submissions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline-src", type=Path, help="Also grade with the package in this src folder.")
    args = parser.parse_args()
    szkola = [sys.executable, "-m", "szkola_kooperacji", "grade", "autograde", EXERCISE, "--jobs", str(args.jobs)]
    baseline: float | None = None
    baseline_same = True
    with tempfile.TemporaryDirectory() as tmp:
        print(f"Building a cohort of {args.trainees} submissions of {EXERCISE} …", flush=True)
        course_dir = cohort(Path(tmp), args.trainees)
        sequential_dir = copy_course(course_dir, Path(tmp) / "sekwencyjnie")
        as_nbgrader_ships_it(sequential_dir)
        baseline_dir = copy_course(course_dir, Path(tmp) / "przed") if args.baseline_src else None
        sequential = run([sys.executable, "-m", "nbgrader", "autograde", EXERCISE], sequential_dir)
        if baseline_dir is not None:
            baseline = run(szkola, baseline_dir, args.baseline_src)
            baseline_same = scores(baseline_dir) == scores(sequential_dir)
        parallel = run(szkola, course_dir)
        same = scores(course_dir) == scores(sequential_dir)
        graded = len(scores(course_dir))
    print(f"\nN = {args.trainees} submissions of {EXERCISE}, {graded} graded")
    print("way | seconds | per submission s")
    print(f"nbgrader autograde as shipped (sequential, kernels) | {sequential:.1f} | {sequential / args.trainees:.2f}")
    if baseline is not None:
        print(f"szkola from {args.baseline_src} --jobs {args.jobs} | {baseline:.1f} | {baseline / args.trainees:.2f}")
        print(f"  speed-up: {sequential / baseline:.2f}×; all scores agree: {'yes' if baseline_same else 'NO'}")
    print(f"szkola grade autograde --jobs {args.jobs} (as data) | {parallel:.1f} | {parallel / args.trainees:.2f}")
    print(f"speed-up: {sequential / parallel:.2f}×; all scores agree: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
