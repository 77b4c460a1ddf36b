"""The server's guard on a role's updates: concurrent moves of two roles both pass, another's item never does."""

from __future__ import annotations

from typing import Any

from pycrdt import Doc, Map, create_update_message, read_message

from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.roleplay.guard import RoomGuard, check_message
from szkola_kooperacji.roleplay.session import Session


def _copy(doc: Doc[Any], client_id: int | None = None) -> Session:
    copy: Doc[Any] = Doc(client_id=client_id)
    copy.apply_update(doc.get_update())
    return Session(copy)


def _move(session: Session, move: Any) -> bytes:
    """Make a move on a participant's copy and return the sync message its client would send."""
    updates: list[bytes] = []
    subscription = session.doc.observe(lambda event: updates.append(event.update))
    move(session)
    session.doc.unobserve(subscription)
    return create_update_message(updates[0])


def test_two_roles_sharing_at_the_same_moment_are_both_admitted_in_either_order(session: Session):
    items = {"pup": "K2", "poradnia_uzaleznien": "K3"}
    for first, second in (("pup", "poradnia_uzaleznien"), ("poradnia_uzaleznien", "pup")):
        server = _copy(session.doc)
        messages = {  # the client ids decide which of two concurrent inserts comes first: try both
            role: _move(_copy(session.doc, client_id), lambda s, r=role: s.share(r, items[r], ShareBasis.ZGODA))
            for role, client_id in ((first, 1001), (second, 1000))
        }
        for role in (first, second):  # the second was made without seeing the first: the merge may reorder them
            assert check_message(server.doc, messages[role], role, frozenset({items[role]})) is None
            server.doc.apply_update(_payload(messages[role]))
        assert sorted(s.institution_id for s in server.view().meeting.shares) == sorted((first, second))


def _payload(message: bytes) -> bytes:
    return bytes(read_message(message[2:]))


def test_a_role_may_not_share_what_another_institution_knows(session: Session):
    message = _move(_copy(session.doc), lambda s: s.share("pup", "K4", ShareBasis.BRAK))
    assert check_message(session.doc, message, "pup", frozenset({"K2"})) == "shares: only items its institution knows"
    assert check_message(session.doc, message, "pup", frozenset({"K2", "K4"})) is None


def test_the_room_guard_judges_each_move_as_the_whole_document_comparison_does(session: Session):
    from szkola_kooperacji.domain.codes import Responsible  # noqa: PLC0415
    from szkola_kooperacji.domain.contract import Action  # noqa: PLC0415
    from szkola_kooperacji.domain.diagnosis import Diagnosis  # noqa: PLC0415
    from szkola_kooperacji.roleplay.guard import RoomGuard  # noqa: PLC0415

    def action(owner: str, text: str = "Działanie próbne.") -> Action:
        return Action(id="x", text=text, responsible=Responsible.INSTYTUCJA, institution_id=owner)

    proposal = session.propose("pup", action("pup"))
    lead = session.header().lead_institution_id
    moves: list[tuple[str, Any]] = [
        ("pup", lambda s: s.claim_role("pup", "Ewa")),
        ("pup", lambda s: s.claim_role(lead, "Podszywający się")),
        ("pup", lambda s: s.share("pup", "K2", ShareBasis.ZGODA)),
        ("pup", lambda s: s.share("pup", "K4", ShareBasis.BRAK)),
        ("pup", lambda s: s.share("sp_zurawiec", "K5", ShareBasis.BRAK)),
        ("pup", lambda s: s.propose("pup", action("pup"))),
        ("pup", lambda s: s.proposals.__setitem__("Pobcy", s.proposals[proposal].to_py() | {"institution_id": lead})),
        ("pup", lambda s: s.revise(proposal, action("pup", "Poprawione."))),
        ("poradnia_uzaleznien", lambda s: s.revise(proposal, action("pup", "Cudze poprawki."))),
        (lead, lambda s: s.accept(proposal)),
        ("poradnia_uzaleznien", lambda s: s.accept(proposal)),
        (lead, lambda s: s.proposals[proposal].__setitem__("action", "{}")),
        ("pup", lambda s: s.proposals.pop(proposal)),
        ("pup", lambda s: s.inject_event("Fałszywe zdarzenie.")),
        (lead, lambda s: s.set_diagnosis(Diagnosis())),
        ("pup", lambda s: s.set_diagnosis(Diagnosis())),
        ("pup", lambda s: s.shares.append({"institution_id": "pup", "item_id": "K2"})),
    ]
    verdicts = []
    for role, move in moves:
        message = _move(_copy(session.doc), move)
        whole = check_message(session.doc, message, role, frozenset({"K2"}))
        room = RoomGuard(session.doc).check(message, role, frozenset({"K2"}))
        assert (whole is None) == (room is None), (role, whole, room)
        verdicts.append(room is None)
    assert True in verdicts
    assert False in verdicts


