"""A Lista entry proposal that passes every check, as a trainee fills it in on the form (shared by tests)."""

from __future__ import annotations

from szkola_kooperacji.domain.codes import ClientGroup, Level, Sector
from szkola_kooperacji.domain.directory import InstitutionType
from szkola_kooperacji.domain.lista_entry import EntryDraft, ServiceDraft


def valid_draft() -> EntryDraft:
    """Return a new local NGO's entry in Żurawiec with one service: valid against the bundled Lista."""
    return EntryDraft(
        name="Koło Gospodyń Wiejskich w Czaplicach",
        type=InstitutionType.NGO_LOKALNE,
        sector=Sector.NGO,
        level=Level.GMINA,
        gmina="zurawiec",
        contact_role="przewodnicząca koła",
        services=[ServiceDraft(name="Warsztaty kulinarne", for_whom=[ClientGroup.RODZINY_Z_DZIECMI])],
    )
