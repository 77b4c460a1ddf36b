"""The glyph check a text field can call: the fonts' own coverage, read without reportlab."""

from __future__ import annotations

import subprocess
import sys

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from szkola_kooperacji.documents.glyphs import FONT_FILES, cmap_code_points


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
def test_cmap_reader_finds_exactly_the_characters_reportlab_draws(path):
    assert cmap_code_points(path.read_bytes()) == frozenset(TTFont(path.stem, str(path)).face.charToGlyph)


def test_checking_a_text_does_not_load_reportlab():
    code = (
        "import sys\n"
        "from szkola_kooperacji.documents import undrawable_characters\n"
        "assert undrawable_characters('ok 🙂') == {'🙂'}\n"
        "print('reportlab' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
