"""What an organiser chooses for a hub, kept as JSON beside the generated JupyterHub configuration."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

SETTINGS_FILE = "szkola_hub.json"
TRAINER_GROUP = "trenerzy"
"""Hub group whose members get JupyterLab with the formgrader instead of the trainee dashboard."""
DEFAULT_IDLE_MINUTES = 60


@dataclass(frozen=True)
class HubSettings:
    """One hub: where it listens, where its data lives, who administers it."""

    state_dir: str
    """Folder of the hub's own database, cookie secret and the users' working folders."""
    store: str
    """Trainees' drafts: a ``postgresql://`` URL or a SQLite file every user's server shares."""
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    admins: list[str] = field(default_factory=list)
    course: str | None = None
    """A group's nbgrader course folder: trainees submit its exercises, trainers grade it."""
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    proxy_command: str = "configurable-http-proxy"
    hub_db_url: str | None = None
    """JupyterHub's own database (accounts, servers); default a SQLite file in ``state_dir``."""
    extra_config: str | None = None
    """A JupyterHub configuration file loaded after ours (e.g. LTI 1.3 or OAuth instead of sign-up)."""
    python: str = ""
    """The interpreter whose environment has the platform (the users' servers run in it)."""

    def write(self, folder: Path) -> Path:
        """Save the settings as JSON in ``folder``; return the file."""
        path = folder / SETTINGS_FILE
        path.write_text(json.dumps(asdict(self), indent=1, ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def read(cls, path: Path) -> HubSettings:
        """Load settings saved by ``write``."""
        return cls(**json.loads(path.read_text(encoding="utf-8")))
