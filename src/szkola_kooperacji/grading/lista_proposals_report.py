"""The trainer's table of the Lista entries the group proposed: who proposed what, and what the Lista's check says.

Each trainee's proposal is read from the group's draft store (``storage.lista_proposals``) and
checked again here by the one check path of the form (``data.proposal.check_draft``), against the
Lista the trainer validates now: a trainer sees the same findings the trainee sees, and an entry
that became a duplicate since (the trainer added it to the Lista) shows so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..data.problems import Problem
from ..data.proposal import check_draft
from ..domain.codes import LEVEL_LABELS
from ..domain.directory import ServiceDirectory
from ..domain.lista_entry import field_label
from ..domain.powiat_comparison import INSTITUTION_TYPE_LABELS
from ..storage import DraftStore
from ..storage.lista_proposals import load_proposal
from .course_dir import course_roster
from .course_folder import DRAFTS_STORE, CourseFolder

VALID = "spełnia reguły Listy"
INVALID = "nie spełnia reguł Listy"
NONE = "brak propozycji"
"""The three results a trainer reads; a blank form counts as no proposal."""

PROPOSAL_COLUMNS = {
    "uczestnik": "Uczestnik",
    "imie": "Imię",
    "nazwisko": "Nazwisko",
    "instytucja": "Proponowana instytucja",
    "rodzaj": "Rodzaj",
    "poziom": "Poziom",
    "gmina": "Gmina",
    "uslug": "Usług",
    "wynik": "Wynik sprawdzenia",
    "uwag": "Uwag",
    "uwagi": "Uwagi sprawdzenia (pole: co jest; czego oczekiwano)",
}
"""Stable column names for scripts (keys) and Polish headers for people (values)."""


def finding_line(problem: Problem) -> str:
    """Word one finding for the trainer: the field as the form labels it, its path in the Lista file, found, expected.

    "Usługa 2 – Dla kogo (services[1].for_whom): brak pola; oczekiwano: …": the trainee's words and
    the place the trainer edits in the Lista's file, with ``szkola validate``'s own message.
    """
    where = f"{field_label(problem.field)} ({problem.field})" if problem.field else "Cały wpis"
    return f"{where}: {problem.found}; oczekiwano: {problem.expected}"


def proposal_frame(folder: CourseFolder, directory: ServiceDirectory, store_path: Path | None = None) -> pd.DataFrame:
    """Return one row per trainee on the roster: their proposed entry, the check's result and findings.

    ``uwagi`` holds the findings one per line; trainees without a proposal have ``brak propozycji``.
    """
    store = DraftStore(store_path or folder.root / DRAFTS_STORE)
    rows: list[dict[str, object]] = []
    try:
        for trainee in course_roster(folder.root):
            person = {"uczestnik": trainee.id, "imie": trainee.first_name, "nazwisko": trainee.last_name}
            draft = load_proposal(store, trainee.id)
            if draft is None or draft.is_blank():
                rows.append(person | {"instytucja": "", "rodzaj": "", "poziom": "", "gmina": "", "uslug": 0}
                            | {"wynik": NONE, "uwag": 0, "uwagi": ""})  # fmt: skip
                continue
            checked = check_draft(draft, directory)
            findings = list(dict.fromkeys(finding_line(p) for p in checked.problems))
            rows.append(
                person
                | {
                    "instytucja": draft.name,
                    "rodzaj": INSTITUTION_TYPE_LABELS[draft.type] if draft.type else "",
                    "poziom": LEVEL_LABELS[draft.level] if draft.level else "",
                    "gmina": (directory.gmina_name(draft.gmina) or draft.gmina) if draft.gmina else "",
                    "uslug": len(draft.services),
                    "wynik": VALID if checked.institution is not None else INVALID,
                    "uwag": len(findings),
                    "uwagi": "\n".join(findings),
                }
            )
    finally:
        store.close()
    return pd.DataFrame(rows, columns=list(PROPOSAL_COLUMNS))


def proposal_summary(frame: pd.DataFrame) -> str:
    """Return one Polish line: how many proposed an entry and how many of those pass the Lista's rules."""
    proposed = int((frame["wynik"] != NONE).sum())
    valid = int((frame["wynik"] == VALID).sum())
    return (
        f"Propozycje wpisów do Listy: {proposed} z {len(frame)} uczestników, "
        f"spełniają reguły Listy: {valid}, do poprawy: {proposed - valid}."
    )


def readable_proposals(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the table with the Polish headers a trainer reads."""
    return frame.rename(columns=PROPOSAL_COLUMNS)
