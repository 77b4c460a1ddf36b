"""The domain core must not import Jupyter: it runs in the CLI, the grader and tests alike."""

import json
import subprocess
import sys

ALLOWED_THIRD_PARTY = {"pydantic", "pydantic_core", "typing_extensions", "annotated_types", "typing_inspection"}
FORBIDDEN = {
    "IPython",
    "ipywidgets",
    "ipykernel",
    "voila",
    "nbformat",
    "nbgrader",
    "anywidget",
    "jupyter_client",
    "jupyter_server",
    "traitlets",
    "yaml",
    "click",
}


def _top_level_modules(import_line: str) -> set[str]:
    code = f"{import_line}; import sys, json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def test_domain_imports_only_pydantic_and_stdlib():
    startup = _top_level_modules("pass")  # what the interpreter itself loads (site hooks etc.)
    loaded = _top_level_modules("import szkola_kooperacji.domain")
    added = {m for m in loaded - startup - set(sys.stdlib_module_names) if not m.startswith("_sysconfigdata")}
    added -= {"szkola_kooperacji"}
    assert not loaded & FORBIDDEN, f"domain core imports {sorted(loaded & FORBIDDEN)}"
    assert added <= ALLOWED_THIRD_PARTY, f"unexpected imports: {sorted(added - ALLOWED_THIRD_PARTY)}"
    assert "pydantic" in added  # the check sees real imports
