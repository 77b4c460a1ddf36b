"""A G-PZK meeting as data: who plays which institution, what was proposed, shared and decided.

The meeting is what the real-time session (``roleplay/``) holds, read back as
plain domain values: the shared contract is built from the accepted proposals
and scored by the same ``give_feedback`` as a trainee's own contract; every
share is judged by the sharing rules; each role's contribution is counted.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, Name, ShortText
from .case import Case
from .codes import Level, Responsible
from .contract import Action, Contract
from .diagnosis import Diagnosis
from .directory import ServiceDirectory
from .feedback import FeedbackReport, give_feedback
from .findings import Finding, FindingLevel
from .parts import SCORE_LABELS, ScoreKey
from .rules.registry import rule_of
from .rules.sharing import judge_shares
from .scoring import ScoreItem
from .sharing import Forum, ShareAct, knowledge_holders


class ProposalStatus(StrEnum):
    """Where a role's proposed action stands with the lead."""

    ZAPROPONOWANE = "zaproponowane"
    PRZYJETE = "przyjete"
    ZWROCONE = "zwrocone"


PROPOSAL_STATUS_LABELS: dict[ProposalStatus, str] = {
    ProposalStatus.ZAPROPONOWANE: "zaproponowane",
    ProposalStatus.PRZYJETE: "przyjęte",
    ProposalStatus.ZWROCONE: "zwrócone do poprawy",
}


class Proposal(DomainModel):
    """An action one role proposes for the shared contract, and the lead's answer."""

    institution_id: Identifier = Field(description="Rola (instytucja), która proponuje.")
    action: Action
    status: ProposalStatus = ProposalStatus.ZAPROPONOWANE
    comment: ShortText = Field(default="", description="Komentarz prowadzącego przy zwrocie.")


class MeetingEvent(DomainModel):
    """Something the trainer injects mid-meeting that changes the case for everyone."""

    id: Identifier
    text: LongText = Field(min_length=1)


class Meeting(DomainModel):
    """One G-PZK session on one case: roles and holders, proposals, shares, events, the shared frame.

    ``frame`` is the shared contract without actions (goals, period, reviews…),
    edited by the lead; the actions come from accepted proposals.
    """

    case_id: Identifier
    forum: Forum = Forum.G_PZK
    lead_institution_id: Identifier
    roles: dict[Identifier, Name | None] = Field(
        default_factory=dict, description="Instytucja → kto ją gra (None: rola wolna)."
    )
    diagnosis: Diagnosis = Field(default_factory=Diagnosis)
    frame: Contract = Field(default_factory=Contract)
    proposals: list[Proposal] = Field(default_factory=list, max_length=MAX_ITEMS)
    shares: list[ShareAct] = Field(default_factory=list, max_length=MAX_ITEMS)
    events: list[MeetingEvent] = Field(default_factory=list, max_length=MAX_ITEMS)
    next_meeting: ShortText = Field(default="", description="Termin i miejsce następnego spotkania (wpisuje trener).")

    def contract(self) -> Contract:
        """Return the shared contract: the lead's frame plus every accepted action, in proposal order."""
        accepted = [p.action for p in self.proposals if p.status == ProposalStatus.PRZYJETE]
        return self.frame.model_copy(update={"actions": [*self.frame.actions, *accepted]})


def case_roles(case: Case, directory: ServiceDirectory) -> list[str]:
    """Return the institutions a case's meeting needs: the lead OPS first, then who knows or does something.

    Regional bodies are left out: they are not providers in a family's contract.
    """
    lead = case.reference.contract.ops_institution_id
    candidates = [
        *([lead] if lead else []),
        *knowledge_holders(case.knowledge),
        *(a.institution_id for a in case.reference.contract.actions if a.institution_id),
    ]
    roles: list[str] = []
    for institution_id in dict.fromkeys(candidates):
        institution = directory.institution(institution_id)
        if institution is not None and institution.level != Level.REGION:
            roles.append(institution_id)
    return roles


class RoleContribution(BaseModel):
    """What one role brought to the meeting, for the facilitator and the feedback."""

    model_config = ConfigDict(frozen=True)

    institution_id: str
    holder: str | None
    proposed: int
    accepted: int
    returned: int
    shared: int
    sharing_errors: int


SHARING_WEIGHT = 10.0
"""Points for sharing information lawfully, added to the contract's 100: the team's maximum is 110."""

SHARING_DEDUCTIONS: dict[FindingLevel, float] = {FindingLevel.BLAD: 4.0, FindingLevel.OSTRZEZENIE: 2.0}
"""Points one sharing finding takes away: a breach of secrecy or RODO, and needed knowledge kept back."""

SHARING_PRINCIPLE = (
    "Zespół G-PZK działa na podstawie porozumienia, nie przepisu: informację o rodzinie wolno mu przekazać "
    "za zgodą osoby, której dotyczy, albo gdy pozwala na to ustawa (art. 6 i 9 RODO); tajemnica zawodowa "
    "lekarza, pielęgniarki, terapeuty, psychologa i kuratora obowiązuje także przy stole zespołu."
)


