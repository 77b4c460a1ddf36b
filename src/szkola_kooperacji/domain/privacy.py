"""Recognise a PESEL number in any text: real personal data must never be stored or printed.

One detector serves both the data validator (trainers' YAML files) and the
dashboard (what a trainee types), so both refuse exactly the same numbers.
"""

from __future__ import annotations

import re

_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)

PESEL_REFUSED = "Nie wpisuj numeru PESEL – to dane osobowe."
"""What a trainee reads when a text holds a PESEL-shaped number."""


def is_pesel(digits: str) -> bool:
    """Return True when eleven digits carry a valid PESEL checksum."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False))
    return (10 - total % 10) % 10 == int(digits[10])


def contains_pesel(text: str) -> bool:
    """Return True when ``text`` holds a standalone run of eleven digits with a valid PESEL checksum."""
    return any(is_pesel(m) for m in _ELEVEN_DIGITS.findall(text))
