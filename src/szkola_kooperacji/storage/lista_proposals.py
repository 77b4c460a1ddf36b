"""A trainee's proposed Lista entry, kept with their other answers so it survives a reload and a restart.

One proposal per trainee: the Lista is the powiat's, whichever case the form was opened from. It is
stored as the form's draft (``EntryDraft`` as JSON) in the answers table under its own slot, so no
new table is needed and it moves with the drafts (SQLite or PostgreSQL alike).
"""

from __future__ import annotations

from pydantic import ValidationError

from ..domain.lista_entry import EntryDraft
from .drafts import DraftStore

SLOT = "lista:propozycja_wpisu"
"""The proposal's answer slot; the ``:`` keeps it out of the free cases (``cases_with_drafts``)."""
KEY = "wpis"


def save_proposal(store: DraftStore, trainee: str, draft: EntryDraft) -> None:
    """Keep the trainee's proposal as it is now, replacing the previous one."""
    store.save_answers(trainee, SLOT, {KEY: draft.model_dump_json()})


def load_proposal(store: DraftStore, trainee: str) -> EntryDraft | None:
    """Return the kept proposal, or None when there is none or it no longer reads (a newer or edited body).

    An unreadable body stays in the store until the trainee's next change replaces it.
    """
    body = store.load_answers(trainee, SLOT).get(KEY)
    if body is None:
        return None
    try:
        return EntryDraft.model_validate_json(body)
    except ValidationError:
        return None


class ProposalKeeper:
    """One trainee's place for their proposal in the store, handed to the form that edits it."""

    def __init__(self, store: DraftStore, trainee: str) -> None:
        self.store, self.trainee = store, trainee

    def load(self) -> EntryDraft | None:
        """Return the trainee's kept proposal, or None."""
        return load_proposal(self.store, self.trainee)

    def save(self, draft: EntryDraft) -> None:
        """Keep the trainee's proposal as it is now."""
        save_proposal(self.store, self.trainee, draft)
