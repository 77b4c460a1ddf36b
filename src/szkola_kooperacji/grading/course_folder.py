"""One object that knows a course folder: where its parts are and what its configuration says.

A course folder is what ``szkola course init`` writes: ``nbgrader_config.py``, the course
manifest copy, ``source/``, ``release/``, ``submitted/``, the gradebook and (by default) the
exchange, the sign-in codes' hashes and the group's drafts. Grading, reports, the trainee's
exchange and the CLI all open it through
:meth:`CourseFolder.open`, so the folder is checked in one place with one Polish message.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SzkolaError

if TYPE_CHECKING:
    from ..domain.course import Course

CONFIG_FILE = "nbgrader_config.py"
COURSE_COPY = "kurs.yaml"
"""The course manifest, copied into the course folder so reports know the modules."""
GRADEBOOK_FILE = "gradebook.db"
EXCHANGE_DIR = "wymiana"
"""The default nbgrader exchange, inside the course folder."""
CODES_FILE = "kody_logowania.json"
"""Hashes of the sign-in codes the trainer issued (never the codes)."""
DRAFTS_STORE = "prace.sqlite"
"""The group's drafts when ``szkola serve --course`` is given no ``--store``."""


def sqlite_url(path: Path) -> str:
    """Return the gradebook URL for a SQLite file, waiting for the writer lock instead of failing."""
    return f"sqlite:///{path.resolve()}?timeout=60"


class CourseFolder:
    """A training group's nbgrader course folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    @classmethod
    def open(cls, root: Path, *, in_place: bool = True) -> CourseFolder:
        """Return the course folder at ``root``; raise SzkolaError if it is not one.

        Unless ``in_place`` is False, a folder whose config still names the folder it was
        copied from is refused too, with the command that mends it.
        """
        folder = cls(root)
        if not (folder.root / CONFIG_FILE).is_file():
            raise SzkolaError(
                f"{folder.root} nie jest katalogiem kursu (brak {CONFIG_FILE}); utwórz go poleceniem "
                "`szkola course init` albo wskaż właściwy folder (--course-dir)."
            )
        if in_place:
            folder.check_in_place()
        return folder

    @cached_property
    def config(self) -> Any:
        """The folder's nbgrader configuration (a traitlets Config)."""
        from traitlets.config.loader import PyFileConfigLoader  # noqa: PLC0415

        try:
            return PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        except Exception as error:  # a config file is Python: any error means the same to a trainer
            raise SzkolaError(
                f"{self.root / CONFIG_FILE}: nie da się odczytać konfiguracji kursu ({type(error).__name__}: "
                f"{error}); przywróć plik albo utwórz kurs ponownie (`szkola course init`)."
            ) from None

    @property
    def configured_root(self) -> Path | None:
        """The folder the config names as the course root (None if it names none)."""
        root = self.config.CourseDirectory.get("root")
        return Path(str(root)).resolve() if root else None

    def check_in_place(self) -> None:
        """Raise SzkolaError when the config still names another folder (a course folder moved or copied).

        Configs written since courses became movable name their own folder; older ones hold
        absolute paths, which ``szkola course update`` rewrites.
        """
        configured = self.configured_root
        if configured is not None and configured != self.root:
            raise SzkolaError(
                f"Konfiguracja kursu w {self.root} wskazuje inny folder ({configured}): kurs skopiowano albo "
                f"przeniesiono. Uruchom: szkola course update {self.root}"
            )

    @property
    def course_id(self) -> str:
        """The group's nbgrader course id."""
        return str(self.config.CourseDirectory.get("course_id", ""))

    @property
    def db_url(self) -> str:
        """The gradebook URL: as configured, else the SQLite file in the folder."""
        url = self.config.CourseDirectory.get("db_url")
        return str(url) if url else sqlite_url(self.root / GRADEBOOK_FILE)

    @property
    def exchange_root(self) -> Path:
        """Where the group's exchange (released exercises, submissions, feedback) lives."""
        root = self.config.Exchange.get("root")
        return Path(str(root)) if root else self.root / EXCHANGE_DIR

    def release_notebook(self, assignment: str, notebook: str) -> Path:
        """Return the released version of an exercise notebook, the one every submission is checked against."""
        return self.root / "release" / assignment / f"{notebook}.ipynb"

    def submitted_students(self, assignment: str) -> list[str]:
        """Trainees with a collected submission of ``assignment``, sorted."""
        submitted = self.root / "submitted"
        if not submitted.is_dir():
            return []
        return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())

    def course(self) -> Course:
        """Return the course manifest copied into the folder; raise a located error if it is broken."""
        from ..data.loader import load_file  # noqa: PLC0415
        from ..domain.course import Course  # noqa: PLC0415
        from ..errors import DataError  # noqa: PLC0415

        loaded = load_file(self.root / COURSE_COPY)
        if isinstance(loaded, list):
            raise DataError(loaded)
        if not isinstance(loaded, Course):
            raise SzkolaError(f"{self.root / COURSE_COPY} nie jest programem kursu (kind: course).")
        return loaded
