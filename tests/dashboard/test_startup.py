"""A broken data folder gives the trainee a Polish message, never a traceback."""

import subprocess
import sys
from pathlib import Path

import ipywidgets as w
import pytest

from szkola_kooperacji.dashboard import Dashboard, dashboard

DATA = Path(__file__).parent.parent / "data"


def signed_in(tmp_path: Path) -> str:
    """Python source that signs a trainee in on the test catalog, for a probe run in a fresh interpreter."""
    return (
        "import sys\n"
        "from pathlib import Path\n"
        "from szkola_kooperacji.dashboard import Dashboard\n"
        "from szkola_kooperacji.data import load_valid_catalog\n"
        "from szkola_kooperacji.storage import DraftStore\n"
        f"catalog = load_valid_catalog([Path({str(DATA / 'valid')!r})])\n"
        f"app = Dashboard(catalog, DraftStore(Path({str(tmp_path / 's.db')!r})))\n"
        "app.name.value, app.code.value = 'Anna Nowak', 'tajne123'\n"
        "app.sign_in()\n"
    )


def test_invalid_data_shows_a_message_for_the_trainer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SZKOLA_DATA", str(DATA / "malformed" / "wrong_type.yaml"))
    monkeypatch.setenv("SZKOLA_STORE", str(tmp_path / "s.sqlite"))
    shown = dashboard()
    assert isinstance(shown, w.HTML)
    assert "Platforma nie może wystartować" in shown.value
    assert "szkola validate" in shown.value
    assert "Traceback" not in shown.value


def test_valid_data_gives_the_dashboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SZKOLA_DATA", str(DATA / "valid"))
    monkeypatch.setenv("SZKOLA_STORE", str(tmp_path / "s.sqlite"))
    assert isinstance(dashboard(), Dashboard)


def test_trainee_kernel_does_not_load_grading_libraries():
    """Each of a workshop's kernels imports the dashboard: nbgrader, nbformat's JSON-schema stack and pandas
    would cost every kernel about a second of CPU and 20 MB, so they load only when an exercise opens."""
    probe = (
        "import sys; from szkola_kooperacji.dashboard import dashboard; "
        "print(sorted(m for m in ('nbformat', 'nbgrader', 'pandas', 'jsonschema', 'voila') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_signing_in_without_a_course_loads_no_grading_libraries(tmp_path: Path):
    """The same for the first action every trainee takes: signing in and seeing the case list."""
    probe = (
        signed_in(tmp_path) + "assert app.case_list in app.body.children\n"
        "print(sorted(m for m in ('nbformat', 'nbgrader', 'pandas', 'jsonschema') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_opening_a_case_loads_no_document_libraries_until_a_download(tmp_path: Path):
    """reportlab, python-docx and PDFium load on the first "Pobierz kontrakt", not in every trainee's kernel;
    the map tab draws the trainee's contract and the download makes a real PDF."""
    probe = (
        signed_in(tmp_path) + "from szkola_kooperacji.documents import DocumentFormat\n"
        "space = app.open_case('mini_case')\n"
        "space.tabs.selected_index = space.tabs.children.index(space.cooperation)\n"
        "assert 'szk-map-person' in space.cooperation.map.value\n"
        "before = sorted(m for m in ('reportlab', 'docx', 'pypdfium2') if m in sys.modules)\n"
        "name, mime, data = space.cooperation.document(DocumentFormat.PDF)\n"
        "assert data.startswith(b'%PDF') and mime == 'application/pdf', mime\n"
        "print(before, name)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[] kontrakt_mini_case.pdf"
