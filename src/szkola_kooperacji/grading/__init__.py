"""Assessment with nbgrader: exercise notebooks, their test cells, parallel autograding, reports."""

WORK_VARIABLE = "PRACA"
"""The variable an exercise's work cell assigns: the trainee's draft as JSON text."""
TEXT_STUB = "_(Odpowiedź wpiszesz na pulpicie ćwiczenia.)_"
"""What nbgrader leaves in a reflection cell of a released exercise (instead of "YOUR ANSWER HERE")."""
CODE_STUB = f'{WORK_VARIABLE} = ""  # pulpit ćwiczenia zapisze tu pracę uczestnika'
"""What nbgrader leaves in the work cell of a released exercise (instead of ``raise NotImplementedError()``)."""

WORK_GRADE_ID = "praca"
"""The grade_id of an exercise's work cell, where the dashboard writes the draft."""
FLAGGED_PREFIX = "Oddany notatnik różni się od wydanego ćwiczenia"
"""How the message on a submission that differs from its release begins (in the gradebook's comments too)."""

MAX_REFLECTION_CHARS = 6000
"""Longest reflection the dashboard accepts: a few pages of text, not a pasted book."""
MAX_WORK_CHARS = 4_000_000
"""Longest work cell the grader reads: far above any draft built on the dashboard."""

COURSE_ENV = "SZKOLA_COURSE"
"""The course directory (from ``szkola course init``) whose released exercises the dashboard offers."""
COURSE_ID_ENV = "SZKOLA_COURSE_ID"
"""The course id of a trainee's server that sees no course folder (Kubernetes: the course lives in ngshare)."""
COURSE_PROGRAM_ENV = "SZKOLA_COURSE_PROGRAM"
"""The programme (a ``courses/*.yaml`` id) of that course: the course view shows it alone, as with a folder."""
HUB_USER_ENV = "JUPYTERHUB_USER"
"""The hub account a server belongs to (JupyterHub sets it): the trainee, and who a service exchange knows."""


def prefer_fast_validation() -> None:
    """Skip two costs of importing nbformat and nbgrader that grading never needs; call before either loads.

    jsonschema's optional IRI format checker (``rfc3987_syntax``) compiles a grammar for 1.5–3 s
    when imported, and no schema nbformat or nbgrader validates uses that format; and nbformat
    validates every notebook it reads and writes with the pure-Python ``jsonschema`` unless told
    to use ``fastjsonschema`` (a dependency of nbformat), several times faster with the same schema.
    """
    import os  # noqa: PLC0415
    import sys  # noqa: PLC0415

    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None makes the import fail
    os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")


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
