"""The package's exceptions, in one place.

SzkolaError             any failure the platform reports on purpose; the message is one Polish line (or a few)
 ├── DataError         bundled or trainer-written data files do not validate
 ├── UnknownCaseError  a case id that is not in the catalog (also a KeyError, for mapping-like lookups)
 ├── ExerciseError     an exercise notebook lacks what the dashboard or the grader needs
 ├── LessonError       a lesson notebook is missing or cannot be read
 ├── WorkError         a trainee's submitted work cannot be read as a draft of the exercise's case
 └── SessionError      a G-PZK role-play move that the session refuses (role taken, not your institution…)

Expected failures of user input are values (``Problem``, ``Finding``); these
exceptions are raised only where a caller cannot go on, and each message says
what to do next. The CLI prints them as one line without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .data.problems import Problem


class SzkolaError(Exception):
    """Base of every error the platform raises on purpose; its message is for people."""


class DataError(SzkolaError):
    """Raised when data files (cases, the Lista) are invalid and the caller needs them valid."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(p.render() for p in self.problems[:20])
        more = f"\n… i {len(self.problems) - 20} więcej" if len(self.problems) > 20 else ""
        super().__init__(
            f"Dane szkoleniowe zawierają {len(self.problems)} problemów "
            f"(uruchom `szkola validate`, aby zobaczyć wszystkie):\n{lines}{more}"
        )


class UnknownCaseError(SzkolaError, KeyError):
    """Raised when a case id is not in the loaded catalog; the message lists the known ones."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ExerciseError(SzkolaError):
    """Raised when an exercise notebook lacks its case, title, work cell or a reflection field."""


class LessonError(SzkolaError):
    """Raised when a lesson's notebook is missing or is not a readable notebook; the dashboard shows the message."""


class WorkError(SzkolaError):
    """Raised when submitted work is empty, broken or of another case; the grader scores it 0 with the message."""


class SessionError(SzkolaError):
    """Raised when a G-PZK role-play move is refused; the message tells the participant why, in Polish."""
