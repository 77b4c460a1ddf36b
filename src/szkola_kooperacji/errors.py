"""The package's exceptions, in one place.

SzkolaError
 └── DataError        bundled or trainer-written data files do not validate

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
