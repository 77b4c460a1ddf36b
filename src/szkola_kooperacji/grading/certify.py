"""Issue a zaświadczenie from a trainee's progress: register the number, then lay out the PDF.

The trainee's download on the dashboard and the trainer's ``szkola certificate`` both come
here, so one trainee, scope and name always get the same number from the group's register.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..domain.progress import CourseProgress, ItemState, ModuleProgress
from ..errors import SzkolaError
from ..storage.certificates import WHOLE_COURSE, CertificateRegister, Entry
from .course_folder import CourseFolder

if TYPE_CHECKING:  # reportlab loads only when a certificate is made
    from ..documents.certificate import BirthData, Organiser

ORGANISER_FILE = "organizator.yaml"
"""The organiser's fields in the course folder: ``nazwa``, ``miejsce``, ``podpisuje``."""
ORGANISER_KEYS = {"nazwa": "name", "miejsce": "place", "podpisuje": "signatory"}


def read_organiser(folder: CourseFolder) -> Organiser:
    """Return the organiser's fields from the course folder (empty fields print as blanks to fill in)."""
    from ..documents.certificate import Organiser  # noqa: PLC0415 (reportlab only when a certificate is made)

    path = folder.root / ORGANISER_FILE
    if not path.exists():
        return Organiser()
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise TypeError
    except (yaml.YAMLError, TypeError, OSError):
        raise SzkolaError(
            f"{path}: nie da się odczytać danych organizatora; oczekiwano wierszy „nazwa: …”, „miejsce: …”, "
            "„podpisuje: …”."
        ) from None
    return Organiser(**{field: str(loaded.get(key) or "").strip() for key, field in ORGANISER_KEYS.items()})


BIRTH_FILE = "dane_urodzenia.csv"
"""Optional, from the organiser: ``id``, ``data_urodzenia`` (DD.MM.RRRR), ``miejsce_urodzenia`` per trainee."""


def _birth_date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def read_birth_data(folder: CourseFolder) -> dict[str, BirthData]:
    """Return the trainees' dates and places of birth from the organiser's optional file; {} without it."""
    path = folder.root / BIRTH_FILE
    return parse_birth_data(path) if path.exists() else {}


def parse_birth_data(path: Path) -> dict[str, BirthData]:
    """Read a CSV of ``id``, ``data_urodzenia``, ``miejsce_urodzenia`` (commas or semicolons, as Excel saves it)."""
    from ..documents.certificate import BirthData  # noqa: PLC0415

    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0] if text else ""
    rows = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    expected = "kolumny id, data_urodzenia (DD.MM.RRRR), miejsce_urodzenia"
    if not rows.fieldnames or "id" not in rows.fieldnames:
        raise SzkolaError(f"{path}: brak kolumny „id”; oczekiwano: {expected}.")
    found: dict[str, BirthData] = {}
    for line, row in enumerate(rows, start=2):
        trainee = (row.get("id") or "").strip()
        if not trainee:
            continue
        raw = row.get("data_urodzenia") or ""
        try:
            born = _birth_date(raw)
        except ValueError:
            raise SzkolaError(
                f"{path}:{line}: data_urodzenia {raw.strip()!r}; oczekiwano daty w postaci DD.MM.RRRR, np. 12.03.1980."
            ) from None
        found[trainee] = BirthData(born, (row.get("miejsce_urodzenia") or "").strip())
    return found


def keep_birth_data(folder: CourseFolder, source: Path) -> Path:
    """Check the organiser's file of birth data (a bad one is refused, naming its line) and keep it in the folder."""
    parse_birth_data(source)
    target = folder.root / BIRTH_FILE
    target.write_bytes(source.read_bytes())
    return target


def write_organiser(folder: CourseFolder, organiser: Organiser) -> Path:
    """Keep the organiser's fields in the course folder, so the trainees' downloads print them too."""
    path = folder.root / ORGANISER_FILE
    values = {key: getattr(organiser, field) for key, field in ORGANISER_KEYS.items()}
    path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def done_modules(progress: CourseProgress) -> list[ModuleProgress]:
    """Return the modules the trainee has completed, in course order."""
    return [m for m in progress.modules if m.state is ItemState.DONE]


def scope_of(progress: CourseProgress, modules: list[ModuleProgress]) -> str:
    """Return the register's scope: the whole course, or the module ids joined by "+"."""
    if len(modules) == len(progress.modules):
        return WHOLE_COURSE
    return "+".join(m.module.id for m in modules)


def issue(
    folder: CourseFolder,
    progress: CourseProgress,
    modules: list[ModuleProgress],
    trainee: str,
    full_name: str,
    *,
    today: dt.date | None = None,
    organiser: Organiser | None = None,
) -> tuple[Entry, bytes]:
    """Register (or find) the certificate of these completed modules and return its entry and PDF."""
    from ..documents.certificate import Certificate, CertifiedModule, certificate_pdf  # noqa: PLC0415

    if not modules or any(m.state is not ItemState.DONE or m.done_at is None for m in modules):
        raise SzkolaError("Zaświadczenie obejmuje tylko ukończone moduły.")
    day = today or dt.datetime.now().date()
    certified = tuple(
        CertifiedModule(
            m.module.title,
            m.module.hours,
            m.started_at.astimezone().date() if m.started_at else None,
            m.done_at.astimezone().date() if m.done_at else day,
            tuple(m.module.outcomes),
        )
        for m in modules
    )
    hours = f"{sum(m.hours for m in certified):g}"
    scope = scope_of(progress, modules)
    entry = CertificateRegister(folder.root).issue(trainee, full_name, progress.course.id, scope, hours, today=day)
    certificate = Certificate(
        number=entry.numer,
        full_name=full_name,
        course_title=progress.course.title,
        modules=certified,
        whole_course=scope == WHOLE_COURSE,
        issued=dt.date.fromisoformat(entry.data_wydania),
        organiser=organiser or read_organiser(folder),
        birth=read_birth_data(folder).get(trainee),
    )
    return entry, certificate_pdf(certificate)


def file_name(entry: Entry) -> str:
    """Return the PDF's file name: the trainee id and the number."""
    return f"zaswiadczenie_{entry.uczestnik}_{entry.numer}.pdf"
