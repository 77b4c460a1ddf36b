"""deploy/z2jh/values.yaml is valid for the Zero to JupyterHub chart and agrees with `szkola hub`."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.hub.config import DASHBOARD_URL, trainee_server_config
from szkola_kooperacji.hub.courses import course_server_config
from szkola_kooperacji.hub.ngshare import NGSHARE, NGSHARE_CLUSTER_URL, NGSHARE_URL_ENV
from szkola_kooperacji.hub.roleplay_service import SERVICE_NAME
from szkola_kooperacji.hub.settings import (
    DEFAULT_GPZK_PORT,
    TRAINER_GROUP,
    HubSettings,
    grader_group,
    trainee_group,
)
from szkola_kooperacji.hub.z2jh import (
    FORMGRADER_FOLDER,
    IMAGE_COURSE_CONFIG,
    IMAGE_GUARD_CONFIG,
    IMAGE_TRAINEE_CONFIG,
    IMAGE_TRAINER_CONFIG,
    course_values,
    formgrader_host,
    formgrader_url,
    image_guard_config,
    pod_trainer_server_config,
)
from szkola_kooperacji.roleplay.hub_identity import API_URL_ENV
from szkola_kooperacji.roleplay.passes import SECRET_ENV
from szkola_kooperacji.roleplay.workshop import SERVER_ENV
from szkola_kooperacji.storage.drafts import STORE_ENV
from tests.browser.conftest import new_course, szkola

from .conftest import ADMIN, REGIONAL, ROSTER, SUPRA, SUPRA_ROSTER, TRAINERS, TWO_COURSES

EXAMPLE_ROSTERS = {
    REGIONAL: {k: v for k, v in ROSTER.items() if k != TWO_COURSES},
    SUPRA: {k: v for k, v in SUPRA_ROSTER.items() if k != TWO_COURSES},
}
"""The groups of deploy/z2jh/kursy.yaml: the hub tests' rosters without their deliberate mistake."""
EXAMPLE_PROGRAMS = {REGIONAL: "regionalny", SUPRA: "ponadregionalny"}
"""The programmes (courses/*.yaml) of those two courses' folders."""

ROOT = Path(__file__).parent.parent.parent
VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
COURSES = ROOT / "deploy" / "z2jh" / "kursy.yaml"
FORMGRADERS = ROOT / "deploy" / "z2jh" / "formgradery.yaml"
"""The courses' formgrader pods, written by `szkola z2jh --formgraders` for the same two courses."""
GPZK = ROOT / "deploy" / "z2jh" / "gpzk-sesje.yaml"
"""The G-PZK session server's pod and Service (plain Kubernetes manifests beside the chart)."""
"""The example hub's two courses, written by `szkola z2jh` (a second --values file for helm)."""
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


def values_file(path: Path = VALUES) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_values_merged_onto_the_chart_defaults_validate_against_its_schema(chart):
    defaults, schema = chart
    jsonschema.Draft7Validator(schema).validate(merged(defaults, values_file()))
    jsonschema.Draft7Validator(schema).validate(merged(merged(defaults, values_file()), values_file(COURSES)))


def test_the_schema_check_catches_a_mistake(chart):
    defaults, schema = chart
    wrong = values_file()
    wrong["singleuser"]["defaultUrll"] = wrong["singleuser"].pop("defaultUrl")  # a typo helm would reject
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(merged(defaults, wrong))
    wrong = values_file()
    wrong["hub"]["db"]["type"] = "postgresql"  # the chart says "postgres"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(merged(defaults, wrong))


def test_kubernetes_deployment_matches_the_single_server_hub():
    values = values_file()
    assert values["singleuser"]["defaultUrl"] == DASHBOARD_URL
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "native"
    assert values["hub"]["db"]["type"] == "postgres"
    assert values["cull"]["enabled"] is True
    assert TRAINER_GROUP in values["hub"]["config"]["JupyterHub"]["load_groups"]
    assert "extraConfig" not in values["hub"]  # the hook is written by `szkola z2jh`, into kursy.yaml


def dockerfile() -> str:
    return (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (IMAGE_TRAINEE_CONFIG, trainee_server_config),
        (IMAGE_TRAINER_CONFIG, pod_trainer_server_config),
        (IMAGE_GUARD_CONFIG, image_guard_config),
        (IMAGE_COURSE_CONFIG, lambda: course_server_config(FORMGRADER_FOLDER)),
    ],
)
def test_the_image_holds_the_one_server_hubs_server_configurations(path: str, expected: Callable[[], str]):
    (run,) = [line for line in dockerfile().splitlines() if line.startswith("RUN") and path in line]
    found = re.search(r'python -c "([^"]+)" > (\S+)$', run)
    assert found is not None, run
    assert found.group(2) == path
    written = subprocess.run([sys.executable, "-c", found.group(1)], capture_output=True, text=True, check=True)
    assert written.stdout == expected()


