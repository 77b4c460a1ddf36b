"""A problem in a data file, and the translation of pydantic errors into Polish lines.

Each problem names the file, the line when known, the field path as a trainer
writes it in YAML (``members[2].age``), what was found and what was expected.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from ..domain.integrity import Loc


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file, rendered as one line."""

    file: Path
    field: str
    found: str
    expected: str
    line: int | None = None
    warning: bool = False

    def render(self, base: Path | None = None) -> str:
        """Return the one-line report: ``file:line: field: found; oczekiwano: expected``."""
        shown = _relative(self.file, base)
        where = f"{shown}:{self.line}" if self.line else str(shown)
        prefix = "uwaga: " if self.warning else ""
        field = self.field or "(cały plik)"
        return f"{where}: {prefix}{field}: {self.found}; oczekiwano: {self.expected}"


def _relative(path: Path, base: Path | None) -> Path:
    try:
        return path.resolve().relative_to((base or Path.cwd()).resolve())
    except ValueError:
        return path


def format_loc(loc: Loc) -> str:
    """Render a location as YAML readers write it: ``members[2].age``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if isinstance(value, dict):
        text = "mapa {…}"
    elif isinstance(value, list):
        text = "lista […]"
    return text if len(text) <= 60 else text[:57] + "…"


_EXPECTED: dict[str, str] = {
    "int_parsing": "liczba całkowita",
    "int_type": "liczba całkowita",
    "int_from_float": "liczba całkowita",
    "bool_parsing": "true albo false",
    "bool_type": "true albo false",
    "date_parsing": "data w formacie RRRR-MM-DD",
    "date_from_datetime_parsing": "data w formacie RRRR-MM-DD",
    "date_from_datetime_inexact": "data bez godziny, RRRR-MM-DD",
    "date_type": "data w formacie RRRR-MM-DD",
    "string_type": "tekst",
    "list_type": "lista (elementy zaczynające się od „- ”)",
    "dict_type": "mapa pól (klucz: wartość)",
    "model_type": "mapa pól (klucz: wartość)",
    "model_attributes_type": "mapa pól (klucz: wartość)",
    "string_pattern_mismatch": "identyfikator z liter, cyfr, „_” i „-”, bez spacji i polskich znaków",
    "missing": "to pole jest wymagane",
}


def describe_error(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
    """Return (found, expected) in Polish for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "brak pola", "to pole jest wymagane"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        allowed = allowed_keys(model, error["loc"][:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"czy chodziło o „{close[0]}”? " if close else ""
        return f"nieznane pole „{name}”", f"{hint}dozwolone pola: {', '.join(allowed)}"
    if kind in {"enum", "literal_error"}:
        options = str(ctx.get("expected", "")).replace(" or ", " albo ")
        options = options.replace("'uchylony_10', ", "")  # repealed: loads in old data, never offered
        return f"wartość {_show(value)}", f"jedna z wartości: {options}"
    if kind == "string_too_long":
        return f"tekst ma {len(str(value))} znaków", f"najwyżej {ctx.get('max_length')} znaków"
    if kind == "string_too_short":
        return "pusty tekst", "niepusty tekst"
    if kind == "too_short":
        return f"{ctx.get('actual_length', 0)} elementów", f"co najmniej {ctx.get('min_length')}"
    if kind == "too_long":
        return "za dużo elementów", f"najwyżej {ctx.get('max_length')}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bounds = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}
        limit = next(iter(ctx.values()), "")
        return f"wartość {_show(value)}", f"liczba {bounds[kind]} {limit}"
    if kind == "union_tag_invalid":
        tags = str(ctx.get("expected_tags", "")).replace("'", "")
        return f"rodzaj {ctx.get('tag')!r}", f"jeden z rodzajów: {tags}"
    if kind == "union_tag_not_found":
        return "brak pola „kind”", "rodzaj elementu, np. kind: single_choice"
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
        return message, "spójne dane (popraw wskazane miejsca)"
    return f"wartość {_show(value)}", _EXPECTED.get(kind, error["msg"])


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """Return the field names allowed at a location inside ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """Find the pydantic model inside ``list[X]``, ``X | None`` or ``X``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in {list, tuple, types.UnionType, typing.Union}:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
