"""``szkola roleplay``: the G-PZK role-play's session server, and opening a session for a case."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import click

from ..data.cache import cached_valid_catalog
from ..documents.formats import DocumentFormat
from ..documents.protocol import protocol_document, render_protocol
from ..domain.meeting import Meeting, judge_meeting
from ..domain.sharing import FORUM_LABELS, Forum
from ..errors import SzkolaError, UnknownCaseError
from ..roleplay.client import LiveSession
from ..roleplay.passes import TRAINER, issue, load_secret
from ..roleplay.seats import Seats, assign_role, release_role
from ..roleplay.server import serve as run_server
from ..roleplay.session import Session
from ..roleplay.store import check_session_id, default_location
from ..storage.database import is_database_url, redact

DEFAULT_PORT = 8870
TRAINER_PAGE = "http://127.0.0.1:8868/"
"""Where ``voila notebooks/gpzk_trener.ipynb --port 8868`` serves the facilitator's page by default."""


@click.group()
def roleplay() -> None:
    """Odgrywanie ról G-PZK: serwer sesji i otwieranie sesji dla przypadku."""


@roleplay.command("serve")
@click.option("--port", default=DEFAULT_PORT, show_default=True, help="Port serwera sesji.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres nasłuchu (0.0.0.0: sieć sali).")
@click.option(
    "--db",
    default=None,
    help="Plik SQLite albo adres postgresql://… bazy z sesjami (domyślnie baza prac uczestników, gdy to "
    "PostgreSQL, a inaczej roleplay.sqlite obok prac).",
)
def serve(*, port: int, host: str, db: str | None) -> None:
    """Uruchom serwer sesji G-PZK (zatrzymanie: Ctrl-C; sesje zostają w bazie)."""
    location: Path | str = default_location() if db is None else db if is_database_url(db) else Path(db)
    click.echo(f"Serwer sesji G-PZK: ws://{host}:{port}/gpzk/sesja/<id sesji>")
    click.echo(f"Sesje zapisują się w: {redact(location) if isinstance(location, str) else location}")
    click.echo("Zatrzymanie: Ctrl-C.")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C, like SIGTERM, stops the server after storing
        asyncio.run(run_server(port, location, load_secret(create=True), address=host))
    click.echo("Serwer sesji zatrzymany; sesje zapisane.")


@roleplay.command("open")
@click.argument("case_id")
@click.option("--server", "url", default=f"ws://127.0.0.1:{DEFAULT_PORT}", show_default=True, help="Adres serwera.")
@click.option(
    "--forum",
    type=click.Choice([f.value for f in Forum]),
    default=Forum.G_PZK.value,
    show_default=True,
    help="Rodzaj spotkania: G-PZK albo grupa diagnostyczno-pomocowa (procedura „Niebieskie Karty”).",
)
@click.option("--page", default=TRAINER_PAGE, show_default=True, help="Adres strony trenera (gpzk_trener.ipynb).")
def open_session(*, case_id: str, url: str, forum: str, page: str) -> None:
    """Otwórz nową sesję dla przypadku i wypisz jej identyfikator oraz role."""
    catalog = cached_valid_catalog()
    case = catalog.cases.get(case_id)
    if case is None:
        raise UnknownCaseError(f"nie ma przypadku {case_id!r}; dostępne: {', '.join(sorted(catalog.cases))}")
    if catalog.directory is None:
        raise SzkolaError("brak Listy aktywności i usług w danych")
    directory = catalog.directory
    session_id = secrets.token_urlsafe(12)
    trainer = issue(load_secret(), session_id, TRAINER)

    async def run() -> list[str]:
        live = LiveSession(url, session_id, trainer)
        try:
            await live.start()
        except OSError as error:
            raise SzkolaError(f"nie można połączyć się z serwerem sesji {url} ({error.strerror or error})") from None
        live.session.open(case, directory, Forum(forum))
        await asyncio.sleep(0.5)  # let the opening reach the server before disconnecting
        roles = list(live.session.view().meeting.roles)
        await live.stop()
        return roles

    roles = asyncio.run(run())
    click.echo(f"Sesja: {session_id} ({FORUM_LABELS[Forum(forum)]}, przypadek {case_id})")
    for institution_id in roles:
        name = directory.institution(institution_id)
        click.echo(f"  rola: {institution_id} – {name.name if name else '?'}")
    click.echo(f"Strona trenera (linki wejścia dla ról): {page}?{urlencode({'wejscie': trainer})}")


