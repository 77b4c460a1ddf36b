"""The shared session document: moves, merging concurrent edits, hostile input, the contract scored."""

from __future__ import annotations

import itertools

import pytest
from pycrdt import Doc, Map

from szkola_kooperacji.domain.codes import Responsible
from szkola_kooperacji.domain.contract import Action
from szkola_kooperacji.domain.feedback import give_feedback
from szkola_kooperacji.domain.meeting import ProposalStatus, judge_meeting
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.errors import SessionError
from szkola_kooperacji.roleplay.session import Session


def _copies(origin: Session, n: int) -> list[Session]:
    """Return ``n`` participants' copies, each synced once with the origin (as on joining)."""
    copies = []
    for _ in range(n):
        doc = Doc()
        doc.apply_update(origin.doc.get_update())
        copies.append(Session(doc))
    return copies


def _therapy(text: str = "Terapia indywidualna raz w tygodniu.") -> Action:
    return Action(
        id="x",
        text=text,
        responsible=Responsible.INSTYTUCJA,
        institution_id="poradnia_uzaleznien",
        service_id="terapia_uzaleznien",
        member_ids=["m1"],
    )


def _job_offer() -> Action:
    return Action(
        id="x", text="Oferta prac społecznie użytecznych.", responsible=Responsible.INSTYTUCJA, institution_id="pup"
    )


def test_opening_lists_the_lead_first_and_every_institution_that_knows_something(session, case):
    meeting = session.view().meeting
    roles = list(meeting.roles)
    assert roles[0] == meeting.lead_institution_id == "gops_zurawiec"
    assert {k.institution_id for k in case.knowledge} <= set(roles)
    assert all(holder is None for holder in meeting.roles.values())


def test_a_participant_holds_one_role_and_a_role_has_one_participant(session):
    session.claim_role("pup", "Anna Nowak")
    with pytest.raises(SessionError, match="Tę rolę gra już Anna Nowak"):
        session.claim_role("pup", "Jan Kowal")
    with pytest.raises(SessionError, match="uczestnik ma jedną rolę"):
        session.claim_role("sp_zurawiec", "Anna Nowak")
    session.release_role("pup")
    session.claim_role("pup", "Jan Kowal")
    assert session.view().meeting.roles["pup"] == "Jan Kowal"


def test_a_role_proposes_only_its_own_institutions_actions(session):
    with pytest.raises(SessionError, match="tylko swojej instytucji"):
        session.propose("pup", _therapy())
    family = Action(id="x", text="Krzysztof chodzi na terapię.", responsible=Responsible.KLIENT, member_ids=["m1"])
    with pytest.raises(SessionError, match="prowadzący"):
        session.propose("pup", family)
    assert session.propose("gops_zurawiec", family)


def test_only_a_role_at_the_table_shares(session):
    with pytest.raises(SessionError, match="nie ma roli"):
        session.share("ppp", "K1", ShareBasis.BRAK)
    assert session.share("pup", "K2", ShareBasis.BRAK).startswith("U")


def test_lead_accepts_or_returns_and_only_accepted_actions_enter_the_contract(session):
    therapy = session.propose("poradnia_uzaleznien", _therapy())
    job = session.propose("pup", _job_offer())
    session.accept(therapy)
    session.send_back(job, "Wskaż usługę z Listy i termin.")
    meeting = session.view().meeting
    assert [a.id for a in meeting.contract().actions] == [therapy]
    returned = next(p for p in meeting.proposals if p.action.id == job)
    assert (returned.status, returned.comment) == (ProposalStatus.ZWROCONE, "Wskaż usługę z Listy i termin.")
    session.revise(job, _job_offer().model_copy(update={"service_id": "prace_spolecznie_uzyteczne"}))
    assert next(p for p in session.view().meeting.proposals if p.action.id == job).status == "zaproponowane"
    with pytest.raises(SessionError, match="co trzeba zmienić"):
        session.send_back(job, "   ")


