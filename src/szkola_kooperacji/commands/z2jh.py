"""``szkola z2jh``: the courses of a hub on Kubernetes, as values for the Zero to JupyterHub chart."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ..hub.course_options import course_trainers, hub_courses
from ..hub.settings import HubSettings
from ..hub.z2jh import course_values

HEADER = """# Written by `szkola z2jh`: the hub's courses (groups, roles, formgrader services), as `szkola hub --course`
# configures them on one server, and the pre-spawn hook that gives each account its server (hub/z2jh.py).
# Use beside deploy/z2jh/values.yaml:
#   helm upgrade --install szkola jupyterhub/jupyterhub --values deploy/z2jh/values.yaml --values THIS_FILE
"""


class _Dumper(yaml.SafeDumper):
    """Safe YAML with a text of several lines (the hook's Python) as a literal block, readable as written."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


@click.command()
@click.option(
    "--course",
    "courses",
    multiple=True,
    required=True,
    metavar="NAZWA=KATALOG",
    help="Kurs: jego nazwa na hubie i katalog kursu (`szkola course init`) z listą grupy; można powtórzyć.",
)
@click.option(
    "--trainer",
    "trainers",
    multiple=True,
    metavar="KURS=KONTO",
    help="Trener kursu (konto na hubie): otwiera formgrader tego kursu; można powtórzyć.",
)
@click.option(
    "--admin",
    "admins",
    multiple=True,
    metavar="KONTO",
    help="Administrator huba (jak w values.yaml): trener każdego kursu; można powtórzyć.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Plik wynikowy (domyślnie: wypisz na ekran).",
)
def z2jh(*, courses: tuple[str, ...], trainers: tuple[str, ...], admins: tuple[str, ...], output: Path | None) -> None:
    """Kursy huba na Kubernetesie: grupy, role i formgradery kursów jako wartości chartu Zero to JupyterHub."""
    folders = hub_courses(courses)
    settings = HubSettings(
        state_dir="", store="", admins=list(admins), courses=folders, trainers=course_trainers(trainers, folders)
    )
    text = HEADER + yaml.dump(course_values(settings), Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Zapisano {output}: {len(folders)} kurs(y); dołącz go do helm jako drugi --values.")
