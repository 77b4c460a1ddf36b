"""A button that downloads a file the kernel makes on demand (anywidget; front-end in widgets/).

The file is built only when clicked and sent once as a message buffer, so a workshop of 40
does not push documents through the websocket on every edit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from ..data.paths import project_root

log = logging.getLogger("szkola_kooperacji.dashboard")

FAILED = "Nie udało się przygotować dokumentu. Twoja praca jest zapisana; spróbuj ponownie albo powiedz prowadzącemu."

MakeFile = Callable[[], tuple[str, str, bytes]]
"""Returns the file name, its media type and its bytes."""


class DownloadButton(anywidget.AnyWidget):
    """One click, one file: the browser saves what ``make`` returns."""

    _esm = traitlets.Unicode((project_root() / "widgets" / "download_button.js").read_text(encoding="utf-8")).tag(
        sync=True
    )
    description = traitlets.Unicode("Pobierz").tag(sync=True)

    def __init__(self, description: str, make: MakeFile, **kwargs: Any) -> None:
        """Label the button; ``make`` runs in the kernel on each click."""
        super().__init__(description=description, **kwargs)
        self._make = make
        self.on_msg(self._handle)

    def _handle(self, _: object, content: dict[str, Any], buffers: list[bytes]) -> None:
        if content.get("event") != "download":
            return
        try:
            name, mime, data = self._make()
        except Exception:
            log.exception("document download failed")
            self.send({"event": "error", "message": FAILED})
            return
        self.send({"event": "file", "filename": name, "mime": mime}, buffers=[data])
