"""A lesson inside the dashboard: its text from ``notebooks/<lesson id>.ipynb``, then its self-check.

The course view (another module) decides where a lesson sits and stores progress; this view
only shows the lesson, reports each checked self-check attempt through ``on_self_check`` and
returns through ``on_back``. Nothing from the lesson file runs: see ``lesson_html``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import ipywidgets as w

from ..data.lessons import read_lesson
from ..domain.self_check import Answer, SelfCheck, SelfCheckResult
from ..errors import LessonError
from .assets import stylesheet
from .guard import guarded
from .lesson_html import lesson_html
from .render import e
from .self_check_view import SelfCheckView
from .shared_looks import shown

NO_SELF_CHECK = "<p class='sk-muted'>Ta lekcja nie ma jeszcze samosprawdzenia.</p>"


class LessonView(w.VBox):
    """One lesson to read, its self-check below it, and a way back at the top and at the bottom."""

    def __init__(
        self,
        lesson_id: str,
        *,
        self_check: SelfCheck | None,
        on_back: Callable[[], None],
        on_self_check: Callable[[SelfCheckResult], None],
        answers: Mapping[str, Answer] | None = None,
        root: Path | None = None,
        back_label: str = "Wróć do modułu",
    ) -> None:
        """Build the view; ``answers`` are a saved attempt to show again, ``root`` holds ``notebooks/``."""
        self.lesson_id = lesson_id
        self.message = w.HTML()
        self.self_check_view: SelfCheckView | None = None
        try:
            lesson = read_lesson(lesson_id, root)
        except LessonError as error:
            title, body = lesson_id, w.HTML(f"<p class='sk-message'>{e(error)}</p>")
        else:
            title = lesson.title
            body = w.HTML(lesson_html(lesson.cells))
            body.add_class("sk-lesson-text")
        header = w.HBox([self._back(on_back, back_label), w.HTML(f"<b>{e(title)}</b>")])
        header.add_class("sk-lesson-header")
        if self_check is not None:
            self.self_check_view = SelfCheckView(self_check, on_self_check, answers)
            check: w.Widget = self.self_check_view
        else:
            check = w.HTML(NO_SELF_CHECK)
        footer = self._back(on_back, back_label)
        super().__init__(
            [w.HTML(f"<style>{stylesheet('lesson.css')}</style>"), header, self.message, body, check, footer]
        )
        self.add_class("sk-lesson")
        self.add_class(f"sk-lesson-{lesson_id}")

    def _back(self, on_back: Callable[[], None], label: str) -> w.Button:
        button = w.Button(description=f"← {label}", layout=shown(width="auto"))
        button.add_class("sk-lesson-back")
        button.on_click(guarded(self.message)(lambda _: on_back()))
        return button
