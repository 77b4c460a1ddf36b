"""The front-end half of the text limits: fields stop at the model's limit while typing.

``binding.bind`` marks each text widget with ``sk-maxlength-N`` (N read from the
model); this invisible anywidget, placed once in each builder, gives those fields
``maxlength`` in the browser and refuses a paste that would not fit with a Polish
message. The kernel still refuses anything over the limit, so the model stays the rule.
"""

from __future__ import annotations

import anywidget
import traitlets

from ..data.paths import project_root

MARK = "sk-maxlength-"
"""Class prefix of a text widget whose field has a length limit; the number follows."""


class TextLimits(anywidget.AnyWidget):
    """Enforce the ``sk-maxlength-N`` marks of every text field on the page (installed once per page)."""

    _esm = traitlets.Unicode((project_root() / "widgets" / "text_limits.js").read_text(encoding="utf-8")).tag(sync=True)
