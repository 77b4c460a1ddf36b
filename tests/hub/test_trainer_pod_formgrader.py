"""A trainer's own JupyterLab, as their pod on Kubernetes runs it: the formgrader of the course folder in their home.

Without a course's shared formgrader pod (formgradery.yaml, docs/hub.md step 9) the trainer grades
in their own server, whose root is their home. nbgrader's formgrader reads the
``nbgrader_config.py`` of that root, so one line there (docs/hub.md, step 7) hands it the course
folder's own configuration. This runs the installed JupyterLab in that home and asks the
formgrader's own API what its pages show; tests/hub/test_z2jh_trainee_pod.py asks the same of the
trainer's server as the pod starts it (the image's trainer configuration, behind a real hub).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import new_course, running_jupyterlab

from .conftest import EXERCISE

pytestmark = pytest.mark.slow

HOME_CONFIG = 'c = get_config()  # noqa: F821\nload_subconfig("kurs/nbgrader_config.py")  # noqa: F821\n'
"""The trainer's ``~/nbgrader_config.py`` of docs/hub.md: the course folder ``~/kurs`` is the formgrader's course."""


def _formgrader(url: str, what: str) -> list[dict[str, Any]]:
    base, query = url.split("/?")
    with urllib.request.urlopen(f"{base}/formgrader/api/{what}?{query}", timeout=60) as answer:
        loaded = json.loads(answer.read())
    assert isinstance(loaded, list)
    return loaded


def test_a_trainers_own_lab_grades_the_course_folder_in_their_home(tmp_path: Path):
    home = tmp_path / "jovyan"
    home.mkdir()
    course = new_course(home, {"anowak": ("Anna", "Nowak")}, EXERCISE)  # `szkola course init ~/kurs …`
    assert course == home / "kurs"
    (home / "nbgrader_config.py").write_text(HOME_CONFIG, encoding="utf-8")
    with running_jupyterlab(home, tmp_path / "lab.log") as url:
        assignments = {a["name"]: a["status"] for a in _formgrader(url, "assignments")}
        students = [s["id"] for s in _formgrader(url, "students")]
    assert assignments[EXERCISE] == "released", assignments
    assert students == ["anowak"]
    assert not (home / "gradebook.db").exists()  # the course's gradebook, not a new one in the home
