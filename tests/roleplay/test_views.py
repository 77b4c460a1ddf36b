"""Each seat's view: a role reads only its institution's knowledge and what was said; the trainer sees all."""

from __future__ import annotations

from szkola_kooperacji.domain.meeting import judge_meeting
from szkola_kooperacji.domain.sharing import ShareBasis
from szkola_kooperacji.roleplay.views import facilitator_html, role_html

HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_role_sees_its_own_knowledge_and_not_another_institutions_until_it_is_shared(session, case, directory):
    therapist_secret = case.knowledge_item("K4").text
    school_note = case.knowledge_item("K5").text
    meeting = session.view().meeting
    school = role_html(case, directory, meeting, "sp_zurawiec")
    assert school_note in school
    assert therapist_secret not in school
    assert "Podstawa:" in school
    assert "może udostępnić" in school
    therapist = role_html(case, directory, meeting, "poradnia_uzaleznien")
    assert therapist_secret in therapist
    assert "tylko za zgodą klienta" in therapist
    assert "odmowa zgody" in therapist
    session.share("poradnia_uzaleznien", "K4", ShareBasis.BRAK)
    after = role_html(case, directory, session.view().meeting, "sp_zurawiec")
    assert therapist_secret in after  # said at the table: everyone heard it
    assert "Powiedziano na spotkaniu" in after


def test_the_facilitator_sees_every_role_and_the_sharing_judged(session, case, directory):
    session.claim_role("pup", "Ewa")
    session.share("poradnia_uzaleznien", "K4", ShareBasis.BRAK)
    session.inject_event(HOSTILE)
    meeting = session.view().meeting
    page = facilitator_html(case, directory, meeting, judge_meeting(case, directory, meeting))
    assert all(directory.institution(role).name in page for role in meeting.roles)
    assert "Ewa" in page
    assert "odmówiła zgody" in page
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
