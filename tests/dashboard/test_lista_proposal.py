"""The Lista proposal on the contract's directory panel: live check by line and field, YAML to download."""

from __future__ import annotations

import yaml

from szkola_kooperacji.dashboard.directory_browser import DirectoryBrowser
from szkola_kooperacji.data import load_valid_catalog

from .test_accessible_names import unnamed

DIRECTORY = load_valid_catalog().directory
assert DIRECTORY is not None


def test_the_directory_panel_opens_a_proposal_checked_live_and_downloadable():
    browser = DirectoryBrowser(DIRECTORY, lambda *_: None, "zurawiec")
    toggle = browser.children[-1]
    toggle.children[0].click()
    proposal = browser.proposal
    assert "Wpis „Nazwa instytucji lub organizacji” spełnia reguły Listy" in proposal.result.value
    assert proposal.download.layout.display == ""
    assert unnamed(browser) == []

    proposal.text.value = proposal.text.value.replace("sector: ngo", "sector: rolnictwo")
    assert "wiersz 4, pole <code>sector</code>: wartość &#x27;rolnictwo&#x27;" in proposal.result.value
    assert proposal.download.layout.display == "none"

    proposal.text.value = proposal.text.value.replace("sector: rolnictwo", "sector: ngo").replace(
        "nowa_instytucja", "stowarzyszenie_nowe_zurawiec"
    )
    name, mime, data = proposal._file()
    assert name == "propozycja_wpisu.yaml"
    assert mime == "application/x-yaml"
    assert yaml.safe_load(data.decode("utf-8"))[0]["id"] == "stowarzyszenie_nowe_zurawiec"
