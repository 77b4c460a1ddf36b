"""The catalog: every case and the Lista aktywności i usług, loaded and cross-checked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.case import Case
from ..domain.course import Course
from ..domain.directory import ServiceDirectory
from ..domain.document_task import DocumentTask
from ..domain.self_check import SelfCheck
from ..errors import DataError, UnknownCaseError
from .comparison_refs import add_comparison_directory, check_comparison_references
from .course_refs import check_course_references, check_self_check_lesson
from .crossrefs import check_case_references
from .loader import data_files, load_file, load_source
from .paths import bundled_data_dirs, default_data_dirs
from .problems import Problem
from .yaml_source import YamlSource


@dataclass
class Catalog:
    """What the data files hold, and what is wrong with them."""

    files: list[Path] = field(default_factory=list)
    directory: ServiceDirectory | None = None
    comparison_directories: dict[str, ServiceDirectory] = field(default_factory=dict)
    """Listas of other powiats (``comparison_only``), by id: the supra-regional course compares practice with them."""
    cases: dict[str, Case] = field(default_factory=dict)
    case_files: dict[str, Path] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    course_files: dict[str, Path] = field(default_factory=dict)
    self_checks: dict[str, SelfCheck] = field(default_factory=dict)
    """Self-checks by lesson id (``courses/samosprawdzenia/``)."""
    self_check_files: dict[str, Path] = field(default_factory=dict)
    document_tasks: dict[str, DocumentTask] = field(default_factory=dict)
    """Document exercises by id (``courses/dokumenty/``)."""
    document_task_files: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the data unusable (warnings excluded)."""
        return [p for p in self.problems if not p.warning]

    def case(self, case_id: str) -> Case:
        """Return one case by id; raise UnknownCaseError (a KeyError) naming the known ids."""
        try:
            return self.cases[case_id]
        except KeyError:
            known = ", ".join(sorted(self.cases))
            raise UnknownCaseError(f"nie ma przypadku {case_id!r}; dostępne: {known}") from None


def load_catalog(paths: Sequence[Path] | None = None) -> Catalog:
    """Load and cross-check data files; with no paths, the bundled cases and Lista.

    When the given paths hold no Lista aktywności i usług, the bundled one is
    used for cross references, so a trainer can check a single new case file.
    """
    catalog = Catalog(files=data_files(paths or default_data_dirs()))
    sources: dict[Path, YamlSource] = {}  # each file is parsed once; the cross checks reuse its node tree
    for path in catalog.files:
        _add(catalog, path, sources)
    for lesson, self_check in catalog.self_checks.items():
        path = catalog.self_check_files[lesson]
        catalog.problems.extend(check_self_check_lesson(path, self_check, sources.get(path)))
    if catalog.directory is None and paths:
        for path in data_files(bundled_data_dirs()):
            loaded = load_file(path)
            if isinstance(loaded, ServiceDirectory):
                catalog.directory = loaded
                break
    if catalog.directory is None:
        catalog.problems.append(
            Problem(Path("."), "", "nie znaleziono Listy aktywności i usług", "jeden plik z „kind: directory”")
        )
        return catalog
    for case_id, case in catalog.cases.items():
        path = catalog.case_files[case_id]
        catalog.problems.extend(check_case_references(path, case, catalog.directory, sources.get(path)))
    catalog.problems.extend(check_comparison_references(catalog))
    known_cases = set(catalog.cases) | _bundled_case_ids(catalog) if paths else set(catalog.cases)
    for task_id, task in catalog.document_tasks.items():
        if task.case not in known_cases:
            path = catalog.document_task_files[task_id]
            source = sources.get(path)
            catalog.problems.append(
                Problem(
                    path,
                    "case",
                    f"przypadek {task.case!r} nie istnieje",
                    "id przypadku z case_studies/, np. " + ", ".join(sorted(catalog.cases)[:2]),
                    line=source.line_of(("case",)) if source else None,
                )
            )
    for course_id, course in catalog.courses.items():
        path = catalog.course_files[course_id]
        catalog.problems.extend(
            check_course_references(path, course, known_cases, sources.get(path), self_checks=catalog.self_checks)
        )
    return catalog


def _bundled_case_ids(catalog: Catalog) -> set[str]:
    """Case ids of the bundled data, so a course manifest checked alone can name bundled cases."""
    if not catalog.courses and not catalog.document_tasks:
        return set()
    return {p.stem for p in data_files(bundled_data_dirs()) if p.parent.name != "directory"}


def _add(catalog: Catalog, path: Path, sources: dict[Path, YamlSource]) -> None:
    loaded, source = load_source(path)
    if source is not None:
        sources[path] = source
    if isinstance(loaded, list):
        catalog.problems.extend(loaded)
    elif isinstance(loaded, ServiceDirectory) and loaded.comparison_only:
        catalog.problems.extend(add_comparison_directory(catalog.comparison_directories, path, loaded))
    elif isinstance(loaded, ServiceDirectory):
        if catalog.directory is not None:
            catalog.problems.append(
                Problem(
                    path,
                    "kind",
                    "druga Lista aktywności i usług",
                    "dokładnie jedna Lista (kind: directory) w sprawdzanych plikach",
                )
            )
        else:
            catalog.directory = loaded
    elif isinstance(loaded, SelfCheck):
        if loaded.lesson in catalog.self_checks:
            first = catalog.self_check_files[loaded.lesson]
            catalog.problems.append(
                Problem(
                    path,
                    "lesson",
                    f"lekcja {loaded.lesson!r} ma już samosprawdzenie w {first}",
                    "jedno samosprawdzenie na lekcję: dopisz pytania do tamtego pliku",
                )
            )
        else:
            catalog.self_checks[loaded.lesson] = loaded
            catalog.self_check_files[loaded.lesson] = path
    elif isinstance(loaded, DocumentTask):
        if loaded.id in catalog.document_tasks:
            first = catalog.document_task_files[loaded.id]
            catalog.problems.append(
                Problem(path, "id", f"id {loaded.id!r} ma już ćwiczenie w {first}", "każde ćwiczenie z innym id")
            )
        else:
            catalog.document_tasks[loaded.id] = loaded
            catalog.document_task_files[loaded.id] = path
    elif isinstance(loaded, Course):
        if loaded.id in catalog.courses:
            first = catalog.course_files[loaded.id]
            catalog.problems.append(
                Problem(path, "id", f"id {loaded.id!r} ma już kurs w {first}", "każdy kurs z innym id")
            )
        else:
            catalog.courses[loaded.id] = loaded
            catalog.course_files[loaded.id] = path
    elif loaded.id in catalog.cases:
        first = catalog.case_files[loaded.id]
        catalog.problems.append(
            Problem(path, "id", f"id {loaded.id!r} ma już przypadek w {first}", "każdy przypadek z innym id")
        )
    else:
        catalog.cases[loaded.id] = loaded
        catalog.case_files[loaded.id] = path


def load_valid_catalog(paths: Iterable[Path] | None = None) -> Catalog:
    """Load the catalog for use (dashboard, grading); raise DataError if any file is invalid."""
    catalog = load_catalog(list(paths) if paths is not None else None)
    if catalog.errors:
        raise DataError(catalog.errors)
    return catalog
