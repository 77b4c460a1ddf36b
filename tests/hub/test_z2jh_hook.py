"""Which server each account's pod runs: with values.yaml alone, and with kursy.yaml's pre-spawn hook.

The chart hands ``singleuser.cmd`` to KubeSpawner, which starts each pod with ``cmd + get_args()``
(or the image's CMD when ``cmd`` is null); kursy.yaml's hook changes both before a start. Here
stand-in spawners are set up from the merged values as the chart does, and the hook runs on them
as the hub runs ``hub.extraConfig``; tests/hub/test_z2jh_trainee_pod.py starts the same commands.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from tornado.web import HTTPError
from traitlets.config import Config

from szkola_kooperacji.grading import COURSE_ID_ENV, COURSE_PROGRAM_ENV
from szkola_kooperacji.hub.config import DASHBOARD_URL
from szkola_kooperacji.hub.courses import TRAINER_URL
from szkola_kooperacji.hub.settings import TRAINER_GROUP, grader_group, trainee_group
from szkola_kooperacji.hub.spawner import CourseMembershipError, SzkolaSpawner
from szkola_kooperacji.hub.z2jh import HOOK_NAME, IMAGE_TRAINEE_CONFIG, IMAGE_TRAINER_CONFIG, server_command

from .conftest import REGIONAL, SUPRA, TWO_COURSES
from .test_z2jh_values import CHART, COURSES, EXAMPLE_PROGRAMS, dockerfile, merged, values_file


@pytest.fixture(scope="module")
def defaults() -> dict[str, Any]:
    """The chart's default values."""
    loaded = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _image_cmd() -> list[str]:
    """The CMD of deploy/Dockerfile: what a pod runs when ``singleuser.cmd`` is null."""
    (line,) = [line for line in dockerfile().splitlines() if line.startswith("CMD ")]
    command = json.loads(line.removeprefix("CMD "))
    assert isinstance(command, list)
    return command


def _spawner_without_hook(values: dict[str, Any], user: SimpleNamespace) -> SimpleNamespace:
    """A KubeSpawner as the chart's jupyterhub_config.py sets it up from merged values: no hook runs.

    ``singleuser.cmd`` becomes ``Spawner.cmd`` (KubeSpawner's ``Command``: a string is a one-word command,
    null the image's CMD); ``singleuser.defaultUrl`` the default URL; nothing sets ``Spawner.args``.
    """
    cmd = values["singleuser"]["cmd"]
    return SimpleNamespace(
        user=user,
        cmd=[cmd] if isinstance(cmd, str) else cmd,
        args=[],
        environment=dict(values["singleuser"]["extraEnv"]),
        default_url=values["singleuser"]["defaultUrl"] or "",
    )


def _pod_command(spawner: SimpleNamespace) -> list[str]:
    """The pod's command as KubeSpawner builds it: ``cmd + get_args()``, or the image's CMD when cmd is empty."""
    if not spawner.cmd:
        return _image_cmd()  # KubeSpawner ignores the arguments then
    return [*spawner.cmd, *spawner.args]


def _server_config(command: list[str]) -> str | None:
    """The configuration file jupyter_server reads from this command line: the last --config named."""
    named = [part.removeprefix("--config=") for part in command if part.startswith("--config=")]
    return named[-1] if named else None


def test_with_values_yaml_alone_every_account_gets_the_trainees_locked_server(defaults):
    values = merged(defaults, values_file())  # as `helm upgrade` without kursy.yaml
    for user in (_user((), admin=False), _user((TRAINER_GROUP,), admin=True)):  # a trainee, the admin trainer
        command = _pod_command(_spawner_without_hook(values, user))
        assert command == server_command(IMAGE_TRAINEE_CONFIG)
        assert _server_config(command) == IMAGE_TRAINEE_CONFIG
    assert values["singleuser"]["defaultUrl"] == DASHBOARD_URL
    assert _image_cmd() == server_command(IMAGE_TRAINEE_CONFIG)  # `singleuser.cmd: null` runs the same
    null_cmd = merged(values, {"singleuser": {"cmd": None}})
    assert _server_config(_pod_command(_spawner_without_hook(null_cmd, _user((), admin=False)))) == IMAGE_TRAINEE_CONFIG
    chart_default = merged(values, {"singleuser": {"cmd": defaults["singleuser"]["cmd"]}})  # the check can fail:
    assert _server_config(_pod_command(_spawner_without_hook(chart_default, _user((), admin=False)))) is None
    # the chart's own command names no configuration; the image's IMAGE_GUARD_CONFIG locks that server
    # too (tests/hub/test_z2jh_trainee_pod.py runs it)


