"""A trainee's proposed entry for the Lista aktywności i usług, checked exactly as ``szkola validate`` checks the Lista.

The entry is one institution as it would stand under ``institutions:`` in the Lista's file: filled
in on the dashboard's form (``domain.lista_entry.EntryDraft``) or read as YAML (a file a trainer is
sent back). Both go through one path, the steps of a data file: (for YAML, parsing with duplicate
keys refused,) the PESEL check, the ``Institution`` model with Polish messages located by field
(and line, for YAML), and the Lista's own consistency checks (``directory_issues``) run on the
Lista with the entry added (an id already taken, an unknown gmina, a service twice). A valid entry
exports as YAML a trainer pastes into the Lista.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..domain.directory import Institution, ServiceDirectory
from ..domain.integrity import Loc, directory_issues
from ..domain.lista_entry import EntryDraft
from .privacy import find_pesels
from .problems import Problem, describe_error, format_loc
from .yaml_source import read_yaml_text

MAX_PROPOSAL_CHARS = 20_000
"""Longest entry checked: an institution with a dozen services, far from a pasted book."""
PROPOSAL_FILE = Path("propozycja_wpisu.yaml")
"""The name a proposal's problems are reported under, and the exported file's name."""
LineOf = Callable[[Loc], int | None]
"""The line of a field in the text the entry was read from (none for an entry filled in on the form)."""


@dataclass(frozen=True)
class ProposalCheck:
    """The checked proposal: the institution when it is valid, else the problems (each with line and field)."""

    institution: Institution | None
    problems: tuple[Problem, ...]


def check_proposal(text: str, directory: ServiceDirectory) -> ProposalCheck:
    """Check an entry written as YAML (one mapping); return it or its problems, each with line and field."""
    if len(text) > MAX_PROPOSAL_CHARS:
        size = f"wpis ma {len(text)} znaków"
        return ProposalCheck(None, (Problem(PROPOSAL_FILE, "", size, f"najwyżej {MAX_PROPOSAL_CHARS} znaków"),))
    source = read_yaml_text(text, PROPOSAL_FILE)
    if isinstance(source, list):
        return ProposalCheck(None, tuple(source))
    return check_entry(source.data, directory, source.line_of)


def check_draft(draft: EntryDraft, directory: ServiceDirectory) -> ProposalCheck:
    """Check the entry a trainee filled in on the form (no lines: each problem names its field)."""
    return check_entry(draft.entry_data(), directory)


def check_entry(data: object, directory: ServiceDirectory, line_of: LineOf = lambda _: None) -> ProposalCheck:
    """Check one entry as ``szkola validate`` checks a Lista: PESEL, the ``Institution`` model, the Lista's rules.

    The Lista's own consistency checks (``directory_issues``) run on the Lista with the entry added,
    so an id already taken, an unknown gmina or a service given twice are found as in the file.
    """

    def located(loc: Loc, found: str, expected: str) -> Problem:
        return Problem(PROPOSAL_FILE, format_loc(loc), found, expected, line=line_of(loc))

    if not isinstance(data, dict):
        expected = "jedna instytucja: pola id, name, type, sector, level, contact_role, services"
        return ProposalCheck(None, (Problem(PROPOSAL_FILE, "", "to nie jest mapa pól", expected, line=line_of(())),))
    privacy = [located(loc, "tekst wygląda na numer PESEL", "wyłącznie dane fikcyjne: usuń numer")
               for loc in find_pesels(data)]  # fmt: skip
    try:
        institution = Institution.model_validate(data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        found = [describe_error(detail, Institution) for detail in details]
        refused = [located(tuple(d["loc"]), f, x) for d, (f, x) in zip(details, found, strict=True)]
        return ProposalCheck(None, tuple(privacy + refused))
    index = len(directory.institutions)
    extended = directory.model_copy(update={"institutions": [*directory.institutions, institution]})
    issues = [
        located(issue.loc[2:], issue.found, issue.expected)
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
