"""The powiat's Lista aktywności i usług: institutions and the services they offer."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, Name, ShortText
from .codes import Area, ClientGroup, Level, Sector


class InstitutionType(StrEnum):
    """Type of an institution as a social worker names it (see institutions.md)."""

    OPS = "ops"
    ASYSTENT_RODZINY = "asystent_rodziny"
    ZESPOL_INTERDYSCYPLINARNY = "zespol_interdyscyplinarny"
    GKRPA = "gkrpa"
    SZKOLA = "szkola"
    SWIETLICA = "swietlica"
    URZAD_GMINY = "urzad_gminy"
    POZ = "poz"
    DZIELNICOWY = "dzielnicowy"
    SDS = "sds"
    CIS_KIS = "cis_kis"
    KULTURA = "kultura"
    NGO_LOKALNE = "ngo_lokalne"
    PCPR = "pcpr"
    PZON = "pzon"
    OIK = "oik"
    DPS = "dps"
    PUP = "pup"
    PPP = "ppp"
    SZKOLA_PONADPODSTAWOWA = "szkola_ponadpodstawowa"
    KPP = "kpp"
    SAD_RODZINNY = "sad_rodzinny"
    KURATOR = "kurator"
    ZDROWIE_SPEC = "zdrowie_spec"
    NPP = "npp"
    KRUS_ZUS = "krus_zus"
    NGO_POWIATOWE = "ngo_powiatowe"
    ROPS = "rops"
    WUP = "wup"
    OWES = "owes"


class ServiceKind(StrEnum):
    """What a service gives: plain help, or a benefit or measure that someone grants by law."""

    USLUGA = "usluga"
    """Help, counselling, activities: no benefit is granted and no measure decided."""
    SWIADCZENIE = "swiadczenie"
    """A benefit granted by decision or application: zasiłek, świadczenie, dodatek, dofinansowanie."""
    SRODEK = "srodek"
    """A measure or referral an authority decides: skierowanie do DPS, zobowiązanie do leczenia, nadzór."""


GRANTING_KINDS: frozenset[ServiceKind] = frozenset({ServiceKind.SWIADCZENIE, ServiceKind.SRODEK})


class Service(DomainModel):
    """One service of an institution, with who may use it and on what terms.

    ``kind`` marks a service that grants a benefit (``swiadczenie``: zasiłki,
    świadczenia, dofinansowania) or a measure (``srodek``: skierowania, środki
    decided by a court or an authority); such a service must name its
    ``legal_basis`` (e.g. "art. 41 ust. 1 ustawy o pomocy społecznej"), which the
    trainee sees beside the service and the printed contract cites. Any other
    service may name one too.
    """

    id: Identifier
    name: Name
    description: LongText = ""
    for_whom: list[ClientGroup] = Field(min_length=1, max_length=20)
    areas: list[Area] = Field(
        default_factory=list,
        max_length=20,
        description="Obszary życia, w których usługa pomaga (do filtrowania po potrzebie).",
    )
    eligibility: ShortText = ""
    referral_needed: bool = False
    cost: ShortText = "bezpłatnie"
    wait_days: int = Field(default=0, ge=0, le=365)
    kind: ServiceKind = Field(
        default=ServiceKind.USLUGA,
        description="usluga; swiadczenie (zasiłek, świadczenie); srodek (skierowanie): wymagają legal_basis.",
    )
    legal_basis: ShortText = Field(
        default="", description="Podstawa prawna, np. 'art. 41 ust. 1 ustawy o pomocy społecznej'."
    )

    @model_validator(mode="after")
    def _granting_needs_legal_basis(self) -> Service:
        if self.kind in GRANTING_KINDS and not self.legal_basis:
            raise ValueError(
                f"usługa rodzaju „{self.kind.value}” przyznaje świadczenie lub środek: podaj legal_basis, "
                "np. „art. 41 ust. 1 ustawy o pomocy społecznej”"
            )
        return self


class Gmina(DomainModel):
    """A gmina of the fictional powiat."""

    id: Identifier
    name: Name
    kind: Literal["wiejska", "miejsko-wiejska", "miejska"] = "wiejska"
    seat_locative: ShortText = Field(
        default="",
        description=(
            "Siedziba gminy w miejscowniku, bez przyimka, np. 'Kępie Modrzewskiej' "
            "(do zdania 'zawarty w …' w kontrakcie); puste = miejsce wpisuje się ręcznie."
        ),
    )


class Institution(DomainModel):
    """An institution of the Lista, placed by sector and level."""

    id: Identifier
    name: Name
    type: InstitutionType
    sector: Sector
    level: Level
    gmina: Identifier | None = Field(default=None, description="Id gminy, gdy instytucja działa w jednej gminie.")
    address_note: ShortText = Field(
        default="", description="Fikcyjne miejsce, np. 'Jarzębin, ul. Szkolna' — bez adresów."
    )
    reachable_by_bus: bool = True
    contact_role: Name = Field(description="Rola osoby kontaktowej, nigdy imię i nazwisko.")
    services: list[Service] = Field(min_length=1, max_length=MAX_ITEMS)

    def service(self, service_id: str) -> Service | None:
        """Return the service with this id, or None when the institution does not offer it."""
        return next((s for s in self.services if s.id == service_id), None)


class ServiceDirectory(DomainModel):
    """The Lista aktywności i usług of one powiat: the only source of institutions."""

    schema_version: Literal[1] = 1
    kind: Literal["directory"] = "directory"
    id: Identifier | None = Field(
        default=None, description="Krótki identyfikator powiatu, np. 'jarzebinski' (wymagany w Liście do porównania)."
    )
    powiat: Name
    comparison_only: bool = Field(
        default=False,
        description=(
            "Lista innego powiatu tylko do porównania praktyki (kurs ponadregionalny); przypadki odwołują się "
            "do jedynej Listy bez tego znacznika."
        ),
    )
    note: ShortText = Field(default="", description="Krótko o powiecie, np. liczba gmin i odległość do miasta.")
    gminas: list[Gmina] = Field(min_length=1, max_length=50)
    institutions: list[Institution] = Field(min_length=1, max_length=1000)

    @model_validator(mode="after")
    def _comparison_needs_id(self) -> ServiceDirectory:
        if self.comparison_only and not self.id:
            raise ValueError("Lista do porównania (comparison_only: true) potrzebuje id, np. „id: cisowski”")
        return self

    def institution(self, institution_id: str) -> Institution | None:
        """Return the institution with this id, or None when it is not in the Lista."""
        return next((i for i in self.institutions if i.id == institution_id), None)

    def gmina_name(self, gmina_id: str) -> str | None:
        """Return the name of a gmina, or None when the powiat has no such gmina."""
        return next((g.name for g in self.gminas if g.id == gmina_id), None)
