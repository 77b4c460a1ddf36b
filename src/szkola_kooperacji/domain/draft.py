"""A trainee's work on one case: the diagnosis and the contract, versioned for storage."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import DomainModel, Identifier
from .contract import Contract
from .diagnosis import Diagnosis


class Draft(DomainModel):
    """What a trainee has built so far; saved after each change and restored on return."""

    schema_version: Literal[1] = 1
    case_id: Identifier
    diagnosis: Diagnosis = Field(default_factory=Diagnosis)
    contract: Contract = Field(default_factory=Contract)
