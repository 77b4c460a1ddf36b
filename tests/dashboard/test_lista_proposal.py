"""The Lista proposal on the contract's directory panel: a form, its findings at the fields, kept in the store."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import yaml
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.dashboard.directory_browser import DirectoryBrowser
from szkola_kooperacji.dashboard.lista_proposal import ListaProposal
from szkola_kooperacji.dashboard.shared_looks import is_visible
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import ClientGroup, Level, Sector
from szkola_kooperacji.domain.directory import InstitutionType, ServiceKind
from szkola_kooperacji.domain.lista_entry import EntryDraft, ServiceDraft
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.lista_proposals import ProposalKeeper

from .test_accessible_names import unnamed

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = load_valid_catalog().directory
assert DIRECTORY is not None
HOSTILE = "<script>alert('x')</script> Klub"


def opened(tmp_path: Path, trainee: str = "Anna Nowak") -> tuple[DirectoryBrowser, ListaProposal]:
    """Open the proposal as a trainee does: the button under the Lista's browser."""
    keeper = ProposalKeeper(DraftStore(tmp_path / "drafts.sqlite"), trainee)
    browser = DirectoryBrowser(DIRECTORY, lambda *_: None, "zurawiec", keeper)
    browser.children[-1].children[0].click()
    return browser, browser.proposal


def fill(proposal: ListaProposal, name: str = "Koło Gospodyń Wiejskich w Czaplicach") -> None:
    """Fill every required field through the widgets, as the trainee types and chooses."""
    fields = proposal.institution.fields
    fields["name"].control.value = name
    fields["type"].control.value = InstitutionType.NGO_LOKALNE
    fields["sector"].control.value = Sector.NGO
    fields["level"].control.value = Level.GMINA
    fields["contact_role"].control.value = "przewodnicząca koła"
    service = proposal.service_cards()[0].fields
    service["name"].control.value = "Warsztaty kulinarne dla rodzin"
    service["description"].control.value = "Wspólne gotowanie raz w tygodniu"


def messages(proposal: ListaProposal) -> dict[str, str]:
    """Return the findings in view, by the form's field key."""
    shown = {k: f.messages.value for k, f in proposal.institution.fields.items() if f.messages.value}
    for index, card in enumerate(proposal.service_cards()):
        shown |= {f"services[{index}].{k}": f.messages.value for k, f in card.fields.items() if f.messages.value}
        if card.card_messages.value:
            shown[f"services[{index}]"] = card.card_messages.value
    return shown


