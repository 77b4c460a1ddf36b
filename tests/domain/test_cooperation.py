"""The cooperation map's data: people, institutions by sector and level, and an edge per action and person."""

from __future__ import annotations

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Level
from szkola_kooperacji.domain.contract import Contract
from szkola_kooperacji.domain.cooperation import cooperation_map

CATALOG = load_valid_catalog()


@pytest.mark.parametrize("case_id", sorted(CATALOG.cases))
def test_reference_map_shows_every_action_and_both_levels(case_id: str):
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    contract = case.reference.contract
    shown = cooperation_map(case, CATALOG.directory, contract)
    with_institution = {a.id for a in contract.actions if a.institution_id}
    assert {e.action_id for e in shown.edges} == with_institution
    assert {Level.GMINA, Level.POWIAT} <= shown.levels
    assert len(shown.sectors) >= 3
    ids = [i.id for i in shown.institutions]
    assert len(ids) == len(set(ids))
    assert 3 <= len(ids) <= 20
    history = {e.institution_id for e in case.history if e.institution_id}
    assert {i.id for i in shown.institutions if i.before_contract} == history
    assert [p.id for p in shown.people if p.is_client] == [contract.client_member_id]
    for edge in shown.edges:
        assert edge.member_id in {m.id for m in case.members}
        assert edge.label


def test_map_of_an_empty_draft_shows_only_the_family_and_earlier_help(case, directory):
    shown = cooperation_map(case, directory, Contract())
    assert shown.edges == ()
    assert all(i.before_contract and not i.in_contract for i in shown.institutions)
    assert shown.sectors == set()
    assert {p.id for p in shown.people} == {m.id for m in case.members}


def test_action_without_members_binds_the_client(case, directory, contract):
    action = next(a for a in contract.actions if a.institution_id)
    action.member_ids = []
    shown = cooperation_map(case, directory, contract)
    assert any(e.action_id == action.id and e.member_id == contract.client_member_id for e in shown.edges)


def test_unknown_institution_is_left_out(case, directory, contract):
    contract.actions[0].institution_id = "nie_ma_takiej"
    shown = cooperation_map(case, directory, contract)
    assert "nie_ma_takiej" not in {i.id for i in shown.institutions}
    assert all(e.institution_id != "nie_ma_takiej" for e in shown.edges)
