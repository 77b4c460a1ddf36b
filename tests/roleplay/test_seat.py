"""A role's seat driven from Python: sharing and proposing reach another seat once the copies sync."""

from __future__ import annotations

from pycrdt import Doc

from szkola_kooperacji.dashboard.gpzk import RoleSeat
from szkola_kooperacji.dashboard.render import feedback_html
from szkola_kooperacji.domain.meeting import ProposalStatus, judge_meeting
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.roleplay.session import Session

HOSTILE = "<img src=x onerror=alert(1)>"


def _sync(a: Session, b: Session) -> None:
    b.doc.apply_update(a.doc.get_update(b.doc.get_state()))
    a.doc.apply_update(b.doc.get_update(a.doc.get_state()))


def test_a_therapist_shares_and_proposes_and_the_lead_accepts_on_another_copy(session, case, directory):
    other = Session(Doc())
    _sync(session, other)
    therapist = RoleSeat(case, directory, session, "poradnia_uzaleznien")
    lead = RoleSeat(case, directory, other, "gops_zurawiec")
    assert case.knowledge_item("K4").text not in lead.view.value  # the lead does not know it
    therapist.item.value = "K3"
    therapist.basis.value = "zgoda"
    therapist.share_button.click()
    therapist.proposal.text.value = HOSTILE
    therapist.proposal.button.click()
    assert therapist.message.value == ""
    _sync(session, other)
    lead.refresh()
    assert case.knowledge_item("K3").text in lead.view.value
    assert HOSTILE not in lead.view.value
    assert len(lead.pending.options) == 1
    lead.accept_button.click()
    _sync(session, other)
    therapist.refresh()
    assert "przyjęte" in therapist.view.value


def test_a_refused_move_shows_its_polish_reason(session, case, directory):
    seat = RoleSeat(case, directory, session, "pup")
    seat.proposal.text.value = "   "
    seat.proposal.button.click()
    assert "Opisz działanie" in seat.message.value
    lead = RoleSeat(case, directory, session, "gops_zurawiec")
    seat.proposal.text.value = "Oferta pracy."
    seat.proposal.button.click()
    lead.refresh()
    lead.comment.value = ""
    lead.return_button.click()  # return without a comment
    assert "co trzeba zmienić" in lead.message.value


def test_the_lead_writes_goals_a_role_proposes_for_one_with_persons_and_dates_and_the_score_moves(
    session, case, directory
):
    other = Session(Doc())
    _sync(session, other)
    lead = RoleSeat(case, directory, session, "gops_zurawiec")
    office = RoleSeat(case, directory, other, "pup")
    assert lead.plan is not None
    assert _shown(lead, lead.accept_button)  # the lead's answers are on the page, not only in Python
    assert _shown(lead, lead.plan)
    assert office.plan is None
    need = lead.plan.needs.add_need()
    need.statement.value = "Krzysztof potrzebuje stałej pracy."
    goal = lead.plan.add_goal()
    goal.text.value = "Krzysztof podejmie pracę do czerwca 2027 r."
    _sync(session, other)
    office.refresh()
    assert "Krzysztof podejmie pracę do czerwca 2027 r." in office.view.value  # every role sees the goals
    assert [value for _, value in office.proposal.goal.options][1:] == ["C1"]
    before = _total(office)

    form = office.proposal
    form.goal.value = "C1"
    form.service.value = form.services[0].id
    form.text.value = "Rejestracja Krzysztofa i oferta prac społecznie użytecznych."
    form.who.value = "m1"
    form.members.value = ("m1",)
    form.start.value = "01.12.2026"
    form.due.value = "31.05.2027"
    form.button.click()
    assert office.message.value == ""
    _sync(session, other)
    lead.refresh()
    proposal = lead.session.view().meeting.proposals[0]
    assert (proposal.action.goal_id, proposal.action.responsible_member_id, proposal.action.member_ids) == (
        "C1",
        "m1",
        ["m1"],
    )
    assert str(proposal.action.start) == "2026-12-01"
    assert str(proposal.action.due) == "2027-05-31"
    assert "cel C1" in lead.view.value
    assert "01.12.2026 – 31.05.2027" in lead.view.value
    lead.accept_button.click()
    _sync(session, other)
    office.refresh()
    assert _total(office) > before  # the accepted action entered the team's contract and its score
    assert "pup" in office.map.value or "PUP" in office.map.value  # and its cooperation map