def test_a_trainee_fills_the_form_sees_findings_at_the_fields_fixes_them_and_downloads(tmp_path: Path):
    browser, proposal = opened(tmp_path)
    assert unnamed(browser) == []
    assert ProposalKeeper(DraftStore(tmp_path / "drafts.sqlite"), "Anna Nowak").load() is None, "kept once changed"
    assert "kliknij „Sprawdź wpis”" in proposal.result.value
    assert messages(proposal) == {}, "no red before the trainee asks for the check"
    assert proposal.institution.fields["gmina"].control.value == "zurawiec", "the case's gmina, to start with"
    fill(proposal)
    proposal.children[proposal.children.index(proposal.result) - 1].click()  # "Sprawdź wpis"
    assert messages(proposal) == {"services[0].for_whom": "<p class='sk-message'>Zaznacz co najmniej 1 pozycję.</p>"}
    assert "1 uwaga" in proposal.result.value
    assert not is_visible(proposal.download_box)

    card = proposal.service_cards()[0]
    card.fields["for_whom"].control.value = (ClientGroup.RODZINY_Z_DZIECMI,)
    card.fields["wait_days"].control.value = 400
    found = messages(proposal)
    assert found.keys() == {"services[0].wait_days"}, "live once checked"
    assert "liczba ≤ 365" in found["services[0].wait_days"]
    card.fields["wait_days"].control.value = 7
    card.fields["kind"].control.value = ServiceKind.SWIADCZENIE
    found = messages(proposal)
    assert found.keys() == {"services[0]"}
    assert "podaj „Podstawa prawna”" in found["services[0]"], "the Lista's rule, in the form's words"
    card.fields["legal_basis"].control.value = "art. 41 ust. 1 ustawy o pomocy społecznej"
    assert messages(proposal) == {}
    assert "spełnia reguły Listy" in proposal.result.value
    assert is_visible(proposal.download_box)
    assert "kolo_gospodyn_wiejskich_w_czaplicach" in proposal.preview.value

    name, mime, data = proposal._file()
    assert (name, mime) == ("propozycja_wpisu.yaml", "application/x-yaml")
    lista = ROOT / "case_studies" / "directory" / "lista_aktywnosci_i_uslug.yaml"
    text = lista.read_text(encoding="utf-8").rstrip("\n") + "\n" + data.decode("utf-8").split("\n", 2)[2]
    (tmp_path / "lista.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "lista.yaml")])
    assert result.exit_code == 0, result.output


def test_a_name_already_on_the_lista_is_named_at_the_name_field(tmp_path: Path):
    _, proposal = opened(tmp_path)
    fill(proposal, name="PUP")
    proposal.service_cards()[0].fields["for_whom"].control.value = (ClientGroup.BEZROBOTNI,)
    proposal.check()
    assert "Na Liście jest już instytucja o takiej nazwie (identyfikator „pup”)" in messages(proposal)["name"]
    proposal.institution.fields["name"].control.value = "Klub Pracy PUP"
    assert messages(proposal) == {}


def test_the_proposal_comes_back_when_the_form_is_opened_again(tmp_path: Path):
    _, proposal = opened(tmp_path)
    fill(proposal, name=HOSTILE)
    second = proposal.add_service()
    second.fields["name"].control.value = "Porady"
    second.fields["areas"].control.value = ("zdrowie",)
    assert "Propozycja zapisana o" in proposal.status.value

    keeper = ProposalKeeper(DraftStore(tmp_path / "drafts.sqlite"), "Anna Nowak")
    toggle = DirectoryBrowser(DIRECTORY, lambda *_: None, "zurawiec", keeper).children[-1].children[0]
    assert toggle.description == "Wróć do swojej propozycji wpisu do Listy"
    _, again = opened(tmp_path)
    assert again.institution.fields["name"].control.value == HOSTILE
    assert again.institution.fields["sector"].control.value == Sector.NGO
    assert [c.fields["name"].control.value for c in again.service_cards()] == [
        "Warsztaty kulinarne dla rodzin",
        "Porady",
    ]
    assert again.service_cards()[1].fields["areas"].control.value == ("zdrowie",)
    assert "Zaznacz co najmniej 1 pozycję" in messages(again)["services[0].for_whom"], "a kept one is checked at once"
    _, someone_else = opened(tmp_path, "Ewa Kowalska")
    assert someone_else.institution.fields["name"].control.value == ""


def test_hostile_text_stays_text_in_the_result_the_preview_and_the_file(tmp_path: Path):
    _, proposal = opened(tmp_path)
    fill(proposal, name=HOSTILE + "\n- id: pup")
    proposal.service_cards()[0].fields["for_whom"].control.value = (ClientGroup.WSZYSCY,)
    assert proposal.check()
    for html in (proposal.result.value, proposal.preview.value):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
    entries = yaml.safe_load(proposal._file()[2])
    assert len(entries) == 1, "a name cannot add an entry to the file"
    assert entries[0]["name"] == HOSTILE + "\n- id: pup"


def test_services_are_added_and_removed_and_renumbered(tmp_path: Path):
    _, proposal = opened(tmp_path)
    fill(proposal)
    second, third = proposal.add_service(), proposal.add_service()
    third.fields["name"].control.value = "Trzecia"
    proposal.remove_service(second)
    assert [c.title.value for c in proposal.service_cards()] == ["<b>Usługa 1</b>", "<b>Usługa 2</b>"]
    assert [s.name for s in proposal.draft.services] == ["Warsztaty kulinarne dla rodzin", "Trzecia"]
    for card in proposal.service_cards():
        proposal.remove_service(card)
    proposal.check()
    assert "Wpis potrzebuje co najmniej jednej usługi" in proposal.services_note.value
    _, again = opened(tmp_path)
    assert again.service_cards() == [], "the removal was kept too"


def test_without_a_keeper_the_form_works_and_says_it_keeps_nothing():
    proposal = ListaProposal(DIRECTORY, "zurawiec")
    fill(proposal)
    assert "nie jest zapisywana" in proposal.status.value
    assert "sk-not-saved" in proposal._dom_classes
    assert isinstance(proposal.institution.fields["name"].control, w.Text)


def test_a_kept_gmina_the_lista_no_longer_has_opens_and_is_named_at_its_field(tmp_path: Path):
    keeper = ProposalKeeper(DraftStore(tmp_path / "drafts.sqlite"), "Anna Nowak")
    keeper.save(
        EntryDraft(
            name="Klub",
            type=InstitutionType.KULTURA,
            sector=Sector.KULTURA_SPORT,
            level=Level.GMINA,
            gmina="dawna_gmina",
            contact_role="instruktorka",
            services=[ServiceDraft(name="Zajęcia", for_whom=[ClientGroup.WSZYSCY])],
        )
    )
    proposal = ListaProposal(DIRECTORY, "zurawiec", keeper)
    assert proposal.institution.fields["gmina"].control.value == ""
    assert "Nieznana gmina &#x27;dawna_gmina&#x27;: wybierz jedną z pozycji listy." in messages(proposal)["gmina"]


def test_a_text_over_the_listas_limit_or_with_a_pesel_is_refused_at_its_field_and_not_kept(tmp_path: Path):
    _, proposal = opened(tmp_path)
    name = proposal.institution.fields["name"]
    assert "najwyżej 200 znaków" in (name.control.tooltip or ""), "the Lista's own limit"
    name.control.value = "K" * 201
    assert "najwyżej 200 znaków" in name.messages.value
    name.control.value = "Klub 44051401359"
    assert "PESEL" in name.messages.value
    assert proposal.draft.name == ""
    _, again = opened(tmp_path)
    assert again.institution.fields["name"].control.value == ""
