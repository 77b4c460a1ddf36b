"""A real server with a course: only roster ids with their issued code get in, wrong codes are slowed down,
and after sign-in no widget in the kernel holds the code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.voila_client import Session
from szkola_kooperacji.cli import main
from szkola_kooperacji.storage.sign_in_limits import FIRST_WAIT_S, FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_ID
from tests.aio import run

from ..browser.conftest import ROOT, Server, issued_codes

pytestmark = pytest.mark.slow
LIMITED = re.compile(r"Zbyt wiele nieudanych prób\. Spróbuj ponownie za (\d+) s\.")
WRONG = "Nie ma takiego identyfikatora z tym kodem"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("kurs")
    roster = base / "lista.csv"
    roster.write_text("id,first_name,last_name\nanowak,Anna,Nowak\njkowalski,Jan,Kowalski\n", encoding="utf-8")
    target = base / "kurs"
    args = [
        "course",
        "init",
        str(target),
        "--course",
        str(ROOT / "courses" / "regionalny.yaml"),
        "--roster",
        str(roster),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return target, issued_codes(target)


@pytest.fixture
def server(tmp_path: Path, course: tuple[Path, dict[str, str]]) -> Iterator[Server]:
    running = Server(store=tmp_path / "s.sqlite", log=tmp_path / "serve.log", course=course[0])
    running.start()
    yield running
    running.stop()


def _waits(text: object) -> bool:
    """True when the text tells the trainee to wait up to the first wait (less as seconds pass on a busy machine)."""
    found = LIMITED.search(str(text))
    return found is not None and 0 < int(found.group(1)) <= FIRST_WAIT_S


def _texts(session: Session) -> str:
    return "\n".join(str(state.get("value", "")) for state in session.widgets.values())


async def _attempt(session: Session, name: str, code: str) -> str:
    await session.set_value("sk-trainee-name", name, wait=False)
    await session.set_value("sk-trainee-code", code, wait=False)
    await session.click("sk-sign-in")
    return _texts(session)


async def _scenario(base: str, codes: dict[str, str]) -> dict[str, object]:
    page = Session(base)
    await page.open_page()
    await page.connect()
    seen: dict[str, object] = {"unknown": await _attempt(page, "nieznany", codes["anowak"])}
    seen["wrong"] = [await _attempt(page, "anowak", "ZZZZZ-ZZZZZ") for _ in range(FREE_FAILURES_PER_ID)]
    seen["right_after_wrong"] = await _attempt(page, "anowak", codes["anowak"])
    seen["other_id"] = await _attempt(page, "jkowalski", codes["jkowalski"].lower())
    again = Session(base, kernel_id=page.kernel_id, cookie=page.cookie)  # the same page, states read afresh
    await again.connect()
    seen["kernel_state"] = _texts(again)
    await again.close()
    await page.close()
    sprayer = Session(base)  # another page from the same address, trying id after id
    await sprayer.open_page()
    await sprayer.connect()
    used = 1 + FREE_FAILURES_PER_ID  # this address's failures so far
    seen["spray"] = [
        await _attempt(sprayer, f"osoba{n}", "ZZZZZ-ZZZZZ") for n in range(FREE_FAILURES_PER_ADDRESS - used)
    ]
    seen["spray_next"] = await _attempt(sprayer, "jeszcze-ktos", "ZZZZZ-ZZZZZ")
    await sprayer.close()
    return seen


def test_issued_codes_limits_and_no_code_in_widget_state(server: Server, course: tuple[Path, dict[str, str]]):
    codes = course[1]
    seen = run(_scenario(server.url, codes))
    assert WRONG in str(seen["unknown"])
    assert "Witaj" not in str(seen["unknown"])
    wrong = [str(text) for text in seen["wrong"]]  # type: ignore[attr-defined]
    assert all(WRONG in text and not LIMITED.search(text) for text in wrong)
    assert _waits(seen["right_after_wrong"])  # even the right code waits
    assert "Witaj, <b>jkowalski</b>" in str(seen["other_id"])
    state = str(seen["kernel_state"])
    assert "Witaj, <b>jkowalski</b>" in state
    for code in codes.values():
        for variant in (code, code.lower(), code.replace("-", "")):
            assert variant not in state
    spray = [str(text) for text in seen["spray"]]  # type: ignore[attr-defined]
    assert all(not LIMITED.search(text) for text in spray)
    assert _waits(seen["spray_next"])  # the address, not the id, is slowed down