def test_a_trainees_server_runs_no_code_sent_to_its_kernel():
    assert "MappingKernelManager.allowed_message_types" in trainee_server_config()


def test_each_courses_formgrader_pod_is_the_service_kursy_yaml_registers():
    services = values_file(COURSES)["hub"]["services"]
    documents = list(yaml.safe_load_all(FORMGRADERS.read_text(encoding="utf-8")))
    for course in (REGIONAL, SUPRA):
        named = {d["kind"]: d for d in documents if d["metadata"]["name"] == formgrader_host(course)}
        assert set(named) == {"PersistentVolumeClaim", "Deployment", "Service"}
        url = urlsplit(services[course]["url"])
        assert url.hostname == named["Service"]["metadata"]["name"]
        assert url.port == named["Service"]["spec"]["ports"][0]["port"]
        pod = named["Deployment"]["spec"]["template"]
        assert named["Service"]["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
        assert pod["metadata"]["labels"]["hub.jupyter.org/network-access-hub"] == "true"  # it asks the hub's API
        (container,) = pod["spec"]["containers"]
        assert container["image"] == _image()
        (token,) = [e["valueFrom"]["secretKeyRef"] for e in container["env"] if "valueFrom" in e]
        assert token == {"name": "hub", "key": f"hub.services.{course}.apiToken"}  # the chart's generated token
        assert "apiToken" not in services[course]  # so the chart generates it
        claim = pod["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"]
        assert claim == named["PersistentVolumeClaim"]["metadata"]["name"]


def test_merge_follows_helm():
    assert merged({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"b": 3}, "d": [2]}) == {"a": {"b": 3, "c": 2}, "d": [2]}


def test_each_course_has_its_formgrader_service_role_and_groups_as_on_one_server(chart):
    defaults, _ = chart
    values = merged(merged(defaults, values_file()), values_file(COURSES))
    hub = values["hub"]
    groups = hub["config"]["JupyterHub"]["load_groups"]
    for course in (REGIONAL, SUPRA):
        assert hub["services"][course]["url"] == formgrader_url(course)
        role = hub["loadRoles"][grader_group(course)]
        assert f"access:services!service={course}" in role["scopes"]
        assert role["groups"] == [grader_group(course)]
        assert TRAINERS[course] in groups[grader_group(course)]["users"]
        assert ADMIN in groups[grader_group(course)]["users"]
    assert sorted(groups[trainee_group(REGIONAL)]["users"]) == sorted(EXAMPLE_ROSTERS[REGIONAL])
    assert sorted(groups[trainee_group(SUPRA)]["users"]) == sorted(EXAMPLE_ROSTERS[SUPRA])
    assert "server" in hub["loadRoles"]  # trainers' course list asks the hub with their server's token


def test_ngshare_is_the_hubs_service_and_the_image_exchanges_through_it():
    values = values_file()
    service = values["hub"]["services"][NGSHARE]
    assert service["url"].startswith("http://")
    assert values["singleuser"]["extraEnv"][NGSHARE_URL_ENV] == f"{service['url']}/services/{NGSHARE}"
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY deploy/ngshare/nbgrader_config.py /etc/jupyter/nbgrader_config.py" in dockerfile


NGSHARE_RELEASE = "ngshare"
"""The Helm release of ngshare's chart in docs/hub.md: its Service and its pod's name label are both "ngshare"."""
NGSHARE_POD_LABELS = {"app.kubernetes.io/name": "ngshare", "app.kubernetes.io/instance": NGSHARE_RELEASE}
NGSHARE_POD_PORT = 8080
"""What ngshare's chart (helmchart/ngshare/templates: _helpers.tpl, deployment.yaml) gives its pod: labels, port."""


def _egress_to(policy: dict[str, Any], labels: dict[str, str], port: int) -> bool:
    """Whether an egress rule lets the pods reach a pod with these labels on this port (or any pod on it)."""
    for rule in policy["egress"]:
        selectors = [t["podSelector"]["matchLabels"] for t in rule.get("to", []) if "podSelector" in t]
        reaches = "to" not in rule or any(s.items() <= labels.items() for s in selectors)
        if reaches and any(p["port"] == port and p.get("protocol", "TCP") == "TCP" for p in rule["ports"]):
            return True
    return False


