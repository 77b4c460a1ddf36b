"""Freeing a role takes effect at once: the holder's connection closes, their seat says why, the table sees it free."""

from __future__ import annotations

from pathlib import Path

import pytest

from szkola_kooperacji.dashboard.gpzk import _seat
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.errors import SessionError
from szkola_kooperacji.roleplay.client import LiveSession
from szkola_kooperacji.roleplay.passes import ROLE_RELEASED, issue
from szkola_kooperacji.roleplay.seats import STORE_STAMP, Seats, assign_role, release_role
from tests.aio import run

from .conftest import SECRET
from .test_transport import SESSION_ID, _until, _with_server, trainer


def _seat_pass(role: str, trainee: str) -> str:
    """The pass a trainee's dashboard kernel signs for the role the trainer assigned (``gpzk_join``)."""
    return issue(SECRET.encode(), SESSION_ID, role, trainee, seat=True)


async def _opened(url: str, case, directory) -> LiveSession:
    """Open the session from the trainer's copy; return once the server holds it (another copy sees its roles)."""
    desk = LiveSession(url, SESSION_ID, trainer())
    await desk.start()
    desk.session.open(case, directory)
    witness = LiveSession(url, SESSION_ID, trainer())
    await witness.start()
    await _until(lambda: bool(witness.session.header().roles))
    await witness.stop()
    return desk


def _seat_shown(html: str, role: str) -> str:
    """Return how a role's view shows one seat at the table ("name: holder")."""
    return html.split(f"data-seat='{role}'>", 1)[1].split("</span>", 1)[0]


def test_a_freed_holder_is_cut_off_can_no_longer_propose_or_share_and_the_table_sees_the_role_free(
    tmp_path: Path, case, directory
):
    db = tmp_path / "roleplay.sqlite"
    seats = Seats(db)  # the server's own assignments: the same database

    async def body(url: str) -> None:
        desk = await _opened(url, case, directory)
        meeting = desk.session.header()
        assign_role(seats, SESSION_ID, meeting, "pup", "Ewa Doradczyni")
        assign_role(seats, SESSION_ID, meeting, "sp_zurawiec", "Jan Pedagog")
        ewa = LiveSession(url, SESSION_ID, _seat_pass("pup", "Ewa Doradczyni"))
        jan = LiveSession(url, SESSION_ID, _seat_pass("sp_zurawiec", "Jan Pedagog"))
        for person in (ewa, jan):
            await person.start()
        ewa.session.claim_role("pup", "Ewa Doradczyni")
        jan.session.claim_role("sp_zurawiec", "Jan Pedagog")
        seat = _seat(ewa, case, directory, "pup")  # her dashboard's seat, following the live session
        seat.proposal.text.value = "Oferta pracy w ramach prac społecznie użytecznych."
        seat.proposal.button.click()
        await _until(lambda: len(desk.session.view().meeting.proposals) == 1)  # before: her moves reach the table

        release_role(seats, SESSION_ID, desk.session, "pup")  # the trainer frees her role (desk or CLI)
        await _until(lambda: ewa.released)
        await _until(lambda: "Trener zwolnił Twoją rolę" in seat.message.value)
        assert seat.children[0] is seat.message  # said at the top of her seat, not under the tabs
        assert ewa.session.header().roles["pup"] is None  # her copy got the table's last state before the close
        assert _seat_shown(seat.view.value, "pup").endswith(": <em>wolna</em>")
        assert seat.share_button.disabled
        assert seat.proposal.button.disabled
        await _until(lambda: jan.session.view().meeting.roles.get("pup") is None)
        jan_seat = _seat(jan, case, directory, "sp_zurawiec")
        assert _seat_shown(jan_seat.view.value, "pup").endswith(": <em>wolna</em>")

        # Whatever her copy still does never reaches the table: not a share, not a proposal, not her seat back.
        ewa.session.share("pup", "K2", ShareBasis.PRZEPIS)
        ewa.session.propose("pup", desk.session.view().meeting.proposals[0].action.model_copy(update={"id": "x"}))
        ewa.session.claim_role("pup", "Ewa Doradczyni")
        jan.session.share("sp_zurawiec", "K5", ShareBasis.PRZEPIS)  # a later move of a seated role arrives …
        await _until(lambda: len(desk.session.view().meeting.shares) == 1)
        after = desk.session.view().meeting  # … and hers do not
        assert [s.institution_id for s in after.shares] == ["sp_zurawiec"]
        assert len(after.proposals) == 1
        assert after.roles["pup"] is None

        with pytest.raises(SessionError) as refused:  # her old pass no longer admits her (a reload, a new tab)
            await LiveSession(url, SESSION_ID, _seat_pass("pup", "Ewa Doradczyni")).start()
        assert str(refused.value) == ROLE_RELEASED
        assert not jan.closed_by_server  # the others stay at the table

        assign_role(seats, SESSION_ID, desk.session.header(), "pup", "Ewa Doradczyni")  # given back: she rejoins
        again = LiveSession(url, SESSION_ID, _seat_pass("pup", "Ewa Doradczyni"))
        await again.start()
        again.session.claim_role("pup", "Ewa Doradczyni")
        await _until(lambda: desk.session.view().meeting.roles.get("pup") == "Ewa Doradczyni")
        for person in (desk, ewa, jan, again):
            await person.stop()

    run(_with_server(db, body))


