"""Guard against real personal data: a PESEL number must never appear in a data file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..domain.integrity import Loc

_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def is_pesel(digits: str) -> bool:
    """Return True when eleven digits carry a valid PESEL checksum."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False))
    return (10 - total % 10) % 10 == int(digits[10])


def find_pesels(data: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Yield the location of every text value that contains a valid-looking PESEL."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from find_pesels(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_pesels(value, (*loc, index))
    elif isinstance(data, str | int) and any(is_pesel(m) for m in _ELEVEN_DIGITS.findall(str(data))):
        yield loc
