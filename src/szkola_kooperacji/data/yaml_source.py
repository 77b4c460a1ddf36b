"""Read a YAML data file safely, keep its node tree for line numbers, refuse duplicate keys.

PyYAML silently keeps the last of two equal keys; a trainer who wrote
``age:`` twice would never learn which one counts, so duplicates are problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..domain.integrity import Loc
from .problems import Problem

EXPECTED_CONTENT = (
    "przypadek (kind: case), Lista usług (kind: directory), kurs (kind: course) albo samosprawdzenie (kind: self_check)"
)
MAX_FILE_BYTES = 2_000_000
"""A case file is a few dozen kilobytes; anything this large is a mistake."""


class DataLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so pydantic reports a bad date with its field and line.

    PyYAML's own timestamp constructor raises a bare ValueError on "2026-13-45",
    with neither the field nor the line.
    """


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlSource:
    """The parsed data of one file and its node tree, for locating fields by line."""

    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, loc: Loc) -> int | None:
        """Return the 1-based line of the deepest node on the path ``loc`` that exists."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line


def _child(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        child: yaml.Node = node.value[part]
        return child
    return None


def read_yaml(path: Path) -> YamlSource | list[Problem]:
    """Parse one file; return its source, or the problems that stop it from being read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [Problem(path, "", f"plik ma {size} bajtów", f"najwyżej {MAX_FILE_BYTES} bajtów")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(path, "", "plik nie jest zapisany w UTF-8", "zapisz plik w kodowaniu UTF-8")]
    except OSError as error:
        return [Problem(path, "", f"nie można odczytać pliku ({error.strerror})", "czytelny plik YAML")]
    return read_yaml_text(text, path)


def read_yaml_text(text: str, path: Path) -> YamlSource | list[Problem]:
    """Parse YAML typed or read as ``path`` (a trainee's proposal has no file); same checks as a file."""
    if not text.strip():
        return [Problem(path, "", "plik jest pusty", EXPECTED_CONTENT)]
    try:
        root, data = _parse(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = "poprawna składnia YAML (wcięcia spacjami, nie tabulatorami; „klucz: wartość”)"
        return [Problem(path, "", f"to nie jest poprawny YAML: {reason}", hint, line=mark.line + 1 if mark else None)]
    duplicates = list(_duplicate_keys(path, root, ()))
    if duplicates:
        return duplicates
    if data is None:
        return [Problem(path, "", "plik zawiera same komentarze", EXPECTED_CONTENT)]
    return YamlSource(path=path, data=data, root=root)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse the text once: compose the node tree (for line numbers), then build the data from it."""
    loader = DataLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def _duplicate_keys(path: Path, node: yaml.Node | None, loc: Loc) -> Any:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                yield Problem(
                    path,
                    ".".join(map(str, (*loc, name))),
                    f"pole „{name}” występuje dwa razy",
                    "każde pole raz; usuń lub scal powtórzenie",
                    line=key.start_mark.line + 1,
                )
            seen.add(name)
            yield from _duplicate_keys(path, value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(path, item, (*loc, index))
