"""`szkola hub --course` and `--trainer`: each mistake refused before the hub starts, with a Polish message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.hub.course_options import course_trainers, hub_courses

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two course folders: one made by `szkola course init`, one a copy of it (a course folder is movable)."""
    base = tmp_path_factory.mktemp("kursy")
    first = base / "regionalny"
    result = CliRunner().invoke(main, ["course", "init", str(first), "--course", str(ROOT / "courses/regionalny.yaml")])
    assert result.exit_code == 0, result.output
    second = base / "ponadregionalny"
    shutil.copytree(first, second)
    return first, second


def test_one_folder_alone_is_named_by_its_nbgrader_course_id(folders):
    first, _ = folders
    assert hub_courses([str(first)]) == {"regionalny": str(first.resolve())}


def test_named_courses_map_to_their_folders(folders):
    first, second = folders
    courses = hub_courses([f"regionalny_2026={first}", f"ponad={second}"])
    assert courses == {"regionalny_2026": str(first.resolve()), "ponad": str(second.resolve())}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["Regionalny={first}"], "nazwa kursu 'Regionalny' nie pasuje — małe litery, cyfry i „_”"),
        (["kurs-2026={first}"], "nazwa kursu 'kurs-2026' nie pasuje"),
        (["_kurs={first}"], "nazwa kursu '_kurs' nie pasuje"),
        (["k" * 41 + "={first}"], "do 40 znaków"),
        (["{first}", "ponad={second}"], "przy kilku kursach podaj nazwę każdego: --course NAZWA="),
        (["kurs={first}", "kurs={second}"], "kurs 'kurs' podano dwa razy"),
        (["a={first}", "b={first}"], "ten katalog kursu podano już pod inną nazwą"),
        (["kurs={missing}"], "nie jest katalogiem kursu (brak nbgrader_config.py)"),
        (["kurs="], "oczekiwano NAZWA=KATALOG, np. --course regionalny_2026="),  # not the current folder
        (["={first}"], "oczekiwano NAZWA=KATALOG"),
    ],
)
def test_a_bad_course_option_is_refused_with_its_fix(folders, tmp_path: Path, options: list[str], message: str):
    first, second = folders
    given = [o.format(first=first, second=second, missing=tmp_path / "nie-ma") for o in options]
    with pytest.raises(SzkolaError) as refused:
        hub_courses(given)
    assert message in str(refused.value)


def test_trainers_map_to_their_courses():
    courses = {"regionalny": "/k/r", "ponad": "/k/p"}
    trainers = course_trainers(["regionalny=mkowalska", "ponad=bnowicki", "regionalny= jnowak "], courses)
    assert trainers == {"regionalny": ["mkowalska", "jnowak"], "ponad": ["bnowicki"]}


@pytest.mark.parametrize(
    ("option", "courses", "message"),
    [
        ("mkowalska", {"regionalny": "/k"}, "oczekiwano KURS=KONTO, np. --trainer regionalny_2026=mkowalska"),
        ("regionalny=  ", {"regionalny": "/k"}, "oczekiwano KURS=KONTO"),
        ("ponad=mkowalska", {"regionalny": "/k"}, "nie ma kursu 'ponad'; hub prowadzi: regionalny."),
        ("ponad=mkowalska", {}, "hub prowadzi: żadnego (dodaj --course)"),
    ],
)
def test_a_trainer_of_an_unknown_course_or_without_an_account_is_refused(option, courses, message):
    with pytest.raises(SzkolaError) as refused:
        course_trainers([option], courses)
    assert message in str(refused.value)


def test_the_command_refuses_a_bad_course_before_writing_anything(folders, tmp_path: Path):
    first, _ = folders
    state = tmp_path / "hub"
    args = ["hub", "--admin", "trener", "--state", str(state), "--course", f"Zly={first}", "--write-only"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "nazwa kursu 'Zly' nie pasuje" in result.output
    assert not (state / "jupyterhub_config.py").exists()
