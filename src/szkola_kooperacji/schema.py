"""JSON Schema of the data files, generated from the pydantic models (their only source)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .data.loader import KINDS

SCHEMA_FILES: dict[str, str] = {
    "case": "case.schema.json",
    "directory": "directory.schema.json",
    "course": "course.schema.json",
    "self_check": "self_check.schema.json",
    "document_task": "document_task.schema.json",
}


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of one kind of data file."""
    schema = KINDS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render(kind: str) -> str:
    """Return the schema as committed: stable key order, Polish characters kept, final newline."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` and return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, name in SCHEMA_FILES.items():
        path = folder / name
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written
