"""The trainer assigns roles in the desk through the CLI's one path: one role per trainee, refusals in Polish."""

from __future__ import annotations

from pathlib import Path

import pytest

from szkola_kooperacji.dashboard.gpzk_facilitator import FacilitatorDesk, _signed_in
from szkola_kooperacji.errors import SessionError
from szkola_kooperacji.roleplay.seats import Seats, assign_role
from szkola_kooperacji.roleplay.session import Session
from szkola_kooperacji.storage.drafts import DraftStore

from .conftest import SECRET

SESSION_ID = "sesja-przydzialu-01"


@pytest.fixture
def seats(tmp_path: Path) -> Seats:
    return Seats(tmp_path / "sesje.sqlite")


def _desk(session: Session, case, directory, seats: Seats, trainees=()) -> FacilitatorDesk:
    return FacilitatorDesk(case, directory, session, SESSION_ID, SECRET.encode(), seats=seats, trainees=trainees)


def test_one_trainee_one_role_and_one_role_one_trainee(session: Session, seats: Seats):
    meeting = session.header()
    assert assign_role(seats, SESSION_ID, meeting, "pup", "  Ewa   Doradczyni ") == "Ewa Doradczyni"
    with pytest.raises(SessionError, match="ma już rolę: pup; uczestnik ma jedną rolę"):
        assign_role(seats, SESSION_ID, meeting, "gops_zurawiec", "ewa doradczyni")  # the same person, other case
    with pytest.raises(SessionError, match="Tę rolę ma już Ewa Doradczyni"):
        assign_role(seats, SESSION_ID, meeting, "pup", "Jan Kowalski")
    with pytest.raises(SessionError, match="nie ma roli"):
        assign_role(seats, SESSION_ID, meeting, "nie_ma_takiej", "Jan Kowalski")
    with pytest.raises(SessionError, match="Podaj identyfikator"):
        assign_role(seats, SESSION_ID, meeting, "gops_zurawiec", "   ")
    assert [(s.role, s.trainee) for s in seats.of_session(SESSION_ID)] == [("pup", "Ewa Doradczyni")]
    assign_role(seats, SESSION_ID, meeting, "pup", "Ewa Doradczyni")  # assigning again what is held changes nothing
    assert [s.role for s in seats.of_trainee("EWA doradczyni")] == ["pup"]  # she signs in as she likes


def test_the_desk_assigns_refuses_a_second_role_and_frees_a_role_with_its_seat(
    session: Session, case, directory, seats: Seats
):
    desk = _desk(session, case, directory, seats, trainees=["Ewa Doradczyni", "Anna Prowadząca"])
    rows = desk.assignments
    assert set(rows.fields) == set(session.header().roles)  # a field for every role the case needs
    assert list(rows.fields["pup"].options) == ["Ewa Doradczyni", "Anna Prowadząca"]
    rows.fields["pup"].value = "Ewa Doradczyni"
    _button(rows, "pup", "Przydziel").click()
    assert [(s.role, s.trainee) for s in seats.of_session(SESSION_ID)] == [("pup", "Ewa Doradczyni")]
    assert "pup" not in rows.fields  # held: the row shows the trainee and a button to free it
    assert list(rows.fields["gops_zurawiec"].options) == ["Anna Prowadząca"]  # Ewa is no longer offered
    assert "Ewa Doradczyni" in _row(rows, "pup")

    rows.fields["gops_zurawiec"].value = "Ewa Doradczyni"
    _button(rows, "gops_zurawiec", "Przydziel").click()
    assert "uczestnik ma jedną rolę" in rows.message.value
    assert [s.role for s in seats.of_trainee("Ewa Doradczyni")] == ["pup"]  # nothing changed

    session.claim_role("pup", "Ewa Doradczyni")  # she joined the table
    _button(rows, "pup", "Zwolnij").click()
    assert seats.of_session(SESSION_ID) == []
    assert session.header().roles["pup"] is None  # her seat at the table is free too
    assert "jest wolna" in rows.message.value
    assert "pup" in rows.fields


def test_the_desk_offers_the_trainees_who_signed_in_to_the_workshop(own_store: Path):
    store = DraftStore(own_store)
    store.sign_in("Ewa Doradczyni", "kod-ewy-123")
    store.sign_in("Anna Prowadząca", "kod-anny-123")
    store.close()
    assert _signed_in() == ["Anna Prowadząca", "Ewa Doradczyni"]


def _widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from _widgets(child)


def _row(rows, role: str):
    row = next(r for r in rows.rows.children if f"sk-assign-{role}" in r._dom_classes)
    return " ".join(str(getattr(c, "value", "")) for c in _widgets(row))


def _button(rows, role: str, label: str):
    row = next(r for r in rows.rows.children if f"sk-assign-{role}" in r._dom_classes)
    return next(c for c in _widgets(row) if getattr(c, "description", None) == label)
