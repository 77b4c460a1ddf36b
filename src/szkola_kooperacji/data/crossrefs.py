"""Checks across files: cases against the Lista, and each expert reference against the rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..domain.case import Case
from ..domain.directory import ServiceDirectory
from ..domain.findings import ElementKind, Finding, FindingLevel, Location
from ..domain.integrity import Loc
from ..domain.rules import check_all
from .problems import Problem, format_loc
from .yaml_source import YamlSource, read_yaml

_ELEMENT_FIELDS: dict[ElementKind, tuple[str, str]] = {
    ElementKind.POTRZEBY: ("diagnosis", "needs"),
    ElementKind.CELE: ("contract", "goals"),
    ElementKind.DZIALANIA: ("contract", "actions"),
    ElementKind.OKRES: ("contract", "period_start"),
    ElementKind.OCENA: ("contract", "reviews"),
    ElementKind.STRONY: ("contract", "ops_institution_id"),
    ElementKind.CEL_GLOWNY: ("contract", "goal_main"),
}
"""Where each rule element lives inside ``reference`` of a case file."""


def check_case_references(
    path: Path, case: Case, directory: ServiceDirectory, source: YamlSource | None = None
) -> list[Problem]:
    """Return the problems of one case that only show against the Lista and the rules.

    ``source`` is the file as the loader parsed it; without it the file is read again for line numbers.
    """
    problems: list[Problem] = []
    parsed = source if source is not None else read_yaml(path)
    located = parsed if isinstance(parsed, YamlSource) else None

    def problem(loc: Loc, found: str, expected: str, *, warning: bool = False) -> Problem:
        line = located.line_of(loc) if located else None
        return Problem(path, format_loc(loc), found, expected, line=line, warning=warning)

    if path.stem != case.id:
        problems.append(
            problem(
                ("id",), f"id {case.id!r} różni się od nazwy pliku {path.stem!r}", "id równe nazwie pliku bez .yaml"
            )
        )
    if directory.gmina_name(case.gmina) is None:
        known = ", ".join(g.id for g in directory.gminas)
        problems.append(
            problem(("gmina",), f"gmina {case.gmina!r} nie istnieje w {directory.powiat}", f"jedna z gmin: {known}")
        )
    for index, episode in enumerate(case.history):
        if episode.institution_id and directory.institution(episode.institution_id) is None:
            problems.append(
                problem(
                    ("history", index, "institution_id"),
                    f"instytucja {episode.institution_id!r} nie istnieje na Liście",
                    "id instytucji z Listy aktywności i usług",
                )
            )
    for index, item in enumerate(case.knowledge):
        if directory.institution(item.institution_id) is None:
            problems.append(
                problem(
                    ("knowledge", index, "institution_id"),
                    f"instytucja {item.institution_id!r} nie istnieje na Liście",
                    "id instytucji z Listy aktywności i usług",
                )
            )
    contract = case.reference.contract
    member_ids = {m.id for m in case.members}
    for field, value in (("client_member_id", contract.client_member_id),):
        if value is None or value not in member_ids:
            problems.append(
                problem(
                    ("reference", "contract", field),
                    f"wartość {value!r}",
                    f"id członka rodziny: {', '.join(sorted(member_ids))}",
                )
            )
    findings = check_all(case, directory, case.reference.diagnosis, contract)
    problems.extend(_rule_problems(case, findings, problem))
    return problems


def _rule_problems(case: Case, findings: list[Finding], problem: Callable[..., Problem]) -> Iterator[Problem]:
    for finding in findings:
        if finding.level == FindingLevel.WSKAZOWKA:
            continue
        loc = _locate(case, finding.location)
        yield problem(
            loc,
            f"rozwiązanie wzorcowe łamie regułę {finding.code}: {finding.message}",
            "rozwiązanie wzorcowe zgodne z regułami kontraktu",
            warning=finding.level == FindingLevel.OSTRZEZENIE,
        )


def _locate(case: Case, location: Location) -> Loc:
    part, field = _ELEMENT_FIELDS[location.kind]
    loc: Loc = ("reference", part, field)
    if location.id is not None:
        ids: dict[str, Sequence[str]] = {
            "needs": [n.id for n in case.reference.diagnosis.needs],
            "goals": [g.id for g in case.reference.contract.goals],
            "actions": [a.id for a in case.reference.contract.actions],
        }
        index = next((i for i, item_id in enumerate(ids.get(field, ())) if item_id == location.id), None)
        if index is not None:
            loc = (*loc, index)
    return loc
