"""A signed-in trainee joins the G-PZK meetings the trainer assigned them a role in, from their dashboard.

The dashboard (``szkola serve`` sign-in or a hub account) knows who the trainee
is; ``roleplay.seats`` says which roles the trainer gave that id. Joining signs a
pass in this kernel — it runs on the server, beside the secret — and opens the
role's seat in the dashboard, so no pass is ever in an address or the browser.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..errors import SessionError, SzkolaError
from ..roleplay.seats import Seat, Seats
from ..roleplay.store import default_location
from .guard import guarded
from .render import e
from .shared_looks import shown

if TYPE_CHECKING:
    from ..roleplay.client import LiveSession
    from ..storage.drafts import DraftStore
    from .landing import Dashboard

_LOG = logging.getLogger("szkola_kooperacji.gpzk")
HEADING = "<h3>Spotkanie zespołu G-PZK</h3>"
_RUNNING: set[asyncio.Future[Any]] = set()
"""Tasks started from a click, kept until done (the loop holds only weak references)."""


def _background(work: Coroutine[Any, Any, Any]) -> None:
    task = asyncio.ensure_future(work)
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)


def _seats(store: DraftStore) -> Seats | None:
    """Return the kernel's one connection to the assignments, or None while no session was ever stored.

    None is not kept: the trainer may open the first session after this kernel started. On a hub the
    assignments live in the drafts' PostgreSQL database, so they are read over the drafts' connection:
    a second one per trainee would double what the database must accept (``max_connections``).
    """
    location = default_location()
    if isinstance(location, Path) and not location.exists():
        return None  # a workshop without a role-play (yet): no file is made for it
    if location == store.location:
        return _seats_beside(store)
    return _open_seats(location)


@cache
def _open_seats(location: Path | str) -> Seats:
    return Seats(location)


@cache
def _seats_beside(store: DraftStore) -> Seats:
    return Seats(database=store.database)


def meeting_cards(dashboard: Dashboard) -> list[w.Widget]:
    """Return a card per meeting role the trainer assigned to the signed-in trainee (nothing when none)."""
    if dashboard.trainee is None:
        return []
    try:
        seats = _seats(dashboard.store)
        found = seats.of_trainee(dashboard.trainee) if seats is not None else []
    except (SzkolaError, OSError):  # the dashboard works without the role-play
        _open_seats.cache_clear()
        _seats_beside.cache_clear()
        _LOG.exception("Could not read the G-PZK seats")
        return []
    if not found:
        return []
    message = w.HTML()
    section = w.VBox([w.HTML(HEADING), *(_card(dashboard, seat, message) for seat in found), message])
    section.add_class("sk-gpzk-meetings")
    return [section]


def _card(dashboard: Dashboard, seat: Seat, message: w.HTML) -> w.Widget:
    directory = dashboard.catalog.directory
    institution = directory.institution(seat.role) if directory else None
    case = dashboard.catalog.cases.get(seat.case_id)
    info = w.HTML(
        f"<b>Twoja rola: {e(institution.name if institution else seat.role)}</b><br>"
        f"<span class='sk-muted'>{e(case.title if case else seat.case_id)}</span>",
        layout=shown(width="80%"),
    )
    button = w.Button(description="Dołącz do spotkania", button_style="primary", layout=shown(width="auto"))
    button.add_class("sk-join-gpzk")
    button.on_click(guarded(message)(lambda _: _start(dashboard, seat, message)))
    card = w.HBox([info, button])
    card.add_class("sk-card")
    return card


def _start(dashboard: Dashboard, seat: Seat, message: w.HTML) -> None:
    message.value = "<span class='sk-muted'>Łączę ze spotkaniem…</span>"
    _background(join(dashboard, seat, message))


class MeetingPane(w.VBox):
    """The seat shown in the dashboard; closing it (back, sign-out) ends the connection to the session."""

    live: LiveSession | None = None

    def close(self) -> None:
        """Close the widgets and disconnect from the session."""
        if self.live is not None:
            _background(self.live.stop())
            self.live = None
        super().close()


async def join(dashboard: Dashboard, seat: Seat, message: w.HTML) -> MeetingPane | None:
    """Join the meeting as the assigned role and show the seat; a refusal is one Polish line on the page."""
    from ..roleplay.client import LiveSession  # noqa: PLC0415 - the CRDT stack only for a trainee who joins
    from ..roleplay.hub_identity import user_token  # noqa: PLC0415
    from ..roleplay.passes import issue, load_secret  # noqa: PLC0415
    from .gpzk import _seat, server_url  # noqa: PLC0415
    from .hub_identity import hub_user  # noqa: PLC0415

    trainee = dashboard.trainee
    catalog = dashboard.catalog
    seats = _seats(dashboard.store)
    try:
        if trainee is None or seats is None or not seats.holds(seat.session_id, seat.role, trainee):
            raise SessionError("Trener zmienił przydział ról; odśwież listę (Wróć) albo zapytaj trenera.")
        if (hub_token := user_token()) and hub_user():  # a hub account: the server asks the hub who it is
            live = LiveSession(server_url(), seat.session_id, hub_token=hub_token)
        else:  # a workshop: this kernel runs on the server, beside the secret
            token = issue(load_secret(), seat.session_id, seat.role, trainee, seat=True)  # ends when the role is freed
            live = LiveSession(server_url(), seat.session_id, token)
        await live.start()
        case = catalog.cases.get(live.session.header().case_id)
        if case is None or catalog.directory is None:
            await live.stop()
            raise SessionError("Ta sesja nie została otwarta albo jej przypadku nie ma w danych.")
        live.session.claim_role(seat.role, trainee)
    except SessionError as error:
        message.value = f"<span class='sk-message'>{e(error)}</span>"
        return None
    except OSError:
        message.value = "<span class='sk-message'>Serwer sesji G-PZK nie odpowiada; powiedz trenerowi.</span>"
        return None
    pane = MeetingPane([_seat(live, case, catalog.directory, seat.role)])
    pane.live = live
    message.value = ""
    _show(dashboard, pane, case.title)
    return pane


def _show(dashboard: Dashboard, pane: MeetingPane, title: str) -> None:
    dashboard.show_workspace(pane, f"Spotkanie G-PZK · {title}")  # its frame: back button, name, sign-out
