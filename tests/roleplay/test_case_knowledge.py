"""Every case with knowledge can be played: each institution that knows something has a seat and reads only its own."""

from __future__ import annotations

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.meeting import Meeting, case_roles
from szkola_kooperacji.domain.sharing import knowledge_holders
from szkola_kooperacji.roleplay.views import role_html

CATALOG = load_valid_catalog()
PLAYABLE = sorted(case_id for case_id, case in CATALOG.cases.items() if case.knowledge)


def test_every_case_can_be_played():
    assert sorted(CATALOG.cases) == PLAYABLE


@pytest.mark.parametrize("case_id", PLAYABLE)
def test_each_institution_that_knows_something_has_a_seat_and_reads_only_its_own(case_id: str):
    case, directory = CATALOG.cases[case_id], CATALOG.directory
    roles = case_roles(case, directory)
    assert roles[0] == case.reference.contract.ops_institution_id  # the OPS leads
    holders = knowledge_holders(case.knowledge)
    assert set(holders) <= set(roles)
    meeting = Meeting(case_id=case_id, lead_institution_id=roles[0], roles=dict.fromkeys(roles))
    for holder in holders:
        seen = role_html(case, directory, meeting, holder)
        for item in case.knowledge:
            assert (f'data-item="{item.id}"' in seen) == (item.institution_id == holder)
