"""The document family's registry is complete: every kind has its model, sections, rules, part and editor."""

from __future__ import annotations

import pytest

from szkola_kooperacji.dashboard.document_editors import EDITORS
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.document_kinds import DOCUMENT_BY_PART, DOCUMENTS, DocumentKind
from szkola_kooperacji.domain.parts import DOCUMENT_PARTS
from szkola_kooperacji.domain.rules import REGISTRY
from szkola_kooperacji.grading.documents import document_context

CATALOG = load_valid_catalog()


def test_every_kind_is_registered_once_with_its_part_and_editor():
    assert set(DOCUMENTS) == set(DocumentKind) == set(EDITORS)
    assert set(DOCUMENT_BY_PART) == DOCUMENT_PARTS
    for spec in DOCUMENTS.values():
        assert {r.code for r in spec.rules} == REGISTRY.codes(part=spec.part)


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_each_kinds_findings_name_its_sections_and_its_example_meets_every_rule(kind: DocumentKind):
    spec = DOCUMENTS[kind]
    case_id = next(iter(CATALOG.cases))
    context = document_context(CATALOG, case_id)
    empty = spec.check(spec.fresh(case_id), context)
    assert empty, "an empty document breaks rules"
    assert {f.location.id for f in empty} <= set(spec.sections)
    example = spec.example(case_id, context)
    assert spec.check(example, context) == []
    assert spec.parse_json(example.model_dump_json()) == example
    assert [key for key, _ in example.outline()] == list(spec.sections)


def test_a_document_of_one_kind_does_not_read_as_another():
    case_id = next(iter(CATALOG.cases))
    agreement = DOCUMENTS[DocumentKind.POROZUMIENIE].fresh(case_id).model_dump_json()
    with pytest.raises(ValueError, match="projekt_socjalny"):
        DOCUMENTS[DocumentKind.PROJEKT_SOCJALNY].parse_json(agreement)
