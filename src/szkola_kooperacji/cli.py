"""The ``szkola`` command: one group, one module per subcommand under ``commands/``."""

from __future__ import annotations

import click

from . import __version__
from .commands.schema import schema
from .commands.serve import serve
from .commands.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="szkola")
def main() -> None:
    """Szkoła Kooperacji: platforma szkoleniowa Modelu Kooperacji."""


main.add_command(validate)
main.add_command(schema)
main.add_command(serve)
