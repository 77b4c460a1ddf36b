"""JupyterHub configuration of the Szkoła Kooperacji: `python -m szkola_kooperacji.hub.app -f THIS_FILE`.

`szkola hub` writes the same thing into its state folder and runs it; use this file when the hub is
started by other means (systemd, a container). It reads the settings that `szkola hub --write-only`
saved: the JSON file named by $SZKOLA_HUB_SETTINGS (default: szkola-hub/szkola_hub.json).
"""

import os
from pathlib import Path

from szkola_kooperacji.hub.config import configure
from szkola_kooperacji.hub.settings import HubSettings

settings = HubSettings.read(Path(os.environ.get("SZKOLA_HUB_SETTINGS", "szkola-hub/szkola_hub.json")))
configure(c, settings)  # noqa: F821 (c is JupyterHub's configuration object)
if settings.extra_config:
    load_subconfig(settings.extra_config)  # noqa: F821
