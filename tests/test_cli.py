"""``szkola validate`` as a trainer runs it: one line per problem, exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from szkola_kooperacji.cli import main

DATA = Path(__file__).parent / "data"


def test_valid_data_exits_zero():
    result = CliRunner().invoke(main, ["validate", str(DATA / "valid")])
    assert result.exit_code == 0, result.output
    assert "Wszystko poprawne" in result.output


def test_every_malformed_file_exits_one_with_located_lines():
    result = CliRunner().invoke(main, ["validate", str(DATA / "valid" / "lista.yaml"), str(DATA / "malformed")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "oczekiwano:" in line]
    reported = {Path(line.split(":", 1)[0]).name for line in lines}
    assert reported == {p.name for p in (DATA / "malformed").glob("*.yaml")}
    assert "Błędy:" in result.output.splitlines()[-1]


def test_installed_command_runs_without_traceback(tmp_path: Path):
    broken = tmp_path / "zly.yaml"
    broken.write_text("kind: case\nschema_version: 1\nid: [\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "szkola_kooperacji", "validate", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "zly.yaml:" in run.stderr
    assert "to nie jest poprawny YAML" in run.stderr


def test_help_lists_validate():
    result = CliRunner().invoke(main, ["--help"])
    assert "validate" in result.output
