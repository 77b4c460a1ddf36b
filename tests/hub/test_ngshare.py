"""The nbgrader exchange without a shared folder: ngshare as a service of a real `szkola hub`.

This is the Kubernetes arrangement (every server its own pod, no folder shared) on one machine:
the hub runs ngshare as a managed service; every nbgrader step runs with the single-user image's
nbgrader configuration (deploy/ngshare/nbgrader_config.py) under a hub account's own token. The
organiser creates the course in ngshare and names its trainer, the trainer adds the roster and
releases, trainees fetch and submit from their own folders, the trainer collects and autogrades.
The course's exchange folder never comes into being.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbgrader.api import Gradebook

from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.domain.progress import ItemState
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.grading import COURSE_ID_ENV, COURSE_PROGRAM_ENV
from szkola_kooperacji.grading.cells import score_part
from szkola_kooperacji.grading.course_folder import CourseFolder
from szkola_kooperacji.grading.notebook import write_submission
from szkola_kooperacji.hub.launch import HubLaunch, RunningHub
from szkola_kooperacji.hub.ngshare import NGSHARE, NGSHARE_URL_ENV
from tests.browser.conftest import free_port, nbgrader, new_course, szkola

from .conftest import ADMIN, EXERCISE, HUB_START_S

pytest.importorskip("ngshare", reason="ngshare: pip install 'szkola-kooperacji[k8s]' (see docs/hub.md)")
if importlib.util.find_spec("ngshare_exchange") is None:  # importing it needs a user: only in the subprocesses
    pytest.skip("pip install --no-deps ngshare-exchange==0.5.3 (see docs/hub.md)", allow_module_level=True)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
IMAGE_CONFIG = ROOT / "deploy" / "ngshare"
"""The folder whose nbgrader_config.py the single-user image puts in /etc/jupyter."""
CASE = "wielodzietna_bezradnosc_modrzewno"
AUTO_POINTS = 10.0
TRAINER = "mkowalska"
ROSTER = {"anowak": ("Anna", "Nowak"), "jkowalski": ("Jan", "Kowalski")}
OUTSIDER = "zobcy"
"""A hub account that is on no course's roster."""
FORMGRADER_SERVICE = "kurs_formgrader"
"""A course's formgrader service: on Kubernetes its own pod, which talks to ngshare with the service's token."""
ORGANISER_SERVICE = "organizator"
"""The test's stand-in for the admin panel: a hub service allowed to make accounts and their tokens."""


