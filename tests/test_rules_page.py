"""The trainers' rules page is exactly what the rule registry declares."""

from pathlib import Path

from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.commands.rules import render_rules
from szkola_kooperacji.domain.rules import REGISTRY

PAGE = Path(__file__).parent.parent / "docs" / "reguly.md"


def test_committed_rules_page_matches_the_registry():
    assert PAGE.read_text(encoding="utf-8") == render_rules(), "run `szkola rules -o docs/reguly.md` and commit it"


def test_every_rule_is_on_the_page_once():
    page = render_rules()
    assert all(page.count(f"`{rule.code}`") == 1 for rule in REGISTRY)


def test_szkola_rules_writes_the_page(tmp_path: Path):
    result = CliRunner().invoke(main, ["rules", "-o", str(tmp_path / "reguly.md")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reguly.md").read_text(encoding="utf-8") == render_rules()
