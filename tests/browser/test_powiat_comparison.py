"""The supra-regional course in a real browser: open the comparison of two powiats from the course, move a
case to the other powiat, write the analysis, and see the item done in the course."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.powiat_comparison import MIN_ANALYSIS_CHARS

from .conftest import Server, shot, type_text
from .test_accessibility import assert_accessible, audit

POWIAT = "cisowski"
CASE = "przemoc_zagorze_brzozowa_laka"
GAP = (
    "W powiecie cisowskim nie ma ośrodka interwencji kryzysowej: Marta z dziećmi nie dostanie interwencji "
    "kryzysowej, grupy wsparcia ani programu korekcyjno-edukacyjnego dla sprawcy w swoim powiecie."
)
PROPOSAL = (
    "G-PZK proponuje porozumienie powiatu cisowskiego z sąsiednim powiatem o korzystaniu z jego OIK, a do tego "
    "czasu PCPR zleca organizacji poradnictwo dla osób doznających przemocy; wpis nowej usługi do Listy."
)


def test_a_trainee_opens_the_comparison_from_the_course_and_completes_it(server: Server, page: Page):
    catalog = load_valid_catalog()
    course = catalog.courses["ponadregionalny"]
    case_title = catalog.cases[CASE].title
    page.goto(server.url)
    page.fill(".sk-trainee-name input", "Ewa Animatorka")
    page.fill(".sk-trainee-code input", "tajne123")
    page.click(".sk-sign-in")
    page.wait_for_selector(".sk-course")
    page.locator(".sk-course-choice select").select_option(label=course.title)
    item = page.locator(f".sk-item-{POWIAT}")
    expect(item).to_contain_text("Porównanie praktyki: powiat jarzębiński i powiat cisowski")
    expect(item).to_contain_text("do przeanalizowania")
    item.scroll_into_view_if_needed()
    shot(page, "79_kurs_ponadregionalny_porownanie")
    page.click(f".sk-open-item-{POWIAT}")
    page.locator(".sk-cmp h2").scroll_into_view_if_needed()
    shot(page, "80a_porownanie_poczatek")

    types = page.locator(".sk-cmp-types")
    expect(types).to_contain_text("ośrodek interwencji kryzysowej")
    expect(types.locator("tr", has_text="ośrodek interwencji kryzysowej")).to_contain_text("✖ brak")
    expect(types.locator("tr", has_text="asystent rodziny")).to_contain_text("tylko w 1 z 3 gmin")
    types.locator("tr", has_text="asystent rodziny").scroll_into_view_if_needed()
    shot(page, "80_porownanie_powiatow")

    page.locator(".sk-cmp-case-choice select").select_option(label=case_title)
    moved = page.locator(".sk-cmp-case")
    expect(moved.locator("tr", has_text="Interwencja kryzysowa")).to_contain_text("brak")
    moved.scroll_into_view_if_needed()
    shot(page, "81_porownanie_przypadek")

    type_text(page, ".sk-cmp-gap textarea", "Brak OIK.")
    type_text(page, ".sk-cmp-proposal textarea", PROPOSAL)
    page.click(".sk-cmp-save")
    status = page.locator(".sk-cmp-status")
    expect(status).to_contain_text(f"co najmniej {MIN_ANALYSIS_CHARS} znaków")
    type_text(page, ".sk-cmp-gap textarea", GAP)
    page.click(".sk-cmp-save")
    expect(status).to_contain_text("porównanie ukończone")
    status.scroll_into_view_if_needed()
    shot(page, "82_porownanie_analiza")
    assert_accessible(audit(page, "porownanie_powiatow"))

    page.get_by_role("button", name="← Wróć do kursu").last.click()
    page.locator(".sk-course-choice select").select_option(label=course.title)
    expect(page.locator(f".sk-item-{POWIAT}")).to_contain_text("ukończono")

    page.set_viewport_size({"width": 1024, "height": 768})
    page.click(f".sk-open-item-{POWIAT}")
    expect(page.locator(".sk-cmp-gap textarea")).to_have_value(GAP)  # the analysis comes back as written
    page.locator(".sk-cmp h2").scroll_into_view_if_needed()
    shot(page, "83_porownanie_1024")
