"""A proposed Lista entry as the form holds it: ids made from names, choices left out until made."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from szkola_kooperacji.domain.base import ID_PATTERN
from szkola_kooperacji.domain.codes import ClientGroup, Level, Sector
from szkola_kooperacji.domain.directory import Institution, InstitutionType
from szkola_kooperacji.domain.lista_entry import (
    ID_LENGTH,
    INSTITUTION_FIELD_LABELS,
    SERVICE_FIELD_LABELS,
    EntryDraft,
    ServiceDraft,
    field_label,
    slug,
)


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("Koło Gospodyń Wiejskich w Czaplicach", "kolo_gospodyn_wiejskich_w_czaplicach"),
        ("  Klub „Senior+” — Żurawiec  ", "klub_senior_zurawiec"),
        ("ŁĄKA 2", "laka_2"),
        ("!!!", ""),
    ],
)
def test_an_id_is_made_from_a_name_the_way_the_lista_writes_ids(name: str, made: str):
    assert slug(name) == made


def test_a_long_name_gives_an_id_cut_at_a_whole_word():
    made = slug("Stowarzyszenie " + "Przyjaciół Dzieci i Młodzieży z Gminy Żurawiec " * 3)
    assert len(made) <= ID_LENGTH
    assert made.endswith(("gminy", "zurawiec", "dzieci", "i", "mlodziezy", "z", "przyjaciol"))
    assert not made.endswith("_")


def test_a_blank_draft_leaves_out_what_was_not_chosen_and_keeps_empty_texts():
    data = EntryDraft().entry_data()
    assert not {"type", "sector", "level"} & data.keys()
    assert (data["name"], data["id"]) == ("", "")
    assert data["gmina"] is None
    assert data["services"] == [{"id": "", **ServiceDraft().model_dump(mode="json")}]
    assert EntryDraft().is_blank()


def test_a_filled_draft_makes_an_institution_the_lista_model_takes():
    draft = EntryDraft(
        name="Klub Seniora w Żurawcu",
        type=InstitutionType.NGO_LOKALNE,
        sector=Sector.NGO,
        level=Level.GMINA,
        gmina="zurawiec",
        contact_role="opiekunka klubu",
        services=[ServiceDraft(name="Spotkania seniorów", for_whom=[ClientGroup.SENIORZY])],
    )
    institution = Institution.model_validate(draft.entry_data())
    assert institution.id == "klub_seniora_w_zurawcu"
    assert institution.services[0].id == "spotkania_seniorow"
    assert institution.services[0].cost == "bezpłatnie"
    assert not draft.is_blank()


def test_made_ids_match_the_lista_id_pattern():
    import re  # noqa: PLC0415

    for name in ("Ośrodek", "a-b", "Dom 24/7", "Świetlica „Promyk”"):
        assert re.match(ID_PATTERN, slug(name))


def test_a_draft_text_stops_at_the_listas_own_limit():
    assert ID_LENGTH == 64
    EntryDraft(name="x" * 200, services=[ServiceDraft(description="y" * 4000)])
    with pytest.raises(ValidationError):
        EntryDraft(name="x" * 201)
    with pytest.raises(ValidationError):
        ServiceDraft(description="y" * 4001)


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("id", "Nazwa instytucji"),
        ("contact_role", "Osoba kontaktowa – funkcja"),
        ("services[0].id", "Usługa 1 – Nazwa usługi"),
        ("services[2].for_whom", "Usługa 3 – Dla kogo"),
        ("services[1]", "Usługa 2"),
        ("schema_version", "schema_version"),
    ],
)
def test_a_lista_field_path_is_named_as_the_form_labels_it(path: str, label: str):
    assert field_label(path) == label


def test_every_field_of_the_form_has_a_label():
    assert set(INSTITUTION_FIELD_LABELS) == set(EntryDraft.model_fields) - {"schema_version", "services"}
    assert set(SERVICE_FIELD_LABELS) == set(ServiceDraft.model_fields)