def _both(doc: Doc[Any], message: bytes, role: str) -> tuple[str | None, str | None]:
    """The verdicts of the whole-document comparison and of the room's guard."""
    return check_message(doc, message, role, frozenset({"K2"})), RoomGuard(doc).check(message, role, frozenset({"K2"}))


def test_a_proposal_for_a_goal_the_team_does_not_have_is_refused_by_the_guard(session: Session):
    from szkola_kooperacji.domain.codes import Responsible  # noqa: PLC0415
    from szkola_kooperacji.domain.contract import Action, Contract, Goal  # noqa: PLC0415

    session.set_frame(Contract(goals=[Goal(id="C1", text="Praca do czerwca.")]))
    good = Action(id="x", goal_id="C1", text="Oferta.", responsible=Responsible.INSTYTUCJA, institution_id="pup")
    ghost = good.model_copy(update={"goal_id": "C9"})

    def write(action: Action) -> Any:  # what a hostile client writes, skipping ``Session.propose``'s check
        return lambda s: s.proposals.__setitem__(
            "Pwrogi01",
            Map({"seq": "1", "institution_id": "pup", "action": action.model_dump_json(), "status": "zaproponowane"}),
        )

    assert _both(session.doc, _move(_copy(session.doc), write(good)), "pup") == (None, None)
    whole, room = _both(session.doc, _move(_copy(session.doc), write(ghost)), "pup")
    assert whole == room
    assert room is not None
    assert "nie ma celu C9" in room
    proposal = session.propose("pup", good)
    rewrite = _move(_copy(session.doc), lambda s: s.proposals[proposal].__setitem__("action", ghost.model_dump_json()))
    assert "nie ma celu C9" in str(_both(session.doc, rewrite, "pup")[1])  # nor by rewriting its own proposal
    junk = _move(_copy(session.doc), lambda s: s.proposals[proposal].__setitem__("action", "<b>nie JSON</b>"))
    assert _both(session.doc, junk, "pup") == ("proposals: malformed action", "proposals: malformed action")


def test_an_unknown_top_level_entry_is_refused_and_nothing_of_its_update_applied(session: Session):
    hostile = _copy(session.doc)

    def smuggle(s: Session) -> None:
        with s.doc.transaction():
            s.doc.get("przemyt", type=Map)["x"] = "<script>alert(1)</script>"
            s.roles["pup"] = "Ewa"  # a move of its own in the same update

    message = _move(hostile, smuggle)
    assert _both(session.doc, message, "pup") == ("unknown top-level entry", "unknown top-level entry")
    guard = RoomGuard(session.doc)
    assert guard.check(message, "pup") is not None
    assert "przemyt" not in session.doc  # refused: the room never applies it
    assert session.header().roles["pup"] is None
    assert guard.check(_move(_copy(session.doc), lambda s: s.claim_role("pup", "Ewa")), "pup") is None  # still guards
