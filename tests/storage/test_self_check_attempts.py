"""A trainee's first and last self-check attempts: kept across restarts, the first never replaced."""

from __future__ import annotations

from pathlib import Path

from szkola_kooperacji.data.lessons import load_self_check
from szkola_kooperacji.domain.self_check import SelfCheck, check_answers
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.self_check_attempts import SLOT_PREFIX, attempts, record_attempt

LESSON = "lekcja_model_kooperacji"


def self_check() -> SelfCheck:
    loaded = load_self_check(LESSON)
    assert loaded is not None
    return loaded


def test_the_first_attempt_stays_and_the_last_is_replaced_across_a_restart(store_location: Path | str):
    check = self_check()
    right = {item.id: item.answer for item in check.items}
    blank = check_answers(check, {})
    half = check_answers(check, dict(list(right.items())[:1]))
    full = check_answers(check, right)
    store = DraftStore(store_location)
    assert attempts(store, "Anna", LESSON) == []
    record_attempt(store, "Anna", blank)
    assert attempts(store, "Anna", LESSON) == [blank], "one attempt is both first and last, counted once"
    record_attempt(store, "Anna", half)
    record_attempt(store, "Anna", full)
    store.close()
    again = DraftStore(store_location)
    assert attempts(again, "Anna", LESSON) == [blank, full]
    assert attempts(again, "Ewa", LESSON) == [], "another trainee's attempts are not hers"
    assert again.cases_with_drafts("Anna") == [], "attempts are not cases"


def test_an_unreadable_attempt_is_left_out_not_raised(store_location: Path | str):
    check = self_check()
    store = DraftStore(store_location)
    full = check_answers(check, {item.id: item.answer for item in check.items})
    store.save_answers("Anna", SLOT_PREFIX + LESSON, {"pierwsza": "{zepsute", "ostatnia": full.model_dump_json()})
    assert attempts(store, "Anna", LESSON) == [full]
