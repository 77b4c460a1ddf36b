"""The single-user server command: JupyterHub's own, without jsonschema's unused IRI grammar."""

from __future__ import annotations

import subprocess
import sys

from szkola_kooperacji.hub import singleuser


def test_the_command_starts_jupyterhubs_single_user_server_without_the_iri_grammar() -> None:
    python, *arguments = singleuser.command(sys.executable)
    run = subprocess.run(
        [python, "-X", "importtime", *arguments, "--version"], capture_output=True, text=True, timeout=120, check=True
    )
    import jupyterhub  # noqa: PLC0415

    assert run.stdout.strip() == jupyterhub.__version__
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "jupyter_server.serverapp" in imported  # the whole server was loaded, as for a real start
    assert "jsonschema" in imported
    # tried and refused at once: the grammar's module and its parser library never load
    assert "rfc3987_syntax.syntax_helpers" not in imported
    assert "lark" not in imported
