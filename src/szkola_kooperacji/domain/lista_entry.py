"""A trainee's proposed Lista entry as the form holds it: kept in any state, half filled included.

The ``Institution`` model refuses an entry until it is complete, but a trainee fills a form field
by field, comes back after a break and expects to find what they typed. So the form edits this
draft, which takes anything the form can hold (enumerations from its lists, texts up to the Lista's
own limits, read from its models), and ``entry_data`` turns it into the mapping a Lista file holds
under ``institutions:``; ``data.proposal.check_entry`` then checks that mapping exactly as
``szkola validate`` checks a file.

Trainees never write ids: an institution's id and its services' ids are made from their names
(``slug``), the way the Lista's own ids read (``kgw_czaplice``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from .base import MAX_ITEMS, DomainModel
from .codes import Area, ClientGroup, Level, Sector
from .directory import Institution, InstitutionType, Service, ServiceKind
from .text import fold

_NOT_ID = re.compile(r"[^a-z0-9]+")
SERVICE_PATH = re.compile(r"^services\[(\d+)\](?:\.([a-z_]+))?")
"""A path to a service or its field in the Lista entry (``services[1].for_whom``): index, field."""

INSTITUTION_FIELD_LABELS: dict[str, str] = {
    "name": "Nazwa instytucji",
    "type": "Rodzaj instytucji",
    "sector": "Sektor",
    "level": "Poziom",
    "gmina": "Gmina",
    "address_note": "Miejsce",
    "reachable_by_bus": "Dojazd autobusem z gmin powiatu",
    "contact_role": "Osoba kontaktowa – funkcja",
}
"""The form's label of each institution field: the trainee reads it on the form, the trainer in the report."""
SERVICE_FIELD_LABELS: dict[str, str] = {
    "name": "Nazwa usługi",
    "description": "Opis",
    "for_whom": "Dla kogo",
    "areas": "W czym pomaga",
    "kind": "Rodzaj",
    "legal_basis": "Podstawa prawna",
    "eligibility": "Warunki",
    "cost": "Koszt",
    "wait_days": "Czas oczekiwania",
    "referral_needed": "Potrzebne skierowanie",
}
"""The form's label of each field of a service."""


def as_long_as(model: type[BaseModel], field: str) -> StringConstraints:
    """Return the length limit of a Lista field, read from its model: the form stops where the Lista does."""
    limits = [m.max_length for m in model.model_fields[field].metadata if getattr(m, "max_length", None)]
    return StringConstraints(max_length=min(limits))


ID_LENGTH = as_long_as(Institution, "id").max_length or 0
"""Longest id the Lista takes (``Identifier``); a made id is cut to it at a word."""


def slug(name: str) -> str:
    """Return the id made from a name: "Koło Gospodyń Wiejskich w Czaplicach" → "kolo_gospodyn_wiejskich_w_czaplicach".

    Polish letters lose their marks, everything but letters and digits becomes one ``_``; a name too
    long is cut at the last whole word that fits. An empty result means the name has no letters.
    """
    made = _NOT_ID.sub("_", fold(name)).strip("_")
    if len(made) > ID_LENGTH:
        made = made[: ID_LENGTH + 1].rsplit("_", 1)[0] if "_" in made[:ID_LENGTH] else made[:ID_LENGTH]
    return made


def field_label(path: str) -> str:
    """Return the form's name of a Lista field path: "services[1].for_whom" → "Usługa 2 – Dla kogo".

    An id is made from a name, so it is named by the name; a path the form has no field for is kept.
    """
    service = SERVICE_PATH.match(path)
    if service is not None:
        number, field = int(service.group(1)) + 1, service.group(2) or ""
        label = SERVICE_FIELD_LABELS.get("name" if field == "id" else field)
        return f"Usługa {number} – {label}" if label else f"Usługa {number}"
    return INSTITUTION_FIELD_LABELS.get("name" if path == "id" else path, path)


class ServiceDraft(DomainModel):
    """One service of the proposed institution, as the form holds it."""

    name: Annotated[str, as_long_as(Service, "name")] = ""
    description: Annotated[str, as_long_as(Service, "description")] = ""
    for_whom: list[ClientGroup] = Field(default_factory=list, max_length=len(ClientGroup))
    areas: list[Area] = Field(default_factory=list, max_length=len(Area))
    eligibility: Annotated[str, as_long_as(Service, "eligibility")] = ""
    referral_needed: bool = False
    cost: Annotated[str, as_long_as(Service, "cost")] = "bezpłatnie"
    wait_days: int = Field(default=0, ge=-1_000_000, le=1_000_000)
    kind: ServiceKind = ServiceKind.USLUGA
    legal_basis: Annotated[str, as_long_as(Service, "legal_basis")] = ""

    def entry_data(self) -> dict[str, Any]:
        """Return the service as the Lista file holds it (its id made from its name)."""
        data = self.model_dump(mode="json")
        return {"id": slug(self.name), **data}


class EntryDraft(DomainModel):
    """The proposed institution as the form holds it; nothing chosen is ``None``."""

    schema_version: Literal[1] = 1
    name: Annotated[str, as_long_as(Institution, "name")] = ""
    type: InstitutionType | None = None
    sector: Sector | None = None
    level: Level | None = None
    gmina: str | None = Field(default=None, max_length=ID_LENGTH)
    address_note: Annotated[str, as_long_as(Institution, "address_note")] = ""
    reachable_by_bus: bool = True
    contact_role: Annotated[str, as_long_as(Institution, "contact_role")] = ""
    services: list[ServiceDraft] = Field(default_factory=lambda: [ServiceDraft()], max_length=MAX_ITEMS)

    def entry_data(self) -> dict[str, Any]:
        """Return the institution as the Lista file holds it: made ids, and no key for a list not chosen from.

        A choice left empty is left out, so the Lista's check says the field is missing (not that
        ``None`` is no sector); an empty text stays, so the check says it is empty.
        """
        data = self.model_dump(mode="json", exclude={"schema_version", "services"})
        data = {key: value for key, value in data.items() if value is not None or key == "gmina"}
        return {"id": slug(self.name), **data, "services": [s.entry_data() for s in self.services]}

    def is_blank(self) -> bool:
        """Return True while nothing has been filled in (the form as it first opens)."""
        return self == EntryDraft()
