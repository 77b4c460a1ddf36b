"""Each rule of the projekt socjalny fires on the flaw it names, and the expert's project meets them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.codes import Level, Sector
from szkola_kooperacji.domain.document_score import score_document
from szkola_kooperacji.domain.parts import Part
from szkola_kooperacji.domain.rules import REGISTRY
from szkola_kooperacji.domain.rules.social_project import SOCIAL_PROJECT_RULES, check_social_project
from szkola_kooperacji.domain.social_project import ProjectPartner, SocialProject
from szkola_kooperacji.domain.social_project_example import example_social_project
from szkola_kooperacji.grading.documents import document_context

CASE = "wielodzietna_bezradnosc_modrzewno"
CTX = document_context(load_valid_catalog(), CASE)
Flaw = Callable[[SocialProject], None]


def good() -> SocialProject:
    return example_social_project(CASE, CTX)


def _short_diagnosis(doc: SocialProject) -> None:
    doc.diagnosis = "Według danych GOPS 14 rodzin ma problemy."


def _no_numbers(doc: SocialProject) -> None:
    doc.diagnosis = "".join(ch for ch in doc.diagnosis if not ch.isdigit())


def _other_gmina(doc: SocialProject) -> None:
    for field in ("title", "diagnosis", "target_group"):
        setattr(doc, field, getattr(doc, field).replace("Modrzewno", "Żurawiec"))


def _short_aim(doc: SocialProject) -> None:
    doc.aim = "Pomoc rodzicom."


def _one_objective(doc: SocialProject) -> None:
    doc.objectives = doc.objectives[:1]


def _no_size(doc: SocialProject) -> None:
    doc.group_size = None


def _crowd(doc: SocialProject) -> None:
    doc.group_size = 40


def _recruitment_without_consent(doc: SocialProject) -> None:
    doc.recruitment = "Pracownicy socjalni kierują rodziców na warsztaty według listy GOPS."


def _ends_before_start(doc: SocialProject) -> None:
    doc.ends = dt.date(2027, 1, 1)


def _two_actions(doc: SocialProject) -> None:
    doc.actions = doc.actions[:2]


def _nobody_responsible(doc: SocialProject) -> None:
    doc.actions[1].who = ""


def _action_after_the_end(doc: SocialProject) -> None:
    doc.actions[2].when = dt.date(2027, 9, 1)


def _social_assistance_and_school_only(doc: SocialProject) -> None:
    doc.partners = [p for p in doc.partners if p.sector in {Sector.POMOC_SPOLECZNA, Sector.EDUKACJA}]


def _gmina_only(doc: SocialProject) -> None:
    doc.partners = [p for p in doc.partners if p.level == Level.GMINA]


def _partner_without_role(doc: SocialProject) -> None:
    doc.partners.append(ProjectPartner(institution="PUP", sector=Sector.RYNEK_PRACY, level=Level.POWIAT))


def _no_resources(doc: SocialProject) -> None:
    doc.resources = ""


def _budget_without_source(doc: SocialProject) -> None:
    doc.budget[0].source = ""


def _results_as_activities(doc: SocialProject) -> None:
    doc.results = "Odbędzie się 10 spotkań."


def _targets_without_numbers(doc: SocialProject) -> None:
    for indicator in doc.indicators:
        indicator.target = "większość"


def _indicator_without_source(doc: SocialProject) -> None:
    doc.indicators[0].source = ""


def _no_evaluation(doc: SocialProject) -> None:
    doc.evaluation = "Ocenimy projekt."


def _pesel(doc: SocialProject) -> None:
    doc.target_group += " Np. 44051401359."


FLAWS: list[tuple[Flaw, str]] = [
    (_short_diagnosis, "PSO_DIAGNOZA"),
    (_no_numbers, "PSO_DIAGNOZA_SKALA"),
    (_other_gmina, "PSO_MIEJSCE"),
    (_short_aim, "PSO_CEL"),
    (_one_objective, "PSO_CELE_SZCZEGOLOWE"),
    (_no_size, "PSO_GRUPA"),
    (_crowd, "PSO_GRUPA_WIELKOSC"),
    (_recruitment_without_consent, "PSO_REKRUTACJA"),
    (_ends_before_start, "PSO_OKRES"),
    (_two_actions, "PSO_DZIALANIA"),
    (_nobody_responsible, "PSO_ODPOWIEDZIALNI"),
    (_action_after_the_end, "PSO_TERMINY"),
    (_social_assistance_and_school_only, "PSO_PARTNERZY_SEKTORY"),
    (_gmina_only, "PSO_PARTNERZY_POZIOMY"),
    (_partner_without_role, "PSO_PARTNERZY_ROLA"),
    (_no_resources, "PSO_ZASOBY"),
    (_budget_without_source, "PSO_BUDZET"),
    (_results_as_activities, "PSO_REZULTATY"),
    (_targets_without_numbers, "PSO_WSKAZNIKI"),
    (_indicator_without_source, "PSO_WSKAZNIKI_ZRODLO"),
    (_no_evaluation, "PSO_EWALUACJA"),
    (_pesel, "PSO_DANE_OSOBOWE"),
]


def test_the_expert_project_meets_every_rule_and_scores_full():
    assert check_social_project(good(), CTX) == []
    assert score_document(SOCIAL_PROJECT_RULES, []).points(15) == 15


@pytest.mark.parametrize(("flaw", "code"), FLAWS, ids=[c for _, c in FLAWS])
def test_rule_fires_on_its_flaw_with_a_section_and_a_polish_reason(flaw: Flaw, code: str):
    doc = good()
    flaw(doc)
    findings = check_social_project(doc, CTX)
    assert {f.code for f in findings} == {code}, [f.message for f in findings]  # only the flaw's rule fires
    assert findings[0].element.startswith("sekcja[")
    assert len(findings[0].message.split()) >= 10  # says why and how, not just "missing"


def test_every_project_rule_is_raised_by_a_test_and_registered_once():
    assert {c for _, c in FLAWS} == REGISTRY.codes(part=Part.PROJEKT_SOCJALNY) == {r.code for r in SOCIAL_PROJECT_RULES}


def test_an_empty_project_names_the_gmina_and_scores_little():
    findings = check_social_project(SocialProject(case_id=CASE), CTX)
    assert "Projekt nie nazywa gminy Modrzewno" in " ".join(f.message for f in findings)
    score = score_document(SOCIAL_PROJECT_RULES, findings)
    assert score.lines[0] == f"Spełnione w pełni zasady dobrego dokumentu: 1 z {len(SOCIAL_PROJECT_RULES) - 1}."
    assert score.points(15) < 5  # warnings cost half a criterion each


def test_the_outline_reads_every_section_with_the_budget_total():
    outline = dict(good().outline())
    assert list(outline) == ["diagnoza", "cele", "grupa", "dzialania", "partnerzy", "zasoby", "rezultaty", "ewaluacja"]
    assert ("razem", "2500.00 zł") in outline["zasoby"]
