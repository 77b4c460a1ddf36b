"""``szkola serve`` builds a safe Voilà command: sources stripped, no tracebacks, Polish template."""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from traitlets.utils.importstring import import_item

from szkola_kooperacji.cli import main
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.kernel_connection import DashboardConnection
from szkola_kooperacji.serving import (
    DASHBOARD_CONNECTION,
    JUPYTER_DATA,
    OWNER_FILE,
    RUNTIME_PREFIX,
    ServeOptions,
    _runtime_dir,
    check_port_free,
    dashboard_notebook,
    kernel_cap,
    log_path,
    pool_reserve,
    public_url,
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


def test_kernels_talk_over_private_sockets_not_tcp_ports(tmp_path: Path):
    command = voila_command(ServeOptions(workshop=40), runtime_dir=tmp_path)
    assert "--KernelManager.transport=ipc" in command
    assert f"--Voila.connection_dir_root={tmp_path}" in command
    assert "--Voila.port_retries=0" in command


def test_technical_log_lies_beside_the_store_unless_named(tmp_path: Path):
    assert log_path(ServeOptions(store=tmp_path / "x.sqlite")) == tmp_path / "serwer.log"
    assert log_path(ServeOptions(course=tmp_path)) == tmp_path.resolve() / "serwer.log"
    assert log_path(ServeOptions(log=tmp_path / "inny.log")) == tmp_path / "inny.log"


def test_trainees_are_shown_an_address_they_can_open():
    assert public_url(ServeOptions(port=9000)) == "http://localhost:9000/"
    assert public_url(ServeOptions(host="10.1.2.3", port=9000)) == "http://10.1.2.3:9000/"
    assert "0.0.0.0" not in public_url(ServeOptions(host="0.0.0.0"))


def test_runtime_folders_of_killed_servers_are_removed(monkeypatch: pytest.MonkeyPatch):
    short = Path(tempfile.mkdtemp(prefix="sk-", dir="/tmp"))  # socket paths need a short temporary folder
    monkeypatch.setattr(tempfile, "tempdir", str(short))
    try:
        _check_stale_runtime_folders_go(short)
    finally:
        shutil.rmtree(short)


def _check_stale_runtime_folders_go(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id that no longer runs
    stale = tmp_path / f"{RUNTIME_PREFIX}old"
    stale.mkdir()
    (stale / OWNER_FILE).write_text(str(dead.pid))
    living = tmp_path / f"{RUNTIME_PREFIX}live"
    living.mkdir()
    (living / OWNER_FILE).write_text(str(os.getpid()))
    fresh = _runtime_dir()
    assert not stale.exists()
    assert living.exists()
    assert (fresh / OWNER_FILE).read_text() == str(os.getpid())


def test_a_busy_port_is_a_polish_message_not_another_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SzkolaError, match=f"port {port} jest zajęty"):
            check_port_free(ServeOptions(port=port))


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


def test_the_dashboard_connection_named_in_the_servers_configuration_is_the_class():
    assert import_item(DASHBOARD_CONNECTION) is DashboardConnection
    assert DashboardConnection.class_traits()["limit_rate"].default_value is False
