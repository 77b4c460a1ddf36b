"""Each rule of the cooperation agreement fires on the flaw it names, and the expert's agreement meets them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from szkola_kooperacji.domain.agreement import AgreementPlace, CooperationAgreement, InfoBasis, TeamMember
from szkola_kooperacji.domain.agreement_example import example_agreement
from szkola_kooperacji.domain.codes import Level, Sector
from szkola_kooperacji.domain.document_score import score_document
from szkola_kooperacji.domain.findings import FindingLevel
from szkola_kooperacji.domain.parts import Part
from szkola_kooperacji.domain.rules import REGISTRY
from szkola_kooperacji.domain.rules.agreement import AGREEMENT_RULES, check_agreement

PLACE = AgreementPlace(gmina="Żurawiec", powiat="powiat jarzębiński")
Flaw = Callable[[CooperationAgreement], None]


def good() -> CooperationAgreement:
    return example_agreement("bezrobocie_alkohol_zurawiec", PLACE)


def _other_gmina(doc: CooperationAgreement) -> None:
    doc.parties[0].name = "Gmina Modrzewno"


def _no_unit(doc: CooperationAgreement) -> None:
    doc.parties[1].unit = ""


def _short_purpose(doc: CooperationAgreement) -> None:
    doc.purpose = "Współpraca."


def _two_scope_items(doc: CooperationAgreement) -> None:
    doc.scope = doc.scope[:2]


def _social_assistance_and_police_only(doc: CooperationAgreement) -> None:
    doc.team = [m for m in doc.team if m.sector in {Sector.POMOC_SPOLECZNA, Sector.BEZPIECZENSTWO}]


def _gmina_only(doc: CooperationAgreement) -> None:
    doc.team = [TeamMember(institution=m.institution, sector=m.sector, level=Level.GMINA) for m in doc.team]


def _meetings_without_frequency(doc: CooperationAgreement) -> None:
    doc.meetings = "Spotkania zwołuje animator gminny."


def _no_basis(doc: CooperationAgreement) -> None:
    doc.info_bases = [InfoBasis.POUFNOSC]


def _blue_card_without_consent(doc: CooperationAgreement) -> None:
    doc.info_bases = [InfoBasis.NIEBIESKIE_KARTY, InfoBasis.POUFNOSC]


def _aggregate_data_only(doc: CooperationAgreement) -> None:
    doc.info_bases = [InfoBasis.DANE_ZBIORCZE, InfoBasis.POUFNOSC]


def _no_confidentiality(doc: CooperationAgreement) -> None:
    doc.info_bases = [InfoBasis.ZGODA]


def _no_coordinator(doc: CooperationAgreement) -> None:
    doc.parties[0].coordinator = ""


def _ends_before_start(doc: CooperationAgreement) -> None:
    doc.ends = dt.date(2026, 12, 1)


def _no_evaluation(doc: CooperationAgreement) -> None:
    doc.evaluation = ""


def _nobody_signs_for_gmina(doc: CooperationAgreement) -> None:
    doc.parties[0].signatories = []


def _one_powiat_signatory(doc: CooperationAgreement) -> None:
    doc.parties[1].signatories = ["Starosta"]


def _pesel(doc: CooperationAgreement) -> None:
    doc.meetings += " Kontakt: 44051401359."


FLAWS: list[tuple[Flaw, str]] = [
    (_other_gmina, "POR_STRONY"),
    (_no_unit, "POR_REALIZATORZY"),
    (_short_purpose, "POR_CEL"),
    (_two_scope_items, "POR_ZAKRES"),
    (_social_assistance_and_police_only, "POR_ZESPOL_SEKTORY"),
    (_gmina_only, "POR_ZESPOL_POZIOMY"),
    (_meetings_without_frequency, "POR_SPOTKANIA"),
    (_no_basis, "POR_PODSTAWA_INFORMACJI"),
    (_aggregate_data_only, "POR_ZGODA"),
    (_blue_card_without_consent, "POR_NIEBIESKIE_KARTY"),
    (_no_confidentiality, "POR_POUFNOSC"),
    (_no_coordinator, "POR_KOORDYNATORZY"),
    (_ends_before_start, "POR_OKRES"),
    (_no_evaluation, "POR_OCENA"),
    (_nobody_signs_for_gmina, "POR_PODPISY"),
    (_one_powiat_signatory, "POR_PODPISY_POWIAT"),
    (_pesel, "POR_DANE_OSOBOWE"),
]


def test_the_expert_agreement_meets_every_rule_and_scores_full():
    assert check_agreement(good(), PLACE) == []
    assert score_document(AGREEMENT_RULES, []).points(15) == 15


@pytest.mark.parametrize(("flaw", "code"), FLAWS, ids=[c for _, c in FLAWS])
def test_rule_fires_on_its_flaw_with_a_section_and_a_polish_reason(flaw: Flaw, code: str):
    doc = good()
    flaw(doc)
    findings = [f for f in check_agreement(doc, PLACE) if f.code == code]
    assert findings, code
    assert findings[0].element.startswith("sekcja[")
    assert len(findings[0].message.split()) >= 8  # says why and how, not just "missing"


def test_every_agreement_rule_is_raised_by_a_test_and_registered_once():
    assert {c for _, c in FLAWS} == REGISTRY.codes(part=Part.POROZUMIENIE) == {r.code for r in AGREEMENT_RULES}


def test_an_empty_agreement_names_both_places_and_scores_little():
    findings = check_agreement(CooperationAgreement(case_id="x"), PLACE)
    messages = " ".join(f.message for f in findings)
    assert "wpisz „Gmina Żurawiec”" in messages
    assert "wpisz „Powiat jarzębiński”" in messages
    assert "animator powiatowy" in messages
    score = score_document(AGREEMENT_RULES, findings)
    assert score.points(15) < 5
    assert score.lines[0].startswith("Spełnione w pełni zasady dobrego dokumentu: ")
    assert any(f.message in line for f in findings for line in score.lines)


def test_a_warning_costs_half_a_criterion_and_a_hint_nothing():
    doc = good()
    _one_powiat_signatory(doc)  # a hint
    hint = score_document(AGREEMENT_RULES, check_agreement(doc, PLACE))
    _no_evaluation(doc)  # a warning
    warned = score_document(AGREEMENT_RULES, check_agreement(doc, PLACE))
    scored = [r for r in AGREEMENT_RULES if r.level is not FindingLevel.WSKAZOWKA]
    assert hint.fraction == 1.0
    assert warned.fraction == pytest.approx(1 - 0.5 / len(scored))
