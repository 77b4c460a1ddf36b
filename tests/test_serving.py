"""``szkola serve`` builds a safe Voilà command: sources stripped, no tracebacks, Polish template."""

from pathlib import Path

from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.serving import (
    JUPYTER_DATA,
    ServeOptions,
    dashboard_notebook,
    kernel_cap,
    pool_reserve,
    voila_command,
    voila_environment,
)


def test_command_hides_code_and_tracebacks_and_uses_polish_template():
    command = voila_command(ServeOptions(port=9000, open_browser=False))
    assert "--strip_sources=True" in command
    assert "--show_tracebacks=False" in command
    assert "--template=szkola" in command
    assert "--port=9000" in command
    assert "--no-browser" in command
    assert "--preheat_kernel=True" not in command
    assert (JUPYTER_DATA / "voila" / "templates" / "szkola" / "index.html.j2").is_file()
    assert dashboard_notebook().is_file()


def test_workshop_preheats_a_pool_sized_for_the_group():
    command = voila_command(ServeOptions(workshop=40))
    assert "--preheat_kernel=True" in command
    assert "--pool_size=40" in command
    env = voila_environment(ServeOptions(workshop=40))
    assert env["SZKOLA_POOL_RESERVE"] == str(pool_reserve(40)) == "5"
    assert int(env["SZKOLA_MAX_KERNELS"]) == kernel_cap(40) >= 40 + 5


def test_environment_points_kernels_at_store_and_template(tmp_path: Path):
    env = voila_environment(ServeOptions(store=tmp_path / "x.sqlite", data=tmp_path))
    assert env["SZKOLA_STORE"] == str(tmp_path / "x.sqlite")
    assert env["SZKOLA_DATA"] == str(tmp_path.resolve())
    assert env["JUPYTER_PATH"].split(":")[0] == str(JUPYTER_DATA)


def test_a_course_keeps_its_drafts_in_its_folder_unless_told_otherwise(tmp_path: Path):
    assert voila_environment(ServeOptions(course=tmp_path))["SZKOLA_STORE"] == str(tmp_path.resolve() / "prace.sqlite")
    chosen = ServeOptions(course=tmp_path, store=tmp_path / "x.sqlite")
    assert voila_environment(chosen)["SZKOLA_STORE"] == str(tmp_path / "x.sqlite")
    assert voila_environment(ServeOptions())["SZKOLA_STORE"] != str(tmp_path.resolve() / "prace.sqlite")


def test_serve_help_is_polish():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--workshop" in result.output
    assert "uczestników" in result.output
