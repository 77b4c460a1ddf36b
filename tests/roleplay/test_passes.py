"""Signed passes: a role cannot be taken by editing the address, nor a pass reused for another session."""

from __future__ import annotations

import base64
import json

import pytest

from szkola_kooperacji.errors import SessionError
from szkola_kooperacji.roleplay.passes import TRAINER, issue, load_secret, read, secret_path, verify

SECRET = b"sekret-jednego-serwera"


def test_a_pass_names_its_session_role_and_person_and_verifies():
    token = issue(SECRET, "sesja-0001", "pup", "  Ewa   Nowak ")
    found = verify(SECRET, token, "sesja-0001")
    assert (found.session_id, found.role, found.name) == ("sesja-0001", "pup", "Ewa Nowak")
    assert not found.is_trainer
    assert verify(SECRET, issue(SECRET, "sesja-0001", TRAINER), "sesja-0001").is_trainer


def test_a_pass_edited_to_another_role_is_refused():
    token = issue(SECRET, "sesja-0001", "pup", "Ewa")
    _, signature = token.split(".")
    forged_payload = base64.urlsafe_b64encode(json.dumps(["sesja-0001", TRAINER, "Ewa"]).encode()).decode().rstrip("=")
    assert read(f"{forged_payload}.{signature}").role == TRAINER  # the kernel can read it …
    with pytest.raises(SessionError, match="niepoprawny"):  # … but the server refuses it
        verify(SECRET, f"{forged_payload}.{signature}", "sesja-0001")


@pytest.mark.parametrize(
    ("token", "session_id"),
    [
        (issue(b"inny-sekret", "sesja-0001", "pup"), "sesja-0001"),
        (issue(SECRET, "sesja-0002", "pup"), "sesja-0001"),
        ("", "sesja-0001"),
        ("bez-podpisu", "sesja-0001"),
        ("!!!.???", "sesja-0001"),
        ("x" * 5000 + ".y", "sesja-0001"),
    ],
)
def test_a_foreign_forged_or_malformed_pass_is_refused(token: str, session_id: str):
    with pytest.raises(SessionError, match="poproś trenera"):
        verify(SECRET, token, session_id)


def test_the_secret_file_is_created_once_and_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SZKOLA_GPZK_SECRET")
    monkeypatch.setenv("SZKOLA_STORE", str(tmp_path / "szkola.sqlite"))
    with pytest.raises(SessionError, match="szkola roleplay serve"):
        load_secret()
    first = load_secret(create=True)
    assert len(first) >= 32
    assert load_secret() == load_secret(create=True) == first
    assert secret_path().stat().st_mode & 0o077 == 0


def test_a_pass_signed_for_an_assignment_says_so_and_the_mark_cannot_be_added():
    assigned = verify(SECRET, issue(SECRET, "sesja-0001", "pup", "Ewa", seat=True), "sesja-0001")
    assert assigned.seat
    link = issue(SECRET, "sesja-0001", "pup", "Ewa")
    assert not verify(SECRET, link, "sesja-0001").seat  # a join link is not an assignment
    _, signature = link.split(".")
    marked = base64.urlsafe_b64encode(json.dumps(["sesja-0001", "pup", "Ewa", True]).encode()).decode().rstrip("=")
    with pytest.raises(SessionError, match="niepoprawny"):
        verify(SECRET, f"{marked}.{signature}", "sesja-0001")
