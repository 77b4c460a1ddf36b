"""``szkola hub``: write the JupyterHub configuration of the platform and run the hub with it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from ..data.paths import project_root
from ..errors import SzkolaError
from ..hub.course_options import course_trainers, hub_courses
from ..hub.roleplay_service import session_hint
from ..hub.settings import DEFAULT_GPZK_PORT, DEFAULT_IDLE_MINUTES, HubSettings, grader_group, trainee_group
from ..storage import DraftStore
from ..storage.database import is_database_url, parse_store_location

CONFIG_FILE = "jupyterhub_config.py"
HUB_APP = "szkola_kooperacji.hub.app"
"""JupyterHub that lets the courses' formgrader services start in their own time (see hub/app.py)."""
LOCAL_PROXY = Path(".hub-proxy") / "node_modules" / ".bin" / "configurable-http-proxy"
"""Where `.ci/run` (and docs/hub.md) install JupyterHub's proxy from npm, inside the project."""

GENERATED_CONFIG = """# Written by `szkola hub`; it reads the settings saved beside it (szkola_hub.json).
from pathlib import Path

from szkola_kooperacji.hub.config import configure
from szkola_kooperacji.hub.settings import HubSettings

settings = HubSettings.read(Path(__file__).with_name("szkola_hub.json"))
configure(c, settings)  # noqa: F821
if settings.extra_config:  # the organiser's own additions win (e.g. LTI 1.3 or OAuth sign-in)
    load_subconfig(settings.extra_config)  # noqa: F821
"""


def find_proxy(configured: str | None) -> str:
    """Return the configurable-http-proxy command: the option, the PATH, or the project's npm folder."""
    candidates = [configured] if configured else [shutil.which("configurable-http-proxy")]
    candidates += [str(base / LOCAL_PROXY) for base in (Path.cwd(), project_root())]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise SzkolaError(
        "Nie znaleziono serwera pośredniczącego JupyterHub (configurable-http-proxy). Zainstaluj go: "
        "npm install --prefix .hub-proxy configurable-http-proxy@5 (w katalogu projektu) albo wskaż go opcją --proxy."
    )


def write_hub_config(settings: HubSettings) -> Path:
    """Save the settings and the JupyterHub configuration that reads them; return the configuration file."""
    state = Path(settings.state_dir)
    state.mkdir(parents=True, exist_ok=True)
    settings.write(state)
    config = state / CONFIG_FILE
    config.write_text(GENERATED_CONFIG, encoding="utf-8")
    return config


