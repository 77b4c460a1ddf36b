"""The server the hub starts for each account: ``jupyterhub-singleuser`` without two idle seconds.

On one machine a group signing in together waits for all of their servers to start, one new
process each. Importing the single-user server took 3.3 CPU seconds here, 2.2 of them spent
building jsonschema's IRI grammar, which no schema of a Jupyter server uses
(``grading.prefer_fast_validation``). Run as ``python -m szkola_kooperacji.hub.singleuser``
with ``jupyterhub-singleuser``'s own options.
"""

from __future__ import annotations

import sys

from ..grading import prefer_fast_validation

MODULE = __name__
"""What the hub (``Spawner.cmd``), its course services and the Kubernetes image run with ``python -m``."""


def command(python: str = "python") -> list[str]:
    """Return the command that starts a single-user server with ``python``."""
    return [python, "-m", MODULE]


def main() -> None:
    """Start ``jupyterhub-singleuser`` once jsonschema can no longer load the unused grammar."""
    prefer_fast_validation()
    from jupyterhub.singleuser import main as singleuser_main  # noqa: PLC0415  # after the line above

    sys.exit(singleuser_main())


if __name__ == "__main__":
    main()
