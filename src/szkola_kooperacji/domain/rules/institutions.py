"""Directory rules: competent institutions, several sectors, both levels, safety first."""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import CLIENT_GROUP_LABELS, LEVEL_LABELS, SECTOR_LABELS, Level
from ..directory import InstitutionType
from ..findings import ElementKind, Finding, FindingLevel, action_at, section
from ..parts import Part, ScoreKey
from .context import RuleContext
from .registry import declare

MIN_SECTORS_BESIDES_SOCIAL_ASSISTANCE = 2
"""A rule of this course (not of the Model Kooperacji itself): at least two sectors besides social assistance."""

ACTION_UNKNOWN_INSTITUTION = declare(
    "action_unknown_institution",
    FindingLevel.BLAD,
    Part.INSTYTUCJE,
    ScoreKey.INSTITUTIONS,
    "Instytucja spoza Listy aktywności i usług",
)
ACTION_INSTITUTION_OTHER_GMINA = declare(
    "action_institution_other_gmina",
    FindingLevel.OSTRZEZENIE,
    Part.INSTYTUCJE,
    ScoreKey.INSTITUTIONS,
    "Instytucja z innej gminy niż rodzina",
)
ACTION_SERVICE_MISSING = declare(
    "action_service_missing", FindingLevel.BLAD, Part.INSTYTUCJE, ScoreKey.INSTITUTIONS, "Działanie bez usługi"
)
ACTION_UNKNOWN_SERVICE = declare(
    "action_unknown_service",
    FindingLevel.BLAD,
    Part.INSTYTUCJE,
    ScoreKey.INSTITUTIONS,
    "Instytucja nie oferuje wskazanej usługi",
)
ACTION_SERVICE_NOT_FOR_CLIENT = declare(
    "action_service_not_for_client",
    FindingLevel.BLAD,
    Part.INSTYTUCJE,
    ScoreKey.INSTITUTIONS,
    "Usługa nie jest przeznaczona dla tej osoby",
)
ACTION_UNKNOWN_MEMBER = declare(
    "action_unknown_member", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.FORMAL, "Działanie dotyczy osób spoza rodziny"
)
CONTRACT_OPS_UNKNOWN = declare(
    "contract_ops_unknown",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.FORMAL,
    "Ośrodek spoza Listy jako strona kontraktu",
)
TOO_FEW_SECTORS = declare(
    "too_few_sectors",
    FindingLevel.BLAD,
    Part.INSTYTUCJE,
    ScoreKey.SECTORS,
    "Mniej niż dwa sektory poza pomocą społeczną (zasada kursu)",
)
MISSING_LEVEL = declare(
    "missing_level", FindingLevel.BLAD, Part.INSTYTUCJE, ScoreKey.LEVELS, "Brak instytucji wymaganego poziomu"
)


