"""A trainee's side of nbgrader's exchange: released exercises, fetch, submit, returned feedback.

Trainees share one server account in a workshop, so everything nbgrader would
keep per account (the fetched copies and the exchange cache, which remembers
submissions to find their feedback) is kept per trainee under ``work_root``:
one trainee can never fetch another's feedback. Submissions go through
nbgrader's own ``ExchangeSubmit`` under the trainee's id, so ``nbgrader collect``
sees them as it would any other.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..errors import SzkolaError
from .course_dir import STUDENT_ID
from .course_folder import CourseFolder
from .notebook import ExerciseInfo, exercise_info, write_submission

_LOG = logging.getLogger("szkola_kooperacji.exchange")


@dataclass(frozen=True)
class Released:
    """An exercise released to the group, with what the dashboard shows about it."""

    assignment: str
    notebook: Path
    info: ExerciseInfo


class TraineeExchange:
    """One trainee's view of one course's exchange."""

    def __init__(self, course_dir: Path, trainee: str, work_root: Path | None = None) -> None:
        if not STUDENT_ID.match(trainee):
            raise SzkolaError(
                f"Identyfikator {trainee!r} nie nadaje się do oddawania ćwiczeń: wpisz identyfikator z listy grupy "
                "(małe litery, cyfry, bez spacji, np. anowak)."
            )
        self.folder = CourseFolder.open(course_dir)
        self.course_dir = self.folder.root
        self.trainee = trainee
        self.base_config = self.folder.config
        self.course_id = self.folder.course_id
        self.exchange_root = self.folder.exchange_root
        root = work_root or self.course_dir / "uczestnicy"
        self.home = root / trainee
        self.home.mkdir(parents=True, exist_ok=True)

    def roster(self) -> set[str]:
        """Trainee ids of the group's gradebook."""
        from nbgrader.api import Gradebook  # noqa: PLC0415

        from . import put_tools_on_path  # noqa: PLC0415

        put_tools_on_path()

        with Gradebook(self.folder.db_url) as gradebook:
            return {s.id for s in gradebook.students}

    def _config(self, assignment: str) -> object:
        from traitlets.config import Config  # noqa: PLC0415

        config = Config()
        config.merge(self.base_config)
        config.CourseDirectory.assignment_id = assignment
        config.CourseDirectory.student_id = self.trainee
        config.CourseDirectory.root = str(self.home)
        config.Exchange.assignment_dir = str(self.home)
        config.Exchange.cache = str(self.home / ".nbgrader_cache")
        return config

    def _run(self, exchange_class: type, assignment: str) -> None:
        from nbgrader.auth import Authenticator  # noqa: PLC0415
        from nbgrader.coursedir import CourseDirectory  # noqa: PLC0415
        from nbgrader.exchange import ExchangeError  # noqa: PLC0415

        config = self._config(assignment)
        step = exchange_class(
            coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config
        )
        step.log = _LOG
        try:
            step.start()
        except ExchangeError as error:
            raise SzkolaError(f"Wymiana ćwiczeń nie powiodła się ({assignment}): {error}") from None

    def assignment_dir(self, assignment: str) -> Path:
        """Where the trainee's fetched copy of an exercise lives."""
        return self.home / self.course_id / assignment

    def released(self) -> list[str]:
        """Exercises the trainer has released to this group (nbgrader's outbound folder)."""
        outbound = self.exchange_root / self.course_id / "outbound"
        return sorted(p.name for p in outbound.iterdir() if p.is_dir()) if outbound.is_dir() else []

    def fetch(self, assignment: str) -> Released:
        """Fetch the exercise once (nbgrader fetch_assignment) and return its notebook and info."""
        from nbgrader.exchange.default import ExchangeFetchAssignment  # noqa: PLC0415

        folder = self.assignment_dir(assignment)
        if not folder.is_dir():
            self._run(ExchangeFetchAssignment, assignment)
        notebooks = sorted(folder.glob("*.ipynb"))
        if not notebooks:
            raise SzkolaError(f"Ćwiczenie {assignment} nie zawiera notatnika; zgłoś to trenerowi.")
        nb = nbformat.read(notebooks[0], as_version=4)
        return Released(assignment, notebooks[0], exercise_info(nb))

    def submit(self, assignment: str, work_json: str, answers: dict[str, str]) -> None:
        """Write the work and reflections into the fetched notebook and submit it (nbgrader submit)."""
        from nbgrader.exchange.default import ExchangeSubmit  # noqa: PLC0415

        released = self.fetch(assignment)
        nb = nbformat.read(released.notebook, as_version=4)
        write_submission(nb, work_json, answers)
        temporary = released.notebook.with_suffix(".tmp")
        nbformat.write(nb, temporary)
        os.replace(temporary, released.notebook)
        self._run(ExchangeSubmit, assignment)

    def feedback(self, assignment: str) -> str | None:
        """Fetch returned feedback (nbgrader fetch_feedback); return the newest page's HTML, or None."""
        from nbgrader.exchange.default import ExchangeFetchFeedback  # noqa: PLC0415

        feedback_root = self.exchange_root / self.course_id / "feedback"
        if not feedback_root.is_dir():
            return None
        self._run(ExchangeFetchFeedback, assignment)
        pages = sorted((self.assignment_dir(assignment) / "feedback").glob("*/*.html"))
        return pages[-1].read_text(encoding="utf-8") if pages else None
