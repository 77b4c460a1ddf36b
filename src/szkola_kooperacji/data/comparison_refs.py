"""Listas of other powiats kept for the supra-regional comparison, and the courses that name them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.directory import ServiceDirectory
from .loader import data_files, load_file
from .paths import bundled_data_dirs
from .problems import Problem, format_loc
from .yaml_source import YamlSource, read_yaml

if TYPE_CHECKING:
    from .catalog import Catalog


def add_comparison_directory(
    known: dict[str, ServiceDirectory], path: Path, directory: ServiceDirectory
) -> list[Problem]:
    """Keep a comparison Lista by its id; a second Lista with the same id is a problem."""
    assert directory.id is not None  # the model requires an id of a comparison Lista
    if directory.id in known:
        return [Problem(path, "id", f"id {directory.id!r} ma już inna Lista do porównania", "każdy powiat z innym id")]
    known[directory.id] = directory
    return []


def bundled_comparison_ids() -> set[str]:
    """Ids of the bundled comparison Listas, so a course checked alone may name them."""
    ids: set[str] = set()
    for path in data_files(bundled_data_dirs()):
        if path.parent.name != "directory":
            continue
        loaded = load_file(path)
        if isinstance(loaded, ServiceDirectory) and loaded.comparison_only and loaded.id:
            ids.add(loaded.id)
    return ids


def check_comparison_references(catalog: Catalog) -> list[Problem]:
    """Return one problem per powiat comparison a course names whose Lista is not loaded."""
    problems: list[Problem] = []
    known: set[str] | None = None
    for course_id, course in catalog.courses.items():
        path = catalog.course_files[course_id]
        for m_index, module in enumerate(course.modules):
            for index, powiat_id in enumerate(module.comparisons):
                if powiat_id in catalog.comparison_directories:
                    continue
                if known is None:
                    known = set(catalog.comparison_directories) | bundled_comparison_ids()
                if powiat_id in known:
                    continue
                loc = ("modules", m_index, "comparisons", index)
                source = read_yaml(path)
                line = source.line_of(loc) if isinstance(source, YamlSource) else None
                names = ", ".join(sorted(known)) or "brak takich List"
                problems.append(
                    Problem(
                        path,
                        format_loc(loc),
                        f"porównanie z powiatem {powiat_id!r}: nie ma jego Listy (comparison_only: true)",
                        f"id Listy innego powiatu z case_studies/directory/ ({names})",
                        line=line,
                    )
                )
    return problems
