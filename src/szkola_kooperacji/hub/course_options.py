"""``szkola hub --course [NAZWA=]KATALOG --trainer KURS=KONTO``: the hub's courses, checked before it starts."""

from __future__ import annotations

from pathlib import Path

from ..errors import SzkolaError
from ..grading.course_folder import CourseFolder
from .settings import COURSE_NAME

NAME_RULE = "małe litery, cyfry i „_”, zaczyna się literą lub cyfrą, do 40 znaków (np. regionalny_2026)"


def hub_courses(options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Map each ``--course`` to its name and folder; one folder alone is named by its nbgrader course id."""
    courses: dict[str, str] = {}
    for option in options:
        name, sep, path = option.partition("=")
        if not sep:
            name, path = "", option
        elif not name.strip() or not path.strip():
            example = "--course regionalny_2026=/srv/kursy/reg"
            raise SzkolaError(f"--course {option}: oczekiwano NAZWA=KATALOG, np. {example}.")
        folder = CourseFolder.open(Path(path).expanduser())
        name = name or folder.course_id
        if len(options) > 1 and not sep:
            raise SzkolaError(f"--course {option}: przy kilku kursach podaj nazwę każdego: --course NAZWA={path}.")
        if not COURSE_NAME.match(name):
            raise SzkolaError(f"--course {option}: nazwa kursu {name!r} nie pasuje — {NAME_RULE}.")
        if name in courses:
            raise SzkolaError(f"--course {option}: kurs {name!r} podano dwa razy; każdy kurs ma swoją nazwę.")
        if str(folder.root) in courses.values():
            raise SzkolaError(f"--course {option}: ten katalog kursu podano już pod inną nazwą.")
        courses[name] = str(folder.root)
    return courses


def course_trainers(options: tuple[str, ...] | list[str], courses: dict[str, str]) -> dict[str, list[str]]:
    """Map each ``--trainer KURS=KONTO`` to its course; a course the hub does not run is refused."""
    trainers: dict[str, list[str]] = {}
    for option in options:
        course, sep, account = option.partition("=")
        if not sep or not account.strip():
            raise SzkolaError(f"--trainer {option}: oczekiwano KURS=KONTO, np. --trainer regionalny_2026=mkowalska.")
        if course not in courses:
            known = ", ".join(courses) or "żadnego (dodaj --course)"
            raise SzkolaError(f"--trainer {option}: nie ma kursu {course!r}; hub prowadzi: {known}.")
        trainers.setdefault(course, []).append(account.strip())
    return trainers