def test_freeing_one_role_leaves_the_other_assigned_roles_and_join_links_at_the_table(tmp_path: Path, case, directory):
    """Only the freed role's holder is cut off; a join link the trainer handed out names no assignment at all."""
    db = tmp_path / "roleplay.sqlite"
    seats = Seats(db)

    async def body(url: str) -> None:
        desk = await _opened(url, case, directory)
        meeting = desk.session.header()
        assign_role(seats, SESSION_ID, meeting, "sp_zurawiec", "Jan Pedagog")
        assign_role(seats, SESSION_ID, meeting, "gops_zurawiec", "Anna Prowadząca")  # not joined yet
        jan = LiveSession(url, SESSION_ID, _seat_pass("sp_zurawiec", "Jan Pedagog"))
        guest = LiveSession(url, SESSION_ID, issue(SECRET.encode(), SESSION_ID, "pup", "Gość z linku"))
        for person in (jan, guest):
            await person.start()
        jan.session.claim_role("sp_zurawiec", "Jan Pedagog")
        guest.session.claim_role("pup", "Gość z linku")
        release_role(seats, SESSION_ID, desk.session, "gops_zurawiec")
        await _until(lambda: jan.session.view().meeting.roles.get("gops_zurawiec") is None)
        jan.session.share("sp_zurawiec", "K5", ShareBasis.PRZEPIS)
        guest.session.share("pup", "K2", ShareBasis.PRZEPIS)
        await _until(lambda: len(desk.session.view().meeting.shares) == 2)
        assert not jan.closed_by_server
        assert not guest.closed_by_server
        for person in (desk, jan, guest):
            await person.stop()

    run(_with_server(db, body))


def test_freeing_or_assigning_in_another_database_than_the_servers_is_refused_in_polish(
    tmp_path: Path, case, directory
):
    """`szkola roleplay unassign --db` (or a desk) on another database would change nothing the server reads."""
    db = tmp_path / "roleplay.sqlite"
    seats, elsewhere = Seats(db), Seats(tmp_path / "inna.sqlite")
    assert seats.store_id != elsewhere.store_id
    assert Seats(db).store_id == seats.store_id  # one id per database, whoever opens it

    async def body(url: str) -> None:
        desk = await _opened(url, case, directory)
        await _until(lambda: desk.session.meta.get(STORE_STAMP) == seats.store_id)  # the server named its database
        assign_role(seats, SESSION_ID, desk.session.header(), "pup", "Ewa Doradczyni")
        ewa = LiveSession(url, SESSION_ID, _seat_pass("pup", "Ewa Doradczyni"))
        await ewa.start()
        ewa.session.claim_role("pup", "Ewa Doradczyni")
        await _until(lambda: desk.session.header().roles.get("pup") == "Ewa Doradczyni")
        with pytest.raises(SessionError, match="innej bazie") as refused:
            release_role(elsewhere, SESSION_ID, desk.session, "pup")
        assert "inna.sqlite" in str(refused.value)
        with pytest.raises(SessionError, match="innej bazie"):
            elsewhere.check_same_store(desk.session)  # what `assign --db` and the desk check before assigning
        assert seats.holds(SESSION_ID, "pup", "Ewa Doradczyni")  # nothing changed: she keeps her role
        assert desk.session.header().roles["pup"] == "Ewa Doradczyni"
        release_role(seats, SESSION_ID, desk.session, "pup")  # the server's own database: freed at once
        await _until(lambda: ewa.released)
        for live in (desk, ewa):
            await live.stop()

    run(_with_server(db, body))
