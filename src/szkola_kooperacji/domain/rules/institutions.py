"""Directory rules: competent institutions, several sectors, both levels, safety first."""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import (
    CLIENT_GROUP_LABELS,
    LEVEL_LABELS,
    SECTOR_LABELS,
    Art7Reason,
    Level,
    Sector,
    Severity,
)
from ..directory import InstitutionType
from ..findings import Finding, FindingLevel
from .context import RuleContext

MIN_SECTORS_BESIDES_SOCIAL_ASSISTANCE = 2
"""Model Kooperacji: a contract binds at least two sectors other than social assistance."""


def check_institutions(ctx: RuleContext) -> Iterator[Finding]:
    """Check each action's institution and service against the Lista aktywności i usług."""
    for action in ctx.contract.actions:
        element = f"działania[{action.id}]"
        if action.institution_id is None:
            continue
        institution = ctx.institution_of(action)
        if institution is None:
            yield Finding(
                code="action_unknown_institution",
                level=FindingLevel.BLAD,
                message=(
                    f"Działanie {action.id} wskazuje instytucję „{action.institution_id}”, której nie ma "
                    "na Liście aktywności i usług powiatu. Wybierz instytucję z Listy."
                ),
                element=element,
            )
            continue
        if institution.gmina is not None and institution.gmina != ctx.case.gmina:
            home = ctx.directory.gmina_name(ctx.case.gmina) or ctx.case.gmina
            yield Finding(
                code="action_institution_other_gmina",
                level=FindingLevel.OSTRZEZENIE,
                message=(
                    f"Działanie {action.id}: {institution.name} działa w innej gminie niż rodzina "
                    f"(gmina {home}). Wybierz instytucję z gminy {home} albo powiatową, chyba że działanie "
                    "dotyczy członka rodziny mieszkającego w tamtej gminie."
                ),
                element=element,
            )
        if action.service_id is None:
            yield Finding(
                code="action_service_missing",
                level=FindingLevel.BLAD,
                message=f"Działanie {action.id}: wybierz usługę, którą {institution.name} ma wykonać.",
                element=element,
            )
            continue
        service = institution.service(action.service_id)
        if service is None:
            offered = "; ".join(s.name for s in institution.services)
            yield Finding(
                code="action_unknown_service",
                level=FindingLevel.BLAD,
                message=(
                    f"Działanie {action.id}: {institution.name} nie oferuje usługi „{action.service_id}”. "
                    f"Ta instytucja oferuje: {offered}."
                ),
                element=element,
            )
            continue
        groups = ctx.beneficiary_groups(action)
        allowed = set(service.for_whom)
        unfit = [mid for mid, member_groups in groups.items() if not allowed & member_groups]
        if groups and len(unfit) == len(groups):
            names = ", ".join(m.name for mid in unfit if (m := ctx.case.member(mid)) is not None)
            for_whom = ", ".join(CLIENT_GROUP_LABELS[g] for g in service.for_whom)
            yield Finding(
                code="action_service_not_for_client",
                level=FindingLevel.BLAD,
                message=(
                    f"Działanie {action.id}: usługa „{service.name}” ({institution.name}) jest przeznaczona "
                    f"dla: {for_whom}; {names} do tej grupy nie należy. Wybierz usługę właściwą dla tej osoby."
                ),
                element=element,
            )
    yield from _check_members(ctx)
    yield from _check_ops(ctx)


def _check_members(ctx: RuleContext) -> Iterator[Finding]:
    known = {m.id for m in ctx.case.members}
    for action in ctx.contract.actions:
        unknown = sorted(set(action.member_ids) - known)
        if unknown:
            yield Finding(
                code="action_unknown_member",
                level=FindingLevel.BLAD,
                message=f"Działanie {action.id} dotyczy osób spoza rodziny: {', '.join(unknown)}.",
                element=f"działania[{action.id}]",
            )


def _check_ops(ctx: RuleContext) -> Iterator[Finding]:
    ops_id = ctx.contract.ops_institution_id
    if ops_id is None:
        return
    ops = ctx.directory.institution(ops_id)
    if ops is None or ops.type != InstitutionType.OPS:
        yield Finding(
            code="contract_ops_unknown",
            level=FindingLevel.BLAD,
            message=f"Kontrakt zawiera ośrodek „{ops_id}”, którego nie ma na Liście jako OPS/GOPS.",
            element="strony",
        )


def check_cooperation(ctx: RuleContext) -> Iterator[Finding]:
    """Check that the contract binds several sectors and the levels the case needs."""
    if not ctx.contract.actions:
        return
    sectors = ctx.sectors_used()
    others = sectors - {Sector.POMOC_SPOLECZNA}
    if len(others) < MIN_SECTORS_BESIDES_SOCIAL_ASSISTANCE:
        used = ", ".join(sorted(SECTOR_LABELS[s] for s in sectors)) or "żadnego"
        yield Finding(
            code="too_few_sectors",
            level=FindingLevel.BLAD,
            message=(
                f"Kontrakt angażuje sektory: {used}. Model Kooperacji wymaga co najmniej dwóch sektorów "
                "poza pomocą społeczną (np. rynek pracy, edukacja, zdrowie, wymiar sprawiedliwości)."
            ),
            element="działania",
        )
    levels = ctx.levels_used()
    for level in ctx.case.required_levels:
        if level not in levels:
            yield Finding(
                code="missing_level",
                level=FindingLevel.BLAD,
                message=(
                    f"Żadne działanie nie angażuje instytucji na poziomie: {LEVEL_LABELS[level]}. "
                    f"Ten przypadek wymaga współpracy instytucji gminnych i powiatowych."
                    if level != Level.REGION
                    else "Ten przypadek wymaga instytucji na poziomie województwa."
                ),
                element="działania",
            )
    yield from _check_safety(ctx)


def _check_safety(ctx: RuleContext) -> Iterator[Finding]:
    safety_case = Art7Reason.PRZEMOC_DOMOWA in ctx.case.art7 or any(
        need.severity == Severity.KRYTYCZNA for need in ctx.diagnosis.needs
    )
    if not safety_case:
        return
    has_team = any(
        (i := ctx.institution_of(a)) is not None and i.type == InstitutionType.ZESPOL_INTERDYSCYPLINARNY
        for a in ctx.contract.actions
    )
    if not has_team:
        yield Finding(
            code="safety_procedure_missing",
            level=FindingLevel.BLAD,
            message=(
                "Bezpieczeństwo przede wszystkim: w rodzinie jest przemoc domowa lub zagrożenie "
                "bezpieczeństwa, a kontrakt nie angażuje zespołu interdyscyplinarnego (procedura "
                "„Niebieska Karta”, plan pomocy). Dodaj takie działanie obok kontraktu."
            ),
            element="działania",
        )
