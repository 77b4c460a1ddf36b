"""Guard against real personal data: a PESEL number must never appear in a data file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..domain.integrity import Loc
from ..domain.privacy import contains_pesel


def find_pesels(data: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Yield the location of every text value that contains a valid-looking PESEL."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from find_pesels(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_pesels(value, (*loc, index))
    elif isinstance(data, str | int) and contains_pesel(str(data)):
        yield loc
