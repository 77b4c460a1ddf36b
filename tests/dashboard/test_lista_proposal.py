"""The Lista proposal on the contract's directory panel: live check by line and field, YAML to download."""

from __future__ import annotations

import yaml

from szkola_kooperacji.dashboard.directory_browser import DirectoryBrowser
from szkola_kooperacji.dashboard.shared_looks import is_visible
from szkola_kooperacji.data import load_valid_catalog

from .test_accessible_names import unnamed

DIRECTORY = load_valid_catalog().directory
assert DIRECTORY is not None


def test_the_directory_panel_opens_a_proposal_checked_live_and_downloadable():
    browser = DirectoryBrowser(DIRECTORY, lambda *_: None, "zurawiec")
    toggle = browser.children[-1]
    toggle.children[0].click()
    proposal = browser.proposal
    assert "ma jeszcze teksty ze wzoru" in proposal.result.value  # valid, but not a real institution yet
    assert not is_visible(proposal.download_box)
    assert unnamed(browser) == []
    proposal.text.value = (
        proposal.text.value.replace("Nazwa instytucji lub organizacji", "Koło Gospodyń Wiejskich w Czaplicach")
        .replace("funkcja osoby kontaktowej, np. prezes stowarzyszenia", "przewodnicząca koła")
        .replace("pierwsza_usluga", "warsztaty")
        .replace("Nazwa usługi", "Warsztaty kulinarne dla rodzin")
        .replace("Co dokładnie daje i komu", "Wspólne gotowanie raz w tygodniu")
    )
    assert "teksty ze wzoru: „nowa_instytucja”." in proposal.result.value  # only the id is still the template's
    assert not is_visible(proposal.download_box)

    proposal.text.value = proposal.text.value.replace("nowa_instytucja", "kolo_czaplice")
    assert "spełnia reguły Listy. Pobierz" in proposal.result.value
    assert is_visible(proposal.download_box)
    proposal.text.value = proposal.text.value.replace("sector: ngo", "sector: rolnictwo")
    assert "wiersz 4, pole <code>sector</code>: wartość &#x27;rolnictwo&#x27;" in proposal.result.value
    assert not is_visible(proposal.download_box)

    proposal.text.value = proposal.text.value.replace("sector: rolnictwo", "sector: ngo").replace(
        "kolo_czaplice", "stowarzyszenie_nowe_zurawiec"
    )
    name, mime, data = proposal._file()
    assert name == "propozycja_wpisu.yaml"
    assert mime == "application/x-yaml"
    assert yaml.safe_load(data.decode("utf-8"))[0]["id"] == "stowarzyszenie_nowe_zurawiec"
