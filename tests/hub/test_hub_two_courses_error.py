"""A trainee on two courses' lists: the hub refuses to start the server and says why, in Polish."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import shot

from .conftest import TWO_COURSES, Hub, approved


def test_a_trainee_in_two_courses_gets_a_polish_refusal_naming_the_fix(hub: Hub, admin: Page, browser: Browser):
    trainee = approved(admin, browser, hub, TWO_COURSES)  # signs in: the hub tries to start the server
    expect(trainee.locator("body")).to_contain_text(
        f"Konto {TWO_COURSES} należy do kilku kursów (ponadregionalny, regionalny_2026)", timeout=120_000
    )
    expect(trainee.locator("body")).to_contain_text("usuń je z pozostałych grup nbgrader-")
    # the hub's error page when the refusal comes at once, its "starting" page when it comes later
    expect(trainee.locator("body")).to_contain_text(re.compile(r"Nie (można|udało się) uruchomić serwera"))
    expect(trainee.locator("body")).not_to_contain_text(re.compile(r"Unhandled error|Spawn failed|Błąd serwera"))
    shot(trainee, "hub_50_dwa_kursy_odmowa")
    trainee.context.close()
