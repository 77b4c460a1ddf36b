"""On a hub the trainee's dashboard says the organiser issues the certificate (and how far they are); it offers no
download there, since a hub's server cannot read the trainer's signing key and must not make one of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as w
import pytest

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.dashboard.course_certificate import CertificateOffer, certificate_offer
from szkola_kooperacji.dashboard.course_view import CourseView
from szkola_kooperacji.dashboard.download import DownloadButton
from szkola_kooperacji.dashboard.hub_identity import HubDashboard
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.course import Course
from szkola_kooperacji.domain.progress import CourseProgress, Fact, FactKind, course_progress
from szkola_kooperacji.grading import HUB_USER_ENV
from szkola_kooperacji.storage import DraftStore

CATALOG = load_valid_catalog()
AT = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
WORK_DONE = (FactKind.EXERCISE_SUBMITTED, FactKind.EXERCISE_GRADED, FactKind.FEEDBACK_RETURNED)


def completed(course: Course, modules: int) -> CourseProgress:
    """Return the progress of a trainee who finished the first ``modules`` modules, every item of them."""
    facts: list[Fact] = []
    for module in course.modules[:modules]:
        facts += [Fact(k, x, AT) for x in module.lessons for k in (FactKind.LESSON_READ, FactKind.SELF_CHECK_PASSED)]
        facts += [Fact(FactKind.CASE_SCORED, x, AT, 100.0) for x in module.cases]
        facts += [Fact(k, x, AT) for x in module.exercises for k in WORK_DONE]
        facts += [Fact(FactKind.COMPARISON_ANALYSED, x, AT) for x in module.comparisons]
    return course_progress(course, facts, released=course.exercise_ids)


def widgets_in(root: w.Widget) -> list[w.Widget]:
    found = [root]
    for child in getattr(root, "children", ()):
        found += widgets_in(child)
    return found


def course_of(app: Dashboard) -> CourseView:
    assert app.course_view is not None
    assert app.course_view.trainee == "anowak", "the hub's user is signed in from the start"
    return app.course_view


def test_a_hub_server_leaves_the_certificate_to_the_organiser_and_one_computer_issues_it():
    assert certificate_offer(True, {HUB_USER_ENV: "anowak"}) is CertificateOffer.ORGANISER
    assert certificate_offer(False, {HUB_USER_ENV: "anowak"}) is CertificateOffer.ORGANISER  # Kubernetes: ngshare
    assert certificate_offer(True, {}) is CertificateOffer.DOWNLOAD
    assert certificate_offer(False, {}) is CertificateOffer.NONE


def test_on_the_hub_a_completed_module_names_the_organiser_and_how_far_the_trainee_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(HUB_USER_ENV, "anowak")  # as JupyterHub starts the trainee's server
    course = course_of(HubDashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"), None, "anowak"))
    first = course.course.modules[0]
    course._draw(completed(course.course, 1))
    card = course.modules.children[0]
    (note,) = card.children[-1].children
    assert "Moduł ukończony." in note.value
    assert f"Zaświadczenie za moduł „{first.title}” wyda Ci organizator kursu" in note.value
    assert f"Ukończone moduły: 1 z {len(course.course.modules)}." in note.value
    assert course.modules.children[1].children[-1].children == (), "an unfinished module promises nothing"
    assert not [x for x in widgets_in(course) if isinstance(x, DownloadButton)]

    course._draw(completed(course.course, len(course.course.modules)))
    assert "Kurs ukończony." in course.next_text.value
    assert "Zaświadczenie ukończenia kursu wyda Ci organizator" in course.next_text.value
    assert "Pobierz" not in course.next_text.value
    assert not [x for x in widgets_in(course) if isinstance(x, DownloadButton)]


def test_without_a_group_course_a_finished_course_promises_no_certificate(tmp_path: Path):
    app = Dashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"))
    app.name.value, app.code.value = "anowak", "tajne12345"
    app.sign_in()
    course = course_of(app)
    course._draw(completed(course.course, len(course.course.modules)))
    assert course.next_text.value == "<b>Kurs ukończony.</b> Gratulacje!", "no register here: nothing to download"
    assert course.modules.children[0].children[-1].children == ()
