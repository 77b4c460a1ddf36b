"""The ``szkola`` command: one group, one module per subcommand under ``commands/``."""

from __future__ import annotations

import importlib

import click

from . import __version__
from .errors import SzkolaError

COMMANDS = (
    "validate",
    "schema",
    "serve",
    "hub",
    "z2jh",
    "course",
    "grade",
    "report",
    "certificate",
    "export",
    "rules",
    "roleplay",
)
"""Subcommands in help order; each is the function of that name in ``commands/<name>.py``."""


class SzkolaGroup(click.Group):
    """The command group: an expected failure is one Polish message and exit code 1, never a traceback.

    A subcommand's module is imported only when it runs (click's lazy-group pattern), so
    ``szkola grade`` does not pay for the report's pandas, nor ``szkola serve`` for nbgrader.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the subcommands' names in help order."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return one subcommand, or None for an unknown name."""
        if cmd_name not in COMMANDS:
            return None
        command = getattr(importlib.import_module(f"{__package__}.commands.{cmd_name}"), cmd_name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Run the subcommand; turn a SzkolaError into its message on stderr."""
        try:
            return super().invoke(ctx)
        except SzkolaError as error:
            click.echo(f"Błąd: {error}", err=True)
            ctx.exit(1)


@click.group(cls=SzkolaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="szkola")
def main() -> None:
    """Szkoła Kooperacji: platforma szkoleniowa Modelu Kooperacji."""
