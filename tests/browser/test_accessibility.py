"""WCAG 2.1 AA in a real browser: axe-core over every view and state a trainee or a trainer meets.

axe-core comes from the pinned ``axe-playwright-python`` test dependency, which bundles ``axe.min.js``:
nothing is fetched at test time. Every rule of the WCAG 2.1 A and AA tags runs (none is switched off);
a state passes with no critical and no serious violation. Each audited state leaves a screenshot and
its axe figures (``artifacts/axe/``), so a failure can be read without running the test again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Level
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.domain.lista_entry import EntryDraft
from szkola_kooperacji.grading.course_folder import DRAFTS_STORE
from szkola_kooperacji.grading.exchange import TraineeExchange
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.lista_proposals import save_proposal

from .conftest import (
    ROOT,
    Server,
    issued_codes,
    new_course,
    open_case,
    open_tab,
    return_feedback,
    running_report,
    shot,
    sign_in,
    type_text,
)

pytestmark = pytest.mark.slow

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
FIGURES = ROOT / "artifacts" / "axe"
AXE = Axe()

EXERCISE = "cw2_diagnoza"
TRAINEE = "anowak"


UNNAMED_CONTROLS = r"""() => {
  const named = (el) => {
    if ((el.getAttribute("aria-label") || "").trim() || el.getAttribute("aria-labelledby")) return true;
    if ((el.getAttribute("title") || "").replace(/\(?najwyżej \d+ znaków\)?/i, "").trim()) return true;
    if (el.tagName === "BUTTON") return el.textContent.trim() !== "";
    const wrapping = el.closest("label");
    if (wrapping && wrapping.textContent.trim()) return true;
    return [...(el.labels || [])].some((l) => l.textContent.trim() && getComputedStyle(l).display !== "none");
  };
  return [...document.querySelectorAll("input:not([type=hidden]), select, textarea, button")]
    .filter((el) => el.getClientRects().length > 0 && !named(el))
    .map((el) => el.outerHTML.slice(0, 160));
}"""
"""Visible controls with no name but their placeholder: axe accepts a placeholder, a trainee's screen reader
loses it once the field has text. Every control here has a label, a title or an aria-label."""


def audit(page: Page, state: str) -> list[str]:
    """Run axe over what is on screen; return one line per critical or serious violation (empty: passed).

    Two checks axe cannot make are added: the page says it is Polish, and every control has a name.
    """
    shot(page, f"a11y_{state}")
    problems = [f"{state}: [serious] no name but a placeholder: {html}" for html in page.evaluate(UNNAMED_CONTROLS)]
    if (lang := page.evaluate("() => document.documentElement.lang")) != "pl":
        problems.append(f"{state}: [serious] the page's language is {lang!r}, not 'pl' (WCAG 3.1.1)")
    results: dict[str, Any] = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations", "incomplete"]}
    ).response
    violations, unsure = results["violations"], results["incomplete"]
    FIGURES.mkdir(parents=True, exist_ok=True)
    figures = {impact: sum(len(v["nodes"]) for v in violations if v["impact"] == impact) for impact in BLOCKING}
    (FIGURES / f"{state}.json").write_text(
        json.dumps(
            {"state": state, "nodes_by_impact": figures, "violations": violations, "incomplete": unsure},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return problems + [
        f"{state}: [{v['impact']}] {v['id']} at {' '.join(map(str, node['target']))}: "
        f"{node.get('failureSummary', v['help']).splitlines()[-1].strip()}"
        for v in violations
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


def assert_accessible(failures: list[str]) -> None:
    assert not failures, f"{len(failures)} critical/serious WCAG 2.1 AA violations:\n" + "\n".join(failures)


def test_every_trainee_view_has_no_serious_wcag_violation(server: Server, page: Page):
    failures: list[str] = []
    page.goto(server.url)
    page.wait_for_selector(".sk-trainee-name input")
    failures += audit(page, "01_logowanie")

    page.fill(".sk-trainee-name input", "Anna Dostępna")
    page.fill(".sk-trainee-code input", "krotki")
    page.click(".sk-sign-in")
    expect(page.locator(".sk-message")).to_be_visible()
    failures += audit(page, "02_logowanie_blad")

    sign_in(page, server.url, name="Anna Dostępna", code="dostepna123")
    failures += audit(page, "03_lista_przypadkow")

    open_case(page)
    failures += audit(page, "04_przypadek")

    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    page.wait_for_selector(".sk-need-statement textarea")
    type_text(page, ".sk-need-statement textarea", "Pan pije alkohol codziennie i potrzebuje terapii")
    page.locator(".sk-need-evidence input[type=checkbox]:visible").first.check()
    page.locator(".sk-need .sk-delete").first.click()  # the delete question is a state of its own
    expect(page.locator(".sk-delete-question").first).to_be_visible()
    failures += audit(page, "05_diagnoza")
    page.locator(".sk-delete-no").first.click()

    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    page.wait_for_selector(".sk-goal-text textarea")
    type_text(page, ".sk-goal-text textarea", "Pan podejmuje terapię uzależnienia w poradni")
    page.locator(".sk-goal-needs input[type=checkbox]").first.check()
    type_text(page, ".sk-directory-search input", "terapi")
    page.locator(".sk-directory-results select").select_option(index=0)
    expect(page.locator(".sk-panel .sk-card")).to_be_visible()  # the chosen service's details
    page.click(".sk-directory-add")
    page.wait_for_selector(".sk-action")
    type_text(page, ".sk-action-text textarea", "Terapia w poradni raz w tygodniu")
    page.locator(".sk-action-text textarea").last.focus()
    failures += audit(page, "06_kontrakt")

    open_tab(page, "Mapa i dokument")
    expect(page.locator("g.szk-map-edge")).to_have_count(1)
    failures += audit(page, "07_mapa")

    open_tab(page, "Informacja zwrotna")
    page.click(".sk-ask-feedback")
    expect(page.locator(".sk-feedback-view")).to_contain_text("Wynik:")
    failures += audit(page, "08_informacja_zwrotna")

    server.kill()
    expect(page.locator("#sk-connection-lost")).to_be_visible(timeout=30_000)
    failures += audit(page, "09_brak_polaczenia")
    assert_accessible(failures)


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group of one whose exercise is handed in, autograded and returned with feedback (nbgrader's steps)."""
    course_dir = new_course(tmp_path_factory.mktemp("dostepnosc"), {TRAINEE: ("Anna", "Nowak")}, EXERCISE)
    case = load_valid_catalog().case(TraineeExchange(course_dir, TRAINEE).fetch(EXERCISE).info.case_id)
    work = Draft(case_id=case.id, diagnosis=case.reference.diagnosis, contract=case.reference.contract)
    TraineeExchange(course_dir, TRAINEE).submit(EXERCISE, work.model_dump_json(), {"refleksja_1": "Babcia pomaga."})
    graded = return_feedback(course_dir, EXERCISE)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    return course_dir


