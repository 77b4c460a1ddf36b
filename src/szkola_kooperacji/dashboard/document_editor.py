"""What every document editor shares: one card per section with its hint, fields, refusals and live findings.

An editor of one kind (``agreement_editor``, ``social_project_editor``…) builds its section's
fields; this base puts each into a card under the section's heading and hands each card the
rules' findings located in it, so the trainee reads what is wrong beside the field to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
from pydantic import BaseModel

from ..domain.document_task import DocumentTask
from ..domain.findings import Finding
from . import dates
from .binding import Changed, FieldMessages, bind
from .render import e, findings_html
from .shared_looks import shown
from .text_limits import TextLimits

WIDE = shown(width="98%")
Part = tuple[list[w.Widget], FieldMessages]
"""A section's fields and the card that shows their refusals."""


def text_lines(text: str) -> list[str]:
    """Return the non-empty lines of a text area: one list item per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Section(w.VBox):
    """One section: heading, the task's hint, the fields, refusals and the rules' findings about it."""

    def __init__(self, key: str, heading: str, hint: str, fields: list[w.Widget], message: FieldMessages) -> None:
        self.key = key
        self.findings = w.HTML()
        self.findings.add_class("sk-section-findings")
        head = f"<h4>{e(heading)}</h4>" + (f"<p class='sk-muted'>{e(hint)}</p>" if hint else "")
        super().__init__([w.HTML(head), *fields, message, self.findings])
        self.add_class("sk-card")
        self.add_class("sk-doc-section")
        self.add_class(f"sk-doc-{key}")

    def show(self, findings: list[Finding]) -> None:
        """Show the rules' findings about this section (a tick when there are none)."""
        self.findings.value = findings_html(findings)


class DocumentEditor(w.VBox):
    """Edit a document section by section; ``changed`` saves it and re-runs the rules."""

    def __init__(
        self,
        headings: Mapping[str, str],
        task: DocumentTask | None,
        changed: Changed,
        parts: list[tuple[str, Part]],
        css: str,
    ) -> None:
        hints = task.hints if task else {}
        self.sections = {
            key: Section(key, headings[key], hints.get(key, ""), fields, msg) for key, (fields, msg) in parts
        }
        super().__init__([TextLimits(), *self.sections.values()])
        self.add_class(css)

    def show_findings(self, findings: list[Finding]) -> None:
        """Give each section the findings located in it."""
        for key, section in self.sections.items():
            section.show([f for f in findings if f.location.id == key])


def text_area(
    model: BaseModel, field: str, placeholder: str, tooltip: str, *, changed: Changed, message: FieldMessages
) -> w.Textarea:
    """Return a text area bound to ``model.field``; a list field takes one item per line."""
    value = getattr(model, field)
    is_list = isinstance(value, list)
    area = w.Textarea(
        value="\n".join(value) if is_list else value,
        placeholder=placeholder,
        continuous_update=False,
        layout=shown(width="98%", height="90px"),
    )
    area.add_class(f"sk-doc-{field}")
    area.tooltip = tooltip  # its name for a screen reader: the section heading says the rest
    bind(area, model, field, changed, message, to_model=text_lines if is_list else str)
    return area


def text_part(model: BaseModel, field: str, placeholder: str, tooltip: str, changed: Changed) -> Part:
    """Return a section made of one text area."""
    message = FieldMessages()
    return [text_area(model, field, placeholder, tooltip, changed=changed, message=message)], message


def text_field(
    model: BaseModel, field: str, description: str, placeholder: str, *, changed: Changed, message: FieldMessages
) -> w.Text:
    """Return a one-line field bound to ``model.field`` (its description names it for a screen reader)."""
    box = w.Text(
        value=getattr(model, field),
        description=description,
        placeholder=placeholder,
        continuous_update=False,
        layout=WIDE,
    )
    box.add_class(f"sk-doc-{field}")
    bind(box, model, field, changed, message)
    return box


def period_fields(doc: Any, changed: Changed, message: FieldMessages) -> tuple[w.Text, w.Text]:
    """Return the "Od" and "Do" date fields of a document's period, bound to its ``starts`` and ``ends``.

    ``doc`` is any document model with those two date fields (the agreement, the social project).
    """
    starts = dates.date_field(doc.starts, "Od")
    starts.add_class("sk-doc-starts")
    ends = dates.date_field(doc.ends, "Do")
    ends.add_class("sk-doc-ends")
    for field, name in ((starts, "starts"), (ends, "ends")):
        bind(field, doc, name, changed, message, to_model=dates.parse, check=dates.problem)
    return starts, ends
