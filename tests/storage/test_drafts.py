"""Drafts survive restarts, belong to one trainee, and are never silently lost."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from szkola_kooperacji.domain import Need
from szkola_kooperacji.domain.codes import Area
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.storage import DraftStore, IdentityCheck, credentials_problem
from szkola_kooperacji.storage.background import LOWEST_PRIORITY, run_later
from szkola_kooperacji.storage.drafts import STORE_ENV, STRENGTHEN_AFTER_SECONDS
from szkola_kooperacji.storage.passcodes import PBKDF2_ITERATIONS, QUICK_ITERATIONS, hash_code
from tests.postgres_server import new_database


def _draft(statement: str = "Brak pracy") -> Draft:
    draft = Draft(case_id="mini_case")
    draft.diagnosis.needs.append(Need(id="N1", area=Area.SYTUACJA_ZAWODOWA, statement=statement))
    return draft


def test_first_sign_in_registers_then_code_is_checked(store_location: Path | str):
    store = DraftStore(store_location)
    assert store.sign_in("Anna Nowak", "tajne1") == IdentityCheck.SHORT_CODE  # nothing registered
    assert store.sign_in("Anna Nowak", "tajne123") == IdentityCheck.NEW
    assert store.sign_in("anna   NOWAK", "tajne123") == IdentityCheck.OK
    assert store.sign_in("Anna Nowak", "zgaduje1") == IdentityCheck.WRONG_CODE
    assert store.sign_in("Anna Nowak", "tajne1") == IdentityCheck.WRONG_CODE


def test_codes_are_stored_only_as_salted_hashes(store_location: Path | str):
    store = DraftStore(store_location)
    store.sign_in("Anna Nowak", "tajne-haslo-1")
    store.sign_in("Jan Kowalski", "tajne-haslo-1")
    rows = store._db.execute("SELECT * FROM trainees").fetchall()
    stored = [bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for r in rows for v in r]
    assert not any(b"tajne-haslo-1" in value for value in stored)
    assert len({bytes(r[2]) for r in rows}) == 2
    assert len({bytes(r[3]) for r in rows}) == 2  # same code, different hashes
    store.close()


def test_sqlite_file_holds_no_plain_code(tmp_path: Path):
    path = tmp_path / "s.sqlite"
    store = DraftStore(path)
    store.sign_in("Anna Nowak", "tajne-haslo-1")
    store.close()
    wal = path.with_name("s.sqlite-wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"Anna Nowak" in raw  # the file was read for real
    assert b"tajne-haslo-1" not in raw


def test_draft_survives_reopening_the_store(store_location: Path | str):
    path = store_location
    store = DraftStore(path)
    store.save("Anna Nowak", _draft("Pan Jan szuka pracy"))
    store.close()
    reopened = DraftStore(path)
    loaded = reopened.load("anna nowak", "mini_case")
    assert loaded is not None
    assert loaded.diagnosis.needs[0].statement == "Pan Jan szuka pracy"
    assert reopened.cases_with_drafts("Anna Nowak") == ["mini_case"]


def test_drafts_are_per_trainee(store_location: Path | str):
    store = DraftStore(store_location)
    store.save("Anna Nowak", _draft())
    assert store.load("Jan Kowal", "mini_case") is None


def test_save_replaces_the_previous_draft(store_location: Path | str):
    store = DraftStore(store_location)
    store.save("Anna", _draft("pierwsza"))
    store.save("Anna", _draft("druga"))
    assert store.load("Anna", "mini_case").diagnosis.needs[0].statement == "druga"


def test_unreadable_draft_is_moved_aside_not_lost(store_location: Path | str):
    store = DraftStore(store_location)
    store.save("Anna", _draft())
    store._db.execute("UPDATE drafts SET body = '{\"zepsute\": true}'")
    assert store.load("Anna", "mini_case") is None
    kept = store._db.execute("SELECT body FROM unreadable_drafts").fetchall()
    assert kept == [('{"zepsute": true}',)]


def test_hostile_text_is_stored_verbatim(store_location: Path | str):
    store = DraftStore(store_location)
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


def test_a_postgresql_url_in_the_environment_selects_postgresql(postgres_server: str, monkeypatch):
    url = new_database(postgres_server)
    monkeypatch.setenv(STORE_ENV, url)
    DraftStore().save("Anna", _draft("z serwera hub"))
    store = DraftStore(url)
    assert store._db.dialect == "postgresql"
    assert store.load("Anna", "mini_case").diagnosis.needs[0].statement == "z serwera hub"


def test_an_unreachable_database_is_a_clear_polish_error(postgres_server: str):
    wrong = postgres_server.rsplit("/", 1)[0].replace("postgres@", "postgres:tajne@") + "/nie_ma_takiej_bazy"
    with pytest.raises(SzkolaError) as raised:
        DraftStore(wrong)
    message = str(raised.value)
    assert message.startswith("Nie można połączyć się z bazą")
    assert "nie_ma_takiej_bazy" in message
    assert "tajne" not in message  # the password never reaches a message


def _iterations(store: DraftStore, name: str) -> int:
    row = store._db.execute("SELECT kdf_iterations FROM trainees WHERE trainee_key = ?", (name,)).fetchone()
    return int(row[0])


def test_a_new_code_is_stored_quickly_then_at_full_strength(store_location: Path | str):
    store = DraftStore(store_location)
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.NEW
    store.finish_background()
    assert _iterations(store, "anna nowak") == PBKDF2_ITERATIONS
    salt, stored = store._db.execute("SELECT salt, code_hash FROM trainees").fetchone()
    assert bytes(stored) == hash_code("tajne-haslo-1", bytes(salt))  # the full-strength hash of that code
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK
    assert store.sign_in("Anna Nowak", "inne-haslo-1") == IdentityCheck.WRONG_CODE
    store.close()


def test_the_full_strength_hash_waits_while_a_group_signs_in(store_location: Path | str):
    store = DraftStore(store_location)
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.NEW
    time.sleep(1.0)  # the old worker had re-hashed by now, taking the cores from the pages still loading
    assert _iterations(store, "anna nowak") == QUICK_ITERATIONS
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK
    started = time.monotonic()
    store.close()  # a closing store does what waits at once
    assert time.monotonic() - started < STRENGTHEN_AFTER_SECONDS
    check = DraftStore(store_location)
    assert _iterations(check, "anna nowak") == PBKDF2_ITERATIONS
    assert check.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK
    check.close()


def test_a_hash_left_weak_is_checked_and_strengthened_at_the_next_sign_in(store_location: Path | str):
    store = DraftStore(store_location)
    salt = b"0123456789abcdef"
    weak = hash_code("tajne-haslo-1", salt, QUICK_ITERATIONS)
    store._db.execute(  # as a kernel that ended before its re-hash left it
        "INSERT INTO trainees (trainee_key, display_name, salt, code_hash, created_at, kdf_iterations) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            "anna nowak",
            "Anna Nowak",
            salt,
            weak,
            "2026",
            QUICK_ITERATIONS,
        ),
    )
    assert store.sign_in("Anna Nowak", "zle-haslo-12") == IdentityCheck.WRONG_CODE
    store.finish_background()
    assert _iterations(store, "anna nowak") == QUICK_ITERATIONS  # a wrong code changes nothing
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK
    store.finish_background()
    assert _iterations(store, "anna nowak") == PBKDF2_ITERATIONS
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK
    store.close()


def test_a_store_from_before_the_iterations_column_keeps_its_trainees(tmp_path: Path):
    path = tmp_path / "stary.sqlite"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE trainees (trainee_key TEXT PRIMARY KEY, display_name TEXT NOT NULL, salt BLOB NOT NULL, "
        "code_hash BLOB NOT NULL, created_at TEXT NOT NULL)"
    )
    salt = b"fedcba9876543210"
    old.execute(
        "INSERT INTO trainees VALUES (?, ?, ?, ?, ?)",
        ("anna nowak", "Anna Nowak", salt, hashlib.pbkdf2_hmac("sha256", b"tajne-haslo-1", salt, 60_000), "2025"),
    )
    old.commit()
    old.close()
    store = DraftStore(path)
    assert store.sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK
    assert store.sign_in("Anna Nowak", "tajne-haslo-2") == IdentityCheck.WRONG_CODE
    assert DraftStore(path).sign_in("Anna Nowak", "tajne-haslo-1") == IdentityCheck.OK  # opened again: no second ALTER
    store.close()


def test_background_work_runs_at_the_lowest_priority():
    seen: list[int] = []
    run_later(lambda: seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))).result(10)
    assert seen == [LOWEST_PRIORITY]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) != LOWEST_PRIORITY  # only that thread
