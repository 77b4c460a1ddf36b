"""Sign-in on the dashboard: issued codes with a course, own codes without, limits, no code left in widgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.storage import CourseCodes, DraftStore, IdentityCheck
from szkola_kooperacji.storage.sign_in_limits import FREE_FAILURES_PER_ID

VALID = Path(__file__).parent.parent / "data" / "valid"
CATALOG = load_valid_catalog([VALID])


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts.sqlite")


@pytest.fixture
def course(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "kurs"
    folder.mkdir()
    return folder, CourseCodes(folder).issue(["anowak", "jkowalski"])


def _try(app: Dashboard, name: str, code: str) -> Dashboard:
    app.name.value, app.code.value = name, code
    app.sign_in()
    assert app.code.value == ""  # whatever happened, the field no longer holds the code
    return app


def test_roster_id_with_its_issued_code_gets_in(store: DraftStore, course: tuple[Path, dict[str, str]]):
    folder, codes = course
    app = _try(Dashboard(CATALOG, store, folder), " anowak ", codes["anowak"].lower().replace("-", ""))
    assert app.trainee == "anowak"
    assert "Witaj" in app.greeting.value


@pytest.mark.parametrize("who", ["nieznany", "anna nowak", "jkowalski"])
def test_no_one_can_claim_an_id_without_its_issued_code(
    store: DraftStore, course: tuple[Path, dict[str, str]], who: str
):
    folder, codes = course
    app = _try(Dashboard(CATALOG, store, folder), who, codes["anowak"])
    assert app.trainee is None
    assert "Sprawdź identyfikator i kod na karcie" in app.message.value
    assert app.case_list not in app.body.children


def test_roster_id_without_an_issued_code_cannot_be_claimed(store: DraftStore, tmp_path: Path):
    folder = tmp_path / "kurs-bez-kodow"
    folder.mkdir()
    app = _try(Dashboard(CATALOG, store, folder), "anowak", "ABCDE-FGHJK")
    assert app.trainee is None


def test_wrong_codes_are_slowed_down_even_before_the_right_one(store: DraftStore, course: tuple[Path, dict[str, str]]):
    folder, codes = course
    for _ in range(FREE_FAILURES_PER_ID):
        app = _try(Dashboard(CATALOG, store, folder, client="10.0.0.9"), "anowak", "ZZZZZ-ZZZZZ")
        assert "Zbyt wiele" not in app.message.value
    app = _try(Dashboard(CATALOG, store, folder, client="10.0.0.9"), "anowak", codes["anowak"])
    assert app.trainee is None
    assert re.search(r"Zbyt wiele nieudanych prób\. Spróbuj ponownie za (30|2\d) s\.", app.message.value)
    other = _try(Dashboard(CATALOG, store, folder, client="10.0.0.9"), "jkowalski", codes["jkowalski"])
    assert other.trainee == "jkowalski"


def test_workshop_without_course_needs_an_own_code_of_eight_characters(store: DraftStore):
    short = _try(Dashboard(CATALOG, store), "Anna Nowak", "1234567")
    assert short.trainee is None
    assert "od 8 do 64 znaków" in short.message.value
    assert _try(Dashboard(CATALOG, store), "Anna Nowak", "12345678").trainee == "Anna Nowak"


def test_workshop_without_course_has_the_same_limits(store: DraftStore):
    _try(Dashboard(CATALOG, store), "Anna Nowak", "tajne123")
    for _ in range(FREE_FAILURES_PER_ID):
        assert "inny kod osobisty" in _try(Dashboard(CATALOG, store), "anna nowak", "zgaduje1").message.value
    blocked = _try(Dashboard(CATALOG, store), "ANNA NOWAK", "tajne123")
    assert blocked.trainee is None
    assert re.search(r"Spróbuj ponownie za (30|2\d) s", blocked.message.value)


@pytest.mark.parametrize("with_course", [False, True])
def test_a_pesel_in_the_name_is_refused_and_nothing_is_stored(
    store: DraftStore, course: tuple[Path, dict[str, str]], with_course: bool
):
    app = _try(Dashboard(CATALOG, store, course[0] if with_course else None), "Anna Nowak 44051401359", "tajne123")
    assert app.trainee is None
    assert "Nie wpisuj numeru PESEL – to dane osobowe" in app.message.value
    if not with_course:  # the name was not registered: another code would have been refused as WRONG_CODE
        assert store.sign_in("Anna Nowak 44051401359", "innykod12") == IdentityCheck.NEW
