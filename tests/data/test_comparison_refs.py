"""Listas of other powiats for the supra-regional comparison: loaded apart from the cases' Lista, named by courses."""

from __future__ import annotations

import shutil

from szkola_kooperacji.data.catalog import load_catalog
from szkola_kooperacji.data.paths import project_root

BUNDLED = project_root() / "case_studies" / "directory"
COURSE = project_root() / "courses" / "ponadregionalny.yaml"


def test_a_comparison_lista_is_kept_apart_from_the_cases_lista():
    catalog = load_catalog([BUNDLED])
    assert not catalog.errors
    assert catalog.directory is not None
    assert not catalog.directory.comparison_only
    assert set(catalog.comparison_directories) == {"cisowski"}


def test_two_comparison_listas_with_one_id_are_refused(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(BUNDLED / "lista_powiat_cisowski.yaml", tmp_path / name)
    problems = [p.render() for p in load_catalog([tmp_path]).errors]
    assert any("b.yaml" in p and "'cisowski'" in p for p in problems), problems


def test_a_comparison_lista_without_an_id_is_refused(tmp_path):
    text = (BUNDLED / "lista_powiat_cisowski.yaml").read_text(encoding="utf-8").replace("id: cisowski\n", "", 1)
    (tmp_path / "lista.yaml").write_text(text, encoding="utf-8")
    problems = [p.render() for p in load_catalog([tmp_path / "lista.yaml"]).errors]
    assert any("comparison_only" in p for p in problems), problems


def test_a_course_naming_an_unknown_powiat_gets_a_located_problem(tmp_path):
    text = COURSE.read_text(encoding="utf-8").replace("comparisons: [cisowski]", "comparisons: [cisowsky]")
    assert "cisowsky" in text
    course = tmp_path / "courses" / "ponadregionalny.yaml"
    course.parent.mkdir()
    course.write_text(text, encoding="utf-8")
    problems = [p for p in load_catalog([course]).errors if "comparisons" in p.field]
    assert len(problems) == 1
    assert problems[0].line is not None
    assert "cisowsky" in problems[0].found
    assert "cisowski" in problems[0].expected
