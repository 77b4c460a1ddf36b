"""Load data files into domain models, turning every failure into located problems."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..domain.case import Case
from ..domain.course import Course
from ..domain.directory import ServiceDirectory
from ..domain.document_task import DocumentTask, document_task_issues
from ..domain.integrity import case_issues, course_issues, directory_issues
from ..domain.self_check import ITEM_KIND_LABELS, SelfCheck, self_check_issues
from .privacy import find_pesels
from .problems import Problem, describe_error, format_loc
from .yaml_source import YamlSource, read_yaml

CURRENT_SCHEMA_VERSION = 1
KINDS: dict[str, type[BaseModel]] = {
    "case": Case,
    "directory": ServiceDirectory,
    "course": Course,
    "self_check": SelfCheck,
    "document_task": DocumentTask,
}
"""Every data file says what it is with ``kind``; this maps it to its model."""

DataModel = Case | ServiceDirectory | Course | SelfCheck | DocumentTask


def data_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the YAML files under them, sorted, keeping files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file()))
        else:
            files.append(path)
    return files


def load_file(path: Path) -> DataModel | list[Problem]:
    """Load one data file as the model its ``kind`` names, or return its problems."""
    return load_source(path)[0]


def load_source(path: Path) -> tuple[DataModel | list[Problem], YamlSource | None]:
    """Load one data file and also return its parsed source, so later checks can locate lines without re-reading it."""
    if not path.exists():
        return [Problem(path, "", "plik nie istnieje", "ścieżka do istniejącego pliku .yaml albo folderu")], None
    source = read_yaml(path)
    if isinstance(source, list):
        return source, None
    return _validate(source), source


def _validate(source: YamlSource) -> DataModel | list[Problem]:
    path = source.path
    if not isinstance(source.data, dict):
        return [
            Problem(
                path,
                "",
                f"na najwyższym poziomie jest {type(source.data).__name__}",
                "mapa pól zaczynająca się od „schema_version: 1” i „kind: …”",
                line=1,
            )
        ]
    header = _check_header(source)
    if header:
        return header
    privacy = [
        Problem(
            path,
            format_loc(loc),
            "tekst wygląda na numer PESEL",
            "wyłącznie dane fikcyjne: usuń numer",
            line=source.line_of(loc),
        )
        for loc in find_pesels(source.data)
    ]
    model = KINDS[source.data["kind"]]
    try:
        loaded = model.model_validate(source.data)
    except ValidationError as error:
        return privacy + [_problem(source, model, detail) for detail in error.errors(include_url=False)]
    assert isinstance(loaded, Case | ServiceDirectory | Course | SelfCheck | DocumentTask)
    if isinstance(loaded, Case):
        issues = case_issues(loaded)
    elif isinstance(loaded, Course):
        issues = course_issues(loaded)
    elif isinstance(loaded, SelfCheck):
        issues = self_check_issues(loaded)
    elif isinstance(loaded, DocumentTask):
        issues = document_task_issues(loaded)
    else:
        issues = directory_issues(loaded)
    integrity = [
        Problem(path, format_loc(issue.loc), issue.found, issue.expected, line=source.line_of(issue.loc))
        for issue in issues
    ]
    if privacy or integrity:
        return privacy + integrity
    return loaded


def _check_header(source: YamlSource) -> list[Problem]:
    data: dict[str, Any] = source.data
    path = source.path
    kinds = ", ".join(KINDS)
    if "kind" not in data:
        return [Problem(path, "kind", "brak pola „kind”", f"kind: jedno z {kinds}", line=1)]
    if data["kind"] not in KINDS:
        return [Problem(path, "kind", f"wartość {data['kind']!r}", f"jedno z: {kinds}", line=source.line_of(("kind",)))]
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        return [
            Problem(
                path,
                "schema_version",
                f"wartość {version!r}",
                f"schema_version: {CURRENT_SCHEMA_VERSION}",
                line=source.line_of(("schema_version",)),
            )
        ]
    if version > CURRENT_SCHEMA_VERSION:
        return [
            Problem(
                path,
                "schema_version",
                f"wersja {version}, nowsza niż znana tej instalacji",
                f"wersja {CURRENT_SCHEMA_VERSION} albo zaktualizuj pakiet szkola-kooperacji",
                line=source.line_of(("schema_version",)),
            )
        ]
    if version < 1:
        return [
            Problem(
                path,
                "schema_version",
                f"wersja {version}",
                f"wersja {CURRENT_SCHEMA_VERSION}",
                line=source.line_of(("schema_version",)),
            )
        ]
    return []


ITEM_TAGS = frozenset(ITEM_KIND_LABELS)
"""Pydantic puts the kind of a self-check item into an error's path; a trainer's YAML has no such level."""


def _problem(source: YamlSource, model: type[BaseModel], detail: Any) -> Problem:
    loc = tuple(
        part
        for index, part in enumerate(detail["loc"])
        if not (part in ITEM_TAGS and index and isinstance(detail["loc"][index - 1], int))
    )
    if detail["type"] in {"union_tag_invalid", "union_tag_not_found"}:
        loc = (*loc, "kind")  # the wrong or missing field is the element's kind
    found, expected = describe_error(detail, model)
    return Problem(source.path, format_loc(loc), found, expected, line=source.line_of(loc))
