"""Reading a submitted file that may not be a notebook at all, for nbgrader's autograde.

nbgrader reads each submission with nbformat before any preprocessor runs, so a file
that is not JSON, is empty or is huge stops that trainee's grading with an error and
leaves no graded notebook for the formgrader to open. ``Autograde.exporter_class`` is
set to :class:`SubmissionExporter` instead: such a file becomes a stand-in notebook that
the intake check (``submission.take_intake``) reports as unreadable, so it is graded 0
with a Polish message like any other tampered submission, and the formgrader shows it.
"""

from __future__ import annotations

import warnings
from typing import Any

import nbformat
from nbconvert.exporters import NotebookExporter

from . import MAX_WORK_CHARS
from .submission import unreadable_stand_in

MAX_NOTEBOOK_CHARS = 4 * MAX_WORK_CHARS + 1_000_000
"""Largest file read as a submission: the work cell's limit with room for escapes and the released cells."""


class SubmissionExporter(NotebookExporter):
    """nbgrader's notebook exporter that turns an unreadable file into a stand-in notebook."""

    def from_file(
        self, file_stream: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[Any, dict[str, Any]]:
        """Read the stream as a notebook, or use the stand-in when it cannot be one."""
        try:
            text = file_stream.read(MAX_NOTEBOOK_CHARS + 1)
            if len(text) > MAX_NOTEBOOK_CHARS:
                raise ValueError("too large")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # nbformat warns of invalid JSON schema, which the intake reports
                nb = nbformat.reads(text, as_version=4)
            if not isinstance(nb.get("cells"), list):
                raise ValueError("no cells")
        except Exception:  # any reason a file is not a notebook is the same to the grader
            nb = unreadable_stand_in()
        converted: tuple[Any, dict[str, Any]] = self.from_notebook_node(nb, resources=resources, **kw)
        return converted
