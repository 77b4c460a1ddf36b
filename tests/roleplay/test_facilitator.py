"""The trainer's desk driven from Python: join links, an event every role sees, the protokół read back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from pycrdt import Doc

from szkola_kooperacji.dashboard.gpzk import RoleSeat
from szkola_kooperacji.dashboard.gpzk_facilitator import FacilitatorDesk
from szkola_kooperacji.documents.formats import DocumentFormat
from szkola_kooperacji.roleplay.passes import verify
from szkola_kooperacji.roleplay.session import Session
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
