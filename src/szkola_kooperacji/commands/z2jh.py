"""``szkola z2jh``: the courses of a hub on Kubernetes, as values for the Zero to JupyterHub chart."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ..hub.course_options import course_trainers, hub_courses
from ..hub.settings import HubSettings
from ..hub.z2jh import course_values, formgrader_manifests

HEADER = """# Written by `szkola z2jh`: the hub's courses (groups, roles, formgrader services), as `szkola hub --course`
# configures them on one server, and the pre-spawn hook that gives each account its server (hub/z2jh.py).
# Use beside deploy/z2jh/values.yaml:
#   helm upgrade --install szkola jupyterhub/jupyterhub --values deploy/z2jh/values.yaml --values THIS_FILE
"""


FORMGRADERS_HEADER = """# Written by `szkola z2jh --formgraders`: per course, the pod of its formgrader
# (the hub service /services/NAZWA/ of kursy.yaml) as `szkola hub` starts it on one server: JupyterLab
# with the formgrader in the course folder on the pod's own volume, with the service's token from the
# chart's Secret "hub". Once per course, in its Lab terminal:
#   szkola course init /srv/kurs --course /opt/szkola/courses/PROGRAM.yaml --group NAZWA --roster lista.csv
# then: kubectl -n szkola rollout restart deployment formgrader-NAZWA. Step by step: docs/hub.md.
#   kubectl -n szkola apply -f THIS_FILE
"""


class _Dumper(yaml.SafeDumper):
    """Safe YAML with a text of several lines (the hook's Python) as a literal block, readable as written."""

    def ignore_aliases(self, data: object) -> bool:
        """Write a mapping used twice (a pod's labels) twice, not as an anchor a reader must follow."""
        return True


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
@click.option(
    "--formgraders",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Zapisz też pody formgraderów kursów (manifesty Kubernetes do kubectl apply); wymaga --image.",
)
@click.option("--image", default=None, help="Obraz serwera użytkownika (singleuser.image z values.yaml: NAZWA:TAG).")
def z2jh(
    *,
    courses: tuple[str, ...],
    trainers: tuple[str, ...],
    admins: tuple[str, ...],
    output: Path | None,
    formgraders: Path | None,
    image: str | None,
) -> None:
    """Kursy huba na Kubernetesie: grupy, role i formgradery kursów jako wartości chartu Zero to JupyterHub."""
    if formgraders is not None and not image:
        raise click.UsageError(
            "--formgraders wymaga --image (obraz z singleuser.image w values.yaml, np. REJESTR/…:0.1.0)."
        )
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
    if formgraders is not None and image:
        documents = formgrader_manifests(settings, image)
        formgraders.write_text(
            FORMGRADERS_HEADER + yaml.dump_all(documents, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        click.echo(
            f"Zapisano {formgraders}: formgradery {len(folders)} kursów; kubectl -n szkola apply -f {formgraders}."
        )
