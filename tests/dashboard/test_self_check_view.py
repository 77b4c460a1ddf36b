"""The self-check widgets: each kind answered through its controls, fail, retry, pass; the lesson view around them."""

from __future__ import annotations

from pathlib import Path

from szkola_kooperacji.dashboard.lesson_view import NO_SELF_CHECK, LessonView
from szkola_kooperacji.dashboard.self_check_view import CHOOSE, SelfCheckView
from szkola_kooperacji.domain.self_check import SelfCheckResult

from ..domain.test_self_check import KEYS, self_check


def controls(view: SelfCheckView):
    return {c.item.id: c for c in view.items}


def test_fail_then_retry_then_pass_through_the_controls():
    reported: list[SelfCheckResult] = []
    view = SelfCheckView(self_check(), reported.append)
    by_id = controls(view)
    by_id["zespol"].control.value = "wzk"
    by_id["lista"].control.value = ("dla_kogo", "dojazd")
    by_id["sektory"].pairs["pup"].value = "praca"
    by_id["sektory"].pairs["ppp"].value = "edukacja"
    first = view.check()
    assert not first.passed
    assert "✖" in by_id["zespol"].feedback.value
    assert "WZK wspiera region." in by_id["zespol"].feedback.value
    assert "✔" in by_id["lista"].feedback.value
    assert "Jeszcze nie zaliczone" in view.summary.value
    # the ordering starts as written in the file (kontrakt, wywiad, diagnoza): move kontrakt down twice
    ordering = by_id["etapy"]
    assert "kontrakt" in ordering.rows[0][0].value
    assert ordering.rows[0][1].disabled
    assert ordering.rows[-1][2].disabled
    ordering.rows[0][2].click()
    ordering.rows[1][2].click()
    assert ordering.answer() == ["wywiad", "diagnoza", "kontrakt"]
    assert "1.</span> wywiad" in ordering.rows[0][0].value
    by_id["zespol"].control.value = "gpzk"
    assert by_id["zespol"].feedback.value == ""  # a changed answer loses its old reason
    second = view.check()
    assert second.passed
    assert "Zaliczone" in view.summary.value
    assert [r.passed for r in reported] == [False, True]
    assert view.answers() == {**KEYS, "lista": ["dla_kogo", "dojazd"]}


def test_matching_offers_every_right_element_under_the_left_one_as_its_name():
    view = SelfCheckView(self_check())
    pairs = controls(view)["sektory"].pairs
    assert [p.description for p in pairs.values()] == ["PUP", "poradnia"]
    assert pairs["pup"].options[0] == (CHOOSE, "")
    assert [label for label, _ in pairs["pup"].options[1:]] == ["rynek pracy", "edukacja", "zdrowie"]


def test_saved_answers_are_shown_again():
    view = SelfCheckView(self_check(), answers=KEYS)
    assert view.answers() == {**KEYS, "lista": ["dla_kogo", "dojazd"]}  # in option order
    assert view.check().passed


def test_lesson_view_shows_the_lesson_its_self_check_and_goes_back():
    went_back: list[bool] = []
    results: list[SelfCheckResult] = []
    view = LessonView(
        "lekcja_model_kooperacji",
        self_check=self_check(),
        on_back=lambda: went_back.append(True),
        on_self_check=results.append,
    )
    text = next(c for c in view.children if "sk-lesson-text" in c._dom_classes)
    assert "<h1>Lekcja 1. Model Kooperacji" in text.value
    assert view.self_check_view is not None
    view.self_check_view.check()
    assert len(results) == 1
    back = [c for c in view.children if "sk-lesson-back" in getattr(c, "_dom_classes", ())]
    back[0].click()
    assert went_back == [True]


def test_a_missing_lesson_is_a_message_and_the_way_back_stays(tmp_path: Path):
    (tmp_path / "notebooks").mkdir()
    went_back: list[bool] = []
    view = LessonView(
        "nie_ma", self_check=None, on_back=lambda: went_back.append(True), on_self_check=print, root=tmp_path
    )
    html = " ".join(getattr(c, "value", "") for c in view.children)
    assert "Nie ma lekcji nie_ma" in html
    assert NO_SELF_CHECK in html
    view.children[-1].click()
    assert went_back == [True]


def test_once_passed_a_wrong_item_shows_its_explanation_too():
    view = SelfCheckView(self_check(threshold=0.75), answers={**KEYS, "zespol": "wzk"})
    assert view.check().passed
    shown = controls(view)["zespol"].feedback.value
    assert "✖" in shown
    assert "Wyjaśnienie:</b> G-PZK działa w gminie i powiecie." in shown


def test_before_passing_the_explanation_of_a_wrong_item_stays_hidden():
    view = SelfCheckView(self_check(), answers={**KEYS, "zespol": "wzk"})
    assert not view.check().passed
    assert "G-PZK działa w gminie i powiecie." not in controls(view)["zespol"].feedback.value


def test_texts_from_the_self_check_file_are_escaped():
    hostile = "<img src=x onerror=alert(1)>"
    item = {
        "id": "q",
        "kind": "single_choice",
        "question": f"Pytanie {hostile}",
        "options": [{"id": "a", "text": "A", "why": hostile}, {"id": "b", "text": "B"}],
        "answer": "b",
        "explanation": hostile,
        "hint": hostile,
    }
    view = SelfCheckView(self_check(item))
    view.items[0].control.value = "a"
    view.check()
    shown = " ".join(child.value for child in view.items[0].children if hasattr(child, "value") and child.value)
    assert "<img" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
