"""Issue a group's sign-in codes and hand them to the trainer once: a CSV list and printable cards.

The course folder keeps only the hashes (``storage.course_codes``); these two files are the
only place the plain codes ever appear, so they are written owner-only and never overwritten.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import SzkolaError
from ..storage.course_codes import CourseCodes
from .course_dir import Trainee

CSV_NAME = "kody_logowania"
PDF_NAME = "karty_logowania"
CSV_HEADER = ("id", "imię", "nazwisko", "kod")


@dataclass(frozen=True)
class IssuedFiles:
    """The files with the codes just issued, and how many trainees got one."""

    csv: Path
    pdf: Path
    count: int


def output_paths(out_dir: Path, suffix: str = "") -> tuple[Path, Path]:
    """Return the CSV and PDF paths for a batch of codes (``suffix`` names a single reset)."""
    tail = f"_{suffix}" if suffix else ""
    return out_dir / f"{CSV_NAME}{tail}.csv", out_dir / f"{PDF_NAME}{tail}.pdf"


def issue_codes(
    course_dir: Path,
    trainees: list[Trainee],
    course_title: str,
    out_dir: Path,
    *,
    suffix: str = "",
    address: str | None = None,
) -> IssuedFiles:
    """Give each trainee a new code, keep its hash in the course folder, write the CSV and the cards."""
    from ..documents.sign_in_cards import SignInCard, sign_in_cards_pdf  # noqa: PLC0415 (reportlab on demand)

    csv_path, pdf_path = output_paths(out_dir, suffix)
    for path in (csv_path, pdf_path):
        if path.exists():
            raise SzkolaError(
                f"{path} już istnieje (kody wydaje się tylko raz); przenieś albo usuń ten plik, albo podaj --out."
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    codes = CourseCodes(course_dir).issue(t.id for t in trainees)
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows((t.id, t.first_name, t.last_name, codes[t.id]) for t in trainees)
    cards = [SignInCard(t.id, f"{t.first_name} {t.last_name}".strip(), codes[t.id]) for t in trainees]
    _write_private(csv_path, table.getvalue().encode("utf-8-sig"))
    _write_private(pdf_path, sign_in_cards_pdf(course_title, cards, address))
    return IssuedFiles(csv_path, pdf_path, len(trainees))


def _write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read: it holds sign-in codes."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
