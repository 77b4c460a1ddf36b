"""``szkola roleplay serve`` as trainers run it: a process that keeps sessions across a restart."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from szkola_kooperacji.cli import main
from szkola_kooperacji.roleplay.client import LiveSession
from szkola_kooperacji.roleplay.seats import Seats
from tests.aio import run
from tests.documents.conftest import pdf_pages, squash

from .test_transport import SESSION_ID, _free_port, _until, trainer, wait_listening

SZKOLA = Path(sys.executable).with_name("szkola")


def _invoke(main_: click.Command, args: list[str]) -> Result:
    """Run the CLI in a thread of its own: its ``asyncio.run`` fails where a loop already runs (Playwright's)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(CliRunner().invoke, main_, args).result()


def _start(db: Path) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    process = subprocess.Popen(
        [str(SZKOLA), "roleplay", "serve", "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"ws://127.0.0.1:{port}"
    run(wait_listening(port))
    return process, url


@pytest.mark.slow
def test_sigterm_keeps_the_session_and_a_new_server_serves_it(tmp_path: Path, case, directory):
    db = tmp_path / "sesje.sqlite"
    process, url = _start(db)

    async def write() -> None:
        lead = LiveSession(url, SESSION_ID, trainer())
        await lead.start()
        lead.session.open(case, directory)
        lead.session.inject_event("Ojciec wrócił do picia.")
        await asyncio.sleep(0.2)
        await lead.stop()

    run(write())
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert "Sesje zapisują się w:" in out
    assert "sesje zapisane" in out
    process, url = _start(db)

    async def read() -> None:
        late = LiveSession(url, SESSION_ID, trainer())
        await late.start()
        await _until(lambda: bool(late.session.view().meeting.events))
        assert [e.text for e in late.session.view().meeting.events] == ["Ojciec wrócił do picia."]
        await late.stop()

    try:
        run(read())
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_opening_a_session_for_an_unknown_case_is_one_polish_line():
    result = _invoke(main, ["roleplay", "open", "nie_ma_takiego", "--server", "ws://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "nie ma przypadku 'nie_ma_takiego'" in result.output
    assert "Traceback" not in result.output


def test_a_server_that_is_not_running_is_one_polish_line():
    port = _free_port()
    result = _invoke(main, ["roleplay", "open", "bezrobocie_alkohol_zurawiec", "--server", f"ws://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert "nie można połączyć się z serwerem sesji" in result.output


@pytest.mark.slow
def test_a_trainer_opens_a_session_adds_an_event_and_prints_the_protocol(tmp_path: Path):
    process, url = _start(tmp_path / "sesje.sqlite")
    try:
        opened = _invoke(main, ["roleplay", "open", "przemoc_zagorze_brzozowa_laka", "--server", url])
        assert opened.exit_code == 0, opened.output
        session_id = opened.output.split()[1]
        assert "rola: kuratorzy" in opened.output
        added = _invoke(main, ["roleplay", "event", session_id, "Ojciec wrócił do picia.", "--server", url])
        assert added.exit_code == 0, added.output
        out = tmp_path / "protokol.pdf"
        printed = _invoke(main, ["roleplay", "protocol", session_id, "-o", str(out), "--server", url])
        assert printed.exit_code == 0, printed.output
        text = squash(" ".join(pdf_pages(out.read_bytes())))
        assert squash("Ojciec wrócił do picia.") in text
        assert squash("PROTOKÓŁ ZE SPOTKANIA") in text
        missing = _invoke(main, ["roleplay", "protocol", "nieistniejaca-sesja", "-o", str(out), "--server", url])
        assert missing.exit_code == 1
        assert "nie istnieje albo nie została otwarta" in missing.output
        stray = _invoke(main, ["roleplay", "event", "nieistniejaca-sesja", "x", "--server", url])
        assert stray.exit_code == 1
    finally:
        process.terminate()
        process.communicate(timeout=20)


@pytest.mark.slow
def test_the_workshop_server_stores_every_room_whole_when_sigterm_stops_it(tmp_path: Path, case, directory):
    """``szkola serve`` (real Voilà) stopped by SIGTERM right after an update: the update is in the store."""
    from szkola_kooperacji.roleplay.session import Session  # noqa: PLC0415
    from szkola_kooperacji.roleplay.store import SessionStore, load_into, open_database  # noqa: PLC0415
    from tests.browser.conftest import Server  # noqa: PLC0415

    workshop = Server(store=tmp_path / "drafts.sqlite", log=tmp_path / "serve.log")
    workshop.start()
    url = f"ws://127.0.0.1:{workshop.port}"

    async def write() -> None:
        lead = LiveSession(url, SESSION_ID, trainer())
        await lead.start()
        lead.session.open(case, directory)
        lead.session.inject_event("Ojciec wrócił do picia.")
        await asyncio.sleep(0.05)  # sent, but maybe not yet written by the room
        assert workshop.process is not None
        workshop.process.send_signal(signal.SIGTERM)  # a service manager's stop, not Ctrl-C
        await lead.stop()

    try:
        run(write())
        assert workshop.process is not None
        assert workshop.process.wait(timeout=60) == 0
    finally:
        workshop.kill()
    store = SessionStore(open_database(tmp_path / "roleplay.sqlite"), SESSION_ID)
    assert store.count() == 1  # stored whole at exit (the rooms' flush), not left as a trail of updates
    doc = Session().doc

    async def read() -> None:
        assert await load_into(store, doc)

    run(read())
    assert [e.text for e in Session(doc).view().meeting.events] == ["Ojciec wrócił do picia."]


@pytest.mark.slow
def test_the_cli_assigns_refuses_a_second_role_and_frees_a_role(tmp_path: Path):
    process, url = _start(tmp_path / "sesje.sqlite")
    db = str(tmp_path / "sesje.sqlite")  # the server's own database: the one it checks seats in
    try:
        opened = _invoke(main, ["roleplay", "open", "bezrobocie_alkohol_zurawiec", "--server", url])
        session_id = opened.output.split()[1]
        other = str(tmp_path / "przydzialy.sqlite")  # another database would change nothing the server reads
        for command in (["assign", session_id, "pup", "Ewa Doradczyni"], ["unassign", session_id, "pup"]):
            wrong = _invoke(main, ["roleplay", *command, "--server", url, "--db", other])
            assert wrong.exit_code == 1
            assert "w innej bazie" in wrong.output
            assert "Traceback" not in wrong.output
        assert Seats(Path(other)).of_session(session_id) == []
        given = _invoke(main, ["roleplay", "assign", session_id, "pup", "Ewa Doradczyni", "--server", url, "--db", db])
        assert given.exit_code == 0, given.output
        second = _invoke(
            main, ["roleplay", "assign", session_id, "gops_zurawiec", "Ewa Doradczyni", "--server", url, "--db", db]
        )
        assert second.exit_code == 1
        assert "uczestnik ma jedną rolę" in second.output
        assert "Traceback" not in second.output
        freed = _invoke(main, ["roleplay", "unassign", session_id, "pup", "--server", url, "--db", db])
        assert freed.exit_code == 0, freed.output
        again = _invoke(
            main, ["roleplay", "assign", session_id, "gops_zurawiec", "Ewa Doradczyni", "--server", url, "--db", db]
        )
        assert again.exit_code == 0, again.output
        assert [s.role for s in Seats(Path(db)).of_trainee("Ewa Doradczyni")] == ["gops_zurawiec"]
    finally:
        process.terminate()
        process.communicate(timeout=20)
