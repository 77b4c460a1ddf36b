"""Real parts for browser tests: ``szkola serve`` on a free port and Debian's headless Chromium."""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

ROOT = Path(__file__).parent.parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("SZKOLA_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--lang=pl-PL",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 60_000
CASE_ID = os.environ.get("SZKOLA_TEST_CASE", "bezrobocie_alkohol_zurawiec")


def new_course(base: Path, trainees: dict[str, tuple[str, str]], *released: str, course: str = "regionalny") -> Path:
    """Create a group's course folder (``szkola course init`` with a roster) and release these exercises."""
    from click.testing import CliRunner  # noqa: PLC0415

    from szkola_kooperacji.cli import main  # noqa: PLC0415

    roster = base / "lista.csv"
    rows = "".join(f"{t},{first},{last}\n" for t, (first, last) in trainees.items())
    roster.write_text("id,first_name,last_name\n" + rows, encoding="utf-8")
    folder = base / "kurs"
    args = ["course", "init", str(folder), "--course", str(ROOT / "courses" / f"{course}.yaml")]
    result = CliRunner().invoke(main, [*args, "--roster", str(roster)])
    assert result.exit_code == 0, result.output
    for exercise in released:
        nbgrader(folder, "generate_assignment", exercise)
        nbgrader(folder, "release_assignment", exercise)
    return folder


def nbgrader(course_dir: Path, *args: str) -> None:
    """Run an nbgrader command in a course directory as a trainer would; fail the test with its output."""
    command = [sys.executable, "-m", "nbgrader", *args]
    run = subprocess.run(command, cwd=course_dir, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def szkola(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a ``szkola`` command in a folder as a trainer would; the caller judges its exit code."""
    command = [sys.executable, "-m", "szkola_kooperacji", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def return_feedback(course_dir: Path, exercise: str) -> subprocess.CompletedProcess[str]:
    """The trainer's steps after a hand-in: collect, autograde (as data), generate and release the feedback."""
    nbgrader(course_dir, "collect", exercise)
    graded = szkola(["grade", "autograde", exercise], course_dir)
    nbgrader(course_dir, "generate_feedback", exercise)
    nbgrader(course_dir, "release_feedback", exercise)
    return graded


@contextmanager
def running_jupyterlab(course_dir: Path, log_path: Path) -> Iterator[str]:
    """Run the installed JupyterLab in a course directory (as root, like CI); yield its URL with the token."""
    port, token = free_port(), "szkola-test"
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=course_dir, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and process.poll() is None:
                if "is running at" in log_path.read_text(errors="replace"):
                    break
                time.sleep(0.5)
            yield f"http://127.0.0.1:{port}/?token={token}"
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def running_report(course_dir: Path, log_path: Path) -> Iterator[str]:
    """Run ``szkola report --serve`` for a course as the trainer starts it, on a free port; yield its URL."""
    port = free_port()
    command = [sys.executable, "-m", "szkola_kooperacji", "report", "--serve", f"--port={port}"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--course-dir", str(course_dir)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log_text = log_path.read_text(errors="replace")
                    raise RuntimeError(f"szkola report --serve did not start:\n{log_text}") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def issued_codes(course_dir: Path) -> dict[str, str]:
    """Return the sign-in codes ``szkola course init --roster`` handed out, from its CSV, by trainee id."""
    with (course_dir / "kody_logowania.csv").open(encoding="utf-8-sig") as handle:
        return {row["id"]: row["kod"] for row in csv.DictReader(handle)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running ``szkola serve`` with its own draft store; can be killed and started again."""

    store: Path
    log: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    course: Path | None = None
    extra: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "szkola_kooperacji",
            "serve",
            "--no-browser",
            f"--port={self.port}",
            f"--store={self.store}",
            *([f"--course={self.course}"] if self.course else []),
            *self.extra,
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        raise RuntimeError(f"szkola serve did not start; see {self.log}")

    def kill(self) -> None:
        """Kill the server and all its kernels at once, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Stop as Ctrl-C does."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(store=tmp_path / "drafts.sqlite", log=tmp_path / "serve.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="pl-PL")
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    yield opened
    context.close()


def shot(page: Page, name: str) -> None:
    """Save what the trainee sees now into the screenshots folder kept by CI."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def sign_in(page: Page, url: str, name: str = "Anna Nowak", code: str = "tajne123") -> None:
    page.goto(url)
    page.wait_for_selector(".sk-trainee-name input")
    page.fill(".sk-trainee-name input", name)
    page.fill(".sk-trainee-code input", code)
    page.click(".sk-sign-in")
    page.wait_for_selector(f".sk-open-{CASE_ID}")


def open_case(page: Page) -> None:
    page.click(f".sk-open-{CASE_ID}")
    page.wait_for_selector(".sk-live-findings")


def open_tab(page: Page, title: str) -> None:
    page.locator(".lm-TabBar-tab", has_text=title).click()


def type_text(page: Page, selector: str, text: str) -> None:
    """Type into a widget text field and leave it, so the change reaches the kernel."""
    field = page.locator(selector).last
    field.fill(text)
    field.press("Tab")


VIEWPORTS = {"1280x800": (1280, 800), "1024x768": (1024, 768)}
"""The screens a training room has: a usual laptop and an old projector or small laptop."""


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    """A page at each of the ``VIEWPORTS`` sizes in turn, with the size's name (for screenshots)."""
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="pl-PL")
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    yield request.param, opened
    context.close()


def choose_pair(page: Page, left: str, right: str) -> None:
    """Pick a matching pair through the drop-down whose accessible name is the left element."""
    page.get_by_label(left, exact=True).select_option(label=right)


@pytest.fixture
def course_server(tmp_path: Path, course_dir: Path) -> Iterator[Server]:
    """``szkola serve`` of the group in the module's ``course_dir`` fixture, with a fresh draft store."""
    running = Server(store=tmp_path / "drafts.sqlite", log=tmp_path / "serve.log", course=course_dir)
    running.start()
    yield running
    running.stop()


def answer_first_lesson(page: Page, *, team: str) -> None:
    """Answer the first lesson's self-check, all but its ordering (left as shown) and with ``team`` as the team.

    Four of its five items are then right with the right team (it passes) and three with a wrong one.
    """
    choose_pair(page, "Instytucje", "porozumienie, zespół kooperacji, Lista aktywności i usług")
    choose_pair(page, "Pracownicy", "wspólna diagnoza, podział zadań, spotkania zespołu")
    choose_pair(page, "Klient", "diagnoza potrzeb i kontrakt socjalny z działaniami kilku sektorów")
    page.get_by_label(team).check()
    choose_pair(page, "Powiatowy Urząd Pracy w Jarzębinie", "rejestracja, pośrednictwo pracy i poradnictwo zawodowe")
    choose_pair(page, "GOPS w Leszczynach Górnych", "praca socjalna i kontrakt socjalny")
    choose_pair(page, "Szkoła Podstawowa w Leszczynach Górnych", "pomoc psychologiczno-pedagogiczna pedagoga szkolnego")
    choose_pair(page, "Poradnia Psychologiczno-Pedagogiczna w Jarzębinie", "diagnoza trudności w nauce")
    for option in ("dla kogo jest przeznaczona usługa", "czy potrzebne jest skierowanie", "koszt i czas oczekiwania"):
        page.get_by_label(option).check()
    page.get_by_label("czy rodzina dojedzie do instytucji").check()
