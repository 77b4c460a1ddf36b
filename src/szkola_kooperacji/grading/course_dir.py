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
from .course_folder import CONFIG_FILE, COURSE_COPY, EXCHANGE_DIR, GRADEBOOK_FILE, CourseFolder, sqlite_url

ROSTER_COLUMNS = ("id", "first_name", "last_name")
STUDENT_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
"""A trainee id usable as nbgrader student id and file name: no spaces, no ``+`` (the exchange's separator)."""


@dataclass(frozen=True)
class Trainee:
    """One row of a group's roster."""

    id: str
    first_name: str
    last_name: str


def read_roster(path: Path) -> list[Trainee]:
    """Read a roster CSV (``id,first_name,last_name``, by "," or ";"); raise SzkolaError naming the bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SzkolaError(f"{path}: nie można odczytać listy uczestników ({error.strerror}).") from None
    # Polish Excel saves CSV with ";" (the comma is the decimal separator): accept both.
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
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


def _path_expression(path: Path, root: Path) -> str:
    """Python for ``path`` in the config: relative to the folder when inside it, so the folder can move."""
    try:
        return f"os.path.join(ROOT, {path.relative_to(root).as_posix()!r})"
    except ValueError:
        return repr(str(path))


def _templates_in_package() -> str:
    """Return the feedback templates' folder relative to the package (the config finds the package itself)."""
    from .. import __file__ as package_init  # noqa: PLC0415
    from .feedback import TEMPLATES  # noqa: PLC0415

    return TEMPLATES.relative_to(Path(package_init).parent).as_posix()


def render_config(course_id: str, root: Path, db_url: str | None, exchange: Path) -> str:
    """Return the group's nbgrader_config.py: the course, gradebook, exchange, grading and Polish texts.

    Paths inside the folder are written relative to the config file itself, so a course
    folder can be moved or copied (a backup, another server) and still works.
    """
    db = repr(db_url) if db_url else f'"sqlite:///" + os.path.join(ROOT, {GRADEBOOK_FILE!r}) + "?timeout=60"'
    return f'''"""nbgrader configuration of a Szkoła Kooperacji training group (written by `szkola course init`)."""

import os

c = get_config()  # noqa: F821 (nbgrader provides it)
ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.root = ROOT
c.CourseDirectory.db_url = {db}
c.Exchange.root = {_path_expression(exchange, root)}
c.Exchange.path_includes_course = True
# Trainees of a workshop submit from the dashboard under one server account; their identity is the
# dashboard's sign-in, so nbgrader's check of the file owner would call every submission cheating.
c.CollectApp.check_owner = False

# Texts a trainee could meet in a released exercise: Polish, never "YOUR ANSWER HERE".
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = {TEXT_STUB!r}

# Work is graded as data: no cell of a submission is ever run. A submission is rebuilt from the
# released notebook with only the work's JSON and the reflections taken from it (anything else that
# differs flags it: 0 points for the automatic parts and a message), then each part is scored by the
# domain scorer in place of nbgrader's Execute. The graded notebook's cells and their metadata are
# the release's, so nbgrader's CheckCellMetadata has nothing left to check.
# See szkola_kooperacji/grading/preprocessors.py.
c.Autograde.exporter_class = "szkola_kooperacji.grading.intake.SubmissionExporter"
c.Autograde.sanitize_preprocessors = [
    "szkola_kooperacji.grading.preprocessors.RebuildFromRelease",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
]
c.Autograde.autograde_preprocessors = [
    "szkola_kooperacji.grading.preprocessors.GradeWorkAsData",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "szkola_kooperacji.grading.preprocessors.FlagForTrainer",
]

# Feedback is in Polish and shows the trainee's results and messages, never code or hidden tests.
# Its exporter is configured under its own name: settings of HTMLExporter would also reach the
# formgrader, whose pages for manual grading are HTMLExporter pages with nbgrader's own template.
# (found without importing the package, which would load nbgrader for every reader of this file)
import importlib.util  # noqa: E402

_PACKAGE = importlib.util.find_spec("szkola_kooperacji")
TEMPLATES = os.path.join(os.path.dirname(_PACKAGE.origin), {_templates_in_package()!r})

c.GenerateFeedback.exporter_class = "szkola_kooperacji.grading.feedback.FeedbackExporter"
c.FeedbackExporter.template_name = "szkola_feedback"
c.FeedbackExporter.extra_template_basedirs = [str(TEMPLATES)]
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "szkola_kooperacji.grading.feedback.PendingGrades",
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
    exchange = (exchange or target / EXCHANGE_DIR).resolve()
    exchange.mkdir(parents=True, exist_ok=True)
    for exercise_id in course.exercise_ids:
        source = course_root / "exercises" / exercise_id
        shutil.copytree(source, target / "source" / exercise_id, dirs_exist_ok=True)
    shutil.copyfile(manifest, target / COURSE_COPY)
    config = target / CONFIG_FILE
    config.write_text(render_config(course_id, target, db_url, exchange), encoding="utf-8")
    _init_gradebook(CourseFolder.open(target).db_url, roster or [])
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

    folder = CourseFolder.open(course_dir)
    put_tools_on_path()
    with Gradebook(folder.db_url) as gradebook:
        return sorted(
            (Trainee(s.id, s.first_name or "", s.last_name or "") for s in gradebook.students), key=lambda t: t.id
        )


def update_config(folder: CourseFolder) -> Path:
    """Rewrite a course folder's config with today's settings, keeping its course, gradebook and exchange.

    For folders made by an older ``szkola course init`` (absolute paths, older grading) or moved
    since: a gradebook or exchange that was inside the old folder is taken to be inside this one.
    The previous config is kept beside it as ``nbgrader_config.py.bak``.
    """
    old_root = folder.configured_root or folder.root
    db_url: str | None = folder.db_url
    if db_url == sqlite_url(old_root / GRADEBOOK_FILE) or db_url == sqlite_url(folder.root / GRADEBOOK_FILE):
        db_url = None
    exchange = folder.exchange_root
    if exchange.resolve() in (old_root / EXCHANGE_DIR, folder.root / EXCHANGE_DIR):
        exchange = folder.root / EXCHANGE_DIR
    config = folder.root / CONFIG_FILE
    shutil.copyfile(config, config.with_name(CONFIG_FILE + ".bak"))
    config.write_text(render_config(folder.course_id, folder.root, db_url, exchange), encoding="utf-8")
    return config
