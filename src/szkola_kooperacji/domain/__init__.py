"""The pure domain core: cases, the service directory, diagnosis, contract, rules, feedback.

Nothing here imports Jupyter, widgets or Voilà (``tests/domain/test_imports.py``
enforces it), so the same functions serve the dashboard, the CLI and nbgrader.
"""

from .case import Case, ExpertReference, HelpEpisode, HouseholdMember, InterviewFinding, Strength
from .contract import Action, Contract, Goal, Review
from .diagnosis import Diagnosis, Evidence, Need
from .directory import Gmina, Institution, InstitutionType, Service, ServiceDirectory
from .feedback import FeedbackReport, NeedFeedback, NeedStatus, give_feedback
from .findings import Finding, FindingLevel
from .rules import check_all, check_contract, check_diagnosis
from .scoring import Score, ScoreItem

__all__ = [
    "Action",
    "Case",
    "Contract",
    "Diagnosis",
    "Evidence",
    "ExpertReference",
    "FeedbackReport",
    "Finding",
    "FindingLevel",
    "Gmina",
    "Goal",
    "HelpEpisode",
    "HouseholdMember",
    "Institution",
    "InstitutionType",
    "InterviewFinding",
    "Need",
    "NeedFeedback",
    "NeedStatus",
    "Review",
    "Score",
    "ScoreItem",
    "Service",
    "ServiceDirectory",
    "Strength",
    "check_all",
    "check_contract",
    "check_diagnosis",
    "give_feedback",
]
