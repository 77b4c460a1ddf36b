"""The protokół of a G-PZK meeting as a file to download: one and the same for the trainer and every role.

Every participant leaves the meeting with its protokół, not only the trainer, so
both pages build it here from the same inputs: the whole case (the protokół
names who left needed knowledge unsaid, never its content), the meeting as
synced, and the next meeting the trainer recorded in the session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from ..documents.formats import DocumentFormat
from ..documents.protocol import protocol_document, render_protocol
from ..domain.case import Case
from ..domain.directory import ServiceDirectory
from ..domain.meeting import Meeting, judge_meeting
from .download import DownloadButton

MEDIA = {
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.PDF: "application/pdf",
}
FORMATS = (DocumentFormat.DOCX, DocumentFormat.PDF)


def protocol_file(
    case: Case, directory: ServiceDirectory, meeting: Meeting, fmt: DocumentFormat
) -> tuple[str, str, bytes]:
    """Return the protokół as it stands now: file name, media type, bytes (what a download button saves)."""
    feedback = judge_meeting(case, directory, meeting)
    document = protocol_document(case, directory, meeting, feedback, held_on=dt.date.today())
    return f"protokol_{case.id}.{fmt.value}", MEDIA[fmt], render_protocol(document, fmt)


def protocol_buttons(make: Callable[[DocumentFormat], tuple[str, str, bytes]]) -> dict[DocumentFormat, DownloadButton]:
    """Return a download button per format, each making its file on click."""
    return {fmt: DownloadButton(f"Protokół {fmt.value.upper()}", partial(make, fmt)) for fmt in FORMATS}
