"""A trainee's first and last self-check attempt of each lesson, kept with their other answers.

The trainer's statistics need both ends (what a group gets wrong at first, and what is still wrong),
and the lesson view shows the last attempt again after a restart; the attempts in between tell
nobody anything, so they are not kept.
"""

from __future__ import annotations

from pydantic import ValidationError

from ..domain.self_check import SelfCheckResult
from .drafts import DraftStore

SLOT_PREFIX = "samosprawdzenie:"
"""Answer slots of self-checks; the ``:`` keeps them out of the free cases (``cases_with_drafts``)."""
FIRST, LAST = "pierwsza", "ostatnia"


def record_attempt(store: DraftStore, trainee: str, result: SelfCheckResult) -> None:
    """Keep this attempt as the last one, and as the first one when there was none."""
    slot = SLOT_PREFIX + result.lesson
    kept = store.load_answers(trainee, slot)
    body = result.model_dump_json()
    store.save_answers(trainee, slot, {FIRST: kept.get(FIRST, body), LAST: body})


def attempts(store: DraftStore, trainee: str, lesson: str) -> list[SelfCheckResult]:
    """Return the kept attempts, oldest first (none, one, or first and last); unreadable ones are left out."""
    kept = store.load_answers(trainee, SLOT_PREFIX + lesson)
    bodies = [kept[k] for k in (FIRST, LAST) if k in kept]
    if len(bodies) == 2 and bodies[0] == bodies[1]:
        bodies = bodies[:1]
    results = []
    for body in bodies:
        try:
            results.append(SelfCheckResult.model_validate_json(body))
        except ValidationError:
            continue
    return results
