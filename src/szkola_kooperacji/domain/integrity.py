"""Consistency checks of a whole case or Lista that one field's type cannot express.

They return issues with the exact location, so the validator can point a trainer
at the line (``interview``, ``members[3].id``) instead of at the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .case import Case
from .codes import REPEALED_ART7, Area, Art7Reason
from .course import Course
from .directory import ServiceDirectory

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """One inconsistency: where, what was found, what is expected."""

    loc: Loc
    found: str
    expected: str


def _repeated(field: str, ids: Sequence[str], what: str) -> Iterator[Issue]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Issue((field, index, "id"), f"id {item_id!r} {what} powtarza się", "każde id inne")
        seen.add(item_id)


def case_issues(case: Case) -> list[Issue]:
    """Return what is inconsistent inside one case file."""
    issues = [
        *_repeated("members", [m.id for m in case.members], "członka rodziny"),
        *_repeated("interview", [f.id for f in case.interview], "ustalenia wywiadu"),
        *_repeated("strengths", [s.id for s in case.strengths], "zasobu"),
        *_repeated("knowledge", [k.id for k in case.knowledge], "informacji instytucji"),
    ]
    described = {finding.area for finding in case.interview}
    missing = [area.value for area in Area if area not in described]
    if missing:
        issues.append(
            Issue(
                ("interview",),
                f"brak ustaleń w obszarach: {', '.join(missing)}",
                "co najmniej jedno ustalenie wywiadu w każdym obszarze życia",
            )
        )
    for index, reason in enumerate(case.art7):
        if reason in REPEALED_ART7:
            issues.append(
                Issue(("art7", index), f"przesłanka {reason.value} jest uchylona", "aktualna przesłanka z art. 7")
            )
    if Art7Reason.INNY in case.art7 and not case.art7_other:
        issues.append(Issue(("art7_other",), "brak opisu przesłanki „inny”", "opis trudnej sytuacji w art7_other"))
    member_ids = {m.id for m in case.members}
    for index, finding in enumerate(case.interview):
        for member_id in finding.member_ids:
            if member_id not in member_ids:
                issues.append(
                    Issue(
                        ("interview", index, "member_ids"),
                        f"nieznany członek rodziny {member_id!r}",
                        f"id z members: {', '.join(sorted(member_ids))}",
                    )
                )
    for index, item in enumerate(case.knowledge):
        issues.extend(
            Issue(
                ("knowledge", index, "member_ids"),
                f"nieznany członek rodziny {member_id!r}",
                f"id z members: {', '.join(sorted(member_ids))}",
            )
            for member_id in item.member_ids
            if member_id not in member_ids
        )
    return issues


def directory_issues(directory: ServiceDirectory) -> list[Issue]:
    """Return what is inconsistent inside the Lista aktywności i usług."""
    issues = list(_repeated("institutions", [i.id for i in directory.institutions], "instytucji"))
    gminas = {gmina.id for gmina in directory.gminas}
    for index, institution in enumerate(directory.institutions):
        if institution.gmina is not None and institution.gmina not in gminas:
            issues.append(
                Issue(
                    ("institutions", index, "gmina"),
                    f"nieznana gmina {institution.gmina!r}",
                    f"jedna z gmin: {', '.join(sorted(gminas))}",
                )
            )
        issues.extend(
            Issue(("institutions", index, *issue.loc), issue.found, issue.expected)
            for issue in _repeated("services", [s.id for s in institution.services], "usługi")
        )
    return issues


def course_issues(course: Course) -> list[Issue]:
    """Return what is inconsistent inside one course manifest: repeated modules or exercises."""
    issues = list(_repeated("modules", [m.id for m in course.modules], "modułu"))
    graded_in: dict[str, str] = {}
    for index, module in enumerate(course.modules):
        for position, exercise in enumerate(module.exercises):
            if exercise in graded_in:
                issues.append(
                    Issue(
                        ("modules", index, "exercises", position),
                        f"ćwiczenie {exercise!r} jest już w module {graded_in[exercise]!r}",
                        "każde ćwiczenie oceniane w jednym module",
                    )
                )
            graded_in.setdefault(exercise, module.id)
    return issues