def check_institutions(ctx: RuleContext) -> Iterator[Finding]:
    """Check each action's institution and service against the Lista aktywności i usług."""
    for action in ctx.contract.actions:
        element = action_at(action.id)
        if action.institution_id is None:
            continue
        institution = ctx.institution_of(action)
        if institution is None:
            yield ACTION_UNKNOWN_INSTITUTION.finding(
                element,
                (
                    f"Działanie {action.id} wskazuje instytucję „{action.institution_id}”, której nie ma "
                    "na Liście aktywności i usług powiatu. Wybierz instytucję z Listy."
                ),
            )
            continue
        if institution.gmina is not None and institution.gmina != ctx.case.gmina:
            home = ctx.directory.gmina_name(ctx.case.gmina) or ctx.case.gmina
            yield ACTION_INSTITUTION_OTHER_GMINA.finding(
                element,
                (
                    f"Działanie {action.id}: {institution.name} działa w innej gminie niż rodzina "
                    f"(gmina {home}). Wybierz instytucję z gminy {home} albo powiatową, chyba że działanie "
                    "dotyczy członka rodziny mieszkającego w tamtej gminie."
                ),
            )
        if action.service_id is None:
            yield ACTION_SERVICE_MISSING.finding(
                element,
                f"Działanie {action.id}: wybierz usługę, którą {institution.name} ma wykonać.",
            )
            continue
        service = institution.service(action.service_id)
        if service is None:
            offered = "; ".join(s.name for s in institution.services)
            yield ACTION_UNKNOWN_SERVICE.finding(
                element,
                (
                    f"Działanie {action.id}: {institution.name} nie oferuje usługi „{action.service_id}”. "
                    f"Ta instytucja oferuje: {offered}."
                ),
            )
            continue
        groups = ctx.beneficiary_groups(action)
        allowed = set(service.for_whom)
        unfit = [mid for mid, member_groups in groups.items() if not allowed & member_groups]
        if groups and len(unfit) == len(groups):
            names = ", ".join(m.name for mid in unfit if (m := ctx.case.member(mid)) is not None)
            for_whom = ", ".join(CLIENT_GROUP_LABELS[g] for g in service.for_whom)
            yield ACTION_SERVICE_NOT_FOR_CLIENT.finding(
                element,
                (
                    f"Działanie {action.id}: usługa „{service.name}” ({institution.name}) jest przeznaczona "
                    f"dla: {for_whom}; {names} do tej grupy nie należy. Wybierz usługę właściwą dla tej osoby."
                ),
            )
    yield from _check_members(ctx)
    yield from _check_ops(ctx)


def _check_members(ctx: RuleContext) -> Iterator[Finding]:
    known = {m.id for m in ctx.case.members}
    for action in ctx.contract.actions:
        unknown = sorted(set(action.member_ids) - known)
        if unknown:
            yield ACTION_UNKNOWN_MEMBER.finding(
                action_at(action.id),
                f"Działanie {action.id} dotyczy osób spoza rodziny: {', '.join(unknown)}.",
            )


def _check_ops(ctx: RuleContext) -> Iterator[Finding]:
    ops_id = ctx.contract.ops_institution_id
    if ops_id is None:
        return
    ops = ctx.directory.institution(ops_id)
    if ops is None or ops.type != InstitutionType.OPS:
        yield CONTRACT_OPS_UNKNOWN.finding(
            section(ElementKind.STRONY),
            f"Kontrakt zawiera ośrodek „{ops_id}”, którego nie ma na Liście jako OPS/GOPS.",
        )


def check_cooperation(ctx: RuleContext) -> Iterator[Finding]:
    """Check that the contract binds several sectors and the levels the case needs."""
    if not ctx.contract.actions:
        return
    sectors = ctx.sectors_used()
    others = ctx.sectors_besides_social_assistance()
    if len(others) < MIN_SECTORS_BESIDES_SOCIAL_ASSISTANCE:
        used = ", ".join(sorted(SECTOR_LABELS[s] for s in sectors)) or "żadnego"
        yield TOO_FEW_SECTORS.finding(
            section(ElementKind.DZIALANIA),
            (
                f"Kontrakt angażuje sektory: {used}. Zasada kursu: w tym szkoleniu kontrakt angażuje co najmniej "
                "dwa sektory poza pomocą społeczną (np. rynek pracy, edukacja, zdrowie, wymiar sprawiedliwości); "
                "asystent rodziny i świetlica należą do pomocy społecznej i wspierania rodziny."
            ),
        )
    levels = ctx.levels_used()
    for level in ctx.case.required_levels:
        if level not in levels:
            yield MISSING_LEVEL.finding(
                section(ElementKind.DZIALANIA),
                (
                    f"Żadne działanie nie angażuje instytucji na poziomie: {LEVEL_LABELS[level]}. "
                    f"Ten przypadek wymaga współpracy instytucji gminnych i powiatowych."
                    if level != Level.REGION
                    else "Ten przypadek wymaga instytucji na poziomie województwa."
                ),
            )