@click.command()
@click.option("--ip", default="127.0.0.1", show_default=True, help="Adres nasłuchu; 0.0.0.0 — dostęp z sieci.")
@click.option("--port", default=8000, show_default=True, help="Port, pod którym uczestnicy otwierają platformę.")
@click.option(
    "--db",
    "store",
    default=None,
    help="Baza prac uczestników: postgresql://użytkownik:hasło@serwer/baza (domyślnie plik SQLite w --state).",
)
@click.option(
    "--state",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("szkola-hub"),
    show_default=True,
    help="Katalog huba: jego baza kont, klucz ciasteczek, katalogi robocze użytkowników.",
)
@click.option(
    "--admin", "admins", multiple=True, required=True, help="Konto administratora (trenera); można powtórzyć."
)
@click.option(
    "--course",
    "courses",
    multiple=True,
    metavar="[NAZWA=]KATALOG",
    help="Kurs (katalog z szkola course init): ćwiczenia dla jego uczestników, formgrader dla jego trenerów. "
    "Kilka kursów: --course regionalny_2026=KATALOG --course ponadregionalny=KATALOG.",
)
@click.option(
    "--trainer",
    "trainers",
    multiple=True,
    metavar="KURS=KONTO",
    help="Trener kursu (grupa formgrade-KURS): widzi formgrader tylko swoich kursów; można powtórzyć.",
)
@click.option(
    "--idle-minutes",
    default=DEFAULT_IDLE_MINUTES,
    show_default=True,
    help="Po ilu minutach bezczynności zatrzymać serwer użytkownika.",
)
@click.option("--hub-port", default=8081, show_default=True, help="Port wewnętrzny huba (tylko 127.0.0.1).")
@click.option("--proxy-api-port", default=8001, show_default=True, help="Port API serwera pośredniczącego (127.0.0.1).")
@click.option(
    "--gpzk-port",
    default=DEFAULT_GPZK_PORT,
    show_default=True,
    help="Port serwera sesji G-PZK (odgrywanie ról; usługa huba, tylko 127.0.0.1).",
)
@click.option(
    "--config",
    "extra_config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Własny plik konfiguracji JupyterHub, wczytany po konfiguracji platformy (np. logowanie LTI 1.3, OAuth).",
)
@click.option("--hub-db", default=None, help="Baza kont huba (adres SQLAlchemy); domyślnie plik SQLite w --state.")
@click.option("--proxy", default=None, help="Ścieżka do configurable-http-proxy (domyślnie: PATH albo .hub-proxy/).")
@click.option(
    "--write-only",
    is_flag=True,
    help=f"Tylko zapisz konfigurację (start: python -m {HUB_APP} -f KATALOG/jupyterhub_config.py).",
)
def hub(
    *,
    ip: str,
    port: int,
    store: str | None,
    state: Path,
    admins: tuple[str, ...],
    courses: tuple[str, ...],
    trainers: tuple[str, ...],
    idle_minutes: int,
    hub_port: int,
    proxy_api_port: int,
    gpzk_port: int,
    extra_config: Path | None,
    hub_db: str | None,
    proxy: str | None,
    write_only: bool,
) -> None:
    """Platforma z kontami (JupyterHub): każdy uczestnik dostaje swój pulpit, trener — JupyterLab z formgraderem."""
    state = state.resolve()
    if store is not None and not is_database_url(store):  # a hub's trainees need a database, not a file
        raise SzkolaError(f"--db: oczekiwano adresu postgresql://…, a jest {store!r}.")
    course_folders = hub_courses(courses)
    location = parse_store_location(store) if store is not None else state / "prace.sqlite"
    state.mkdir(parents=True, exist_ok=True)
    DraftStore(location).close()  # reachable, tables made, before anyone signs up
    settings = HubSettings(
        state_dir=str(state),
        store=str(location),
        ip=ip,
        port=port,
        hub_port=hub_port,
        proxy_api_port=proxy_api_port,
        admins=list(admins),
        courses=course_folders,
        trainers=course_trainers(trainers, course_folders),
        idle_minutes=idle_minutes,
        proxy_command=find_proxy(proxy),
        hub_db_url=hub_db,
        extra_config=str(extra_config.resolve()) if extra_config else None,
        python=sys.executable,
        gpzk_port=gpzk_port,
    )
    config = write_hub_config(settings)
    for name in course_folders:
        click.echo(
            f"Kurs {name}: formgrader http://{ip}:{port}/services/{name}/ dla grupy {grader_group(name)}, "
            f"pulpit z jego ćwiczeniami dla grupy {trainee_group(name)}."
        )
    click.echo(session_hint(settings))
    if write_only:
        click.echo(f"Zapisano {config}. Start: {sys.executable} -m {HUB_APP} -f {config}")
        return
    click.echo(
        f"Platforma z kontami: http://{ip}:{port}/ — administrator ({', '.join(admins)}) zakłada konto przez „Sign up”."
    )
    try:
        completed = subprocess.run([sys.executable, "-m", HUB_APP, "-f", str(config)], cwd=state, check=False)
    except KeyboardInterrupt:
        return
    if completed.returncode not in (0, -2):
        raise SzkolaError(f"JupyterHub zakończył się błędem (kod {completed.returncode}); szczegóły powyżej.")
