"""The trainer's table of self-check items a group gets wrong, from the domain's per-item figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..data.lessons import load_self_check
from ..domain.self_check import SelfCheck, SelfCheckResult
from ..domain.self_check_stats import item_statistics
from ..storage import DraftStore
from ..storage.self_check_attempts import attempts
from .course_dir import course_roster
from .course_folder import DRAFTS_STORE, CourseFolder

SELF_CHECK_COLUMNS = {
    "lekcja": "Lekcja",
    "pytanie_id": "Pytanie (id)",
    "rodzaj": "Rodzaj",
    "pytanie": "Treść pytania",
    "uczestnicy": "Uczestników",
    "zle_za_pierwszym": "Źle za pierwszym razem",
    "odsetek_zle_za_pierwszym": "% źle za pierwszym razem",
    "zle_ostatnio": "Źle w ostatniej próbie",
    "odsetek_zle_ostatnio": "% źle w ostatniej próbie",
}
"""Stable column names for scripts (keys) and Polish headers for people (values)."""


def self_check_frame(
    self_check: SelfCheck, attempts: Mapping[str, Sequence[SelfCheckResult]], *, headers: bool = False
) -> pd.DataFrame:
    """Return one row per item, hardest first; percentages 0–100 rounded to one decimal.

    ``headers`` renames the columns to their Polish headers, for a table a trainer reads.
    """
    rows = [
        {
            "lekcja": self_check.lesson,
            "pytanie_id": s.item_id,
            "rodzaj": s.kind,
            "pytanie": s.question,
            "uczestnicy": s.trainees,
            "zle_za_pierwszym": s.wrong_first,
            "odsetek_zle_za_pierwszym": round(100 * s.share_wrong_first, 1),
            "zle_ostatnio": s.wrong_last,
            "odsetek_zle_ostatnio": round(100 * s.share_wrong_last, 1),
        }
        for s in item_statistics(self_check, attempts)
    ]
    frame = pd.DataFrame(rows, columns=list(SELF_CHECK_COLUMNS))
    return frame.rename(columns=SELF_CHECK_COLUMNS) if headers else frame


def group_self_check_frame(folder: CourseFolder, store_path: Path | None = None) -> pd.DataFrame:
    """Return the items of every self-check of the group's course, with what the roster's trainees got wrong.

    Columns are the stable keys of ``SELF_CHECK_COLUMNS``; lessons nobody has tried are left out.
    """
    course = folder.course()
    trainees = [t.id for t in course_roster(folder.root)]
    store = DraftStore(store_path or folder.root / DRAFTS_STORE)
    frames = []
    try:
        for lesson in (lesson for module in course.modules for lesson in module.lessons):
            self_check = load_self_check(lesson)
            if self_check is None:
                continue
            tried = {trainee: kept for trainee in trainees if (kept := attempts(store, trainee, lesson))}
            if tried:
                frames.append(self_check_frame(self_check, tried))
    finally:
        store.close()
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(SELF_CHECK_COLUMNS))
