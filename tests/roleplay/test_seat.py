"""A role's seat driven from Python: sharing and proposing reach another seat once the copies sync."""

from __future__ import annotations

from pycrdt import Doc

from szkola_kooperacji.dashboard.gpzk import RoleSeat
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
    therapist.children[1].children[2].children[1].click()
    therapist.text.value = HOSTILE
    therapist.children[2].children[3].click()
    assert therapist.message.value == ""
    _sync(session, other)
    lead.refresh()
    assert case.knowledge_item("K3").text in lead.view.value
    assert HOSTILE not in lead.view.value
    assert len(lead.pending.options) == 1
    lead.children[3].children[3].children[0].click()  # accept
    _sync(session, other)
    therapist.refresh()
    assert "przyjęte" in therapist.view.value


def test_a_refused_move_shows_its_polish_reason(session, case, directory):
    seat = RoleSeat(case, directory, session, "pup")
    seat.text.value = "   "
    seat.children[2].children[3].click()
    assert "Opisz działanie" in seat.message.value
    lead = RoleSeat(case, directory, session, "gops_zurawiec")
    seat.text.value = "Oferta pracy."
    seat.children[2].children[3].click()
    lead.refresh()
    lead.comment.value = ""
    lead.children[3].children[3].children[1].click()  # return without a comment
    assert "co trzeba zmienić" in lead.message.value