@dataclass
class NgshareHub:
    hub: RunningHub
    storage: Path
    tokens: dict[str, str]
    course: Path

    def run(
        self, user: str, args: list[str], cwd: Path, extra: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a command as a user's server would: their name and hub token, the image's nbgrader config."""
        env = {
            **os.environ,
            "JUPYTERHUB_USER": user,
            "JUPYTERHUB_API_TOKEN": self.tokens[user],
            "JUPYTER_CONFIG_PATH": str(IMAGE_CONFIG),
            NGSHARE_URL_ENV: self.hub.at(f"services/{NGSHARE}"),
            **(extra or {}),
        }
        return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)

    def nbgrader(self, user: str, args: list[str], cwd: Path) -> str:
        done = self.run(user, [sys.executable, "-m", "nbgrader", *args], cwd)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr


def _api(hub: RunningHub, token: str, method: str, path: str) -> dict[str, object]:
    request = urllib.request.Request(
        hub.at(f"hub/api/{path}"), method=method, data=b"{}", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        loaded = json.loads(answer.read())
    assert isinstance(loaded, dict)
    return loaded


def _extra_config(folder: Path, token: str, formgrader_token: str) -> Path:
    """The organiser's additions to `szkola hub`: the ngshare service, the test's account-making service, and a
    course's formgrader as an external service (its pod on Kubernetes: deploy/z2jh/formgradery.yaml)."""
    config = folder / "ngshare_config.py"
    config.write_text(
        "import sys\n"
        "from szkola_kooperacji.hub.ngshare import ngshare_service\n"
        f"c.JupyterHub.services.append(ngshare_service(sys.executable, {free_port()}, "
        f"{'sqlite:///' + str(folder / 'ngshare.db')!r}, {str(folder / 'ngshare')!r}, [{ADMIN!r}]))\n"
        f"c.JupyterHub.services.append({{'name': {ORGANISER_SERVICE!r}, 'api_token': {token!r}}})\n"
        f"c.JupyterHub.services.append({{'name': {FORMGRADER_SERVICE!r}, 'api_token': {formgrader_token!r}}})\n"
        f"c.JupyterHub.load_roles.append({{'name': {ORGANISER_SERVICE!r}, 'scopes': ['admin:users', 'tokens'], "
        f"'services': [{ORGANISER_SERVICE!r}]}})\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def ngshare_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NgshareHub]:
    try:
        find_proxy(None)
    except SzkolaError as missing:
        pytest.skip(str(missing))
    folder = tmp_path_factory.mktemp("ngshare")
    (folder / "kurs").mkdir()
    course = new_course(folder / "kurs", ROSTER)
    organiser, formgrader = secrets.token_hex(16), secrets.token_hex(16)
    launch = HubLaunch(ADMIN, "", folder / "state", config=_extra_config(folder, organiser, formgrader))
    hub = launch.start(folder / "hub.log")
    try:
        hub.wait_up(HUB_START_S)
        tokens = {}
        for user in (ADMIN, TRAINER, *ROSTER, OUTSIDER):
            if user != ADMIN:
                _api(hub, organiser, "POST", f"users/{user}")
            tokens[user] = str(_api(hub, organiser, "POST", f"users/{user}/tokens")["token"])
        tokens[FORMGRADER_SERVICE] = formgrader  # the formgrader pod's JUPYTERHUB_API_TOKEN (the service's own)
        yield NgshareHub(hub, folder / "ngshare", tokens, course)
    finally:
        hub.stop(patience=30)


def _works() -> dict[str, str]:
    """What each trainee built on the dashboard: the reference diagnosis, and half of it."""
    case = load_valid_catalog().case(CASE)
    reference = Draft(case_id=case.id, diagnosis=case.reference.diagnosis, contract=case.reference.contract)
    half = reference.model_copy(deep=True)
    half.diagnosis.needs = half.diagnosis.needs[: len(half.diagnosis.needs) // 2]
    return {"anowak": reference.model_dump_json(), "jkowalski": half.model_dump_json()}


def test_release_fetch_submit_collect_and_autograde_through_ngshare(ngshare_hub: NgshareHub, tmp_path: Path):
    share, course = ngshare_hub, ngshare_hub.course
    folder = CourseFolder.open(course)
    exchange_root = folder.exchange_root
    exchange_root.rmdir()  # `szkola course init` made the shared folder; with ngshare nothing may use it
    manage = str(Path(sys.executable).parent / "ngshare-course-management")

    created = share.run(ADMIN, [manage, "create_course", folder.course_id, TRAINER], course)
    assert "Successfully created" in created.stdout, created.stdout + created.stderr
    roster = tmp_path / "lista_ngshare.csv"
    rows = "".join(f"{t},{first},{last},\n" for t, (first, last) in ROSTER.items())
    roster.write_text("student_id,first_name,last_name,email\n" + rows, encoding="utf-8")
    added = share.run(TRAINER, [manage, "add_students", folder.course_id, str(roster), "--no-gb"], course)
    assert added.stdout.count("was successfully added") == len(ROSTER), added.stdout + added.stderr

    nbgrader(course, "generate_assignment", EXERCISE)
    share.nbgrader(TRAINER, ["release_assignment", EXERCISE], course)
    listed = share.nbgrader("anowak", ["list", f"--course={folder.course_id}"], tmp_path)
    assert EXERCISE in listed, listed

    works = _works()
    for trainee, work in works.items():
        home = tmp_path / trainee
        home.mkdir()
        share.nbgrader(trainee, ["fetch_assignment", EXERCISE, f"--course={folder.course_id}"], home)
        notebook = home / EXERCISE / f"{EXERCISE}.ipynb"
        nb = nbformat.read(notebook, as_version=4)
        write_submission(nb, work, {"refleksja_1": "Rodzina ma wsparcie babci."})  # what the dashboard writes
        nbformat.write(nb, notebook)
        submitted = share.nbgrader(trainee, ["submit", EXERCISE, f"--course={folder.course_id}"], home)
        assert "Submitted as" in submitted, submitted  # ngshare_exchange exits 0 on a failed submit, saying so

    outsider = tmp_path / OUTSIDER
    outsider.mkdir()
    refused = share.run(
        OUTSIDER, [sys.executable, "-m", "nbgrader", "fetch_assignment", EXERCISE, f"--course={folder.course_id}"],
        outsider,
    )  # fmt: skip
    # not on the course's roster in ngshare; ngshare_exchange logs the refusal and exits 0
    assert "Permission denied" in refused.stdout + refused.stderr, refused.stdout + refused.stderr
    assert not (outsider / EXERCISE).exists()

    share.nbgrader(TRAINER, ["collect", EXERCISE], course)
    for trainee in ROSTER:
        assert (course / "submitted" / trainee / EXERCISE / f"{EXERCISE}.ipynb").is_file(), trainee
    graded = szkola(["grade", "autograde", EXERCISE], course)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    with Gradebook(folder.db_url) as gradebook:
        scores = {t: float(gradebook.find_submission(EXERCISE, t).code_score) for t in ROSTER}
    assert scores["anowak"] == AUTO_POINTS
    expected = score_part(works["jkowalski"], CASE, "diagnoza", AUTO_POINTS)[0]
    assert scores["jkowalski"] == pytest.approx(expected)
    assert 0 < scores["jkowalski"] < AUTO_POINTS

    assert not exchange_root.exists(), "the shared exchange folder was used"
    assert any(share.storage.rglob("*")), "ngshare stored no files"


DASHBOARD_GROUP = "regionalny_pulpit"
"""A second course in ngshare, so this test needs nothing of the one above."""
PROGRAMME = "regionalny"
"""Its programme (courses/regionalny.yaml)."""
TRAINEE_SERVER = Path(__file__).with_name("ngshare_trainee.py")
PROGRESS = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from szkola_kooperacji.grading.course_folder import CourseFolder\n"
    "from szkola_kooperacji.grading.progress import exercise_facts, released_exercises\n"
    "folder = CourseFolder.open(Path(sys.argv[1]))\n"
    "facts = exercise_facts(folder, sys.argv[2], [sys.argv[3]])\n"
    "print(json.dumps({'facts': sorted(f.kind.value for f in facts), "
    "'released': released_exercises(folder, [sys.argv[3], 'cw_nieznane'])}))\n"
)
"""The trainer's progress reading (the group report's), run in the trainer's server."""


def _dashboard(share: NgshareHub, trainee: str, home: Path, course_id: str, *args: str) -> dict[str, Any]:
    """Run the trainee's dashboard as their server on Kubernetes would: no course folder, the course id only."""
    env = {"HOME": str(home), COURSE_ID_ENV: course_id, COURSE_PROGRAM_ENV: PROGRAMME}  # as the z2jh hook gives
    env["SZKOLA_STORE"] = str(home / "prace.sqlite")
    done = share.run(trainee, [sys.executable, str(TRAINEE_SERVER), *args], home, env)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(shown, dict)
    return shown


def _trainer_progress(share: NgshareHub, course: Path, trainee: str) -> dict[str, list[str]]:
    done = share.run(TRAINER, [sys.executable, "-c", PROGRESS, str(course), trainee, EXERCISE], course)
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(loaded, dict)
    return loaded


def _course_row(page: dict[str, Any], state: ItemState, detail: str) -> None:
    """Check the exercise's row in the trainee's course view: its state and its detail."""
    row = page["course"]
    assert f"{state.value}</span>" in row, page
    assert detail in row, page


def _released_course(
    share: NgshareHub, tmp_path: Path, group: str = DASHBOARD_GROUP, instructor: str = TRAINER
) -> tuple[Path, CourseFolder]:
    """The course folder of the regional course, its course in ngshare with anowak, the exercise released.

    ``instructor`` is the ngshare account that creates, fills and releases the course: a trainer, or a
    course's formgrader service.
    """
    roster = tmp_path / "lista.csv"
    roster.write_text("id,first_name,last_name\nanowak,Anna,Nowak\n", encoding="utf-8")
    course = tmp_path / "kurs"
    init = ["course", "init", str(course), "--course", str(ROOT / "courses" / f"{PROGRAMME}.yaml")]
    made = szkola([*init, "--group", group, "--roster", str(roster)], tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    folder = CourseFolder.open(course)
    folder.exchange_root.rmdir()  # nothing may use the shared folder
    manage = str(Path(sys.executable).parent / "ngshare-course-management")
    created = share.run(ADMIN, [manage, "create_course", group, instructor], course)
    assert "Successfully created" in created.stdout, created.stdout + created.stderr
    listed = tmp_path / "lista_ngshare.csv"
    listed.write_text("student_id,first_name,last_name,email\nanowak,Anna,Nowak,\n", encoding="utf-8")
    added = share.run(instructor, [manage, "add_students", group, str(listed), "--no-gb"], course)
    assert "was successfully added" in added.stdout, added.stdout + added.stderr
    nbgrader(course, "generate_assignment", EXERCISE)
    share.nbgrader(instructor, ["release_assignment", EXERCISE], course)
    return course, folder


def test_dashboard_submits_and_shows_feedback_through_ngshare(ngshare_hub: NgshareHub, tmp_path: Path):
    share = ngshare_hub
    course, folder = _released_course(share, tmp_path)
    assert _trainer_progress(share, course, "anowak") == {"facts": [], "released": [EXERCISE]}

    home = tmp_path / "anowak-pod"
    home.mkdir()
    first = _dashboard(share, "anowak", home, DASHBOARD_GROUP, "list", EXERCISE)
    assert first["listed"] == [f"sk-exercise-{EXERCISE}"], first
    assert first["choices"] == [], first  # the course view shows the group's programme alone, no other to choose
    _course_row(first, ItemState.NOT_STARTED, "do oddania")  # released, so it can be started without a course folder
    reflection = "Rodzina ma wsparcie babci; pomoc zaczynamy od niej."
    shown = _dashboard(share, "anowak", home, DASHBOARD_GROUP, "submit", EXERCISE, reflection)
    assert "Oddano" in shown["status"], shown
    assert _trainer_progress(share, course, "anowak")["facts"] == ["exercise_submitted"]
    early = _dashboard(share, "anowak", home, DASHBOARD_GROUP, "feedback", EXERCISE)
    _course_row(early, ItemState.IN_PROGRESS, "oddane – czeka na ocenę trenera")
    assert "nie zwrócił jeszcze" in early["returned"], early

    share.nbgrader(TRAINER, ["collect", EXERCISE], course)
    collected = nbformat.read(course / "submitted" / "anowak" / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
    assert any(reflection in cell.source for cell in collected.cells), "the reflection did not arrive"
    graded = szkola(["grade", "autograde", EXERCISE], course)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    with Gradebook(folder.db_url) as gradebook:
        assert float(gradebook.find_submission(EXERCISE, "anowak").code_score) == AUTO_POINTS  # the reference work
    nbgrader(course, "generate_feedback", EXERCISE)
    share.nbgrader(TRAINER, ["release_feedback", EXERCISE], course)
    facts = _trainer_progress(share, course, "anowak")["facts"]
    assert facts == ["exercise_graded", "exercise_submitted", "feedback_returned"], facts

    outsider = tmp_path / "zobcy-pod"
    outsider.mkdir()
    page = _dashboard(share, OUTSIDER, outsider, DASHBOARD_GROUP, "list", EXERCISE)
    assert f"tego konta nie ma na liście kursu {DASHBOARD_GROUP}" in " ".join(page["texts"]), page  # in Polish
    assert page["listed"] == [], page

    returned = _dashboard(share, "anowak", home, DASHBOARD_GROUP, "feedback", EXERCISE)
    _course_row(returned, ItemState.DONE, "ocenione, informacja zwrotna od trenera")  # before it is opened
    assert "sk-feedback-frame" in returned["returned"], returned
    assert "Rodzina ma wsparcie babci" in returned["returned"], returned  # the trainer's page of her submission
    assert not folder.exchange_root.exists(), "the shared exchange folder was used"


def test_a_courses_formgrader_pod_releases_and_collects_through_ngshare_as_its_service(
    ngshare_hub: NgshareHub, tmp_path: Path
):
    """The shared formgrader of a course (its pod) runs nbgrader with the service's token: ngshare knows it by the
    service's name, so the organiser makes that name an instructor of the course (docs/hub.md)."""
    share, group = ngshare_hub, "regionalny_formgrader"
    course, _ = _released_course(share, tmp_path, group, FORMGRADER_SERVICE)
    home = tmp_path / "anowak"
    home.mkdir()
    share.nbgrader("anowak", ["fetch_assignment", EXERCISE, f"--course={group}"], home)
    submitted = share.nbgrader("anowak", ["submit", EXERCISE, f"--course={group}"], home)
    assert "Submitted as" in submitted, submitted
    share.nbgrader(FORMGRADER_SERVICE, ["collect", EXERCISE], course)
    assert (course / "submitted" / "anowak" / EXERCISE / f"{EXERCISE}.ipynb").is_file()
