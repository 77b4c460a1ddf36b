"""The last tab of a graded exercise: reflections, one button to submit, and the trainer's feedback.

The panel only edits the trainee's answers and calls the exchange; writing the work
into the notebook and submitting it is ``grading.exchange``'s job.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from ..domain.assessment import PART_LABELS, Part
from ..domain.privacy import PESEL_REFUSED, contains_pesel
from ..errors import SzkolaError
from ..grading import MAX_REFLECTION_CHARS as MAX_REFLECTION
from .guard import guarded
from .render import AUTOSAVED, e
from .shared_looks import shown

if TYPE_CHECKING:  # nbgrader and nbformat load only when a trainee opens an exercise
    from ..grading.exchange import Released


Submit = Callable[[dict[str, str]], None]
Feedback = Callable[[], str | None]
SaveAnswers = Callable[[dict[str, str]], None]


class ExercisePanel(w.VBox):
    """Reflection text areas, "Oddaj ćwiczenie" and "Pokaż informację zwrotną"."""

    def __init__(
        self,
        released: Released,
        answers: dict[str, str],
        *,
        save_answers: SaveAnswers,
        submit: Submit,
        fetch_feedback: Feedback,
        handed_in: str = "Trener zobaczy Twoją diagnozę, kontrakt i refleksje.",
    ) -> None:
        self.handed_in = handed_in
        self.released, self._save, self._submit, self._fetch = released, save_answers, submit, fetch_feedback
        self.status = w.HTML()
        self.status.add_class("sk-submit-status")
        # The reflections' own save indicator, under the same rules as the workspace's: the page marks it
        # "Niezapisane zmiany" while the trainee types, and only a save by the kernel redraws it.
        self.saved = w.HTML()
        self.saved.add_class("sk-saved")
        self.saved.add_class("sk-reflections-saved")
        self.saves = 0
        self.areas: dict[str, w.Textarea] = {}
        items: list[w.Widget] = [w.HTML(self._intro())]
        for number, reflection in enumerate(released.info.reflections, start=1):
            area = w.Textarea(
                value=answers.get(reflection.grade_id, ""),
                placeholder="Twoja odpowiedź…",
                continuous_update=False,
                layout=shown(width="98%", height="140px"),
            )
            area.add_class(f"sk-reflection-{number}")
            area.tooltip = f"Refleksja {number}: Twoja odpowiedź"  # its name for a screen reader
            area.observe(guarded(self.status)(lambda _: self._changed()), names="value")
            self.areas[reflection.grade_id] = area
            items += [
                w.HTML(
                    f"<p><b>Refleksja {number}</b> ({reflection.points:g} pkt, ocenia trener). "
                    f"{e(reflection.question)}</p>"
                ),
                area,
            ]
        submit_button = w.Button(description="Oddaj ćwiczenie", button_style="success", layout=shown(width="auto"))
        submit_button.add_class("sk-submit")
        submit_button.on_click(guarded(self.status)(lambda _: self.submit()))
        show = w.Button(description="Pokaż informację zwrotną od trenera", layout=shown(width="auto"))
        show.add_class("sk-show-returned")
        show.on_click(guarded(self.status)(lambda _: self.show_feedback()))
        self.returned = w.HTML()
        self.returned.add_class("sk-returned-feedback")
        reflections = w.VBox(items)
        reflections.add_class(AUTOSAVED)
        super().__init__([reflections, self.saved, w.HBox([submit_button, show]), self.status, self.returned])
        self.add_class("sk-exercise")

    def _intro(self) -> str:
        if not self.released.info.parts:
            return (
                f"<h3>{e(self.released.info.title)}</h3><p>Całe ćwiczenie ocenia trener: odpowiedz na pytania "
                "i kliknij „Oddaj ćwiczenie”. Możesz oddać ponownie; trener ocenia ostatnią wersję.</p>"
            )
        parts = "".join(
            f"<li>{e(PART_LABELS[Part(p)] if p in Part.__members__.values() else p)}</li>"
            for p in self.released.info.parts
        )
        return (
            f"<h3>{e(self.released.info.title)}</h3><p>Ocenie automatycznej podlega:</p><ul>{parts}</ul>"
            "<p>Refleksje ocenia trener. Gdy skończysz, kliknij „Oddaj ćwiczenie”. Możesz oddać ponownie; "
            "trener ocenia ostatnią wersję.</p>"
        )

    def answers(self) -> dict[str, str]:
        """Return the reflections as typed, by their grade id."""
        return {grade_id: area.value for grade_id, area in self.areas.items()}

    def _problem(self) -> str | None:
        """Return why the reflections cannot be saved (too long, a PESEL), or None."""
        texts = self.answers().values()
        if any(len(text) > MAX_REFLECTION for text in texts):
            return f"Refleksja jest za długa (najwyżej {MAX_REFLECTION} znaków). Skróć ją, aby została zapisana."
        if any(contains_pesel(text) for text in texts):
            return PESEL_REFUSED
        return None

    def _changed(self) -> bool:
        """Save the reflections; say truthfully whether the store has them. Return True when saved."""
        if problem := self._problem():
            self.saved.value = f"<span class='sk-message'>Refleksje nie zostały zapisane. {e(problem)}</span>"
            return False
        try:
            self._save(self.answers())
        except Exception:  # the store may be locked or full: tell the trainee, keep the text in the fields
            self.saved.value = "<span class='sk-message'>Nie udało się zapisać refleksji. Spróbuj ponownie.</span>"
            return False
        # A new value on every save, so the page redraws the indicator even within the same minute.
        self.saves += 1
        self.saved.value = f"<span data-save='{self.saves}'>Refleksje zapisane o {dt.datetime.now():%H:%M}</span>"
        return True

    def submit(self) -> None:
        """Submit the work and reflections through nbgrader's exchange; say plainly how it went."""
        answers = self.answers()
        if not self._changed():
            problem = self._problem() or "Nie udało się zapisać refleksji."
            self.status.value = f"<span class='sk-message'>{e(problem)}</span>"
            return
        try:
            self._submit(answers)
        except SzkolaError as error:
            self.status.value = f"<span class='sk-message'>Nie udało się oddać ćwiczenia: {e(error)}</span>"
            return
        self.status.value = (
            f"<span class='sk-ok'>✔ Oddano {dt.datetime.now():%d.%m.%Y o %H:%M}. {e(self.handed_in)}</span>"
        )

    def show_feedback(self) -> None:
        """Show the feedback page the trainer returned, in a sandboxed frame (no scripts run)."""
        try:
            page = self._fetch()
        except SzkolaError as error:
            self.status.value = f"<span class='sk-message'>{e(error)}</span>"
            return
        if page is None:
            self.returned.value = "<p class='sk-muted'>Trener nie zwrócił jeszcze informacji zwrotnej.</p>"
            return
        self.returned.value = (
            "<iframe class='sk-feedback-frame' title='Informacja zwrotna od trenera' sandbox='' "
            f'srcdoc="{html.escape(page, quote=True)}" '
            "style='width:100%;height:560px;border:1px solid #d9e2ec'></iframe>"
        )
