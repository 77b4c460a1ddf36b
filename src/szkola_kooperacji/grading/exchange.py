"""A trainee's side of nbgrader's exchange: released exercises, fetch, submit, returned feedback.

Every step goes through the exchange nbgrader is configured with, as nbgrader's own assignment
list does: ``ExchangeFactory`` over the nbgrader configuration in force (``nbgrader_config`` in
Jupyter's config path, where the single-user image names the hub's ngshare service), with the
course folder's configuration over it when the server sees the folder. So the same code submits
to the shared folder of ``szkola serve`` and the one-machine hub, and to ngshare on Kubernetes.

Two kinds of exchange differ in who the trainee is:

* the folder exchange (nbgrader's default): trainees of a workshop share one server account, so
  the trainee's id is given to nbgrader explicitly (as ``nbgrader collect`` sees any other);
* a service exchange (ngshare): the trainee is the hub account whose token the server holds; it
  refuses an explicit id, and a dashboard signed in as anyone else may not use it.

Everything nbgrader keeps per account (the fetched copies and the exchange cache, which remembers
submissions to find their feedback) is kept per trainee under ``work_root``: one trainee can never
fetch another's feedback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from ..domain.progress import Fact, FactKind
from ..errors import SzkolaError
from . import COURSE_ID_ENV, HUB_USER_ENV
from .course_dir import STUDENT_ID
from .course_folder import CourseFolder
from .notebook import ExerciseInfo, exercise_info, write_submission

_LOG = logging.getLogger("szkola_kooperacji.exchange")
REFUSED = "Permission denied"
"""How ngshare words a refusal (an account not on the course's roster), which its client logs as an error."""
WORK_DIR = "cwiczenia"
"""Where a trainee without a course folder keeps fetched exercises: in their own server's home."""


def config_in_force() -> Any:
    """Return nbgrader's configuration of this server: ``nbgrader_config`` files in Jupyter's config path.

    Loaded by nbgrader's own application, as its assignment list does, except that the working
    folder's file is left out: a kernel's working folder is not the course's.
    """
    from nbgrader.apps import NbGrader  # noqa: PLC0415

    class _InForce(NbGrader):
        load_cwd_config = False
        raise_config_file_errors = True  # a broken file must not leave the server on another exchange

    app = _InForce(log_level=logging.ERROR)
    try:
        app.load_config_file()
    except Exception as error:  # a config file is Python: any error means the same to the organiser
        raise SzkolaError(
            f"Konfiguracja nbgradera serwera (nbgrader_config.py) zawiera błąd ({type(error).__name__}: {error}); "
            "zgłoś to organizatorowi."
        ) from None
    return app.config


def course_config(folder: CourseFolder | None) -> Any:
    """Return the configuration in force with the course folder's over it (as nbgrader run in the folder has)."""
    from traitlets.config import Config  # noqa: PLC0415

    config = Config()
    config.merge(config_in_force())
    if folder is not None:
        config.merge(folder.config)
    return config


class _Errors(logging.Handler):
    """What an exchange step logged as an error: ngshare's client logs a refusal instead of raising."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def exchange_factory(config: Any) -> Any:
    """Return nbgrader's ExchangeFactory for ``config`` (its classes name the exchange in use)."""
    from nbgrader.exchange import ExchangeFactory  # noqa: PLC0415

    return ExchangeFactory(config=config)


def is_folder_exchange(config: Any) -> bool:
    """Return True when ``config`` uses nbgrader's default exchange: a folder every server sees."""
    from nbgrader.exchange.default import ExchangeSubmit  # noqa: PLC0415

    return issubclass(exchange_factory(config).submit, ExchangeSubmit)


def run_step(config: Any, step_name: str, **traits: Any) -> Any:
    """Run one step of the configured exchange (``List``, ``FetchAssignment``…); raise SzkolaError if it failed."""
    from nbgrader.auth import Authenticator  # noqa: PLC0415
    from nbgrader.coursedir import CourseDirectory  # noqa: PLC0415
    from nbgrader.exchange import ExchangeError  # noqa: PLC0415

    make = getattr(exchange_factory(config), step_name)
    step = make(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config)
    for name, value in traits.items():
        setattr(step, name, value)
    step.log = _LOG
    errors = _Errors()
    _LOG.addHandler(errors)
    try:
        result = step.start()
    except ExchangeError as error:
        errors.messages.append(str(error))
    finally:
        _LOG.removeHandler(errors)
    if errors.messages:
        course = config.CourseDirectory.get("course_id", "")
        if any(REFUSED in message for message in errors.messages):
            raise SzkolaError(
                f"Wymiana ćwiczeń odmówiła dostępu: tego konta nie ma na liście kursu {course}. "
                "Poproś trenera o dopisanie (ngshare-course-management add_student)."
            )
        assignment = config.CourseDirectory.get("assignment_id", "") or course
        raise SzkolaError(f"Wymiana ćwiczeń nie powiodła się ({assignment}): {errors.messages[-1]}")
    return result


def exchange_time(timestamp: str) -> dt.datetime:
    """Return an exchange's timestamp (nbgrader writes UTC) as an aware time, to the second."""
    from nbgrader.utils import parse_utc  # noqa: PLC0415

    return parse_utc(timestamp).replace(tzinfo=dt.UTC, microsecond=0)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Released:
    """An exercise released to the group, with what the dashboard shows about it."""

    assignment: str
    notebook: Path
    info: ExerciseInfo


class TraineeExchange:
    """One trainee's view of one course's exchange.

    ``course_dir`` is the group's course folder when this server sees it (``szkola serve``, the
    one-machine hub); without it the course id comes from ``course_id``, else $SZKOLA_COURSE_ID,
    else the configuration in force, and the exchange must be a service (no folder to share).
    """

    def __init__(
        self, course_dir: Path | None, trainee: str, work_root: Path | None = None, *, course_id: str | None = None
    ) -> None:
        if not STUDENT_ID.match(trainee):
            raise SzkolaError(
                f"Identyfikator {trainee!r} nie nadaje się do oddawania ćwiczeń: wpisz identyfikator z listy grupy "
                "(małe litery, cyfry, bez spacji, np. anowak)."
            )
        self.trainee = trainee
        self.folder = CourseFolder.open(course_dir) if course_dir is not None else None
        self.base_config = course_config(self.folder)
        configured = str(self.base_config.CourseDirectory.get("course_id", ""))
        self.course_id = (
            self.folder.course_id if self.folder else course_id or os.environ.get(COURSE_ID_ENV) or configured
        )
        if not self.course_id:
            raise SzkolaError("Serwer nie zna kursu uczestnika (brak katalogu kursu i identyfikatora kursu).")
        self.folder_exchange = is_folder_exchange(self.base_config)
        if self.folder_exchange and self.folder is None:
            raise SzkolaError(
                "Wymiana ćwiczeń w folderze wymaga katalogu kursu na tym serwerze; na Kubernetesie skonfiguruj "
                "ngshare (deploy/ngshare/nbgrader_config.py)."
            )
        if not self.folder_exchange and trainee != os.environ.get(HUB_USER_ENV):
            raise SzkolaError(
                f"Na tym serwerze ćwiczenia oddaje się z własnego konta platformy; zalogowano jako {trainee}, "
                "a serwer należy do innego konta. Wyloguj się i zaloguj swoim kontem."
            )
        root = work_root or (self.folder.root / "uczestnicy" if self.folder else Path.home() / WORK_DIR)
        self.home = root / trainee
        self.home.mkdir(parents=True, exist_ok=True)

    def is_on_roster(self) -> bool:
        """Return whether the trainee may take part: the gradebook's roster, else the exchange service decides."""
        if self.folder is None:
            return True  # ngshare keeps the roster and refuses a fetch by anyone else
        from nbgrader.api import Gradebook  # noqa: PLC0415

        from . import put_tools_on_path  # noqa: PLC0415

        put_tools_on_path()
        with Gradebook(self.folder.db_url) as gradebook:
            return self.trainee in {s.id for s in gradebook.students}

    def _config(self, assignment: str = "") -> Any:
        from traitlets.config import Config  # noqa: PLC0415

        config = Config()
        config.merge(self.base_config)
        config.CourseDirectory.course_id = self.course_id
        config.CourseDirectory.assignment_id = assignment
        if self.folder_exchange:  # a service knows the trainee by the account's token and refuses an explicit id
            config.CourseDirectory.student_id = self.trainee
        config.CourseDirectory.root = str(self.home)
        config.Exchange.assignment_dir = str(self.home)
        config.Exchange.path_includes_course = True
        config.Exchange.cache = str(self.home / ".nbgrader_cache")
        return config

    def assignment_dir(self, assignment: str) -> Path:
        """Where the trainee's fetched copy of an exercise lives."""
        return self.home / self.course_id / assignment

    def released(self) -> list[str]:
        """Exercises the trainer has released to this group (the exchange's list of released assignments)."""
        listed = run_step(self._config(), "List")
        return sorted({str(a["assignment_id"]) for a in listed if a["course_id"] == self.course_id})

    def fetch(self, assignment: str) -> Released:
        """Fetch the exercise once (nbgrader fetch_assignment) and return its notebook and info."""
        folder = self.assignment_dir(assignment)
        if not folder.is_dir():
            run_step(self._config(assignment), "FetchAssignment")
        notebooks = sorted(folder.glob("*.ipynb"))
        if not notebooks:
            raise SzkolaError(f"Ćwiczenie {assignment} nie zawiera notatnika; zgłoś to trenerowi.")
        nb = nbformat.read(notebooks[0], as_version=4)
        return Released(assignment, notebooks[0], exercise_info(nb))

    def submit(self, assignment: str, work_json: str, answers: dict[str, str]) -> None:
        """Write the work and reflections into the fetched notebook and submit it (nbgrader submit)."""
        released = self.fetch(assignment)
        nb = nbformat.read(released.notebook, as_version=4)
        write_submission(nb, work_json, answers)
        temporary = released.notebook.with_suffix(".tmp")
        nbformat.write(nb, temporary)
        os.replace(temporary, released.notebook)
        run_step(self._config(assignment), "Submit")

    def submission_facts(self, exercises: list[str]) -> list[Fact]:
        """Return submitted and feedback-returned facts of these exercises, as the trainee's own server knows them.

        nbgrader's assignment list asks the same: the exchange's list of the trainee's cached
        submissions (``List(cached=True)``), each with whether feedback waits for it in the exchange
        (or was fetched already). A service exchange does not say when feedback was released: the
        fact carries the time of the submission it answers. Graded is the trainer's gradebook's, not seen here.
        """
        facts: list[Fact] = []
        for listed in run_step(self._config(), "List", cached=True):
            exercise, submissions = str(listed["assignment_id"]), listed["submissions"]  # oldest first
            if listed["course_id"] != self.course_id or exercise not in exercises or not submissions:
                continue
            facts.append(Fact(FactKind.EXERCISE_SUBMITTED, exercise, exchange_time(submissions[0]["timestamp"])))
            answered = [s for s in submissions if s["has_exchange_feedback"] or s["has_local_feedback"]]
            if answered:
                facts.append(Fact(FactKind.FEEDBACK_RETURNED, exercise, exchange_time(answered[-1]["timestamp"])))
        return facts

    def feedback(self, assignment: str) -> str | None:
        """Fetch returned feedback (nbgrader fetch_feedback); return the newest page's HTML, or None.

        The exchange's list of this trainee's own submissions (nbgrader's cache) says first whether
        any has feedback waiting, as nbgrader's assignment list asks before fetching.
        """
        config = self._config(assignment)
        submitted = run_step(config, "List", cached=True)
        if not any(s["has_exchange_feedback"] for a in submitted for s in a["submissions"]):
            return None
        run_step(config, "FetchFeedback")
        pages = sorted((self.assignment_dir(assignment) / "feedback").glob("*/*.html"))
        return pages[-1].read_text(encoding="utf-8") if pages else None