def test_the_dashboards_network_path_to_ngshare_and_the_store_is_open_and_nothing_more(chart):
    defaults, _ = chart
    values = merged(merged(defaults, values_file()), values_file(COURSES))
    policy = values["singleuser"]["networkPolicy"]
    assert policy["enabled"] is True
    assert policy["egressAllowRules"]["privateIPs"] is False  # no private address opened wholesale
    exchange = urlsplit(values["singleuser"]["extraEnv"][NGSHARE_URL_ENV])
    assert exchange.hostname == f"{NGSHARE_RELEASE}.szkola.svc.cluster.local"  # the chart's Service, not the proxy
    assert exchange.port == NGSHARE_POD_PORT  # the Service's port is the pod's (the chart's default)
    assert _egress_to(policy, NGSHARE_POD_LABELS, NGSHARE_POD_PORT)
    assert not _egress_to(policy, {"app.kubernetes.io/name": "inna-usluga"}, NGSHARE_POD_PORT)  # the check can fail
    fallback = urlsplit(NGSHARE_CLUSTER_URL)  # the image's own default, without the variable
    assert (fallback.hostname, fallback.port, fallback.path) == (NGSHARE_RELEASE, exchange.port, exchange.path)
    store_port = urlsplit(values["hub"]["db"]["url"]).port  # the drafts live on the hub's PostgreSQL server
    assert store_port is not None
    assert _egress_to(policy, {}, store_port)
    docs = (ROOT / "docs" / "hub.md").read_text(encoding="utf-8")
    assert f"helm install {NGSHARE_RELEASE} ngshare/ngshare --namespace szkola" in docs


def _image() -> str:
    """The single-user image values.yaml names."""
    image = values_file()["singleuser"]["image"]
    return f"{image['name']}:{image['tag']}"


def test_the_courses_file_is_what_szkola_z2jh_writes_for_these_courses(tmp_path):
    folders = {}
    for course, roster in EXAMPLE_ROSTERS.items():
        (tmp_path / course).mkdir()
        folders[course] = new_course(tmp_path / course, roster, course=EXAMPLE_PROGRAMS[course])
    written, pods = tmp_path / "kursy.yaml", tmp_path / "formgradery.yaml"
    args = [f"--course={name}={folder}" for name, folder in folders.items()]
    args += [f"--trainer={name}={trainer}" for name, trainer in TRAINERS.items()]
    args += [f"--admin={ADMIN}", f"--output={written}", f"--formgraders={pods}", f"--image={_image()}"]
    done = szkola(["z2jh", *args], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert written.read_text(encoding="utf-8") == COURSES.read_text(encoding="utf-8")
    assert pods.read_text(encoding="utf-8") == FORMGRADERS.read_text(encoding="utf-8")
    settings = HubSettings(
        state_dir="", store="", admins=[ADMIN], courses={k: str(v) for k, v in folders.items()},
        trainers={k: [v] for k, v in TRAINERS.items()},
    )  # fmt: skip
    assert values_file(COURSES) == course_values(settings)


def test_szkola_z2jh_refuses_a_trainer_of_an_unknown_course(tmp_path):
    (tmp_path / REGIONAL).mkdir()
    folder = new_course(tmp_path / REGIONAL, ROSTER)
    done = szkola(["z2jh", f"--course={REGIONAL}={folder}", "--trainer=inny=mkowalska"], tmp_path)
    assert done.returncode == 1
    assert "nie ma kursu 'inny'" in done.stderr


def test_the_gpzk_session_server_is_a_hub_service_the_dashboards_reach():
    values = values_file()
    service = values["hub"]["services"][SERVICE_NAME]
    assert "url" not in service  # no proxy route, as on one server
    assert "command" not in service
    deployment, k8s_service = yaml.safe_load_all(GPZK.read_text(encoding="utf-8"))
    assert (deployment["kind"], k8s_service["kind"]) == ("Deployment", "Service")
    port = k8s_service["spec"]["ports"][0]["port"]
    assert port == DEFAULT_GPZK_PORT
    name = k8s_service["metadata"]["name"]
    assert name == SERVICE_NAME
    assert values["singleuser"]["extraEnv"][SERVER_ENV] == f"ws://{name}.szkola.svc.cluster.local:{port}"
    pod = deployment["spec"]["template"]
    assert k8s_service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    assert pod["metadata"]["labels"]["hub.jupyter.org/network-access-hub"] == "true"  # it asks the hub's API
    (container,) = pod["spec"]["containers"]
    image = values["singleuser"]["image"]
    assert container["image"] == f"{image['name']}:{image['tag']}"  # the same image: a new tag must reach both
    assert container["command"][:3] == ["szkola", "roleplay", "serve"]
    assert f"--port={port}" in container["command"]
    checked = CliRunner().invoke(main, [*container["command"][1:], "--help"])  # unknown options fail the parse
    assert checked.exit_code == 0, checked.output
    assert {e["name"] for e in container["env"]} == {API_URL_ENV, STORE_ENV, SECRET_ENV}
    assert SECRET_ENV not in values["singleuser"]["extraEnv"]  # the trainees' pods never hold the signing secret
    assert _egress_to(values["singleuser"]["networkPolicy"], pod["metadata"]["labels"], port)