def _user(groups: tuple[str, ...], admin: bool) -> SimpleNamespace:
    return SimpleNamespace(name=TWO_COURSES, admin=admin, groups=[SimpleNamespace(name=g) for g in groups])


def _hook() -> Callable[[SimpleNamespace], None]:
    """The chart's pre-spawn hook from kursy.yaml, defined as the hub runs ``hub.extraConfig``."""
    config = Config()
    exec(values_file(COURSES)["hub"]["extraConfig"][HOOK_NAME], {"c": config})
    hook = config.KubeSpawner.pre_spawn_hook
    assert callable(hook)
    return hook  # type: ignore[no-any-return]


def _spawned(*groups: str, admin: bool = False, starts: int = 1) -> SimpleNamespace:
    """Run the hook on a stand-in spawner of a user in these hub groups, set up by the chart from both files.

    JupyterHub keeps one spawner per server, so a server started again meets the hook again (``starts``).
    """
    chart_defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    values = merged(merged(chart_defaults, values_file()), values_file(COURSES))
    spawner = _spawner_without_hook(values, _user(groups, admin))
    spawner.environment = {}  # the hook's own additions only (extraEnv is the chart's)
    hook = _hook()
    for _ in range(starts):
        hook(spawner)
    return spawner


def test_with_kursy_yaml_trainers_get_their_lab_and_trainees_keep_the_dashboard():
    for trainer in (_spawned(TRAINER_GROUP, starts=2), _spawned(grader_group(REGIONAL)), _spawned(admin=True)):
        assert _pod_command(trainer) == server_command(IMAGE_TRAINER_CONFIG)  # replaced, not added: one --config
        assert trainer.default_url == TRAINER_URL
    for trainee in (_spawned(trainee_group(REGIONAL), starts=2), _spawned()):
        assert _pod_command(trainee) == server_command(IMAGE_TRAINEE_CONFIG)
        assert trainee.default_url == DASHBOARD_URL
    spawner = _spawned(TRAINER_GROUP)  # one spawner, whose account left the trainers' group before its next start
    spawner.user = _user((trainee_group(REGIONAL),), admin=False)
    _hook()(spawner)
    assert _pod_command(spawner) == server_command(IMAGE_TRAINEE_CONFIG)
    assert spawner.default_url == DASHBOARD_URL
    spawner.args = ["--config=/inne.py", "--debug"]  # an organiser's extra arguments cannot name another config
    spawner.cmd = None  # nor does the hook need singleuser.cmd
    _hook()(spawner)
    assert _pod_command(spawner) == [*server_command(IMAGE_TRAINEE_CONFIG), "--debug"]


def test_a_trainees_pod_learns_the_course_id_of_their_course_group():
    assert _spawned(trainee_group(SUPRA)).environment == {
        COURSE_ID_ENV: SUPRA,
        COURSE_PROGRAM_ENV: EXAMPLE_PROGRAMS[SUPRA],
    }
    assert _spawned(trainee_group("inny")).environment == {COURSE_ID_ENV: "inny"}  # a course not in kursy.yaml
    assert _spawned().environment == {}
    for trainer in (
        _spawned(TRAINER_GROUP, trainee_group(REGIONAL)),
        _spawned(grader_group(SUPRA)),
        _spawned(admin=True),
    ):
        assert trainer.default_url == TRAINER_URL  # as the one-server spawner: admins and any course's trainers
        assert trainer.environment == {}


def test_a_trainee_in_two_courses_groups_is_refused_with_the_one_server_spawners_words():
    groups = (trainee_group(REGIONAL), trainee_group(SUPRA))
    with pytest.raises(HTTPError) as refused:
        _spawned(*groups)
    one_server = SimpleNamespace(
        user=_user(groups, admin=False), courses={REGIONAL: "/kursy/r", SUPRA: "/kursy/s"}, default_course=""
    )
    one_server.group_names = lambda: set(groups)
    with pytest.raises(CourseMembershipError) as on_one_server:
        SzkolaSpawner.trainee_course(one_server)  # type: ignore[arg-type]  # a stand-in, as the hook's
    assert refused.value.status_code == on_one_server.value.status_code == 409
    assert refused.value.jupyterhub_message == on_one_server.value.jupyterhub_message  # type: ignore[attr-defined]
    assert f"Konto {TWO_COURSES} należy do kilku kursów ({SUPRA}, {REGIONAL})" in refused.value.jupyterhub_message
