"""Each user's server: the Voilà dashboard for a trainee, JupyterLab with the formgrader for a trainer.

The role is the hub's: members of the trainers' group (and admins) are trainers, everyone else a
trainee. Both run ``jupyterhub-singleuser`` (the hub's own sign-in, activity for the idle culler),
each with its own server configuration file written by ``hub.config``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Unicode

from .settings import TRAINER_GROUP


class SzkolaSpawner(SimpleLocalProcessSpawner):
    """Local processes of the hub's own system user, one working folder per account.

    On one server every trainee's process runs as the same system user; their work lives in
    the shared store, not in their folders. Separate system users or containers: see docs/hub.md.
    """

    trainee_config = Unicode(config=True, help="Server configuration file of a trainee's dashboard server.")
    trainer_config = Unicode(config=True, help="Server configuration file of a trainer's JupyterLab.")
    trainer_group = Unicode(TRAINER_GROUP, config=True, help="Hub group whose members are trainers.")

    def is_trainer(self) -> bool:
        """Return True for an admin or a member of the trainers' group."""
        return bool(self.user.admin) or any(group.name == self.trainer_group for group in self.user.groups)

    def get_args(self) -> list[str]:
        """Add the role's server configuration to the hub's arguments."""
        config = self.trainer_config if self.is_trainer() else self.trainee_config
        return [*super().get_args(), f"--config={config}"]

    def get_env(self) -> dict[str, Any]:
        """Make the working folder exist before the server starts in it."""
        Path(self.home_dir).mkdir(parents=True, exist_ok=True)
        return dict(super().get_env())
