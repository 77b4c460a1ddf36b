"""Keep exceptions away from trainees: a failing callback shows a Polish message, the log gets the rest."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, Protocol

P = ParamSpec("P")
log = logging.getLogger("szkola_kooperacji.dashboard")

FAILURE = (
    "<span class='sk-message'>Coś poszło nie tak. Twoja dotychczasowa praca jest zapisana — "
    "odśwież stronę i zaloguj się ponownie. Jeśli błąd wróci, powiedz o nim prowadzącemu.</span>"
)


class Message(Protocol):
    """Where a failure is shown: an HTML widget, or a part of one (``side_notes.NotePart``)."""

    value: str


def guarded(message: Message) -> Callable[[Callable[P, Any]], Callable[P, None]]:
    """Wrap a widget callback so any exception is logged and shown as ``FAILURE`` in ``message``."""

    def decorate(callback: Callable[P, Any]) -> Callable[P, None]:
        @functools.wraps(callback)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                callback(*args, **kwargs)
            except Exception:
                log.exception("dashboard callback failed")
                message.value = FAILURE

        return run

    return decorate
