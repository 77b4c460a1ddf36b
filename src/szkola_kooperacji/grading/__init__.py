"""Assessment with nbgrader: exercise notebooks, their test cells, parallel autograding, reports."""

WORK_VARIABLE = "PRACA"
"""The variable an exercise's work cell assigns: the trainee's draft as JSON text."""
TEXT_STUB = "_(Odpowiedź wpiszesz na pulpicie ćwiczenia.)_"
"""What nbgrader leaves in a reflection cell of a released exercise (instead of "YOUR ANSWER HERE")."""
CODE_STUB = f'{WORK_VARIABLE} = ""  # pulpit ćwiczenia zapisze tu pracę uczestnika'
"""What nbgrader leaves in the work cell of a released exercise (instead of ``raise NotImplementedError()``)."""

MAX_REFLECTION_CHARS = 6000
"""Longest reflection the dashboard accepts: a few pages of text, not a pasted book."""
MAX_WORK_CHARS = 4_000_000
"""Longest work cell the grader reads: far above any draft built on the dashboard."""

COURSE_ENV = "SZKOLA_COURSE"
"""The course directory (from ``szkola course init``) whose released exercises the dashboard offers."""


def put_tools_on_path() -> None:
    """Let nbgrader find the tools installed beside this Python (it runs ``alembic`` for a new gradebook).

    ``.venv/bin/szkola`` works without activating the virtual environment, so its ``bin``
    folder may be missing from PATH.
    """
    import os  # noqa: PLC0415
    import sys  # noqa: PLC0415

    tools = os.path.dirname(sys.executable)
    if tools not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join(p for p in (tools, os.environ.get("PATH", "")) if p)
