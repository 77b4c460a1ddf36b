"""deploy/z2jh/values.yaml is valid for the Zero to JupyterHub chart and agrees with `szkola hub`."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from szkola_kooperacji.hub.config import DASHBOARD_URL, TRAINEE_EXTENSIONS
from szkola_kooperacji.hub.settings import TRAINER_GROUP

ROOT = Path(__file__).parent.parent.parent
VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
CHART = Path(os.environ.get("SZKOLA_Z2JH_CHART", Path(__file__).parent / "z2jh_chart"))
"""The chart's defaults and values schema, copied from the chart (its README names the commit)."""


def merged(defaults: Any, overrides: Any) -> Any:
    """Deep-merge as helm does: mappings recursively, anything else replaced by the user's value."""
    if isinstance(defaults, dict) and isinstance(overrides, dict):
        result = dict(defaults)
        for key, value in overrides.items():
            result[key] = merged(defaults.get(key), value) if key in defaults else value
        return result
    return copy.deepcopy(overrides)


@pytest.fixture(scope="module")
def chart() -> tuple[dict[str, Any], dict[str, Any]]:
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text(encoding="utf-8"))
    return defaults, schema


def _values() -> dict[str, Any]:
    loaded = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_values_merged_onto_the_chart_defaults_validate_against_its_schema(chart):
    defaults, schema = chart
    jsonschema.Draft7Validator(schema).validate(merged(defaults, _values()))


def test_the_schema_check_catches_a_mistake(chart):
    defaults, schema = chart
    wrong = _values()
    wrong["singleuser"]["defaultUrll"] = wrong["singleuser"].pop("defaultUrl")  # a typo helm would reject
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(merged(defaults, wrong))
    wrong = _values()
    wrong["hub"]["db"]["type"] = "postgresql"  # the chart says "postgres"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(merged(defaults, wrong))


def test_kubernetes_deployment_matches_the_single_server_hub():
    values = _values()
    assert values["singleuser"]["defaultUrl"] == DASHBOARD_URL
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "native"
    assert values["hub"]["db"]["type"] == "postgres"
    assert values["cull"]["enabled"] is True
    assert TRAINER_GROUP in values["hub"]["config"]["JupyterHub"]["load_groups"]
    roles = values["hub"]["extraConfig"]["szkola-roles"]
    assert f'TRAINERS = "{TRAINER_GROUP}"' in roles
    for extension, enabled in TRAINEE_EXTENSIONS.items():
        if not enabled:
            assert f"'{extension}': False" in roles, extension
    compile(roles, "szkola-roles", "exec")  # the hub would run it: it must at least be Python


def test_merge_follows_helm():
    assert merged({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"b": 3}, "d": [2]}) == {"a": {"b": 3, "c": 2}, "d": [2]}
