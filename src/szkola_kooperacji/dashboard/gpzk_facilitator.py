"""The trainer's seat at a G-PZK meeting: who is in, what each role did, events, join links, the protokół.

The trainer opens ``gpzk_trener.ipynb`` with the pass ``szkola roleplay open``
printed (``?wejscie=…``). The desk redraws ``roleplay.views.facilitator_html``
whenever anyone at the table changes the session, issues each role's join link
(a signed pass: the role page takes its identity from it), injects events every
role sees, and downloads the protokół with the team's feedback as DOCX or PDF.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from urllib.parse import parse_qs, urlencode

import ipywidgets as w

from ..data.cache import cached_valid_catalog
from ..documents.formats import DocumentFormat
from ..domain.case import Case
from ..domain.directory import ServiceDirectory
from ..domain.meeting import judge_meeting
from ..errors import SessionError, SzkolaError
from ..roleplay.client import LiveSession
from ..roleplay.passes import issue, load_secret, read
from ..roleplay.seats import Seats
from ..roleplay.session import Session
from ..roleplay.views import facilitator_html
from ..storage.drafts import DraftStore
from .assets import stylesheet
from .gpzk import LOST, SERVER_ENV, server_url
from .gpzk_assign import RoleAssignments
from .gpzk_protocol import protocol_buttons, protocol_file

ROLE_PAGE_ENV = "SZKOLA_GPZK_PAGE"
"""The address of the role page (``gpzk.ipynb`` served by Voilà) that join links point to."""

DEFAULT_ROLE_PAGE = "http://127.0.0.1:8867/"


class FacilitatorDesk(w.VBox):
    """The trainer's widgets over one live session."""

    live: LiveSession | None = None

    def __init__(
        self,
        case: Case,
        directory: ServiceDirectory,
        session: Session,
        session_id: str,
        secret: bytes,
        *,
        seats: Seats | None = None,
        trainees: Sequence[str] = (),
    ) -> None:
        self.case, self.directory, self.session = case, directory, session
        self.session_id, self._secret = session_id, secret
        self.assignments = RoleAssignments(
            seats if seats is not None else Seats(),
            session,
            session_id,
            directory,
            trainees=trainees,
            changed=self.refresh,
        )
        self.view = w.HTML()
        self.message = w.HTML()
        roles = list(session.header().roles)
        self.role = w.Dropdown(
            options=[(self._institution_name(r), r) for r in roles], description="Rola", layout=_wide()
        )
        self.person = w.Text(description="Uczestnik", placeholder="imię i nazwisko", layout=_wide())
        self.invite = w.Button(description="Utwórz link wejścia")
        self.invite.on_click(lambda _b: self._invite())
        self.links = w.HTML()
        self.event = w.Textarea(description="Zdarzenie", placeholder="np. Ojciec wrócił do picia.", layout=_wide())
        self.announce = w.Button(description="Ogłoś zdarzenie wszystkim")
        self.announce.on_click(lambda _b: self._add_event())
        self.next_meeting = w.Text(
            value=session.header().next_meeting,
            description="Następne",
            placeholder="spotkanie: termin i miejsce",
            continuous_update=False,
            layout=_wide(),
        )
        self.next_meeting.observe(lambda _change: self._save_next_meeting(), "value")
        self.downloads = protocol_buttons(self.protocol)
        for button in (self.invite, self.announce):
            button.layout = w.Layout(width="auto")
        side = w.VBox(
            [
                w.HTML("<h3>Zdarzenie w trakcie spotkania</h3><p class='sk-muted'>Zobaczą je wszystkie role.</p>"),
                self.event,
                self.announce,
                self.assignments,
                w.HTML(
                    "<h3>Zaproś przez link</h3><p class='sk-muted'>Dla uczestnika bez logowania do pulpitu: "
                    "link wejścia dla jednej roli.</p>"
                ),
                self.role,
                self.person,
                self.invite,
                self.links,
                w.HTML(
                    "<h3>Protokół z informacją zwrotną</h3><p class='sk-muted'>Każda rola pobiera ten sam protokół "
                    "na swojej stronie (zakładka „Wynik i mapa współpracy”).</p>"
                ),
                self.next_meeting,
                w.HBox(list(self.downloads.values()), layout=w.Layout(flex_flow="row wrap")),
                self.message,
            ],
            layout=w.Layout(flex="2 1 360px", min_width="320px", margin="0 0 0 16px"),
        )
        side.add_class("sk-panel")
        self.view.layout = w.Layout(flex="3 1 520px")
        super().__init__(
            [
                w.HTML(f"<style>{stylesheet()}</style>"),
                w.HBox([self.view, side], layout=w.Layout(flex_flow="row wrap", align_items="flex-start")),
            ]
        )
        self.add_class("sk-root")
        self.add_class("sk-gpzk-facilitator")
        self.refresh()

    def _institution_name(self, institution_id: str) -> str:
        institution = self.directory.institution(institution_id)
        return institution.name if institution else institution_id

    def refresh(self) -> None:
        """Redraw the trainer's view from the session."""
        meeting = self.session.view().meeting
        self.view.value = facilitator_html(
            self.case, self.directory, meeting, judge_meeting(self.case, self.directory, meeting)
        )

    def _say(self, text: str, level: str = "error") -> None:
        self.message.value = f"<p class='sk-{level}'>{escape(text)}</p>"

    def _invite(self) -> None:
        name = " ".join(self.person.value.split())
        if self.role.value is None or not name:
            self._say("Wybierz rolę i wpisz imię i nazwisko uczestnika.")
            return
        page = os.environ.get(ROLE_PAGE_ENV, DEFAULT_ROLE_PAGE)
        link = f"{page}?{urlencode({'wejscie': issue(self._secret, self.session_id, self.role.value, name)})}"
        row = (
            f"<li data-role='{escape(self.role.value, quote=True)}'><strong>{escape(self.role.label)}</strong> – "
            f"{escape(name)}:<br><a href='{escape(link, quote=True)}' target='_blank' style='word-break: break-all'>"
            f"{escape(link)}</a></li>"
        )
        opened = self.links.value.replace("</ul>", "") if self.links.value else "<ul class='sk-links sk-findings'>"
        self.links.value = opened + row + "</ul>"
        self.person.value = ""
        self.message.value = ""

    def _add_event(self) -> None:
        text = " ".join(self.event.value.split())
        if not text:
            self._say("Opisz zdarzenie, zanim je ogłosisz.")
            return
        try:
            self.session.inject_event(text)
        except ValueError as error:  # over the length limit: pydantic names it
            self._say(f"Niepoprawne dane: {str(error).splitlines()[0]}")
            return
        self.event.value = ""
        self.message.value = ""
        self.refresh()

    def _save_next_meeting(self) -> None:
        """Record the next meeting in the session: every role's protokół names it, not only the trainer's."""
        try:
            self.session.set_next_meeting(self.next_meeting.value)
        except SessionError as error:
            self._say(str(error))
            return
        self.message.value = ""

    def protocol(self, fmt: DocumentFormat) -> tuple[str, str, bytes]:
        """Return the protokół as it stands now: file name, media type, bytes (what a download button saves)."""
        self._save_next_meeting()  # typed but not yet left: the field saves on leaving it
        return protocol_file(self.case, self.directory, self.session.view().meeting, fmt)


