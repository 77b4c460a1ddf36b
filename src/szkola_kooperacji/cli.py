"""The ``szkola`` command: one group, one module per subcommand under ``commands/``."""

from __future__ import annotations

import click

from . import __version__
from .commands.course import course
from .commands.export import export
from .commands.grade import grade
from .commands.report import report
from .commands.rules import rules
from .commands.schema import schema
from .commands.serve import serve
from .commands.validate import validate
from .errors import SzkolaError


class SzkolaGroup(click.Group):
    """The command group: an expected failure is one Polish message and exit code 1, never a traceback."""

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


main.add_command(validate)
main.add_command(schema)
main.add_command(serve)
main.add_command(course)
main.add_command(grade)
main.add_command(report)
main.add_command(export)
main.add_command(rules)
