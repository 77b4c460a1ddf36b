"""Progress facts live in the drafts' database and survive a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from szkola_kooperacji.domain.progress import FactKind
from szkola_kooperacji.storage import DraftStore

T0 = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def test_facts_survive_a_restart_and_belong_to_one_trainee(store_location: Path | str):
    store = DraftStore(store_location)
    store.progress.record("Anna Nowak", FactKind.LESSON_READ, "lekcja_a", at=T0)
    store.progress.record("Jan Kowalski", FactKind.LESSON_READ, "lekcja_b", at=T0)
    store.close()
    again = DraftStore(store_location)
    facts = again.progress.facts("anna  NOWAK")
    assert [(f.kind, f.item_id, f.at) for f in facts] == [(FactKind.LESSON_READ, "lekcja_a", T0)]
    assert again.progress.trainees() == ["anna nowak", "jan kowalski"]


def test_the_first_date_of_a_fact_is_kept(store_location: Path | str):
    store = DraftStore(store_location)
    store.progress.record("a", FactKind.SELF_CHECK_PASSED, "l", at=T0)
    store.progress.record("a", FactKind.SELF_CHECK_PASSED, "l", at=T0 + dt.timedelta(days=3))
    assert [f.at for f in store.progress.facts("a")] == [T0]


def test_a_case_score_is_kept_only_when_it_improves(store_location: Path | str):
    store = DraftStore(store_location)
    store.progress.record("a", FactKind.CASE_SCORED, "c", value=40.0, at=T0)
    store.progress.record("a", FactKind.CASE_SCORED, "c", value=70.0, at=T0 + dt.timedelta(days=1))
    store.progress.record("a", FactKind.CASE_SCORED, "c", value=20.0, at=T0 + dt.timedelta(days=2))
    (fact,) = store.progress.facts("a")
    assert (fact.value, fact.at) == (70.0, T0 + dt.timedelta(days=1))


def test_unknown_fact_kinds_from_a_newer_version_are_skipped(store_location: Path | str):
    store = DraftStore(store_location)
    store.progress.record("a", FactKind.LESSON_READ, "l", at=T0)
    store._db.execute("INSERT INTO progress_facts VALUES ('a', 'future_kind', 'x', NULL, ?)", (T0.isoformat(),))
    assert [f.kind for f in store.progress.facts("a")] == [FactKind.LESSON_READ]
