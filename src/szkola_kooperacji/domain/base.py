"""Shared building blocks of every domain model: strictness and text limits.

All models forbid unknown keys, so a typo in a trainer's YAML file is reported
instead of silently ignored, and every text has an upper length, so odd input
from a widget is refused with a message instead of growing without bound.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"

Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]
"""A stable id inside one file: letters, digits, ``_`` and ``-``."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A required one-line text (a name, a title)."""

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
"""An optional one-line or short text; empty while a trainee is still typing."""

LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
"""A paragraph: an interview finding, a goal, a note."""

MAX_ITEMS = 200
"""Upper bound on list lengths, so a runaway widget cannot build a huge document."""


class DomainModel(BaseModel):
    """Base of all domain models: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        use_enum_values=False,
        str_strip_whitespace=True,
    )


def duplicates(ids: list[str]) -> list[str]:
    """Return ids that occur more than once, in first-seen order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for item in ids:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated
