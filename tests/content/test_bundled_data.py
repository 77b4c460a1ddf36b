"""The bundled cases and Lista: valid, rich enough for training, fictional, and self-consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from szkola_kooperacji.data import load_catalog, load_valid_catalog
from szkola_kooperacji.domain import Contract, Diagnosis, give_feedback
from szkola_kooperacji.domain.codes import Area, Level
from szkola_kooperacji.domain.directory import GRANTING_KINDS, InstitutionType
from szkola_kooperacji.domain.rules.context import RuleContext

CATALOG = load_catalog()
CASE_IDS = sorted(CATALOG.cases)
REGION_ONLY = {InstitutionType.ROPS, InstitutionType.WUP, InstitutionType.OWES}


def test_bundled_data_has_no_problems_not_even_warnings():
    assert [p.render() for p in CATALOG.problems] == []


def test_at_least_eight_cases_with_distinct_profiles():
    assert len(CASE_IDS) >= 8
    profiles = [CATALOG.cases[c].main_profile for c in CASE_IDS]
    assert len(set(profiles)) == len(profiles)


def test_directory_is_large_and_varied():
    directory = CATALOG.directory
    assert directory is not None
    assert len(directory.institutions) >= 30
    assert len({i.sector for i in directory.institutions}) >= 8
    assert {Level.GMINA, Level.POWIAT} <= {i.level for i in directory.institutions}
    assert set(InstitutionType) - REGION_ONLY <= {i.type for i in directory.institutions}


def test_directory_has_the_powiat_units_the_project_announcements_name():
    """PCPR, PUP, PPP, sanepid, upper-secondary schools and a powiat sports centre met at a powiat meeting."""
    powiat_names = [i.name for i in CATALOG.directory.institutions if i.level == Level.POWIAT]
    for expected in (
        "Powiatowe Centrum Pomocy Rodzinie",
        "Powiatowy Urząd Pracy",
        "Poradnia Psychologiczno-Pedagogiczna",
        "Stacja Sanitarno-Epidemiologiczna",
        "Szkół Ponadpodstawowych",
        "Międzyszkolny Ośrodek Sportowy",
    ):
        assert any(expected in name for name in powiat_names), expected


def test_contact_roles_are_roles_not_people():
    pattern = re.compile(r"\b[A-ZŁŚŻŹĆ][a-ząęółśżźćń]+ [A-ZŁŚŻŹĆ][a-ząęółśżźćń]+(ski|cki|dzki|ska|cka|wicz)\b")
    for institution in CATALOG.directory.institutions:
        assert not pattern.search(institution.contact_role), institution.id


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_reads_like_a_real_file(case_id: str):
    case = CATALOG.cases[case_id]
    assert len(case.members) >= 3
    assert {f.area for f in case.interview} == set(Area)
    assert len(case.interview) >= 12
    assert len(case.strengths) >= 3
    assert case.history
    for member in case.members:
        assert re.fullmatch(r"[A-ZŁŚŻŹĆ][a-ząęółśżźćń]+( [A-ZŁŚŻŹĆ]\.)?", member.name), member.name


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_reference_needs_three_sectors_at_two_levels(case_id: str):
    case = CATALOG.cases[case_id]
    ctx = RuleContext(case, CATALOG.directory, case.reference.diagnosis, case.reference.contract)
    assert len(ctx.sectors_used()) >= 3
    assert len(ctx.sectors_besides_social_assistance()) >= 2
    assert {Level.GMINA, Level.POWIAT} <= ctx.levels_used()


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_reference_scores_full_and_partial_work_scores_less(case_id: str):
    case = CATALOG.cases[case_id]
    reference = case.reference
    full = give_feedback(case, CATALOG.directory, reference.diagnosis, reference.contract)
    assert full.score.total == full.score.maximum
    most_severe = max(reference.diagnosis.needs, key=lambda n: n.severity)
    partial = Diagnosis(needs=[n for n in reference.diagnosis.needs if n.id != most_severe.id])
    report = give_feedback(case, CATALOG.directory, partial, Contract())
    assert 0 < report.score.total < full.score.total
    assert report.missed == 1


GRANTING_ID_WORDS = frozenset(
    {"zasilek", "swiadczenie", "swiadczenia", "dodatek", "stypendium", "renta", "emerytura", "fundusz"}
)
"""Words of a service id that say it grants a benefit; such a service must be marked and cite its law."""


def _grants(service_id: str) -> bool:
    return bool(GRANTING_ID_WORDS & set(service_id.split("_"))) or service_id.startswith("pomoc_na_")


def test_services_that_grant_a_benefit_are_marked_and_cite_their_legal_basis():
    unmarked = [
        f"{institution.id}.{service.id}"
        for institution in CATALOG.directory.institutions
        for service in institution.services
        if _grants(service.id) and (service.kind not in GRANTING_KINDS or not service.legal_basis)
    ]
    assert unmarked == [], "set kind: swiadczenie and legal_basis on these services"


def test_the_trainers_page_of_legal_bases_covers_every_reference_action():
    page = (Path(__file__).resolve().parents[2] / "docs" / "podstawy_prawne.md").read_text(encoding="utf-8")
    catalog = load_valid_catalog()
    for case in catalog.cases.values():
        marker = f"`case_studies/{case.id}.yaml`"
        assert marker in page, f"docs/podstawy_prawne.md has no section for {case.id}"
        section = page.split(marker, 1)[1].split("\n## ", 1)[0]
        listed = re.findall(r"^\| (D\d+) \(", section, flags=re.MULTILINE)
        assert listed == [a.id for a in case.reference.contract.actions], case.id
