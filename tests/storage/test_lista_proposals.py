"""A trainee's proposed Lista entry is kept with their answers: back after a restart, hostile text as typed."""

from __future__ import annotations

from pathlib import Path

from szkola_kooperacji.domain.codes import ClientGroup, Level, Sector
from szkola_kooperacji.domain.lista_entry import EntryDraft, ServiceDraft
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.lista_proposals import KEY, SLOT, ProposalKeeper, load_proposal, save_proposal

HOSTILE = "<img src=x onerror=alert(1)>'); DROP TABLE answers; --\n  - id: pup"


def draft() -> EntryDraft:
    return EntryDraft(
        name=HOSTILE,
        sector=Sector.NGO,
        level=Level.POWIAT,
        services=[ServiceDraft(name="Porady", for_whom=[ClientGroup.DOROSLI]), ServiceDraft(wait_days=400)],
    )


def test_a_proposal_comes_back_after_a_restart_exactly_as_kept(store_location: Path | str):
    store = DraftStore(store_location)
    assert load_proposal(store, "Anna Nowak") is None
    save_proposal(store, "Anna Nowak", EntryDraft(name="pierwsza wersja"))
    save_proposal(store, "Anna Nowak", draft())
    store.close()
    again = DraftStore(store_location)
    assert load_proposal(again, "anna  nowak") == draft(), "the last version, under the trainee's key"
    assert load_proposal(again, "Ewa Kowalska") is None, "one trainee's proposal is not another's"
    assert again.cases_with_drafts("Anna Nowak") == [], "a proposal is not a case"


def test_the_keeper_handed_to_the_form_saves_and_loads_one_trainees_proposal(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    keeper = ProposalKeeper(store, "Anna Nowak")
    assert keeper.load() is None
    keeper.save(draft())
    assert ProposalKeeper(store, "Anna Nowak").load() == draft()


def test_an_unreadable_proposal_reads_as_none_and_the_next_save_replaces_it(tmp_path: Path):
    store = DraftStore(tmp_path / "s.sqlite")
    store.save_answers("Anna", SLOT, {KEY: '{"schema_version": 99}'})
    assert load_proposal(store, "Anna") is None
    save_proposal(store, "Anna", draft())
    assert load_proposal(store, "Anna") == draft()
