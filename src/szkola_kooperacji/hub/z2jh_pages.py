"""The hub's Polish pages on Kubernetes: the one-server templates, mounted into the chart's hub pod.

On one server ``szkola hub`` points JupyterHub at this package's templates (sign-in, sign-up, the
server starting and stopping, errors). The chart's hub pod runs the chart's own image, without this
package, so trainees there met JupyterHub's English pages. The chart mounts files given in
``hub.extraFiles`` into the hub's container: :func:`page_values` puts each template there and points
``JupyterHub.template_paths`` at them, with the same template variables as on one server.
"""

from __future__ import annotations

from typing import Any

from .config import MIN_PASSWORD, TEMPLATES

HUB_TEMPLATES = "/usr/local/share/jupyterhub/szkola-templates"
"""Where the hub's container finds the Polish templates (the chart mounts each one there)."""
FILE_KEY_PREFIX = "szkola-strona-"
"""How this package's entries in ``hub.extraFiles`` begin (the chart uses the key only as a name)."""


def template_variables() -> dict[str, Any]:
    """Return what the templates read beyond JupyterHub's own variables."""
    return {"min_password": MIN_PASSWORD}


def page_values() -> dict[str, Any]:
    """Return the chart values that mount the Polish templates and make the hub use them."""
    files = {
        FILE_KEY_PREFIX + page.stem.strip("_").replace("_", "-"): {
            "mountPath": f"{HUB_TEMPLATES}/{page.name}",
            "stringData": page.read_text(encoding="utf-8"),
        }
        for page in sorted(TEMPLATES.glob("*.html"))
    }
    jupyterhub = {"template_paths": [HUB_TEMPLATES], "template_vars": template_variables()}
    return {"hub": {"extraFiles": files, "config": {"JupyterHub": jupyterhub}}}