def test_a_proposal_for_a_goal_the_team_does_not_have_or_ending_before_it_starts_is_refused(session, case, directory):
    office = RoleSeat(case, directory, session, "pup")
    office.proposal.text.value = "Oferta pracy."
    office.proposal.start.value = "31.05.2027"
    office.proposal.due.value = "01.12.2026"
    office.proposal.button.click()
    assert "wcześniejszy niż jego początek" in office.message.value
    office.proposal.due.value = "1 grudnia"
    office.proposal.button.click()
    assert "to nie jest data" in office.message.value
    assert session.view().meeting.proposals == []


def test_a_breach_of_secrecy_costs_the_team_points_with_a_polish_explanation(session, case, directory):
    therapist = RoleSeat(case, directory, session, "poradnia_uzaleznien")
    assert "Udostępnianie informacji zgodnie z prawem: 10 / 10 pkt" not in therapist.score.value  # needed, unsaid
    for item in case.knowledge:
        if item.needed_for_plan:
            session.share(item.institution_id, item.id, ShareBasis.ZGODA)
    therapist.refresh()
    assert "Udostępnianie informacji zgodnie z prawem: 10 / 10 pkt" in therapist.score.value
    therapist.item.value = "K4"  # the diagnosis Krzysztof refused to share
    therapist.share_button.click()
    judged = therapist.score.value
    assert "Udostępnianie informacji zgodnie z prawem: 6 / 10 pkt" in judged
    assert "wbrew odmowie zgody" in judged
    assert "tajemnica zawodowa" in judged


def _total(seat: RoleSeat) -> float:
    line = seat.score_line.value
    return float(line.split("Wynik zespołu: ")[1].split(" /")[0].replace(",", "."))


def _shown(root: object, widget: object) -> bool:
    """Whether ``widget`` is somewhere under ``root`` in the displayed widget tree."""
    if root is widget:
        return True
    return any(_shown(child, widget) for child in getattr(root, "children", ()))


def test_a_returned_proposal_is_corrected_on_the_role_page_and_the_lead_sees_it_again(session, case, directory):
    other = Session(Doc())
    _sync(session, other)
    lead = RoleSeat(case, directory, session, "gops_zurawiec")
    office = RoleSeat(case, directory, other, "pup")
    assert office.returned_box.layout.display == "none"  # nothing returned: no section
    office.proposal.text.value = "Oferta pracy."
    office.proposal.frequency.value = "raz w miesiącu"
    office.proposal.button.click()
    _sync(session, other)
    lead.refresh()
    lead.comment.value = "Dopisz, kiedy PUP zaprosi Krzysztofa."
    lead.return_button.click()
    assert lead.pending.options == ()
    _sync(session, other)
    office.refresh()
    assert office.returned_box.layout.display == "flex"
    assert _shown(office, office.revise_button)
    office.revise_button.click()
    form = office.proposal
    assert (form.text.value, form.frequency.value) == ("Oferta pracy.", "raz w miesiącu")  # loaded to correct
    assert "Dopisz, kiedy PUP zaprosi Krzysztofa." in form.heading.value
    assert form.button.description == "Wyślij poprawioną propozycję"
    form.cancel.click()  # changed their mind: the form makes a new proposal again, the returned one waits
    assert (form.revising, form.text.value, form.button.description) == (None, "", "Zaproponuj działanie")
    assert office.returned_box.layout.display == "flex"
    office.revise_button.click()
    form.text.value = "Oferta pracy; zaproszenie na rozmowę 3 grudnia."
    form.button.click()
    assert office.message.value == ""
    assert form.button.description == "Zaproponuj działanie"  # the next one is a new proposal
    assert office.returned_box.layout.display == "none"
    _sync(session, other)
    lead.refresh()
    proposals = lead.session.view().meeting.proposals
    assert len(proposals) == 1  # the same proposal, not a second one
    assert (proposals[0].status, proposals[0].action.text) == (
        ProposalStatus.ZAPROPONOWANE,
        "Oferta pracy; zaproszenie na rozmowę 3 grudnia.",
    )
    assert [value for _, value in lead.pending.options] == [proposals[0].action.id]  # the lead answers it again


def test_the_score_tab_speaks_of_the_team_contract(session, case, directory):
    seat = RoleSeat(case, directory, session, "pup")
    assert "Sektory w kontrakcie zespołu" in seat.score.value
    assert "Twoim kontrakcie" not in seat.score.value
    alone = feedback_html(judge_meeting(case, directory, session.view().meeting).report)
    assert "Sektory w Twoim kontrakcie" in alone  # a single trainee's feedback keeps its words
