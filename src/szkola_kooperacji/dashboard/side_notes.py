"""The side panel beside a case's editors: save indicator, progress and live findings as one widget.

An edit changes all three. As separate widgets that is three update messages for the kernel to
send, the server to relay and the page to read — with forty trainees editing at the same instant,
every relayed message is felt (#13). As parts of one HTML widget, changed under its ``hold_sync()``,
an edit is one update. Each part keeps its class (``sk-saved``, ``sk-side-progress``,
``sk-live-findings``) for the page's script, the style sheet and the tests.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

SAVE_FAILED = "<span class='sk-message'>Nie udało się zapisać. Spróbuj ponownie za chwilę.</span>"


class NotePart:
    """One part of the side notes, set like an HTML widget's ``value`` (so ``guarded`` can write to it)."""

    def __init__(self, notes: SideNotes, css_class: str) -> None:
        self._notes, self.css_class, self._html = notes, css_class, ""

    @property
    def value(self) -> str:
        """The part's HTML, as last set."""
        return self._html

    @value.setter
    def value(self, html: str) -> None:
        self._html = html
        self._notes.redraw()


class SideNotes(w.HTML):
    """The save indicator, optionally the progress, and the live findings of one workspace."""

    def __init__(self, *, with_progress: bool) -> None:
        super().__init__()
        self.status = NotePart(self, "sk-saved")
        self.progress = NotePart(self, "sk-side-progress")
        self.findings = NotePart(self, "sk-live-findings")
        self._parts = [self.status, *([self.progress] if with_progress else []), self.findings]
        self.saves = 0
        self.add_class("sk-side-notes")

    def redraw(self) -> None:
        """Compose the widget's value from its parts (under ``hold_sync()`` the page gets only the last)."""
        self.value = "".join(f"<div class='{part.css_class}'>{part.value}</div>" for part in self._parts)

    def show_saved(self, saved: bool) -> None:
        """Say the store has the change, or that it has not; every save is a new value.

        The count makes every save a new value within the same minute too, so the page redraws the
        indicator each time (it says "Niezapisane zmiany" while the trainee types).
        """
        if saved:
            self.saves += 1
            self.status.value = f"<span data-save='{self.saves}'>Zapisano o {dt.datetime.now():%H:%M}</span>"
        else:
            self.status.value = SAVE_FAILED
