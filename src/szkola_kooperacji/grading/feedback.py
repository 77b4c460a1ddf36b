"""Feedback as a trainee may see it: results and Polish messages, no code and no hidden test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import NbGraderPreprocessor

TEMPLATES = Path(__file__).parent / "templates"
"""Holds ``szkola_feedback``: nbgrader's feedback page with Polish labels and no code."""
HIDDEN_SOURCE = ""
ERROR_TEXT = "Tej części nie udało się ocenić: oddany notatnik jest uszkodzony. Zgłoś to trenerowi.\n"


SHOWN_OUTPUTS = frozenset({"stream", "display_data"})
"""What a trainee may see of a graded cell: the Polish explanation and the tables of their own work.

The points (an ``execute_result``) are in the cell's heading already; an error would quote code.
"""
MAX_OUTPUT_CHARS = 200_000
"""Upper bound of what one feedback page shows of outputs, whatever a notebook held."""


def _shown(outputs: list[Any]) -> list[Any]:
    """Keep the outputs a trainee may see, replacing an error by a Polish sentence, within the bound."""
    kept: list[Any] = []
    size = 0
    for original in outputs:
        output = original
        if output.get("output_type") == "error":
            output = nbformat.v4.new_output("stream", name="stderr", text=ERROR_TEXT)
        if output.get("output_type") not in SHOWN_OUTPUTS:
            continue
        size += len(str(output.get("text", ""))) + len(str(output.get("data", "")))
        if size > MAX_OUTPUT_CHARS:
            break
        kept.append(output)
    return kept


class HideTests(NbGraderPreprocessor):
    """Clear the source of every code cell before the feedback page is rendered.

    An nbgrader preprocessor so it is enabled once listed (nbconvert's are disabled by default,
    which once left this one registered but never run). nbgrader shows hidden tests in
    feedback by design (jupyter/nbgrader#917); here the
    tests, the work cell's JSON and the imports stay with the trainer, and only the
    outputs (the Polish explanation of each part's points) reach the trainee.
    """

    def preprocess_cell(self, cell: Any, resources: dict[str, Any], index: int) -> tuple[Any, dict[str, Any]]:
        """Hide the source of a code cell and keep only the outputs a trainee may see."""
        if cell.cell_type == "code":
            cell.source = HIDDEN_SOURCE
            cell.outputs = _shown(cell.outputs)
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        return cell, resources


class FeedbackExporter(HTMLExporter):
    """The exporter of ``nbgrader generate_feedback`` in a course directory (``GenerateFeedback.exporter_class``).

    A class of its own so the course's config can give it the Polish template (``FeedbackExporter.template_name``)
    without touching ``HTMLExporter``, which the formgrader uses to show submissions for manual grading.
    """


class PendingGrades(NbGraderPreprocessor):
    """Mark grades the trainer has not given yet, so feedback reads "czeka na ocenę", not 0 points.

    nbgrader's ``GetGrades`` puts a score of 0.0 on a cell that still needs manual grading
    (its ``Grade.score`` falls back to 0); this runs after it and sets such a score to None.
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Look up which graded cells of this submission still wait for the trainer."""
        from nbgrader.api import Gradebook  # noqa: PLC0415

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            pending = {g.name for g in notebook.grades if g.needs_manual_grade and g.manual_score is None}
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade_id") in pending:
                meta["score"] = None
        return nb, resources
