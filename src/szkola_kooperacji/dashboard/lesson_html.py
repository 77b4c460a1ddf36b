"""A lesson's markdown as safe HTML: headings, lists, tables and hint boxes, never a lesson's own HTML.

The dashboard puts this HTML into the page as it is (an ``ipywidgets.HTML`` value becomes
``innerHTML``), so nothing a lesson file holds may run there: raw HTML in the markdown is
shown as text (markdown-it with ``html`` off), links cannot be ``javascript:``, and pictures
are replaced by their description (no request leaves the workshop's network). The one HTML
construct lessons use on purpose, a hint box ``<details><summary>…</summary> … </details>``
on lines of its own, is rebuilt here from its text. A final allow-list pass refuses any tag or
attribute this module does not make itself, showing the lesson as plain text instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_DETAILS_OPEN = re.compile(r"^\s*<details>\s*<summary>(?P<summary>.*?)</summary>\s*$", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"^\s*</details>\s*$", re.IGNORECASE)

ALLOWED_TAGS = frozenset(
    "a blockquote br code del details div em h1 h2 h3 h4 h5 h6 hr li ol p pre span strong summary"
    " table tbody td th thead tr ul".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "target", "rel"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
}
_SAFE_STYLE = re.compile(r"^text-align:(left|right|center)$")


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])

    def link_open(
        renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
    ) -> str:
        # a link opens beside the dashboard, so the trainee never navigates away from unsaved work
        tokens[index].attrSet("target", "_blank")
        tokens[index].attrSet("rel", "noopener noreferrer")
        return renderer.renderToken(tokens, index, options, env)

    def image(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType) -> str:
        alt = renderer.renderInlineAsText(tokens[index].children or [], options, env)
        return f"<span class='sk-image-alt'>[ilustracja: {escape(alt or 'bez opisu')}]</span>"

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("image", image)
    return md


_MD = _renderer()


def markdown_html(text: str) -> str:
    """Return one markdown text (a notebook cell) as safe HTML, hint boxes included."""
    out: list[str] = []
    chunk: list[str] = []
    depth = 0
    for line in text.splitlines():
        opened = _DETAILS_OPEN.match(line)
        if opened:
            out.append(_MD.render("\n".join(chunk)))
            chunk = []
            summary = _MD.renderInline(opened.group("summary"))
            out.append(f"<details><summary>{summary}</summary><div class='sk-details-body'>")
            depth += 1
        elif _DETAILS_CLOSE.match(line) and depth:
            out.append(_MD.render("\n".join(chunk)) + "</div></details>")
            chunk = []
            depth -= 1
        else:
            chunk.append(line)
    out.append(_MD.render("\n".join(chunk)))
    out.append("</div></details>" * depth)  # a box the lesson forgot to close ends with the cell
    html = "".join(out)
    return html if is_safe(html) else f"<pre>{escape(text)}</pre>"


def lesson_html(cells: Sequence[str]) -> str:
    """Return a lesson's markdown cells as one safe HTML document body."""
    return "".join(f"<div class='sk-lesson-cell'>{markdown_html(cell)}</div>" for cell in cells)


class _AllowList(HTMLParser):
    """Collect every tag or attribute outside the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refused: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.refused.append(tag)
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.refused.append(f"{tag}[{name}]")
            elif name == "style" and not _SAFE_STYLE.match(value or ""):
                self.refused.append(f"{tag}[style={value}]")
            elif name == "href" and not _safe_href(value or ""):
                self.refused.append(f"{tag}[href={value}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def unknown_decl(self, data: str) -> None:
        self.refused.append(data)


def _safe_href(href: str) -> bool:
    lowered = re.sub(r"[\s\x00-\x1f]", "", href).lower()
    return lowered.startswith(("http://", "https://", "mailto:", "#")) or ":" not in lowered.split("/")[0]


def refused_markup(html: str) -> list[str]:
    """Return the tags and attributes of ``html`` that the allow-list refuses (empty when safe)."""
    parser = _AllowList()
    parser.feed(html)
    parser.close()
    return parser.refused


def is_safe(html: str) -> bool:
    """Tell whether ``html`` holds only the tags and attributes this module produces."""
    return not refused_markup(html)