def _signed_in() -> list[str]:
    """Return the names of trainees who signed in to the workshop's store (none when it cannot be read)."""
    try:
        store = DraftStore()
    except (SzkolaError, OSError):
        return []
    try:
        return store.trainee_names()
    finally:
        store.close()


def _wide() -> w.Layout:
    return w.Layout(width="auto")


async def open_desk(query: str | None = None, server: str | None = None) -> w.Widget:
    """Open the trainer's desk for the session named by the pass in the page's address."""
    params = parse_qs(query if query is not None else os.environ.get("QUERY_STRING", ""))
    token = params.get("wejscie", [""])[0]
    catalog = cached_valid_catalog()
    try:
        holder = read(token)
        if not holder.is_trainer:
            raise SessionError("To link uczestnika; stronę trenera otwiera link wypisany przez „szkola roleplay open”.")
        secret = load_secret()
        live = LiveSession(server or server_url(), holder.session_id, token)
        await live.start()
        meeting = live.session.header()
        case = catalog.cases.get(meeting.case_id)
        if case is None or catalog.directory is None:
            await live.stop()
            raise SessionError("Ta sesja nie została otwarta albo jej przypadku nie ma w danych.")
    except SessionError as error:
        return w.HTML(f"<p class='sk-error'>{escape(str(error))}</p>")
    except OSError:
        return w.HTML(f"<p class='sk-error'>Serwer sesji G-PZK nie odpowiada (zmienna {SERVER_ENV}).</p>")
    try:
        desk = FacilitatorDesk(case, catalog.directory, live.session, holder.session_id, secret, trainees=_signed_in())
    except SzkolaError as error:  # the assignments' database cannot be read (e.g. PostgreSQL unreachable)
        await live.stop()
        return w.HTML(f"<p class='sk-error'>{escape(str(error))}</p>")
    live.on_change(desk.refresh)
    live.on_lost = lambda: desk._say(LOST)
    desk.live = live
    return desk
