"""The committed JSON Schemas are exactly what the models generate: one source of truth."""

import json
from pathlib import Path

import pytest

from szkola_kooperacji.schema import SCHEMA_FILES, render

SCHEMA_DIR = Path(__file__).parent.parent / "docs" / "schema"


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_matches_models(kind: str):
    committed = (SCHEMA_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    assert committed == render(kind), "run `szkola schema` and commit docs/schema/"


def test_case_schema_forbids_unknown_keys():
    schema = json.loads(render("case"))
    assert schema["additionalProperties"] is False
    assert "reference" in schema["required"]
