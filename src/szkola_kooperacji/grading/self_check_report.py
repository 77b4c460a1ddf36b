"""The trainer's table of self-check items a group gets wrong, from the domain's per-item figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ..domain.self_check import SelfCheck, SelfCheckResult
from ..domain.self_check_stats import item_statistics

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
