"""Lesson markdown becomes allow-listed HTML: a lesson's own HTML and scripts stay text."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from szkola_kooperacji.dashboard.lesson_html import is_safe, lesson_html, markdown_html, refused_markup
from szkola_kooperacji.data.lessons import load_self_check, read_lesson, self_check_path
from szkola_kooperacji.data.paths import project_root
from szkola_kooperacji.errors import DataError, LessonError

LESSONS = sorted(p.stem for p in (project_root() / "notebooks").glob("lekcja_*.ipynb"))
HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://example.org"></iframe>',
    "<svg onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<details><summary><img src=x onerror=alert(1)></summary>\nx\n</details>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
]


class Elements(HTMLParser):
    """What a browser would build from the HTML: element names and their attributes (independent of the code)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_stays_text(text: str):
    html = markdown_html(text)
    assert refused_markup(html) == []
    for tag, attrs in Elements(html).found:
        assert tag not in {"script", "img", "iframe", "svg", "style", "object", "embed"}, html
        assert not any(name.startswith("on") for name in attrs), html
        assert "style" not in attrs or attrs["style"] in {"text-align:left", "text-align:right", "text-align:center"}
        href = (attrs.get("href") or "").lower()
        assert not href.startswith(("javascript", "data", "vbscript")), html


def test_script_and_img_are_shown_as_their_text():
    html = markdown_html("Uwaga: <script>alert(1)</script> i <img src=x onerror=alert(1)>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_allow_list_refuses_what_markdown_never_makes():
    assert refused_markup('<p><img src="x" onerror="alert(1)"></p>') == ["img"]
    assert refused_markup('<td style="color:red">x</td>') == ["td[style=color:red]"]
    assert refused_markup('<a href="javascript:alert(1)">x</a>') == ["a[href=javascript:alert(1)]"]
    assert refused_markup('<p onclick="x()">x</p>') == ["p[onclick]"]
    assert is_safe('<p><a href="https://example.org" target="_blank" rel="noopener">x</a></p>')


def test_pictures_become_their_description_and_links_open_beside():
    html = markdown_html("![Genogram rodziny](genogram.png) [Dz.U.](https://dziennikustaw.gov.pl)")
    assert "[ilustracja: Genogram rodziny]" in html
    assert 'href="https://dziennikustaw.gov.pl" target="_blank" rel="noopener noreferrer"' in html


def test_hint_boxes_are_rebuilt_and_tables_kept():
    html = markdown_html(
        "1. Pytanie?\n\n<details><summary>Podpowiedź</summary>\n\nOdpowiedź **ważna**.\n</details>\n\n"
        "| Część | Co |\n|---|---|\n| Cele | wskaźnik |"
    )
    assert "<details><summary>Podpowiedź</summary>" in html
    assert "<strong>ważna</strong>" in html
    assert html.index("</details>") > html.index("ważna")
    assert "<table>" in html
    assert "<td>wskaźnik</td>" in html


def test_an_unclosed_hint_box_ends_with_its_cell():
    html = markdown_html("<details><summary>P</summary>\ntekst")
    assert html.count("<details>") == html.count("</details>") == 1


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_every_lesson_renders_safe_with_its_headings_and_tables(lesson_id: str):
    lesson = read_lesson(lesson_id)
    html = lesson_html(lesson.cells)
    assert lesson.title.startswith("Lekcja")
    assert refused_markup(html) == []
    assert "<h1>" in html
    assert "<h2>" in html
    assert "&lt;details&gt;" not in html  # every hint box became a real one
    assert "<details>" in html


def test_lessons_with_tables_show_them():
    assert "<table>" in lesson_html(read_lesson("lekcja_model_kooperacji").cells)


def test_only_markdown_cells_are_read_and_code_never_runs(tmp_path: Path):
    (tmp_path / "notebooks").mkdir()
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["# Lekcja próbna\n", "tekst"]},
            {"cell_type": "code", "source": "import os; os.remove('x')", "outputs": []},
            {"cell_type": "raw", "source": "<script>alert(1)</script>"},
        ]
    }
    (tmp_path / "notebooks" / "lekcja_proba.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    lesson = read_lesson("lekcja_proba", tmp_path)
    assert lesson.title == "Lekcja próbna"
    assert lesson.cells == ("# Lekcja próbna\ntekst",)


@pytest.mark.parametrize(
    ("lesson_id", "content", "words"),
    [
        ("nie_ma", None, "Nie ma lekcji nie_ma"),
        ("zepsuta", "{nie json", "nie jest notatnikiem"),
        ("bez_komorek", "[]", "nie ma komórek"),
        ("../etc/passwd", None, "nie jest identyfikatorem"),
    ],
)
def test_a_missing_or_broken_lesson_is_a_polish_message(
    tmp_path: Path, lesson_id: str, content: str | None, words: str
):
    (tmp_path / "notebooks").mkdir()
    if content is not None:
        (tmp_path / "notebooks" / f"{lesson_id}.ipynb").write_text(content, encoding="utf-8")
    with pytest.raises(LessonError, match=words):
        read_lesson(lesson_id, tmp_path)


def test_one_lesson_s_self_check_loads_alone_or_is_none(tmp_path: Path):
    check = load_self_check("lekcja_wywiad_diagnoza")
    assert check is not None
    assert check.lesson == "lekcja_wywiad_diagnoza"
    assert load_self_check("nie_ma_takiej") is None
    folder = tmp_path / "courses" / "samosprawdzenia"
    folder.mkdir(parents=True)
    (folder / "lekcja_x.yaml").write_text(
        self_check_path("lekcja_wywiad_diagnoza").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(DataError, match="lesson: lekcja_x"):
        load_self_check("lekcja_x", tmp_path)