def _read(url: str, session_id: str, change: Callable[[Session], object] | None = None) -> Meeting:
    """Connect to a session, optionally make one move, and return the meeting as synced."""
    trainer = issue(load_secret(), check_session_id(session_id), TRAINER)

    async def run() -> Meeting:
        live = LiveSession(url, session_id, trainer)
        try:
            await live.start()
        except OSError as error:
            raise SzkolaError(f"nie można połączyć się z serwerem sesji {url} ({error.strerror or error})") from None
        if live.session.header().case_id == "nieznany":  # never write into a session nobody opened
            await live.stop()
            raise SzkolaError(f"sesja {session_id} nie istnieje albo nie została otwarta (szkola roleplay open)")
        try:
            if change is not None:
                change(live.session)
                await asyncio.sleep(0.5)  # let the move reach the server before disconnecting
            return live.session.view().meeting
        finally:
            await live.stop()

    return asyncio.run(run())


@roleplay.command("assign")
@click.argument("session_id")
@click.argument("role")
@click.argument("trainee")
@click.option("--server", "url", default=f"ws://127.0.0.1:{DEFAULT_PORT}", show_default=True, help="Adres serwera.")
@click.option("--db", default=None, help="Baza sesji (jak w „szkola roleplay serve”; domyślnie ta sama co serwera).")
def assign(*, session_id: str, role: str, trainee: str, url: str, db: str | None) -> None:
    """Przydziel rolę zalogowanemu uczestnikowi (po identyfikatorze): wejdzie na spotkanie ze swojego pulpitu."""
    location: Path | str = default_location() if db is None else db if is_database_url(db) else Path(db)
    seats = Seats(location)
    meeting = _read(url, session_id, seats.check_same_store)  # the server's seats database, not another
    holder = assign_role(seats, session_id, meeting, role, trainee)
    click.echo(f"Rola {role} przydzielona: {holder}. Uczestnik dołączy z listy na swoim pulpicie.")


@roleplay.command("unassign")
@click.argument("session_id")
@click.argument("role")
@click.option("--server", "url", default=f"ws://127.0.0.1:{DEFAULT_PORT}", show_default=True, help="Adres serwera.")
@click.option("--db", default=None, help="Baza sesji (jak w „szkola roleplay serve”; domyślnie ta sama co serwera).")
def unassign(*, session_id: str, role: str, url: str, db: str | None) -> None:
    """Zwolnij rolę: uczestnik, który ją miał, zostaje od razu rozłączony i nie dołączy ponownie."""
    location: Path | str = default_location() if db is None else db if is_database_url(db) else Path(db)
    _read(url, session_id, lambda session: release_role(Seats(location), session_id, session, role))
    click.echo(f"Rola {role} zwolniona.")


@roleplay.command("event")
@click.argument("session_id")
@click.argument("text")
@click.option("--server", "url", default=f"ws://127.0.0.1:{DEFAULT_PORT}", show_default=True, help="Adres serwera.")
def event(*, session_id: str, text: str, url: str) -> None:
    """Dodaj zdarzenie w trakcie spotkania, które wszyscy zobaczą (np. „ojciec wrócił do picia”)."""
    _read(url, session_id, lambda session: session.inject_event(text))
    click.echo("Zdarzenie dodane do sesji.")


@roleplay.command("protocol")
@click.argument("session_id")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Plik .pdf albo .docx."
)
@click.option("--server", "url", default=f"ws://127.0.0.1:{DEFAULT_PORT}", show_default=True, help="Adres serwera.")
@click.option("--next-meeting", default="", help="Termin i miejsce następnego spotkania.")
def protocol(*, session_id: str, output: Path, url: str, next_meeting: str) -> None:
    """Zapisz protokół spotkania z informacją zwrotną dla zespołu (PDF albo DOCX)."""
    fmt = {".pdf": DocumentFormat.PDF, ".docx": DocumentFormat.DOCX}.get(output.suffix.lower())
    if fmt is None:
        raise SzkolaError("plik protokołu musi mieć rozszerzenie .pdf albo .docx")
    meeting = _read(url, session_id)
    catalog = cached_valid_catalog()
    case = catalog.cases.get(meeting.case_id)
    if case is None or catalog.directory is None:
        raise UnknownCaseError(f"przypadku sesji {meeting.case_id!r} nie ma w danych")
    feedback = judge_meeting(case, catalog.directory, meeting)
    document = protocol_document(
        case, catalog.directory, meeting, feedback, held_on=dt.date.today(), next_meeting=next_meeting
    )
    output.write_bytes(render_protocol(document, fmt))
    click.echo(f"zapisano {output}")
