"""Practice compared between powiats: which institutions and services each Lista has, and where a family loses help.

The supra-regional course trains animators and managers from several voivodeships. They
compare the Lista aktywności i usług of the cases' powiat with the Lista of another powiat:
which types of institutions exist at gmina and powiat level, in how many gminas, which
services are missing, and what the reference contract of a case would lose if the family
lived in the other powiat. Institutions of the same type use the same service ids across
Listas (a convention of the bundled data), so a service is found by its type and id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .case import Case
from .codes import LEVEL_LABELS, SECTOR_LABELS, Level, Sector
from .directory import Institution, InstitutionType, ServiceDirectory

INSTITUTION_TYPE_LABELS: dict[InstitutionType, str] = {
    InstitutionType.OPS: "ośrodek pomocy społecznej (GOPS/MGOPS)",
    InstitutionType.ASYSTENT_RODZINY: "asystent rodziny",
    InstitutionType.ZESPOL_INTERDYSCYPLINARNY: "zespół interdyscyplinarny",
    InstitutionType.GKRPA: "komisja rozwiązywania problemów alkoholowych (GKRPA)",
    InstitutionType.SZKOLA: "szkoła podstawowa, przedszkole",
    InstitutionType.SWIETLICA: "placówka wsparcia dziennego",
    InstitutionType.URZAD_GMINY: "urząd gminy",
    InstitutionType.POZ: "przychodnia POZ",
    InstitutionType.DZIELNICOWY: "dzielnicowy",
    InstitutionType.SDS: "środowiskowy dom samopomocy",
    InstitutionType.CIS_KIS: "centrum / klub integracji społecznej",
    InstitutionType.KULTURA: "kultura i sport",
    InstitutionType.NGO_LOKALNE: "organizacja lokalna (KGW, OSP, parafia)",
    InstitutionType.PCPR: "powiatowe centrum pomocy rodzinie",
    InstitutionType.PZON: "zespół do spraw orzekania o niepełnosprawności",
    InstitutionType.OIK: "ośrodek interwencji kryzysowej",
    InstitutionType.DPS: "dom pomocy społecznej",
    InstitutionType.PUP: "powiatowy urząd pracy",
    InstitutionType.PPP: "poradnia psychologiczno-pedagogiczna",
    InstitutionType.SZKOLA_PONADPODSTAWOWA: "szkoła ponadpodstawowa, SOSW",
    InstitutionType.KPP: "komenda powiatowa policji",
    InstitutionType.SAD_RODZINNY: "sąd rejonowy – wydział rodzinny",
    InstitutionType.KURATOR: "kuratorzy sądowi",
    InstitutionType.ZDROWIE_SPEC: "szpital, poradnie specjalistyczne",
    InstitutionType.NPP: "nieodpłatna pomoc prawna",
    InstitutionType.KRUS_ZUS: "KRUS, ZUS",
    InstitutionType.NGO_POWIATOWE: "organizacje powiatowe (WTZ, bank żywności, stowarzyszenia)",
    InstitutionType.ROPS: "regionalny ośrodek polityki społecznej",
    InstitutionType.WUP: "wojewódzki urząd pracy",
    InstitutionType.OWES: "ośrodek wsparcia ekonomii społecznej",
}

LONGER_WAIT_DAYS = 14
"""A provider whose shortest wait is this many days longer than at home gives the family help later."""

MIN_ANALYSIS_CHARS = 80
"""The least a trainee writes in each part of the analysis (the gap, the G-PZK's proposal) for it to count."""


@dataclass(frozen=True)
class TypePresence:
    """One type of institution in one powiat: how many, where and what they offer."""

    institutions: int
    gminas_with: int
    """Gminas with an institution of this type in them (all, when one serves the whole powiat)."""
    gminas_total: int
    levels: frozenset[Level]
    services: frozenset[str]
    by_bus: bool
    """At least one of them can be reached by bus."""

    @property
    def present(self) -> bool:
        """Whether the powiat has any institution of this type."""
        return self.institutions > 0

    @property
    def everywhere(self) -> bool:
        """Whether every gmina of the powiat has it (or it serves the whole powiat)."""
        return self.present and self.gminas_with >= self.gminas_total


class GapKind(StrEnum):
    """How one powiat offers less than another."""

    MISSING = "brak instytucji"
    FEWER_GMINAS = "nie w każdej gminie"
    FEWER_SERVICES = "mniej usług"


@dataclass(frozen=True)
class Gap:
    """One thing a powiat lacks that another powiat of the comparison has."""

    powiat: int
    """Index of the powiat that lacks it."""
    type: InstitutionType
    kind: GapKind
    text: str


@dataclass(frozen=True)
class TypeRow:
    """One type of institution across the compared powiats."""

    type: InstitutionType
    sector: Sector
    presence: tuple[TypePresence, ...]
    gaps: tuple[Gap, ...]

    @property
    def label(self) -> str:
        """The type's Polish name."""
        return INSTITUTION_TYPE_LABELS[self.type]


@dataclass(frozen=True)
class PowiatComparison:
    """Two or more Listas side by side, type by type, with every gap named."""

    powiats: tuple[ServiceDirectory, ...]
    rows: tuple[TypeRow, ...]

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Every gap, row by row."""
        return tuple(gap for row in self.rows for gap in row.gaps)

    def services_by_sector(self) -> dict[Sector, tuple[int, ...]]:
        """How many services (at gmina and powiat level) each powiat's Lista has in each sector."""
        counts: dict[Sector, list[int]] = {}
        for index, directory in enumerate(self.powiats):
            for institution in _local(directory):
                per_powiat = counts.setdefault(institution.sector, [0] * len(self.powiats))
                per_powiat[index] += len(institution.services)
        return {sector: tuple(counts[sector]) for sector in Sector if sector in counts}


def _local(directory: ServiceDirectory) -> list[Institution]:
    """Institutions a family meets in its gmina and powiat (regional ones are not providers in a contract)."""
    return [i for i in directory.institutions if i.level is not Level.REGION]


def presence(directory: ServiceDirectory, kind: InstitutionType) -> TypePresence:
    """Describe how a powiat's Lista covers one type of institution."""
    found = [i for i in _local(directory) if i.type is kind]
    total = len(directory.gminas)
    covered = total if any(i.gmina is None for i in found) else len({i.gmina for i in found})
    return TypePresence(
        institutions=len(found),
        gminas_with=covered,
        gminas_total=total,
        levels=frozenset(i.level for i in found),
        services=frozenset(s.id for i in found for s in i.services),
        by_bus=any(i.reachable_by_bus for i in found),
    )


def _service_names(directories: Sequence[ServiceDirectory], kind: InstitutionType, ids: set[str]) -> list[str]:
    names: dict[str, str] = {}
    for directory in directories:
        for institution in _local(directory):
            if institution.type is kind:
                names.update((s.id, s.name) for s in institution.services if s.id in ids)
    return sorted(names[i] for i in ids)


def _row_gaps(
    directories: Sequence[ServiceDirectory], kind: InstitutionType, cover: Sequence[TypePresence]
) -> list[Gap]:
    gaps: list[Gap] = []
    label = INSTITUTION_TYPE_LABELS[kind]
    for index, own in enumerate(cover):
        others = [(directories[j], p) for j, p in enumerate(cover) if j != index and p.present]
        if not others:
            continue
        if not own.present:
            where = ", ".join(d.powiat for d, _ in others)
            gaps.append(Gap(index, kind, GapKind.MISSING, f"brak: {label} (jest w: {where})"))
            continue
        if not own.everywhere and any(p.everywhere for _, p in others):
            text = f"{label}: tylko w {own.gminas_with} z {own.gminas_total} gmin"
            gaps.append(Gap(index, kind, GapKind.FEWER_GMINAS, text))
        lacking = set().union(*(p.services for _, p in others)) - own.services
        if lacking:
            names = _service_names(directories, kind, lacking)
            gaps.append(Gap(index, kind, GapKind.FEWER_SERVICES, f"{label} bez usług: {', '.join(names)}"))
    return gaps


def compare_powiats(directories: Sequence[ServiceDirectory]) -> PowiatComparison:
    """Compare two or more powiats' Listas type by type (in the order of sectors, then types)."""
    if len(directories) < 2:
        raise ValueError("porównanie wymaga co najmniej dwóch List aktywności i usług")
    kinds = {i.type: i.sector for d in directories for i in _local(d)}
    order = list(Sector)
    rows = []
    for kind in sorted(kinds, key=lambda k: (order.index(kinds[k]), list(InstitutionType).index(k))):
        cover = tuple(presence(d, kind) for d in directories)
        rows.append(TypeRow(kind, kinds[kind], cover, tuple(_row_gaps(directories, kind, cover))))
    return PowiatComparison(tuple(directories), tuple(rows))


class Availability(StrEnum):
    """What a family of a case would get in the other powiat for one action of the contract."""

    SAME = "tak samo"
    WEAKER = "słabiej"
    MISSING = "brak"


@dataclass(frozen=True)
class ActionAvailability:
    """One action of a case's reference contract, moved to another powiat."""

    action_id: str
    home: Institution
    service_name: str
    availability: Availability
    providers: tuple[Institution, ...]
    reason: str

    @property
    def sector_label(self) -> str:
        """The Polish label of the sector of the institution at home."""
        return SECTOR_LABELS[self.home.sector]

    @property
    def level_label(self) -> str:
        """The Polish label of the level of the institution at home."""
        return LEVEL_LABELS[self.home.level]


def _gmina_names(directory: ServiceDirectory, ids: set[str | None]) -> str:
    return ", ".join(sorted(directory.gmina_name(g) or g for g in ids if g))


def _availability(
    home: Institution, service_id: str | None, other: ServiceDirectory
) -> tuple[Availability, tuple[Institution, ...], str]:
    local = _local(other)
    same_type = [i for i in local if i.type is home.type]
    providers = [i for i in same_type if service_id is None or i.service(service_id)]
    label = INSTITUTION_TYPE_LABELS[home.type]
    if not providers:
        elsewhere = [i for i in local if service_id and i.service(service_id)]
        if elsewhere:
            names = ", ".join(i.name for i in elsewhere)
            return Availability.WEAKER, tuple(elsewhere), f"tę usługę daje tam inna instytucja: {names}"
        if same_type:
            return Availability.MISSING, (), f"jest {label}, ale bez tej usługi"
        return Availability.MISSING, (), f"brak w powiecie: {label}"
    reasons: list[str] = []
    if home.gmina is not None and all(p.gmina is not None for p in providers):
        covered = {p.gmina for p in providers}
        if len(covered) < len(other.gminas):
            reasons.append(f"tylko w gminach: {_gmina_names(other, set(covered))}")
    if home.reachable_by_bus and not any(p.reachable_by_bus for p in providers):
        reasons.append("nie dojedzie się tam autobusem")
    home_service = home.service(service_id) if service_id else None
    waits = [s.wait_days for p in providers if service_id and (s := p.service(service_id))]
    if home_service and waits and min(waits) >= home_service.wait_days + LONGER_WAIT_DAYS:
        reasons.append(f"czeka się ok. {min(waits)} dni (u nas {home_service.wait_days})")
    if reasons:
        return Availability.WEAKER, tuple(providers), "; ".join(reasons)
    return Availability.SAME, tuple(providers), "dostępna tak samo"


def case_in_powiat(case: Case, home: ServiceDirectory, other: ServiceDirectory) -> tuple[ActionAvailability, ...]:
    """Say, action by action of the case's reference contract, what the family would get in ``other``."""
    found = []
    for action in case.reference.contract.actions:
        institution = home.institution(action.institution_id) if action.institution_id else None
        if institution is None:
            continue
        service = institution.service(action.service_id) if action.service_id else None
        availability, providers, reason = _availability(institution, action.service_id, other)
        name = service.name if service else INSTITUTION_TYPE_LABELS[institution.type]
        found.append(ActionAvailability(action.id, institution, name, availability, providers, reason))
    return tuple(found)


def analysis_problems(gap: str, proposal: str) -> list[str]:
    """Return what is missing from a trainee's analysis (Polish); empty when it counts as done."""
    problems = []
    if len(gap.strip()) < MIN_ANALYSIS_CHARS:
        problems.append(f"opisz lukę albo różnicę, którą widzisz (co najmniej {MIN_ANALYSIS_CHARS} znaków)")
    if len(proposal.strip()) < MIN_ANALYSIS_CHARS:
        problems.append(
            f"zaproponuj, jak G-PZK wypełni tę lukę: kto, co i na jakiej podstawie (co najmniej {MIN_ANALYSIS_CHARS} "
            "znaków)"
        )
    return problems
