"""Each kind of document's editor: the dashboard's half of ``domain.document_kinds.DOCUMENTS``.

The domain registry cannot name widgets (the core imports no Jupyter), so the editors are
registered here, one per kind; a test checks that every kind has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.document import DocumentContext
from ..domain.document_kinds import DocumentKind
from ..domain.document_task import DocumentTask
from .agreement_editor import AgreementEditor
from .binding import Changed
from .document_editor import DocumentEditor
from .minutes_editor import MinutesEditor
from .social_project_editor import SocialProjectEditor

EditorFactory = Callable[[Any, DocumentTask | None, Changed, DocumentContext], DocumentEditor]
"""Build a document's editor (it edits in place) for its task and context; ``changed`` saves, re-runs the rules."""

EDITORS: dict[DocumentKind, EditorFactory] = {
    DocumentKind.POROZUMIENIE: AgreementEditor,
    DocumentKind.PROJEKT_SOCJALNY: SocialProjectEditor,
    DocumentKind.PROTOKOL_GPZK: MinutesEditor,
}
