"""What a trainee's dashboard offers for a completed module or course: the PDF itself, or the organiser's word.

The register of zaświadczenia is signed with a key the trainer's course folder keeps readable only
by its owner (``storage.certificates``). A dashboard may issue a certificate only where its kernel
runs as that owner: on one computer or a workshop server started by the trainer. On a hub every
trainee's server runs as the hub's system user (or in its own pod, with no course folder at all):
it cannot read the trainer's key, and must not create one the trainer could then not read. There
the page says, in Polish, that the organiser issues the certificate (``szkola certificate`` for the
group, verifiable with ``szkola certificate verify``) and how many modules the trainee has
completed, instead of a button that would fail or sign with a key nobody can check.
"""

from __future__ import annotations

import os
from enum import StrEnum

import ipywidgets as w

from ..domain.progress import CourseProgress, ItemState, ModuleProgress
from ..grading import HUB_USER_ENV
from .render import e


class CertificateOffer(StrEnum):
    """How this dashboard gives a trainee their zaświadczenie."""

    DOWNLOAD = "download"
    """The kernel runs as the course folder's owner: the trainee downloads the PDF here."""
    ORGANISER = "organiser"
    """A hub's server: the organiser issues it; the page says so."""
    NONE = "none"
    """No group's course is served (a workshop without a course folder): there is no register to sign."""


WHO_ISSUES = "trener wydaje zaświadczenia całej grupie; każde ma numer, który organizator może sprawdzić"
"""Why a hub trainee gets the certificate from the organiser, and that it can be checked."""


def certificate_offer(has_course_folder: bool, environ: dict[str, str] | None = None) -> CertificateOffer:
    """Decide what this server offers: a hub user's server never issues, a course folder's owner does."""
    env = os.environ if environ is None else environ
    if env.get(HUB_USER_ENV):
        return CertificateOffer.ORGANISER
    return CertificateOffer.DOWNLOAD if has_course_folder else CertificateOffer.NONE


def modules_done(progress: CourseProgress) -> str:
    """Return how far the trainee is, as the note says it: "2 z 4"."""
    done = sum(1 for m in progress.modules if m.state is ItemState.DONE)
    return f"{done} z {len(progress.modules)}"


def organiser_note(progress: CourseProgress, module: ModuleProgress) -> w.HTML:
    """Return the note under a completed module on a hub: who issues its certificate, how far the trainee is."""
    note = w.HTML(
        f"<p class='sk-certificate-note'><b>Moduł ukończony.</b> Zaświadczenie za moduł „{e(module.module.title)}” "
        f"wyda Ci organizator kursu ({WHO_ISSUES}). Ukończone moduły: {modules_done(progress)}.</p>"
    )
    note.add_class(f"sk-certificate-note-{module.module.id}")
    return note


def course_done_text(offer: CertificateOffer) -> str:
    """Return the "what next" text of a completed course, true to what this page offers."""
    if offer is CertificateOffer.DOWNLOAD:
        return "<b>Kurs ukończony.</b> Gratulacje! Pobierz zaświadczenie ukończenia kursu."
    if offer is CertificateOffer.ORGANISER:
        return f"<b>Kurs ukończony.</b> Gratulacje! Zaświadczenie ukończenia kursu wyda Ci organizator ({WHO_ISSUES})."
    return "<b>Kurs ukończony.</b> Gratulacje!"
