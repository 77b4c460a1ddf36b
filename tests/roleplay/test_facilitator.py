"""The trainer's desk driven from Python: join links, an event every role sees, the protokół read back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from pycrdt import Doc

from szkola_kooperacji.dashboard.gpzk import RoleSeat
from szkola_kooperacji.dashboard.gpzk_facilitator import FacilitatorDesk
from szkola_kooperacji.documents.formats import DocumentFormat
from szkola_kooperacji.domain.meeting import judge_meeting
from szkola_kooperacji.domain.sharing import knowledge_of
from szkola_kooperacji.roleplay.passes import verify
from szkola_kooperacji.roleplay.session import NEXT_MEETING_LIMIT, Session
from szkola_kooperacji.roleplay.views import contributions_html, team_score_summary_html
from tests.documents.conftest import docx_text, pdf_pages, squash

from .conftest import SECRET

SESSION_ID = "sesja-trenera-01"
HOSTILE = "<script>alert('x')</script> Ojciec wrócił do picia."


def _sync(a: Session, b: Session) -> None:
    b.doc.apply_update(a.doc.get_update(b.doc.get_state()))
    a.doc.apply_update(b.doc.get_update(a.doc.get_state()))


def _desk(session, case, directory) -> FacilitatorDesk:
    return FacilitatorDesk(case, directory, session, SESSION_ID, SECRET.encode())


def test_a_join_link_carries_a_pass_for_the_chosen_role_and_person(session, case, directory, monkeypatch):
    monkeypatch.setenv("SZKOLA_GPZK_PAGE", "http://sala:8867/")
    desk = _desk(session, case, directory)
    desk.role.value = "pup"
    desk.person.value = "Ewa <b>Nowak</b>"
    desk.invite.click()
    desk.role.value = "gops_zurawiec"
    desk.person.value = "Anna Prowadząca"
    desk.invite.click()
    links = [a.split("'")[0] for a in desk.links.value.split("href='")[1:]]
    assert len(links) == 2
    assert all(link.startswith("http://sala:8867/?wejscie=") for link in links)
    first = verify(SECRET.encode(), parse_qs(urlparse(links[0]).query)["wejscie"][0], SESSION_ID)
    assert (first.role, first.name) == ("pup", "Ewa <b>Nowak</b>")
    assert "<b>Nowak" not in desk.links.value  # the name is shown as text
    desk.person.value = ""
    desk.invite.click()
    assert "wpisz imię" in desk.message.value


def test_an_event_the_trainer_announces_reaches_a_role_and_the_protocol(session, case, directory):
    desk = _desk(session, case, directory)
    desk.announce.click()
    assert "Opisz zdarzenie" in desk.message.value
    desk.event.value = HOSTILE
    desk.announce.click()
    assert desk.message.value == ""
    assert "&lt;script&gt;" in desk.view.value
    assert "<script>" not in desk.view.value
    other = Session(Doc())
    _sync(session, other)
    seat = RoleSeat(case, directory, other, "pup")
    assert "Ojciec wrócił do picia." in seat.view.value
    name, mime, data = desk.protocol(DocumentFormat.DOCX)
    assert name.endswith(".docx")
    assert "wordprocessingml" in mime
    assert "Ojciec wrócił do picia." in " ".join(docx_text(data).values())
    _, _, pdf = desk.protocol(DocumentFormat.PDF)
    assert squash("Informacja zwrotna dla zespołu") in squash(" ".join(pdf_pages(pdf)))


def test_every_role_downloads_the_trainers_protocol_and_sees_the_trainers_team_score(session, case, directory):
    """A role knows only its institution's items, yet its team score and protokół are the trainer's."""
    desk = _desk(session, case, directory)
    desk.next_meeting.value = "  10.12.2026,   godz. 10:00, GOPS w Żurawcu "
    assert session.header().next_meeting == "10.12.2026, godz. 10:00, GOPS w Żurawcu"
    other = Session(Doc())
    _sync(session, other)
    known = case.model_copy(update={"knowledge": knowledge_of(case.knowledge, "pup")})  # as the transport brings it
    office = RoleSeat(known, directory, other, "pup", team_case=case)
    meeting = other.view().meeting
    assert office.score_line.value == team_score_summary_html(judge_meeting(case, directory, meeting))
    assert office.score_line.value != team_score_summary_html(judge_meeting(known, directory, meeting))
    team = judge_meeting(case, directory, meeting)
    assert contributions_html(directory, team) in office.score.value  # each role's part, as the trainer sees it
    assert contributions_html(directory, team) in desk.view.value
    assert office.score.value.count("data-contribution=") == len(meeting.roles)
    unsaid = case.knowledge_item("K4")  # the therapist's, never shared: not on the role's page
    assert unsaid.institution_id != "pup"
    assert unsaid.text[:40] not in office.view.value + office.score.value
    name, mime, seat_pdf = office.protocol(DocumentFormat.PDF)
    assert (name, mime) == (f"protokol_{case.id}.pdf", "application/pdf")
    role_text = squash(" ".join(pdf_pages(seat_pdf)))
    assert role_text == squash(" ".join(pdf_pages(desk.protocol(DocumentFormat.PDF)[2])))
    assert squash("10.12.2026, godz. 10:00, GOPS w Żurawcu") in role_text
    assert squash(f"{directory.institution(unsaid.institution_id).name}: Informacja potrzebna") in role_text
    assert squash(unsaid.text[:40]) not in role_text
    assert "wordprocessingml" in office.protocol(DocumentFormat.DOCX)[1]


def test_a_next_meeting_note_over_its_limit_is_refused_in_polish(session, case, directory):
    desk = _desk(session, case, directory)
    desk.next_meeting.value = "x" * (NEXT_MEETING_LIMIT + 1)
    assert "najwyżej" in desk.message.value
    assert session.header().next_meeting == ""
