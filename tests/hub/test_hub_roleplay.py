"""G-PZK role-play through `szkola hub`: the session server is a hub service; a hub trainee joins from the dashboard.

The trainer opens a session and assigns a role with the command line, as the console of `szkola
hub` says; the trainee's kernel presents the account's hub token and the session server (started by
the hub, with the hub's API address) asks the hub whose it is.
"""

from __future__ import annotations

import os
import subprocess
import sys

from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.roleplay.passes import SECRET_ENV, SECRET_FILE_NAME
from szkola_kooperacji.storage.drafts import STORE_ENV
from tests.browser.conftest import shot

from .conftest import Hub, approved

CASE = "bezrobocie_alkohol_zurawiec"
ROLE = "pup"
USER = "tlewandowski"
"""In no course's group: the meeting does not depend on a course."""


def _roleplay(hub: Hub, *args: str) -> str:
    """Run `szkola roleplay …` on the hub's machine with the hub's store and secret, as an organiser would."""
    env = {
        **os.environ,
        STORE_ENV: hub.store,
        SECRET_ENV: (hub.state / SECRET_FILE_NAME).read_text(encoding="ascii").strip(),
    }
    done = subprocess.run(
        [sys.executable, "-m", "szkola_kooperacji", "roleplay", *args, "--server", hub.gpzk_server],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_hub_trainee_joins_the_assigned_role_from_the_dashboard(hub: Hub, admin: Page, browser: Browser):
    session_id = _roleplay(hub, "open", CASE).split()[1]
    _roleplay(hub, "assign", session_id, ROLE, USER)

    trainee = approved(admin, browser, hub, USER)  # signs in: the hub starts the server, the dashboard opens
    meetings = trainee.locator(".sk-gpzk-meetings")
    expect(meetings).to_contain_text("Spotkanie zespołu G-PZK", timeout=180_000)
    expect(meetings).to_contain_text("Powiatowy Urząd Pracy")
    shot(trainee, "hub_20_spotkanie_gpzk_na_pulpicie")

    trainee.click(".sk-join-gpzk")
    expect(trainee.locator("body")).to_contain_text("Co wie Twoja instytucja", timeout=60_000)
    knowledge = load_valid_catalog().cases[CASE].knowledge
    own = next(k for k in knowledge if k.institution_id == ROLE)
    others = [k for k in knowledge if k.institution_id != ROLE]
    body = trainee.inner_text("body")
    assert own.text[:40] in body  # the hub account holds the assigned role's knowledge…
    assert not any(k.text[:40] in body for k in others)  # …and no other institution's
    assert "wejscie" not in trainee.url  # no pass anywhere in the address
    assert "przepustka" not in trainee.url
    shot(trainee, "hub_21_spotkanie_gpzk_rola")
    trainee.context.close()