class MeetingFeedback(BaseModel):
    """The team's contract scored as a trainee's is, plus the sharing judged and each role's part."""

    model_config = ConfigDict(frozen=True)

    report: FeedbackReport
    sharing: tuple[Finding, ...]
    contributions: tuple[RoleContribution, ...]
    sharing_score: ScoreItem

    @property
    def total(self) -> float:
        """The team's points: the contract's (as a trainee's) plus sharing."""
        return round(self.report.score.total + self.sharing_score.earned, 1)

    @property
    def maximum(self) -> float:
        """The team's maximum: the contract's 100 plus ``SHARING_WEIGHT``."""
        return self.report.score.maximum + self.sharing_score.possible


def proposal_problem(meeting: Meeting, proposal: Proposal) -> str | None:
    """Return why a role may not propose this action (Polish), or None when it may.

    A role proposes its own institution's services; the family's and the social
    worker's actions are proposed by the lead (the GOPS worker) or by the
    institution where they take place (the family attends the poradnia's therapy).
    """
    if proposal.institution_id not in meeting.roles:
        return f"Instytucja {proposal.institution_id} nie ma roli na tym spotkaniu."
    action = proposal.action
    if action.goal_id and meeting.frame.goal(action.goal_id) is None:
        return f"W kontrakcie zespołu nie ma celu {action.goal_id}; wybierz cel zapisany przez prowadzącego."
    if action.start and action.due and action.due < action.start:
        return "Termin zakończenia działania jest wcześniejszy niż jego początek."
    if action.responsible == Responsible.INSTYTUCJA and action.institution_id != proposal.institution_id:
        return "Rola proponuje działania tylko swojej instytucji."
    if action.responsible != Responsible.INSTYTUCJA and proposal.institution_id not in {
        meeting.lead_institution_id,
        action.institution_id,
    }:
        return (
            "Działania rodziny i pracownika socjalnego proponuje prowadzący (pracownik socjalny GOPS) "
            "albo instytucja, u której się odbywają."
        )
    return None


def judge_meeting(case: Case, directory: ServiceDirectory, meeting: Meeting) -> MeetingFeedback:
    """Score the team's contract, judge every share and count what each role contributed."""
    report = give_feedback(case, directory, meeting.diagnosis, meeting.contract())
    sharing = tuple(judge_shares(case, meeting.shares, meeting.forum))
    errors_by_share = {f.location.id for f in sharing if f.level == FindingLevel.BLAD}
    contributions = tuple(
        RoleContribution(
            institution_id=institution_id,
            holder=holder,
            proposed=sum(1 for p in meeting.proposals if p.institution_id == institution_id),
            accepted=sum(
                1
                for p in meeting.proposals
                if p.institution_id == institution_id and p.status == ProposalStatus.PRZYJETE
            ),
            returned=sum(
                1
                for p in meeting.proposals
                if p.institution_id == institution_id and p.status == ProposalStatus.ZWROCONE
            ),
            shared=sum(1 for s in meeting.shares if s.institution_id == institution_id),
            sharing_errors=sum(
                1 for s in meeting.shares if s.institution_id == institution_id and s.id in errors_by_share
            ),
        )
        for institution_id, holder in meeting.roles.items()
    )
    return MeetingFeedback(
        report=report, sharing=sharing, contributions=contributions, sharing_score=sharing_score(sharing)
    )


def sharing_score(findings: tuple[Finding, ...]) -> ScoreItem:
    """Score the team's sharing: full points less a deduction per breach and per needed item kept back.

    The explanation names each broken rule (in Polish, with how many times) so the
    team reads why it lost the points, after the principle that governs the G-PZK.
    """
    counted = [f for f in findings if f.level in SHARING_DEDUCTIONS]
    lost = sum(SHARING_DEDUCTIONS[f.level] for f in counted)
    earned = round(max(0.0, SHARING_WEIGHT - lost), 1)
    if not counted:
        verdict = "Każda przekazana informacja miała podstawę prawną, a zespół usłyszał to, czego potrzebował do planu."
    else:
        titles: dict[str, int] = {}
        for finding in counted:
            key = f"{rule_of(finding).title} (−{SHARING_DEDUCTIONS[finding.level]:g} pkt)"
            titles[key] = titles.get(key, 0) + 1
        verdict = "Odjęto: " + "; ".join(f"{title} ×{n}" for title, n in titles.items()) + "."
    return ScoreItem(
        key=ScoreKey.SHARING,
        label=SCORE_LABELS[ScoreKey.SHARING],
        earned=earned,
        possible=SHARING_WEIGHT,
        explanation=f"{verdict} {SHARING_PRINCIPLE}",
    )
