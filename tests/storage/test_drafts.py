"""Drafts survive restarts, belong to one trainee, and are never silently lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from szkola_kooperacji.domain import Need
from szkola_kooperacji.domain.codes import Area
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.storage import DraftStore, IdentityCheck, credentials_problem


def _draft(statement: str = "Brak pracy") -> Draft:
    draft = Draft(case_id="mini_case")
    draft.diagnosis.needs.append(Need(id="N1", area=Area.SYTUACJA_ZAWODOWA, statement=statement))
    return draft


def test_first_sign_in_registers_then_code_is_checked(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    assert store.sign_in("Anna Nowak", "tajne1") == IdentityCheck.SHORT_CODE  # nothing registered
    assert store.sign_in("Anna Nowak", "tajne123") == IdentityCheck.NEW
    assert store.sign_in("anna   NOWAK", "tajne123") == IdentityCheck.OK
    assert store.sign_in("Anna Nowak", "zgaduje1") == IdentityCheck.WRONG_CODE
    assert store.sign_in("Anna Nowak", "tajne1") == IdentityCheck.WRONG_CODE


def test_codes_are_stored_only_as_salted_hashes(tmp_path: Path):
    path = tmp_path / "s.sqlite"
    store = DraftStore(path)
    store.sign_in("Anna Nowak", "tajne-haslo-1")
    store.sign_in("Jan Kowalski", "tajne-haslo-1")
    store.close()
    wal = path.with_name("s.sqlite-wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"tajne-haslo-1" not in raw
    rows = sqlite3.connect(path).execute("SELECT salt, code_hash FROM trainees").fetchall()
    assert len({r[0] for r in rows}) == 2
    assert len({r[1] for r in rows}) == 2  # same code, different hashes


def test_draft_survives_reopening_the_store(tmp_path: Path):
    path = tmp_path / "s.sqlite"
    store = DraftStore(path)
    store.save("Anna Nowak", _draft("Pan Jan szuka pracy"))
    store.close()
    reopened = DraftStore(path)
    loaded = reopened.load("anna nowak", "mini_case")
    assert loaded is not None
    assert loaded.diagnosis.needs[0].statement == "Pan Jan szuka pracy"
    assert reopened.cases_with_drafts("Anna Nowak") == ["mini_case"]


def test_drafts_are_per_trainee(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    store.save("Anna Nowak", _draft())
    assert store.load("Jan Kowal", "mini_case") is None


def test_save_replaces_the_previous_draft(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    store.save("Anna", _draft("pierwsza"))
    store.save("Anna", _draft("druga"))
    assert store.load("Anna", "mini_case").diagnosis.needs[0].statement == "druga"


def test_unreadable_draft_is_moved_aside_not_lost(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    store.save("Anna", _draft())
    store._db.execute("UPDATE drafts SET body = '{\"zepsute\": true}'")
    assert store.load("Anna", "mini_case") is None
    kept = store._db.execute("SELECT body FROM unreadable_drafts").fetchall()
    assert kept == [('{"zepsute": true}',)]


def test_hostile_text_is_stored_verbatim(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    hostile = "<img src=x onerror=alert(1)>'); DROP TABLE drafts;--"
    store.save("Anna", _draft(hostile))
    assert store.load("Anna", "mini_case").diagnosis.needs[0].statement == hostile


def test_credentials_problems_are_explained():
    assert credentials_problem("", "12345678") is not None
    assert credentials_problem("A" * 200, "12345678") is not None
    assert credentials_problem("Anna", "") is not None
    assert credentials_problem("Anna", "x" * 65) is not None
    assert credentials_problem("Anna\x00", "12345678") is not None
    assert credentials_problem("Anna Nowak", "12345678") is None
