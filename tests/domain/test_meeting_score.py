"""The team's score of a G-PZK meeting: the contract as a trainee's, plus lawful sharing."""

from __future__ import annotations

import datetime as dt

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Responsible
from szkola_kooperacji.domain.contract import Action, Contract, Goal
from szkola_kooperacji.domain.findings import FindingLevel
from szkola_kooperacji.domain.meeting import (
    SHARING_DEDUCTIONS,
    SHARING_WEIGHT,
    Meeting,
    Proposal,
    judge_meeting,
    proposal_problem,
)
from szkola_kooperacji.domain.parts import ScoreKey
from szkola_kooperacji.domain.sharing import ShareAct, ShareBasis

CATALOG = load_valid_catalog()
CASE = CATALOG.cases["bezrobocie_alkohol_zurawiec"]
DIRECTORY = CATALOG.directory
NEEDED = [item for item in CASE.knowledge if item.needed_for_plan]


def _meeting(*shares: tuple[str, str]) -> Meeting:
    return Meeting(
        case_id=CASE.id,
        lead_institution_id="gops_zurawiec",
        roles={"gops_zurawiec": "Anna", "pup": "Ewa", "poradnia_uzaleznien": "Piotr", "sp_zurawiec": None},
        frame=Contract(goals=[Goal(id="C1", text="Praca do czerwca 2027 r.")]),
        shares=[
            ShareAct(id=f"U{n}", institution_id=holder, item_id=item, basis=ShareBasis.ZGODA)
            for n, (holder, item) in enumerate(shares)
        ],
    )


def test_the_team_keeps_every_sharing_point_when_it_shares_what_it_needs_and_nothing_unlawful():
    feedback = judge_meeting(CASE, DIRECTORY, _meeting(*((k.institution_id, k.id) for k in NEEDED)))
    assert feedback.sharing_score.key == ScoreKey.SHARING
    assert feedback.sharing_score.earned == SHARING_WEIGHT
    assert feedback.maximum == feedback.report.score.maximum + SHARING_WEIGHT
    assert feedback.total == round(feedback.report.score.total + SHARING_WEIGHT, 1)


def test_a_breach_of_refused_consent_costs_points_and_the_explanation_names_the_rule_and_the_law():
    lawful = [(k.institution_id, k.id) for k in NEEDED]
    feedback = judge_meeting(CASE, DIRECTORY, _meeting(*lawful, ("poradnia_uzaleznien", "K4")))
    score = feedback.sharing_score
    assert score.earned == SHARING_WEIGHT - SHARING_DEDUCTIONS[FindingLevel.BLAD]
    assert "Udostępniono informację wbrew odmowie zgody klienta" in score.explanation
    assert "RODO" in score.explanation
    assert "tajemnica zawodowa" in score.explanation
    breaches = next(c for c in feedback.contributions if c.institution_id == "poradnia_uzaleznien")
    assert breaches.sharing_errors == 1


def test_needed_knowledge_kept_back_costs_less_than_a_breach_and_the_score_never_goes_below_zero():
    silent = judge_meeting(CASE, DIRECTORY, _meeting())
    kept_back = sum(1 for f in silent.sharing if f.level == FindingLevel.OSTRZEZENIE)
    assert kept_back == len([k for k in NEEDED if k.consent.value == "udzielona" or k.sharing.value == "moze"])
    assert silent.sharing_score.earned == max(
        0.0, SHARING_WEIGHT - kept_back * SHARING_DEDUCTIONS[FindingLevel.OSTRZEZENIE]
    )
    reckless = judge_meeting(
        CASE, DIRECTORY, _meeting(*((k.institution_id, k.id) for k in CASE.knowledge if k.consent.value != "udzielona"))
    )
    assert reckless.sharing_score.earned == 0.0


def test_a_proposal_must_name_a_goal_the_team_has_and_end_after_it_starts():
    meeting = _meeting()
    action = Action(id="P1", text="Oferta pracy.", responsible=Responsible.INSTYTUCJA, institution_id="pup")
    assert (
        proposal_problem(meeting, Proposal(institution_id="pup", action=action.model_copy(update={"goal_id": "C1"})))
        is None
    )
    unknown = Proposal(institution_id="pup", action=action.model_copy(update={"goal_id": "C9"}))
    assert "nie ma celu C9" in (proposal_problem(meeting, unknown) or "")
    backwards = action.model_copy(update={"start": dt.date(2027, 5, 31), "due": dt.date(2026, 12, 1)})
    assert "wcześniejszy" in (proposal_problem(meeting, Proposal(institution_id="pup", action=backwards)) or "")
    family = action.model_copy(update={"responsible": Responsible.KLIENT, "responsible_member_id": "m1"})
    assert proposal_problem(meeting, Proposal(institution_id="pup", action=family)) is None  # carried out at the PUP
