"""``szkola rules``: the rules of the diagnosis and the contract, as the rule registry declares them.

The trainers' page ``docs/reguly.md`` is this command's output, so it can never
disagree with the code (``tests/test_rules_page.py`` compares them).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..domain.findings import FINDING_LEVEL_LABELS, FindingLevel
from ..domain.meeting import SHARING_DEDUCTIONS, SHARING_WEIGHT
from ..domain.parts import PART_LABELS, SCORE_LABELS, TEAM_PARTS, Part, ScoreKey
from ..domain.rules import REGISTRY


def render_rules() -> str:
    """Return the Markdown page listing every rule by graded part, in declaration order."""
    lines = [
        "# Reguły diagnozy i kontraktu socjalnego",
        "",
        "Strona wygenerowana poleceniem `szkola rules -o docs/reguly.md` z rejestru reguł; nie edytuj jej ręcznie.",
        "Reguły są zasadami dobrej praktyki przyjętymi w tym szkoleniu, a nie wymogami ustawy.",
        f"Każdy błąd odejmuje punkt w pozycji „{SCORE_LABELS[ScoreKey.FORMAL]}”; kolumna „dotyczy” wskazuje "
        "pozycję wyniku, której sprawa dotyczy.",
    ]
    for part in Part:
        lines += ["", f"## {PART_LABELS[part]}", ""]
        if part in TEAM_PARTS:
            lines += [_team_score_note(), ""]
        lines += ["| kod | poziom | dotyczy | reguła |", "|---|---|---|---|"]
        lines += [
            f"| `{r.code}` | {FINDING_LEVEL_LABELS[r.level]} | {SCORE_LABELS[r.category]} | {r.title} |"
            for r in REGISTRY
            if r.part == part
        ]
    return "\n".join(lines) + "\n"


def _team_score_note() -> str:
    """Say how a team's sharing counts: points added to the contract's, taken away per finding."""
    return (
        f"Oceniane tylko na spotkaniu G-PZK: wynik zespołu to kontrakt (jak w pracy indywidualnej) oraz "
        f"„{SCORE_LABELS[ScoreKey.SHARING]}” za {SHARING_WEIGHT:g} pkt; każdy błąd odejmuje "
        f"{SHARING_DEDUCTIONS[FindingLevel.BLAD]:g} pkt, każde ostrzeżenie "
        f"{SHARING_DEDUCTIONS[FindingLevel.OSTRZEZENIE]:g} pkt, wskazówka nic."
    )


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Zapisz stronę Markdown do pliku, np. docs/reguly.md (domyślnie: wypisz).",
)
def rules(output: Path | None) -> None:
    """Wypisz reguły diagnozy i kontraktu: kod, poziom, oceniana część i pozycja wyniku."""
    page = render_rules()
    if output is None:
        click.echo(page, nl=False)
        return
    output.write_text(page, encoding="utf-8")
    click.echo(f"zapisano {output}")
