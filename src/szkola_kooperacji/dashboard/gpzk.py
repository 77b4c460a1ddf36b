"""One seat at the G-PZK table as widgets: a role shares, proposes, and (the lead) accepts or returns.

The widgets only call ``roleplay.session.Session`` moves and redraw the escaped
HTML of ``roleplay.views``; a refused move shows its Polish reason. With a
``LiveSession`` the kernel redraws whenever anyone at the table changes the
session (``live.on_change(seat.refresh)``). ``open_seat`` mounts it in
``notebooks/gpzk.ipynb`` for the person a signed join link names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from urllib.parse import parse_qs

import ipywidgets as w

from ..cooperation.layout import layout_map
from ..cooperation.svg import map_svg
from ..data.cache import cached_valid_catalog
from ..documents.formats import DocumentFormat
from ..domain.case import Case
from ..domain.cooperation import cooperation_map
from ..domain.directory import ServiceDirectory
from ..domain.meeting import Proposal, ProposalStatus, judge_meeting
from ..domain.sharing import SHARE_BASIS_LABELS, ShareBasis, knowledge_of
from ..domain.text import shorten
from ..errors import SessionError
from ..roleplay import workshop
from ..roleplay.client import LiveSession
from ..roleplay.passes import ROLE_RELEASED, read
from ..roleplay.session import Session
from ..roleplay.views import (
    contributions_html,
    role_html,
    sharing_feedback_html,
    sharing_score_html,
    team_score_summary_html,
)
from .assets import stylesheet
from .cooperation_tab import INTRO as MAP_INTRO
from .gpzk_plan import TeamPlanEditor
from .gpzk_proposal import ProposalForm
from .gpzk_protocol import protocol_buttons, protocol_file
from .render import feedback_html

SERVER_ENV = workshop.SERVER_ENV
"""Where the kernel finds the session server (set by ``szkola serve``; else ``szkola roleplay serve``'s port)."""

TEAM_CONTRACT = "kontrakcie zespołu"
"""How the score tab names the contract: the team's, not one trainee's."""

PROTOCOL_NOTE = (
    "Protokół z informacją zwrotną dla zespołu, taki sam jak u trenera: obecni, przekazane informacje i ich "
    "podstawa, ustalenia, następne spotkanie i ocena współpracy. Pobierz go na koniec spotkania."
)

LOST = (
    "Połączenie z serwerem sesji zostało przerwane; Twoje kolejne zmiany nie dotrą do zespołu. "
    "Odśwież stronę (ten sam link wejścia)."
)


class RoleSeat(w.VBox):
    """The widgets of one role: its view, sharing its knowledge, proposing its services, the lead's answers.

    Tabs: the meeting itself; for the lead, the team's diagnosis and goals; for
    everyone, the team's live score and cooperation map, redrawn on every change.
    """

    live: LiveSession | None = None
    """The connection to the session server, kept as long as the seat (None when driven from Python)."""
    _client: str | None = None
    """The contract's client as the lead recorded it: a proposal carried out by them is the client's."""
    _returned: dict[str, Proposal]
    """The role's own proposals the lead returned, by id (what the role may correct and send again)."""

    def __init__(
        self,
        case: Case,
        directory: ServiceDirectory,
        session: Session,
        institution_id: str,
        *,
        team_case: Case | None = None,
    ) -> None:
        """Seat a role: ``case`` is what it knows, ``team_case`` the whole case the team is scored on (default: case).

        The team's score and protokół are the trainer's: judged on the whole case, they
        count knowledge another institution left unsaid (by rule and institution, never
        its content), so every seat and the trainer see one score.
        """
        self.case, self.directory, self.session, self.institution_id = case, directory, session, institution_id
        self.team_case, self.map = team_case or case, w.HTML()
        self.view = w.HTML()
        self.message = w.HTML()
        self.score_line = w.HTML()
        self.score = w.HTML()
        self.map.add_class("sk-map")
        own = knowledge_of(case.knowledge, institution_id)
        self.item = w.Dropdown(
            options=[(f"{k.id}: {shorten(k.text, 50)}", k.id) for k in own], description="Informacja"
        )
        self.item.layout = w.Layout(width="min(100%, 640px)")
        self.basis = w.Dropdown(options=[(label, b.value) for b, label in SHARE_BASIS_LABELS.items()])
        self.basis.value = ShareBasis.BRAK.value
        self.share_button = w.Button(description="Przekaż zespołowi")
        self.share_button.on_click(lambda _b: self._move(self._share))
        self.proposal = ProposalForm(case, directory, institution_id)
        self.proposal.button.on_click(lambda _b: self._move(self._propose))
        meeting_tab: list[w.Widget] = [self.score_line, self.view]
        if own:
            meeting_tab.append(
                w.VBox(
                    [
                        w.HTML("<h3>Przekaż zespołowi informację</h3>"),
                        self.item,
                        w.HBox([self.basis, self.share_button]),
                    ]
                )
            )
        self.returned = w.Dropdown(description="Zwrócona", layout=w.Layout(width="min(100%, 640px)"))
        self.returned.add_class("sk-returned")
        self.revise_button = w.Button(description="Popraw i wyślij ponownie", layout=w.Layout(width="auto"))
        self.revise_button.on_click(lambda _b: self._move(self._load_returned))
        self.returned_box = w.VBox(
            [
                w.HTML("<h3>Propozycje zwrócone przez prowadzącego</h3>"),
                w.HBox([self.returned, self.revise_button], layout=w.Layout(flex_flow="row wrap")),
            ],
            layout=w.Layout(display="none"),
        )
        self.returned_box.add_class("sk-returned-proposals")
        if self.proposal.services:
            meeting_tab.extend([self.returned_box, self.proposal])
        self.pending = w.Dropdown(description="Propozycja", layout=w.Layout(width="min(100%, 640px)"))
        self.pending.add_class("sk-pending")
        self.comment = w.Text(description="Komentarz")
        self.accept_button = w.Button(description="Przyjmij do kontraktu")
        self.accept_button.on_click(lambda _b: self._move(self._accept))
        self.return_button = w.Button(description="Zwróć z komentarzem")
        self.return_button.on_click(lambda _b: self._move(self._send_back))
        header = session.view().meeting
        self.is_lead = institution_id == header.lead_institution_id
        self.plan: TeamPlanEditor | None = None
        if self.is_lead:
            meeting_tab.append(
                w.VBox(
                    [
                        w.HTML("<h3>Prowadzący: odpowiedz na propozycje</h3>"),
                        self.pending,
                        self.comment,
                        w.HBox([self.accept_button, self.return_button]),
                    ]
                )
            )
            self.plan = TeamPlanEditor(case, session, header.diagnosis, header.frame, self.refresh)
        pages: list[tuple[str, w.Widget]] = [("Spotkanie", w.VBox(meeting_tab))]
        if self.plan is not None:
            pages.append(("Diagnoza i cele zespołu", self.plan))
        pages.append(
            ("Wynik i mapa współpracy", w.VBox([self.score, self._protocol_box(), w.HTML(MAP_INTRO), self.map]))
        )
        self.tabs = w.Tab(children=[page for _, page in pages])
        self.tabs.titles = tuple(title for title, _ in pages)
        super().__init__([self.tabs, self.message])
        self.add_class("sk-gpzk-seat")
        self.refresh()

    def refresh(self) -> None:
        """Redraw the view, the team's score and map, the goals offered and the lead's open proposals."""
        meeting = self.session.view().meeting
        self.view.value = role_html(self.case, self.directory, meeting, self.institution_id) + sharing_feedback_html(
            self.case, meeting, self.institution_id
        )
        feedback = judge_meeting(self.team_case, self.directory, meeting)
        self.score_line.value = team_score_summary_html(feedback)
        self.score.value = (
            team_score_summary_html(feedback)
            + "<h3>Wkład ról w spotkanie</h3>"
            + contributions_html(self.directory, feedback)
            + sharing_score_html(feedback)
            + feedback_html(feedback.report, TEAM_CONTRACT)
        )
        self.map.value = map_svg(layout_map(cooperation_map(self.case, self.directory, meeting.contract())))
        self.proposal.refresh_goals(meeting.frame.goals)
        self._client = meeting.frame.client_member_id
        chosen = self.pending.value
        options = [
            (f"{p.institution_id}: {p.action.text[:60]}", p.action.id)
            for p in meeting.proposals
            if p.status == ProposalStatus.ZAPROPONOWANE
        ]
        self.pending.options = options
        ids = [proposal_id for _, proposal_id in options]
        self.pending.value = chosen if chosen in ids else (ids[0] if ids else None)
        self._returned = {
            p.action.id: p
            for p in meeting.proposals
            if p.status == ProposalStatus.ZWROCONE and p.institution_id == self.institution_id
        }
        chosen = self.returned.value
        self.returned.options = [(shorten(p.action.text, 60), i) for i, p in self._returned.items()]
        self.returned.value = chosen if chosen in self._returned else next(iter(self._returned), None)
        self.returned_box.layout.display = "flex" if self._returned else "none"

    def _protocol_box(self) -> w.Widget:
        """Return the protokół's download buttons: every participant leaves with it, not only the trainer."""
        self.downloads = protocol_buttons(self.protocol)
        protocol = w.VBox(
            [
                w.HTML(f"<h3>Protokół spotkania</h3><p class='sk-muted'>{PROTOCOL_NOTE}</p>"),
                w.HBox(list(self.downloads.values()), layout=w.Layout(flex_flow="row wrap")),
            ]
        )
        protocol.add_class("sk-gpzk-protocol")
        return protocol

    def protocol(self, fmt: DocumentFormat) -> tuple[str, str, bytes]:
        """Return the meeting's protokół as it stands now, the same file the trainer downloads."""
        return protocol_file(self.team_case, self.directory, self.session.view().meeting, fmt)

    def connection_lost(self) -> None:
        """Tell the participant that changes no longer reach the team (server stopped or refused a change).

        When the trainer freed the role, say so at the top and lock the seat: nothing typed here would count.
        """
        if self.live is None or not self.live.released:
            self.message.value = f"<p class='sk-error'>{LOST}</p>"
            return
        self.refresh()  # the server's last word: the table with this role free
        self.message.value = f"<p class='sk-error sk-role-released' role='alert'>{_escape(ROLE_RELEASED)}</p>"
        self.children = (self.message, self.tabs)
        _disable(self.tabs)

    def _move(self, move: Callable[[], object]) -> None:
        try:
            move()
        except SessionError as error:
            self.message.value = f"<p class='sk-error'>{_escape(str(error))}</p>"
            return
        except ValueError as error:  # a text over its limit: pydantic's message names the limit
            self.message.value = f"<p class='sk-error'>Niepoprawne dane: {_escape(str(error).splitlines()[0])}</p>"
            return
        self.message.value = ""
        self.refresh()

    def _accept(self) -> None:
        if self.pending.value is None:
            raise SessionError("Nie ma propozycji do przyjęcia.")
        self.session.accept(str(self.pending.value))

    def _send_back(self) -> None:
        if self.pending.value is None:
            raise SessionError("Nie ma propozycji do zwrócenia.")
        self.session.send_back(str(self.pending.value), self.comment.value)

    def _share(self) -> None:
        if self.item.value is None:
            raise SessionError("Twoja instytucja nie ma informacji do przekazania.")
        self.session.share(self.institution_id, str(self.item.value), ShareBasis(self.basis.value))

    def _load_returned(self) -> None:
        proposal = self._returned.get(str(self.returned.value))
        if proposal is None:
            raise SessionError("Nie ma zwróconej propozycji do poprawienia.")
        self.proposal.load(proposal.action, proposal.comment)

    def _propose(self) -> None:
        action = self.proposal.action(self._client)
        if self.proposal.revising is not None:  # the returned proposal goes back to the lead as proposed
            self.session.revise(self.proposal.revising, action)
        else:
            self.session.propose(self.institution_id, action)
        self.proposal.clear()


def _disable(widget: w.Widget) -> None:
    """Lock every control under the widget (buttons, fields, lists), leaving what it shows readable."""
    if isinstance(widget, w.Box):
        for child in widget.children:
            _disable(child)
    elif widget.has_trait("disabled"):
        widget.disabled = True


def _escape(text: str) -> str:
    return escape(text, quote=True)


def server_url() -> str:
    """Return the session server's address: ``szkola serve``'s own, else ``szkola roleplay serve``'s default port."""
    return os.environ.get(SERVER_ENV, "ws://127.0.0.1:8870")


async def open_seat(query: str | None = None, server: str | None = None) -> w.Widget:
    """Join the session as the role and person the signed pass in the page's address names (``?wejscie=…``).

    The kernel only reads the pass; the session server checks its signature
    and refuses a forged one, so nobody takes a role by editing the address.
    """
    params = parse_qs(query if query is not None else os.environ.get("QUERY_STRING", ""))
    token = params.get("wejscie", [""])[0]
    catalog = cached_valid_catalog()
    try:
        holder = read(token)
        if holder.is_trainer:
            raise SessionError("To link trenera; otwórz go na stronie trenera (gpzk_trener.ipynb).")
        live = LiveSession(server or server_url(), holder.session_id, token)
        await live.start()
        meeting = live.session.header()
        case = catalog.cases.get(meeting.case_id)
        if case is None or catalog.directory is None:
            raise SessionError("Ta sesja nie została otwarta albo jej przypadku nie ma w danych.")
        live.session.claim_role(holder.role, holder.name or "uczestnik")
    except SessionError as error:
        return _page(f"<p class='sk-error'>{_escape(str(error))}</p>")
    except OSError:
        return _page("<p class='sk-error'>Serwer sesji G-PZK nie odpowiada; poproś trenera o jego uruchomienie.</p>")
    return _page(_seat(live, case, catalog.directory, holder.role))


def _seat(live: LiveSession, case: Case, directory: ServiceDirectory, role: str) -> RoleSeat:
    """Mount a role's seat on a live session; the seat reads the case only as the transport brought it."""
    seat = RoleSeat(live.known_case(case), directory, live.session, role, team_case=case)

    def follow() -> None:  # a share may have revealed another institution's item to the table
        seat.case = live.known_case(case)
        seat.refresh()

    live.on_change(follow)
    live.on_lost = seat.connection_lost
    seat.live = live  # keep the connection alive as long as the seat
    return seat


def _page(body: w.Widget | str) -> w.Widget:
    """Wrap the page's content in the dashboard's stylesheet and root class."""
    page = w.VBox([w.HTML(f"<style>{stylesheet()}</style>"), w.HTML(body) if isinstance(body, str) else body])
    page.add_class("sk-root")
    return page
