"""Which server a hub account gets: its role and its course from its hub groups (JupyterHub's own user objects)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyterhub import orm
from jupyterhub.objects import Hub
from jupyterhub.user import User

from szkola_kooperacji.grading import COURSE_ENV
from szkola_kooperacji.hub.courses import TRAINER_NBGRADER_CONFIG
from szkola_kooperacji.hub.spawner import CourseMembershipError, SzkolaSpawner

COURSES = {"regionalny_2026": "/kursy/regionalny", "ponadregionalny": "/kursy/ponad"}


@pytest.fixture
def db() -> Iterator[orm.Session]:
    """JupyterHub's own database schema, in memory."""
    session = orm.new_session_factory("sqlite://")()
    yield session
    session.close()


def _spawner(
    db: orm.Session, home: Path, groups: list[str], *, admin: bool = False, **options: object
) -> SzkolaSpawner:
    account = orm.User(name="anowak", admin=admin)
    db.add(account)
    for name in groups:
        group = orm.Group(name=name)
        db.add(group)
        account.groups.append(group)
    db.commit()
    settings: dict[str, object] = {"courses": COURSES, **options}
    return SzkolaSpawner(
        user=User(account, {"db": db}),
        hub=Hub(),
        home_dir_template=str(home / "{username}"),
        trainee_config="/hub/trainee_server_config.py",
        trainer_config="/hub/trainer_server_config.py",
        **settings,
    )


def test_a_trainee_in_two_courses_groups_gets_a_polish_spawn_error_naming_the_fix(db, tmp_path: Path):
    spawner = _spawner(db, tmp_path, ["nbgrader-regionalny_2026", "nbgrader-ponadregionalny"])
    with pytest.raises(CourseMembershipError) as refused:
        spawner.get_env()  # what the hub calls when it starts the server
    message = str(refused.value)
    assert "Konto anowak należy do kilku kursów (ponadregionalny, regionalny_2026)" in message
    assert "usuń je z pozostałych grup nbgrader-" in message


def test_a_trainee_gets_the_dashboard_of_their_course_group(db, tmp_path: Path):
    spawner = _spawner(db, tmp_path, ["nbgrader-ponadregionalny", "inna-grupa"])
    assert spawner.get_env()[COURSE_ENV] == "/kursy/ponad"
    assert spawner.get_args()[-1] == "--config=/hub/trainee_server_config.py"


def test_a_trainee_in_no_course_group_gets_the_only_course_of_a_one_course_hub(db, tmp_path: Path):
    spawner = _spawner(db, tmp_path, [], courses={"kurs": "/kursy/jedyny"}, default_course="kurs")
    assert spawner.get_env()[COURSE_ENV] == "/kursy/jedyny"


def test_a_trainee_in_no_course_group_of_a_two_course_hub_gets_no_course(db, tmp_path: Path):
    assert COURSE_ENV not in _spawner(db, tmp_path, []).get_env()


@pytest.mark.parametrize(
    ("groups", "admin"), [(["formgrade-ponadregionalny"], False), (["trenerzy"], False), ([], True)]
)
def test_a_course_trainer_a_trainer_and_an_admin_get_jupyterlab_with_their_course_list(
    db, tmp_path: Path, groups: list[str], admin: bool
):
    spawner = _spawner(db, tmp_path, [*groups, "nbgrader-regionalny_2026"], admin=admin)
    assert spawner.get_args()[-1] == "--config=/hub/trainer_server_config.py"
    env = spawner.get_env()
    assert COURSE_ENV not in env  # a trainer's Lab lists their courses instead
    assert (tmp_path / "anowak" / "nbgrader_config.py").read_text(encoding="utf-8") == TRAINER_NBGRADER_CONFIG
