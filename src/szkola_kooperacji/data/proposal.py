"""A trainee's proposed entry for the Lista aktywności i usług, checked exactly as ``szkola validate`` checks the Lista.

The entry is one institution as it would stand under ``institutions:`` in the Lista's file.
It goes through the same steps as a data file: YAML parsing with duplicate keys refused, the
PESEL check, the ``Institution`` model with Polish messages located by line and field, and the
Lista's own consistency checks (``directory_issues``) run on the Lista with the entry added
(an id already taken, an unknown gmina, a service twice). A valid entry exports as YAML a
trainer pastes into the Lista.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..domain.directory import Institution, ServiceDirectory
from ..domain.integrity import directory_issues
from .privacy import find_pesels
from .problems import Problem, describe_error, format_loc
from .yaml_source import YamlSource, read_yaml_text

MAX_PROPOSAL_CHARS = 20_000
"""Longest entry checked: an institution with a dozen services, far from a pasted book."""
PROPOSAL_FILE = Path("propozycja_wpisu.yaml")
"""The name a proposal's problems are reported under, and the exported file's name."""


@dataclass(frozen=True)
class ProposalCheck:
    """The checked proposal: the institution when it is valid, else the problems (each with line and field)."""

    institution: Institution | None
    problems: tuple[Problem, ...]


def _located(source: YamlSource, loc: tuple[str | int, ...], found: str, expected: str) -> Problem:
    return Problem(PROPOSAL_FILE, format_loc(loc), found, expected, line=source.line_of(loc))


def check_proposal(text: str, directory: ServiceDirectory) -> ProposalCheck:
    """Check a proposed entry against the Lista's schema and rules; return it or its located problems."""
    if len(text) > MAX_PROPOSAL_CHARS:
        size = f"wpis ma {len(text)} znaków"
        return ProposalCheck(None, (Problem(PROPOSAL_FILE, "", size, f"najwyżej {MAX_PROPOSAL_CHARS} znaków"),))
    source = read_yaml_text(text, PROPOSAL_FILE)
    if isinstance(source, list):
        return ProposalCheck(None, tuple(source))
    if not isinstance(source.data, dict):
        expected = "jedna instytucja: pola id, name, type, sector, level, contact_role, services"
        return ProposalCheck(None, (Problem(PROPOSAL_FILE, "", "to nie jest mapa pól", expected, line=1),))
    privacy = [_located(source, loc, "tekst wygląda na numer PESEL", "wyłącznie dane fikcyjne: usuń numer")
               for loc in find_pesels(source.data)]  # fmt: skip
    try:
        institution = Institution.model_validate(source.data)
    except ValidationError as error:
        found = [describe_error(detail, Institution) for detail in error.errors(include_url=False)]
        details = error.errors(include_url=False)
        located = [_located(source, tuple(d["loc"]), f, x) for d, (f, x) in zip(details, found, strict=True)]
        return ProposalCheck(None, tuple(privacy + located))
    index = len(directory.institutions)
    extended = directory.model_copy(update={"institutions": [*directory.institutions, institution]})
    issues = [
        _located(source, issue.loc[2:], issue.found, issue.expected)
        for issue in directory_issues(extended)
        if issue.loc[:2] == ("institutions", index)
    ]
    problems = tuple(privacy + issues)
    return ProposalCheck(None if problems else institution, problems)


def proposal_yaml(institution: Institution) -> str:
    """Return the entry as YAML for the trainer: a comment saying where it goes, then one list item."""
    data = institution.model_dump(mode="json", exclude_defaults=True)
    body = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)
    indented = "".join(f"  {line}" if line.strip() else line for line in body.splitlines(keepends=True))
    return (
        "# Propozycja wpisu do Listy aktywności i usług (od uczestnika szkolenia).\n"
        "# Dopisz ją pod „institutions:” w pliku Listy i sprawdź: szkola validate\n" + indented
    )
