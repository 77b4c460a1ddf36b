"""The organiser's hub settings, kept as JSON: written and read back, and read from older versions' files."""

from __future__ import annotations

import json
from pathlib import Path

from szkola_kooperacji.hub.settings import DEFAULT_GPZK_PORT, SETTINGS_FILE, HubSettings


def test_settings_written_are_read_back_unchanged(tmp_path: Path):
    settings = HubSettings(
        state_dir=str(tmp_path),
        store="postgresql://szkola@127.0.0.1/szkola",
        admins=["trener"],
        courses={"regionalny_2026": "/kursy/r", "ponad": "/kursy/p"},
        trainers={"ponad": ["bnowicki"]},
        gpzk_port=9870,
    )
    assert HubSettings.read(settings.write(tmp_path)) == settings


def test_an_older_file_with_one_course_folder_names_it_kurs(tmp_path: Path):
    path = tmp_path / SETTINGS_FILE  # before several courses: one ``course`` folder, no G-PZK port
    path.write_text(json.dumps({"state_dir": str(tmp_path), "store": "s.sqlite", "course": "/kursy/r"}))
    settings = HubSettings.read(path)
    assert settings.courses == {"kurs": "/kursy/r"}
    assert settings.default_course == "kurs"
    assert settings.gpzk_port == DEFAULT_GPZK_PORT


def test_an_older_file_without_a_course_has_no_courses(tmp_path: Path):
    path = tmp_path / SETTINGS_FILE
    path.write_text(json.dumps({"state_dir": str(tmp_path), "store": "s.sqlite", "course": None}))
    settings = HubSettings.read(path)
    assert settings.courses == {}
    assert settings.default_course is None
