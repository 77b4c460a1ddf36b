"""What an organiser chooses for a hub, kept as JSON beside the generated JupyterHub configuration."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SETTINGS_FILE = "szkola_hub.json"
TRAINER_GROUP = "trenerzy"
"""Hub group whose members get JupyterLab (with the list of their courses) instead of the trainee dashboard."""
TRAINEE_GROUP_PREFIX = "nbgrader-"
"""A course's trainees: ``nbgrader-KURS`` (nbgrader's name for a course's students on a hub)."""
GRADER_GROUP_PREFIX = "formgrade-"
"""A course's trainers: ``formgrade-KURS`` may open the course's formgrader service (nbgrader's name)."""
SEVERAL_COURSES = (
    "Konto {user} należy do kilku kursów ({courses}); uczestnik pracuje w jednym. "
    f"Administrator: usuń je z pozostałych grup {TRAINEE_GROUP_PREFIX}… w panelu (/hub/admin → Grupy)."
)
"""Why a trainee in several courses' trainees' groups gets no server (one server and Kubernetes alike)."""
COURSE_NAME = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")
"""A course's name on the hub: its service's URL part and its groups' suffix."""
DEFAULT_IDLE_MINUTES = 60
DEFAULT_GPZK_PORT = 8870
"""The G-PZK session server's port on 127.0.0.1 (``szkola roleplay serve``'s own default)."""


def trainee_group(course: str) -> str:
    """Return the hub group of a course's trainees."""
    return TRAINEE_GROUP_PREFIX + course


def grader_group(course: str) -> str:
    """Return the hub group of a course's trainers."""
    return GRADER_GROUP_PREFIX + course


@dataclass(frozen=True)
class HubSettings:
    """One hub: where it listens, where its data lives, who administers it, which courses it runs."""

    state_dir: str
    """Folder of the hub's own database, cookie secret and the users' working folders."""
    store: str
    """Trainees' drafts: a ``postgresql://`` URL or a SQLite file every user's server shares."""
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    admins: list[str] = field(default_factory=list)
    courses: dict[str, str] = field(default_factory=dict)
    """Course name on the hub -> its nbgrader course folder: a formgrader service and two groups each."""
    trainers: dict[str, list[str]] = field(default_factory=dict)
    """Course name -> trainers' accounts put into its trainers' group when the hub starts."""
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    proxy_command: str = "configurable-http-proxy"
    hub_db_url: str | None = None
    """JupyterHub's own database (accounts, servers); default a SQLite file in ``state_dir``."""
    extra_config: str | None = None
    """A JupyterHub configuration file loaded after ours (e.g. LTI 1.3 or OAuth instead of sign-up)."""
    python: str = ""
    """The interpreter whose environment has the platform (the users' servers run in it)."""
    gpzk_port: int = DEFAULT_GPZK_PORT
    """The G-PZK role-play's session server, a hub service on 127.0.0.1."""

    @property
    def default_course(self) -> str | None:
        """The course of a trainee in no course's group: the only one, on a hub with one course."""
        return next(iter(self.courses)) if len(self.courses) == 1 else None

    def write(self, folder: Path) -> Path:
        """Save the settings as JSON in ``folder``; return the file."""
        path = folder / SETTINGS_FILE
        path.write_text(json.dumps(asdict(self), indent=1, ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def read(cls, path: Path) -> HubSettings:
        """Load settings saved by ``write`` (or by a version with one ``course`` folder, named ``kurs``)."""
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if "course" in data:
            course = data.pop("course")
            data["courses"] = {"kurs": course} if course else {}
        return cls(**data)