def test_exercise_and_its_returned_feedback_have_no_serious_wcag_violation(
    course_server: Server, course_dir: Path, page: Page
):
    failures: list[str] = []
    page.goto(course_server.url)
    page.fill(".sk-trainee-name input", TRAINEE)
    page.fill(".sk-trainee-code input", issued_codes(course_dir)[TRAINEE])
    page.click(".sk-sign-in")
    page.wait_for_selector(f".sk-exercise-{EXERCISE}")
    failures += audit(page, "10_cwiczenia_lista")

    page.click(f".sk-exercise-{EXERCISE}")
    page.wait_for_selector(".sk-live-findings")
    open_tab(page, "Oddanie ćwiczenia")
    type_text(page, ".sk-reflection-1 textarea", "Babcia pomaga w opiece nad dziećmi.")
    expect(page.locator(".sk-reflections-saved")).to_contain_text("Refleksje zapisane o", use_inner_text=True)
    failures += audit(page, "11_cwiczenie_oddanie")

    page.click(".sk-show-returned")
    expect(page.frame_locator(".sk-feedback-frame").locator("body")).to_contain_text("Diagnoza potrzeb")
    failures += audit(page, "12_cwiczenie_z_informacja")
    # The frame is sandboxed (no scripts), so axe cannot run inside it: the same released page is
    # audited on its own, as the trainee's frame shows it.
    page.goto((course_dir / "feedback" / TRAINEE / EXERCISE / f"{EXERCISE}.html").as_uri())
    expect(page.locator("body")).to_contain_text("Diagnoza potrzeb")
    failures += audit(page, "13_informacja_od_trenera_strona")
    assert_accessible(failures)


def test_trainer_report_has_no_serious_wcag_violation(course_dir: Path, page: Page, tmp_path: Path):
    failures: list[str] = []
    store = DraftStore(course_dir / DRAFTS_STORE)
    # a half-filled Lista proposal: the report's table of proposals shows it with its findings
    save_proposal(store, TRAINEE, EntryDraft(name="Klub Seniora w Żurawcu", level=Level.GMINA))
    store.close()
    with running_report(course_dir, tmp_path / "report.log") as url:
        page.goto(url)
        expect(page.locator(".sk-report")).to_contain_text("Wynik uczestników")
        expect(page.locator(".sk-report-progress")).to_contain_text("Propozycje wpisów do Listy: 1 z 1 uczestników")
        failures += audit(page, "14_raport_trenera")
        module = page.locator(".sk-report-module select")
        module.select_option(index=1)
        failures += audit(page, "15_raport_trenera_modul")
    assert_accessible(failures)
