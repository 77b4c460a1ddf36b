"""A course folder keeps only hashes of the codes it issued; a reset code replaces the old one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.storage.course_codes import CODES_FILE, CourseCodes


def test_issued_codes_verify_and_only_hashes_are_kept(tmp_path: Path):
    codes = CourseCodes(tmp_path).issue(["anowak", "jkowalski"])
    stored = CourseCodes(tmp_path)
    assert stored.issued_ids() == {"anowak", "jkowalski"}
    assert stored.verify("anowak", codes["anowak"])
    assert stored.verify("anowak", codes["anowak"].lower().replace("-", " "))
    assert not stored.verify("anowak", codes["jkowalski"])
    assert not stored.verify("nieznany", codes["anowak"])
    text = (tmp_path / CODES_FILE).read_text(encoding="utf-8")
    assert codes["anowak"] not in text
    assert codes["anowak"].replace("-", "") not in text
    assert stat.S_IMODE((tmp_path / CODES_FILE).stat().st_mode) == 0o600


def test_reset_gives_a_new_code_and_the_old_one_stops_working(tmp_path: Path):
    first = CourseCodes(tmp_path).issue(["anowak", "jkowalski"])
    second = CourseCodes(tmp_path).issue(["anowak"])
    stored = CourseCodes(tmp_path)
    assert second["anowak"] != first["anowak"]
    assert not stored.verify("anowak", first["anowak"])
    assert stored.verify("anowak", second["anowak"])
    assert stored.verify("jkowalski", first["jkowalski"])  # the others keep their cards


def test_damaged_codes_file_is_a_polish_error(tmp_path: Path):
    (tmp_path / CODES_FILE).write_text("{nie json", encoding="utf-8")
    with pytest.raises(SzkolaError, match="uszkodzony"):
        CourseCodes(tmp_path).verify("anowak", "ABCDEFGHJK")
