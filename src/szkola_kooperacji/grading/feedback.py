"""Feedback as a trainee may see it: results and Polish messages, no code and no hidden test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

TEMPLATES = Path(__file__).parent / "templates"
"""Holds ``szkola_feedback``: nbgrader's feedback page with Polish labels and no code."""
HIDDEN_SOURCE = ""
ERROR_TEXT = "Tej części nie udało się ocenić: oddany notatnik jest uszkodzony. Zgłoś to trenerowi.\n"


def _without_traceback(output: Any) -> Any:
    """Replace an error (whose traceback quotes test code) with a Polish sentence."""
    if output.get("output_type") != "error":
        return output
    return nbformat.v4.new_output("stream", name="stderr", text=ERROR_TEXT)


class HideTests(Preprocessor):
    """Clear the source of every code cell before the feedback page is rendered.

    nbgrader shows hidden tests in feedback by design (jupyter/nbgrader#917); here the
    tests, the work cell's JSON and the imports stay with the trainer, and only the
    outputs (the Polish explanation of each part's points) reach the trainee.
    """

    def preprocess_cell(self, cell: Any, resources: dict[str, Any], index: int) -> tuple[Any, dict[str, Any]]:
        """Hide the source of a code cell and replace a traceback with a Polish sentence."""
        if cell.cell_type == "code":
            cell.source = HIDDEN_SOURCE
            cell.outputs = [_without_traceback(o) for o in cell.outputs]
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        return cell, resources


class FeedbackExporter(HTMLExporter):
    """The exporter of ``nbgrader generate_feedback`` in a course directory (``GenerateFeedback.exporter_class``).

    A class of its own so the course's config can give it the Polish template (``FeedbackExporter.template_name``)
    without touching ``HTMLExporter``, which the formgrader uses to show submissions for manual grading.
    """
