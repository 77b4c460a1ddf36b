"""The Lista's services: a service that grants a benefit or a measure names its legal basis."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from szkola_kooperacji.domain import Action
from szkola_kooperacji.domain.directory import Service, ServiceKind


def test_a_benefit_without_legal_basis_is_refused():
    with pytest.raises(ValidationError, match="legal_basis"):
        Service(id="zasilek", name="Zasiłek celowy", for_whom=["wszyscy"], kind=ServiceKind.SWIADCZENIE)


def test_a_measure_with_legal_basis_and_plain_help_without_one_are_accepted():
    measure = Service(
        id="dps",
        name="Skierowanie do DPS",
        for_whom=["seniorzy"],
        kind=ServiceKind.SRODEK,
        legal_basis="art. 54 ust. 1 ustawy o pomocy społecznej",
    )
    help_ = Service(id="rozmowa", name="Rozmowa", for_whom=["wszyscy"])
    assert measure.legal_basis
    assert help_.legal_basis == ""


def test_an_action_cites_its_own_legal_basis_else_its_services(directory):
    from_service = Action(id="D1", institution_id="gops", service_id="zasilek_celowy")
    own = from_service.model_copy(update={"legal_basis": "art. 40 ust. 1 ustawy o pomocy społecznej"})
    plain = Action(id="D2", institution_id="gops", service_id="praca_socjalna")
    assert from_service.cited_legal_basis(directory) == "art. 39 ust. 1 ustawy o pomocy społecznej"
    assert own.cited_legal_basis(directory) == "art. 40 ust. 1 ustawy o pomocy społecznej"
    assert plain.cited_legal_basis(directory) == ""
