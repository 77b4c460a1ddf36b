"""Local storage of trainees and their drafts (SQLite by default)."""

from .drafts import DraftStore, IdentityCheck, credentials_problem, default_store_path

__all__ = ["DraftStore", "IdentityCheck", "credentials_problem", "default_store_path"]
