"""The signed register of certificates: genuine numbers verify, edited rows and unknown numbers do not."""

from __future__ import annotations

import csv
import datetime as dt
import stat
from pathlib import Path

import pytest

from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.storage.certificates import (
    KEY_FILE,
    REGISTER_FILE,
    WHOLE_COURSE,
    CertificateRegister,
    Verdict,
    normalise_number,
)

DAY = dt.date(2026, 11, 26)


def issue(register: CertificateRegister, trainee: str = "anowak", name: str = "Anna Nowak", scope: str = WHOLE_COURSE):
    return register.issue(trainee, name, "regionalny", scope, "22", today=DAY)


def edit(path: Path, number: str, column: str, value: str) -> None:
    """Change one field of one row, as someone with a text editor would."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["numer"] == number:
            row[column] = value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_an_issued_number_is_genuine_and_says_whose_it_is(tmp_path: Path):
    register = CertificateRegister(tmp_path)
    entry = issue(register)
    verdict, found = CertificateRegister(tmp_path).verify(entry.numer.lower().replace("-", " "))
    assert verdict is Verdict.GENUINE
    assert found is not None
    assert (found.imie_nazwisko, found.uczestnik, found.data_wydania) == ("Anna Nowak", "anowak", "2026-11-26")
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    assert KEY_FILE not in (tmp_path / REGISTER_FILE).read_text(encoding="utf-8-sig")


def test_asking_again_gives_the_same_number_and_others_get_their_own(tmp_path: Path):
    register = CertificateRegister(tmp_path)
    first = issue(register)
    assert issue(register).numer == first.numer
    other = issue(register, "jkowalski", "Jan Kowalski")
    module = issue(register, scope="r1_model_kooperacji")
    assert len({first.numer, other.numer, module.numer}) == 3
    assert len(register.entries()) == 3


def test_a_changed_name_fails_verification(tmp_path: Path):
    register = CertificateRegister(tmp_path)
    entry = issue(register)
    edit(register.path, entry.numer, "imie_nazwisko", "Ewa Nowak")
    verdict, _ = register.verify(entry.numer)
    assert verdict is Verdict.ALTERED
    assert [e.numer for e in register.altered()] == [entry.numer]


def test_a_changed_number_fails_verification_and_the_old_one_is_unknown(tmp_path: Path):
    register = CertificateRegister(tmp_path)
    entry = issue(register)
    forged = "SK-2026-AAAA-BBBB"
    edit(register.path, entry.numer, "numer", forged)
    assert register.verify(forged)[0] is Verdict.ALTERED
    assert register.verify(entry.numer)[0] is Verdict.UNKNOWN


def test_a_row_written_without_the_key_fails(tmp_path: Path):
    register = CertificateRegister(tmp_path)
    entry = issue(register)
    with register.path.open("a", encoding="utf-8") as handle:
        handle.write(f"SK-2026-ZZZZ-ZZZZ,xx,Ktoś Obcy,regionalny,caly_kurs,22,2026-11-26,{entry.podpis}\n")
    assert register.verify("SK-2026-ZZZZ-ZZZZ")[0] is Verdict.ALTERED
    assert register.verify(entry.numer)[0] is Verdict.GENUINE


def test_another_groups_key_does_not_confirm_a_copied_row(tmp_path: Path):
    ours, theirs = CertificateRegister(tmp_path / "a"), CertificateRegister(tmp_path / "b")
    issue(theirs, "jkowalski", "Jan Kowalski")
    entry = issue(ours)
    theirs.path.write_text(ours.path.read_text(encoding="utf-8-sig"), encoding="utf-8-sig")
    assert theirs.verify(entry.numer)[0] is Verdict.ALTERED


def test_a_lost_key_is_reported_not_replaced(tmp_path: Path):
    register = CertificateRegister(tmp_path)
    entry = issue(register)
    (tmp_path / KEY_FILE).unlink()
    with pytest.raises(SzkolaError, match="Brak klucza"):
        register.verify(entry.numer)
    with pytest.raises(SzkolaError, match="Brak klucza"):
        issue(register, "jkowalski", "Jan Kowalski")
    assert not (tmp_path / KEY_FILE).exists()


def test_numbers_are_read_as_typed():
    assert normalise_number("sk 2026 7kq2 m9xd") == "SK-2026-7KQ2-M9XD"
    assert normalise_number("2026-7KQ2-M9XD") == "SK-2026-7KQ2-M9XD"
