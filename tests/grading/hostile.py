"""A corpus of submissions a hostile trainee could hand in, made by hand and placed in ``submitted/``.

Each entry changes the notebook a trainee submitted through the dashboard (holding the expert
reference, so any points it kept would be full points) and says what grading must make of it:
0 points and the Polish problem it must name, or, for changes that are only data, the domain
score of the work. Code in these notebooks would leave a mark if it ever ran: it writes
``CANARY`` (outside the course folder) or changes the gradebook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

CANARY = Path("/tmp/szkola-canary-hostile-submission")
"""Written by every piece of hostile code in the corpus, were it ever run."""
_MARK = f"open({str(CANARY)!r}, 'a').write('ran')\n"


def cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    return nb.cells.index(cell(nb, grade_id))


@dataclass(frozen=True)
class Hostile:
    """One hand-made submission: how it is made, and the problem grading must name (None: graded as data)."""

    trainee: str
    make: Callable[[nbformat.NotebookNode, Path], None]
    problem: str | None


def _insert_code(code: str) -> Callable[[nbformat.NotebookNode, Path], None]:
    def make(nb: nbformat.NotebookNode, path: Path) -> None:
        nb.cells.insert(index(nb, "praca") + 1, nbformat.v4.new_code_cell(_MARK + code))
        nbformat.write(nb, path)

    return make


def _work_cell(code: str) -> Callable[[nbformat.NotebookNode, Path], None]:
    def make(nb: nbformat.NotebookNode, path: Path) -> None:
        cell(nb, "praca").source = _MARK + code
        nbformat.write(nb, path)

    return make


def _raw(text: str) -> Callable[[nbformat.NotebookNode, Path], None]:
    def make(nb: nbformat.NotebookNode, path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return make


def _delete_test(nb: nbformat.NotebookNode, path: Path) -> None:
    del nb.cells[index(nb, "test_diagnoza")]
    nbformat.write(nb, path)


def _edit_test(nb: nbformat.NotebookNode, path: Path) -> None:
    cell(nb, "test_diagnoza").source = "10.0"
    cell(nb, "praca").source = 'PRACA = ""'
    nbformat.write(nb, path)


def _points_raised(nb: nbformat.NotebookNode, path: Path) -> None:
    cell(nb, "test_diagnoza").metadata.nbgrader["points"] = 1000
    nbformat.write(nb, path)


def _other_trainee_in_metadata(nb: nbformat.NotebookNode, path: Path) -> None:
    nb.metadata["student_id"] = "wzorcowa"
    nb.metadata["nbgrader"] = {"student": "wzorcowa"}
    nbformat.write(nb, path)


def _big_output(size: int) -> Callable[[nbformat.NotebookNode, Path], None]:
    def make(nb: nbformat.NotebookNode, path: Path) -> None:
        cell(nb, "start").outputs = [nbformat.v4.new_output("stream", name="stdout", text="A" * size)]
        nbformat.write(nb, path)

    return make


def _raw_html_reflection(nb: nbformat.NotebookNode, path: Path) -> None:
    cell(nb, "refleksja_1").source = "<script>alert(1)</script><img src=x onerror=alert(2)> ![p](http://example.org/p)"
    nbformat.write(nb, path)


GRADEBOOK_ATTACK = """import glob, sqlite3
for db in glob.glob('../../../gradebook.db') + glob.glob('/tmp/**/gradebook.db', recursive=True):
    con = sqlite3.connect(db)
    con.execute('update grade set auto_score = 1000')
    con.commit()
PRACA = ''
"""
READ_SECRETS = """import glob
for pattern in ('../../../source/**/*.ipynb', '../../../submitted/**/*.ipynb'):
    for path in glob.glob(pattern, recursive=True):
        print(open(path).read())
"""

CORPUS = [
    Hostile(
        "import_pakietu",
        _work_cell(
            "from szkola_kooperacji.grading.cells import reference_work\n"
            "PRACA = reference_work('wielodzietna_bezradnosc_modrzewno')"
        ),
        "komórka pracy zawiera kod",
    ),
    Hostile("redefinicja", _insert_code("def grade_part(*args, **kwargs):\n    return 10.0\n"), "dodano komórki (1)"),
    Hostile(
        "redefinicja_w_pracy", _work_cell("PRACA = ''\ngrade_part = lambda *a: 10.0\n"), "komórka pracy zawiera kod"
    ),
    Hostile("dziennik_ocen", _work_cell(GRADEBOOK_ATTACK), "komórka pracy zawiera kod"),
    Hostile("czyta_pliki", _insert_code(READ_SECRETS), "dodano komórki (1)"),
    Hostile("powloka", _insert_code("import os\nos.system('touch /tmp/szkola-canary-shell')\n"), "dodano komórki (1)"),
    Hostile("petla", _insert_code("while True:\n    pass\n"), "dodano komórki (1)"),
    Hostile("pamiec", _insert_code("zapas = bytearray(3 * 1024**3)\n"), "dodano komórki (1)"),
    Hostile("wyjscie", _insert_code("import os\nos._exit(0)\n"), "dodano komórki (1)"),
    Hostile("nie_json", _raw("{ to nie jest notatnik"), "nie jest poprawnym notatnikiem"),
    Hostile("pusty_plik", _raw(""), "nie jest poprawnym notatnikiem"),
    Hostile("ogromny", _big_output(30_000_000), "nie jest poprawnym notatnikiem"),
    Hostile("bez_testu", _delete_test, "usunięto komórki: test_diagnoza"),
    Hostile("zmieniony_test", _edit_test, "zmieniono komórkę test_diagnoza"),
    Hostile("zawyzone_punkty", _points_raised, "zmieniono rodzaj lub punktację komórki test_diagnoza"),
    Hostile("cudzy_id", _other_trainee_in_metadata, None),
    Hostile("duzy_wydruk", _big_output(5_000_000), None),
    Hostile("html_w_refleksji", _raw_html_reflection, None),
]
