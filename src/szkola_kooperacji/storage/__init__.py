"""Local storage of trainees, their drafts and sign-in limits (SQLite by default), and a course's issued codes."""

from .course_codes import CourseCodes
from .drafts import DraftStore, IdentityCheck, credentials_problem, default_store_path
from .sign_in_limits import SignInLimiter, retry_message

__all__ = [
    "CourseCodes",
    "DraftStore",
    "IdentityCheck",
    "SignInLimiter",
    "credentials_problem",
    "default_store_path",
    "retry_message",
]
