"""Sharing rules of the G-PZK role-play: each share judged against the law the case names."""

from __future__ import annotations

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.case import Case
from szkola_kooperacji.domain.findings import FindingLevel
from szkola_kooperacji.domain.parts import Part
from szkola_kooperacji.domain.rules import REGISTRY, judge_shares
from szkola_kooperacji.domain.rules.sharing import judge_share
from szkola_kooperacji.domain.sharing import (
    Consent,
    DataCategory,
    Forum,
    KnowledgeItem,
    ShareAct,
    ShareBasis,
    SharingRule,
    knowledge_holders,
    knowledge_of,
)

CATALOG = load_valid_catalog()
ALCOHOL = CATALOG.cases["bezrobocie_alkohol_zurawiec"]
VIOLENCE = CATALOG.cases["przemoc_zagorze_brzozowa_laka"]


def _item(**changes: object) -> KnowledgeItem:
    fields: dict[str, object] = {
        "id": "X1",
        "institution_id": "poradnia_uzaleznien",
        "text": "Klient chodzi na terapię.",
        "sharing": SharingRule.ZA_ZGODA,
        "legal_basis": "art. 14 ustawy o prawach pacjenta",
        "category": DataCategory.SZCZEGOLNE,
    }
    fields.update(changes)
    return KnowledgeItem.model_validate(fields)


def _case_with(*items: KnowledgeItem) -> Case:
    return ALCOHOL.model_copy(update={"knowledge": list(items)})


def _codes(case: Case, act: ShareAct, forum: Forum = Forum.G_PZK) -> list[str]:
    return [f.code for f in judge_share(case, act, forum)]


def _act(item_id: str, institution_id: str, basis: ShareBasis = ShareBasis.BRAK) -> ShareAct:
    return ShareAct(id="U1", institution_id=institution_id, item_id=item_id, basis=basis)


@pytest.mark.parametrize(
    ("sharing", "consent", "basis", "expected"),
    [
        (SharingRule.MOZE, Consent.NIE_PYTANO, ShareBasis.BRAK, ["share_minimise"]),
        (SharingRule.MOZE, Consent.ODMOWA, ShareBasis.BRAK, ["share_minimise"]),
        (SharingRule.ZA_ZGODA, Consent.UDZIELONA, ShareBasis.ZGODA, ["share_minimise"]),
        (SharingRule.ZA_ZGODA, Consent.NIE_PYTANO, ShareBasis.BRAK, ["share_without_consent"]),
        (SharingRule.ZA_ZGODA, Consent.NIE_PYTANO, ShareBasis.ZGODA, ["share_consent_claimed"]),
        (SharingRule.ZA_ZGODA, Consent.ODMOWA, ShareBasis.ZGODA, ["share_consent_refused"]),
        (SharingRule.NIE_MOZE, Consent.NIE_PYTANO, ShareBasis.PRZEPIS, ["share_forbidden"]),
        (SharingRule.NIE_MOZE, Consent.ODMOWA, ShareBasis.BRAK, ["share_consent_refused"]),
    ],
)
def test_each_share_is_judged_by_its_rule_and_the_clients_consent(
    sharing: SharingRule, consent: Consent, basis: ShareBasis, expected: list[str]
):
    case = _case_with(_item(sharing=sharing, consent=consent, shareable_summary="Chodzi na terapię."))
    assert _codes(case, _act("X1", "poradnia_uzaleznien", basis)) == expected


def test_ordinary_data_shared_lawfully_gives_no_finding_and_no_hint():
    case = _case_with(_item(category=DataCategory.ZWYKLE, consent=Consent.UDZIELONA, shareable_summary="x"))
    assert _codes(case, _act("X1", "poradnia_uzaleznien", ShareBasis.ZGODA)) == []


def test_an_institution_shares_only_what_it_knows():
    case = _case_with(_item(sharing=SharingRule.MOZE))
    assert _codes(case, _act("X1", "pup")) == ["share_not_holder"]
    assert _codes(case, _act("X9", "poradnia_uzaleznien")) == ["share_not_holder"]


def test_the_violence_procedure_opens_listed_data_only_in_the_diagnostic_group():
    secret = _item(sharing=SharingRule.NIE_MOZE, violence_procedure=True)
    case = _case_with(secret)
    act = _act("X1", "poradnia_uzaleznien")
    assert _codes(case, act, Forum.G_PZK) == ["share_forbidden"]
    assert _codes(case, act, Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA) == ["share_under_violence_procedure"]
    unlisted = _case_with(secret.model_copy(update={"violence_procedure": False}))
    assert _codes(unlisted, act, Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA) == ["share_forbidden"]


def test_messages_are_polish_and_name_the_legal_basis():
    case = _case_with(_item(sharing=SharingRule.NIE_MOZE, legal_basis="art. 50 ustawy o ochronie zdrowia psychicznego"))
    (finding,) = judge_share(case, _act("X1", "poradnia_uzaleznien"), Forum.G_PZK)
    assert finding.level == FindingLevel.BLAD
    assert "art. 50 ustawy o ochronie zdrowia psychicznego" in finding.message
    assert "nie wolno" in finding.message
    assert finding.element == "udostępnienia[U1]"


def test_needed_knowledge_left_unsaid_is_a_warning_only_when_it_could_be_shared():
    needed = _item(id="X1", sharing=SharingRule.MOZE, needed_for_plan=True)
    secret = _item(id="X2", sharing=SharingRule.NIE_MOZE, needed_for_plan=True)
    case = _case_with(needed, secret)
    assert [f.code for f in judge_shares(case, [], Forum.G_PZK)] == ["knowledge_not_shared"]
    assert judge_shares(case, [_act("X1", "poradnia_uzaleznien")], Forum.G_PZK) == []


RAISED_ABOVE = {
    "share_not_holder",
    "share_consent_refused",
    "share_forbidden",
    "share_without_consent",
    "share_consent_claimed",
    "share_under_violence_procedure",
    "share_minimise",
    "knowledge_not_shared",
}


def test_every_sharing_rule_of_the_registry_is_raised_by_a_test_here():
    assert REGISTRY.codes(part=Part.UDOSTEPNIANIE) == RAISED_ABOVE


def test_the_bundled_cases_give_each_institution_its_own_part_of_the_story():
    for case in (ALCOHOL, VIOLENCE):
        holders = knowledge_holders(case.knowledge)
        assert len(holders) >= 5
        assert all(knowledge_of(case.knowledge, holder) for holder in holders)
        assert {SharingRule.MOZE, SharingRule.ZA_ZGODA} <= {item.sharing for item in case.knowledge}
    assert {item.sharing for item in VIOLENCE.knowledge} == set(SharingRule)


def test_the_violence_case_plays_differently_in_the_g_pzk_and_in_the_diagnostic_group():
    police = next(k for k in VIOLENCE.knowledge if k.institution_id == "dzielnicowy_brzozowa_laka")
    act = _act(police.id, police.institution_id)
    assert _codes(VIOLENCE, act, Forum.G_PZK) == ["share_forbidden"]
    assert _codes(VIOLENCE, act, Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA) == ["share_under_violence_procedure"]