def test_concurrent_edits_of_eight_participants_merge_in_any_order_without_loss(session):
    base = session.doc.get_state()
    people = _copies(session, 8)
    people[0].claim_role("pup", "Uczestnik 0")
    people[1].claim_role("sp_zurawiec", "Uczestnik 1")
    proposal = people[2].propose("poradnia_uzaleznien", _therapy("Pierwsza wersja."))
    people[3].share("sp_zurawiec", "K5", ShareBasis.BRAK)
    people[4].share("poradnia_uzaleznien", "K4", ShareBasis.ZGODA)
    people[5].inject_event("Ojciec wrócił do picia.")
    people[6].propose("pup", _job_offer())
    people[7].share("pup", "K2", ShareBasis.BRAK)
    # the lead accepts the therapy while its proposer rewrites the text: both changes must survive
    lead = people[0]
    lead.doc.apply_update(people[2].doc.get_update(base))
    people[2].revise(proposal, _therapy("Druga wersja, po rozmowie."))
    lead.accept(proposal)
    updates = [p.doc.get_update(base) for p in people]
    orders = [list(range(8)), list(reversed(range(8))), [3, 7, 1, 5, 0, 6, 2, 4]]
    views = []
    for order in orders:
        doc = Doc()
        doc.apply_update(session.doc.get_update())
        for index in order:
            doc.apply_update(updates[index])
        views.append(Session(doc).view())
    for view in views:
        assert view.problems == []
        assert view.meeting == views[0].meeting
    meeting = views[0].meeting
    assert (meeting.roles["pup"], meeting.roles["sp_zurawiec"]) == ("Uczestnik 0", "Uczestnik 1")
    assert sorted(s.item_id for s in meeting.shares) == ["K2", "K4", "K5"]
    assert [e.text for e in meeting.events] == ["Ojciec wrócił do picia."]
    assert len(meeting.proposals) == 2
    therapy = next(p for p in meeting.proposals if p.action.id == proposal)
    assert (therapy.status, therapy.action.text) == (ProposalStatus.PRZYJETE, "Druga wersja, po rozmowie.")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_pairwise_sync_in_every_order_converges(session, order):
    people = _copies(session, 3)
    for n, person in enumerate(people):
        person.inject_event(f"Zdarzenie {n}")
    for i in order:
        for j in order:
            if i != j:
                people[j].doc.apply_update(people[i].doc.get_update(people[j].doc.get_state()))
    texts = [sorted(e.text for e in p.view().meeting.events) for p in people]
    assert texts == [["Zdarzenie 0", "Zdarzenie 1", "Zdarzenie 2"]] * 3


def test_hostile_text_stays_text_and_overlong_text_is_refused(session):
    hostile = '<img src=x onerror=alert(1)> {{7*7}} ${jndi} "; DROP TABLE x; --'
    proposal = session.propose("poradnia_uzaleznien", _therapy(hostile))
    session.inject_event(hostile)
    meeting = session.view().meeting
    assert meeting.proposals[0].action.text == hostile
    assert meeting.events[0].text == hostile
    with pytest.raises(ValueError, match="4000"):
        session.inject_event("x" * 5000)
    assert proposal


def test_garbage_written_straight_into_the_document_is_skipped_with_a_polish_problem(session):
    session.proposals["zly"] = Map({"action": "{nie json", "status": "przyjete", "institution_id": "pup"})
    session.shares.append({"id": "U1", "institution_id": "pup"})
    session.events.append("tekst zamiast mapy")
    session.frame["actions"] = "[]"
    session.frame["goal_main"] = "{{{"
    view = session.view()
    assert view.meeting.proposals == []
    assert view.meeting.shares == []
    assert view.meeting.events == []
    assert len(view.problems) == 5
    assert all(problem.startswith("Pominięto") for problem in view.problems)


def test_the_team_contract_is_scored_like_a_trainees_and_sharing_is_judged(session, case, directory):
    reference = case.reference
    for role in session.view().meeting.roles:
        session.claim_role(role, f"Osoba {role}")
    session.set_diagnosis(reference.diagnosis)
    session.set_frame(reference.contract.model_copy(update={"actions": []}))
    lead = session.view().meeting.lead_institution_id
    for action in reference.contract.actions:
        session.accept(session.propose(action.institution_id or lead, action))
    session.share("poradnia_uzaleznien", "K4", ShareBasis.BRAK)  # refused consent: therapy content
    session.share("pup", "K2", ShareBasis.BRAK)
    feedback = judge_meeting(case, directory, session.view().meeting)
    expected = give_feedback(
        case, directory, reference.diagnosis, reference.contract.model_copy(update={"actions": []})
    )
    assert feedback.report.score.total > expected.score.total
    # same goals and links as the reference, only action ids differ: the same score
    alone = give_feedback(case, directory, reference.diagnosis, reference.contract)
    assert feedback.report.score.total == alone.score.total
    assert "share_consent_refused" in {f.code for f in feedback.sharing}
    therapist = next(c for c in feedback.contributions if c.institution_id == "poradnia_uzaleznien")
    assert (therapist.shared, therapist.sharing_errors) == (1, 1)
    assert therapist.accepted == therapist.proposed >= 1
