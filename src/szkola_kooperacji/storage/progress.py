"""Progress facts of trainees, kept in the same database as their drafts.

Attached to the draft store's connection (as the sign-in limits are), so progress survives
restarts and moves with the drafts. The SQL is plain (``INSERT … ON CONFLICT … DO UPDATE``,
text timestamps), which SQLite and PostgreSQL both read the same way; all of it is in this module.
"""

from __future__ import annotations

import datetime as dt

from ..domain.progress import Fact, FactKind
from .database import Database
from .drafts import trainee_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS progress_facts (
    trainee_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    value REAL,
    at TEXT NOT NULL,
    PRIMARY KEY (trainee_key, kind, item_id)
);
"""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class ProgressLog:
    """Record and read trainees' progress facts."""

    def __init__(self, db: Database) -> None:
        self._db = db
        db.executescript(SCHEMA)

    def record(
        self, trainee: str, kind: FactKind, item_id: str, *, value: float | None = None, at: dt.datetime | None = None
    ) -> None:
        """Record a fact once: the first time it happened counts; a case's score is kept only when it improves.

        Keeping the first date makes the dates on a certificate stable however often a trainee
        re-reads a lesson; keeping the best score means a worse later draft does not undo a worked case.
        """
        when = (at or _now()).isoformat()
        self._db.execute(
            "INSERT INTO progress_facts (trainee_key, kind, item_id, value, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (trainee_key, kind, item_id) DO UPDATE SET value = excluded.value, at = excluded.at "
            "WHERE excluded.value IS NOT NULL "
            "AND (progress_facts.value IS NULL OR excluded.value > progress_facts.value)",
            (trainee_key(trainee), str(kind), item_id, value, when),
        )

    def facts(self, trainee: str) -> list[Fact]:
        """Return every fact recorded for this trainee (unknown kinds, from a newer version, are skipped)."""
        rows = self._db.execute(
            "SELECT kind, item_id, value, at FROM progress_facts WHERE trainee_key = ? ORDER BY at",
            (trainee_key(trainee),),
        ).fetchall()
        known = {str(k) for k in FactKind}
        return [
            Fact(FactKind(kind), item_id, dt.datetime.fromisoformat(at), None if value is None else float(value))
            for kind, item_id, value, at in rows
            if kind in known
        ]

    def trainees(self) -> list[str]:
        """Return the keys of trainees with any recorded fact."""
        rows = self._db.execute("SELECT DISTINCT trainee_key FROM progress_facts ORDER BY trainee_key").fetchall()
        return [str(r[0]) for r in rows]
