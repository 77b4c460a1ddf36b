"""Create an nbgrader course directory for one training group from a course manifest.

After ``szkola course init`` the trainer uses nbgrader as it documents itself
(``nbgrader generate_assignment``, ``release_assignment``, ``collect``,
``autograde``, ``formgrader``, ``generate_feedback``, ``release_feedback``,
``export``) inside that directory: everything it needs is in its
``nbgrader_config.py``.
"""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..domain.course import Course
from ..errors import SzkolaError
from . import CODE_STUB, TEXT_STUB

CONFIG_FILE = "nbgrader_config.py"
COURSE_COPY = "kurs.yaml"
"""The course manifest, copied into the course directory so reports know the modules."""
ROSTER_COLUMNS = ("id", "first_name", "last_name")
STUDENT_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
"""A trainee id usable as nbgrader student id and file name: no spaces, no ``+`` (the exchange's separator)."""

NOTEBOOK_TIMEOUT_S = 60
"""Longest a single cell of a submission may run under autograding before it is stopped."""


@dataclass(frozen=True)
class Trainee:
    """One row of a group's roster."""

    id: str
    first_name: str
    last_name: str


def sqlite_url(path: Path) -> str:
    """Return the gradebook URL for a SQLite file, waiting for the writer lock instead of failing."""
    return f"sqlite:///{path.resolve()}?timeout=60"


def read_roster(path: Path) -> list[Trainee]:
    """Read a roster CSV (``id,first_name,last_name``); raise SzkolaError naming the bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SzkolaError(f"{path}: nie można odczytać listy uczestników ({error.strerror}).") from None
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or any(column not in rows[0] for column in ROSTER_COLUMNS):
        raise SzkolaError(f"{path}: oczekiwano nagłówka CSV: {','.join(ROSTER_COLUMNS)}.")
    trainees: list[Trainee] = []
    for number, row in enumerate(rows, start=2):
        trainee_id = (row.get("id") or "").strip()
        if not STUDENT_ID.match(trainee_id):
            raise SzkolaError(
                f"{path}:{number}: id {trainee_id!r}: oczekiwano małych liter, cyfr, „_”, „.” lub „-”, bez spacji "
                "(np. anowak)."
            )
        if any(t.id == trainee_id for t in trainees):
            raise SzkolaError(f"{path}:{number}: id {trainee_id!r} powtarza się; każdy uczestnik z innym id.")
        trainees.append(
            Trainee(trainee_id, (row.get("first_name") or "").strip(), (row.get("last_name") or "").strip())
        )
    return trainees


def render_config(course_id: str, root: Path, db_url: str, exchange: Path) -> str:
    """Return the group's nbgrader_config.py: the course, gradebook, exchange and Polish texts."""
    return f'''"""nbgrader configuration of a Szkoła Kooperacji training group (written by `szkola course init`)."""

c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.root = {str(root)!r}
c.CourseDirectory.db_url = {db_url!r}
c.Exchange.root = {str(exchange)!r}
c.Exchange.path_includes_course = True
# Trainees of a workshop submit from the dashboard under one server account; their identity is the
# dashboard's sign-in, so nbgrader's check of the file owner would call every submission cheating.
c.CollectApp.check_owner = False

# Texts a trainee could meet in a released exercise: Polish, never "YOUR ANSWER HERE".
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = {TEXT_STUB!r}

# A cell running longer than this stops the grading of that submission (0 points and a message);
# the others are still graded. `szkola grade autograde` adds a limit for the whole notebook.
c.Execute.timeout = {NOTEBOOK_TIMEOUT_S}
c.Execute.interrupt_on_timeout = False

# Feedback is in Polish and shows the trainee's results and messages, never code or hidden tests.
# Its exporter is configured under its own name: settings of HTMLExporter would also reach the
# formgrader, whose pages for manual grading are HTMLExporter pages with nbgrader's own template.
from szkola_kooperacji.grading.feedback import TEMPLATES  # noqa: E402

c.GenerateFeedback.exporter_class = "szkola_kooperacji.grading.feedback.FeedbackExporter"
c.FeedbackExporter.template_name = "szkola_feedback"
c.FeedbackExporter.extra_template_basedirs = [str(TEMPLATES)]
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "szkola_kooperacji.grading.feedback.HideTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
'''


def init_course(
    target: Path,
    course: Course,
    manifest: Path,
    course_root: Path,
    *,
    group_id: str | None = None,
    db_url: str | None = None,
    exchange: Path | None = None,
    roster: list[Trainee] | None = None,
) -> Path:
    """Create the course directory with config, exercise sources and roster; return its config path."""
    target = target.resolve()
    if (target / CONFIG_FILE).exists():
        raise SzkolaError(f"{target} zawiera już kurs ({CONFIG_FILE}); wybierz pusty folder.")
    course_id = group_id or course.id
    if not STUDENT_ID.match(course_id):
        raise SzkolaError(f"id grupy {course_id!r}: oczekiwano małych liter, cyfr, „_”, „.” lub „-”, bez spacji.")
    target.mkdir(parents=True, exist_ok=True)
    exchange = (exchange or target / "wymiana").resolve()
    exchange.mkdir(parents=True, exist_ok=True)
    for exercise_id in course.exercise_ids:
        source = course_root / "exercises" / exercise_id
        shutil.copytree(source, target / "source" / exercise_id, dirs_exist_ok=True)
    shutil.copyfile(manifest, target / COURSE_COPY)
    db_url = db_url or sqlite_url(target / "gradebook.db")
    config = target / CONFIG_FILE
    config.write_text(render_config(course_id, target, db_url, exchange), encoding="utf-8")
    _init_gradebook(db_url, roster or [])
    return config


def _init_gradebook(db_url: str, roster: list[Trainee]) -> None:
    from nbgrader.api import Gradebook  # noqa: PLC0415 (heavy import, only when a course is created)
    from sqlalchemy import text  # noqa: PLC0415

    from . import put_tools_on_path  # noqa: PLC0415

    put_tools_on_path()

    with Gradebook(db_url) as gradebook:
        if db_url.startswith("sqlite"):
            # Write-ahead log: parallel graders read while one writes, instead of waiting for the lock.
            gradebook.db.execute(text("PRAGMA journal_mode=WAL"))
            gradebook.db.commit()
        for trainee in roster:
            gradebook.update_or_create_student(trainee.id, first_name=trainee.first_name, last_name=trainee.last_name)


def course_roster(course_dir: Path) -> list[Trainee]:
    """Return the trainees of a course directory's gradebook (the roster it was created with, and later additions)."""
    from nbgrader.api import Gradebook  # noqa: PLC0415

    from . import put_tools_on_path  # noqa: PLC0415

    if not (course_dir / CONFIG_FILE).is_file():
        raise SzkolaError(f"{course_dir} nie jest katalogiem kursu (brak {CONFIG_FILE}).")
    put_tools_on_path()
    with Gradebook(course_db_url(course_dir)) as gradebook:
        return sorted(
            (Trainee(s.id, s.first_name or "", s.last_name or "") for s in gradebook.students), key=lambda t: t.id
        )


def course_db_url(course_dir: Path) -> str:
    """Return the gradebook URL a course directory's config names."""
    from traitlets.config.loader import PyFileConfigLoader  # noqa: PLC0415

    config = PyFileConfigLoader(CONFIG_FILE, path=str(course_dir)).load_config()
    url = config.CourseDirectory.get("db_url")
    return str(url) if url else sqlite_url(course_dir / "gradebook.db")
