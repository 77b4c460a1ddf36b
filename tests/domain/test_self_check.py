"""Self-check items of each kind are checked against their key, with the reason why; bad keys are found."""

from __future__ import annotations

from typing import Any

import pytest

from szkola_kooperacji.domain.self_check import (
    RIGHT,
    UNANSWERED,
    WRONG,
    SelfCheck,
    check_answers,
    self_check_issues,
)

SINGLE: dict[str, Any] = {
    "id": "zespol",
    "kind": "single_choice",
    "question": "Który zespół pracuje z rodziną?",
    "options": [
        {"id": "gpzk", "text": "G-PZK"},
        {"id": "wzk", "text": "WZK", "why": "WZK wspiera region."},
        {"id": "zaden", "text": "żaden"},
    ],
    "answer": "gpzk",
    "explanation": "G-PZK działa w gminie i powiecie.",
    "hint": "Pomyśl o poziomie.",
}
MULTIPLE: dict[str, Any] = {
    "id": "lista",
    "kind": "multiple_choice",
    "question": "Co sprawdzasz?",
    "options": [
        {"id": "dla_kogo", "text": "dla kogo", "why": "Usługa musi być dla tej osoby."},
        {"id": "dojazd", "text": "dojazd"},
        {"id": "pracownicy", "text": "liczba pracowników", "why": "To nie ma znaczenia."},
    ],
    "answer": ["dla_kogo", "dojazd"],
    "explanation": "Dla kogo i dojazd.",
    "hint": "Co decyduje o skorzystaniu?",
}
MATCHING: dict[str, Any] = {
    "id": "sektory",
    "kind": "matching",
    "question": "Instytucja ↔ sektor",
    "left": [
        {"id": "pup", "text": "PUP", "why": "Urząd pracy to rynek pracy."},
        {"id": "ppp", "text": "poradnia"},
    ],
    "right": [
        {"id": "praca", "text": "rynek pracy"},
        {"id": "edukacja", "text": "edukacja"},
        {"id": "zdrowie", "text": "zdrowie"},
    ],
    "answer": {"pup": "praca", "ppp": "edukacja"},
    "explanation": "PUP – rynek pracy, poradnia – edukacja.",
    "hint": "Czym instytucja zajmuje się na co dzień?",
}
ORDERING: dict[str, Any] = {
    "id": "etapy",
    "kind": "ordering",
    "question": "Kolejność etapów",
    "steps": [
        {"id": "kontrakt", "text": "kontrakt", "why": "Kontrakt po diagnozie."},
        {"id": "wywiad", "text": "wywiad"},
        {"id": "diagnoza", "text": "diagnoza"},
    ],
    "answer": ["wywiad", "diagnoza", "kontrakt"],
    "explanation": "Wywiad, diagnoza, kontrakt.",
    "hint": "Każdy etap korzysta z poprzedniego.",
}


def self_check(*items: dict[str, Any], threshold: float = 1.0) -> SelfCheck:
    return SelfCheck.model_validate(
        {
            "lesson": "lekcja",
            "pass_threshold": threshold,
            "items": list(items or (SINGLE, MULTIPLE, MATCHING, ORDERING)),
        }
    )


KEYS: dict[str, Any] = {
    "zespol": "gpzk",
    "lista": ["dojazd", "dla_kogo"],
    "sektory": {"pup": "praca", "ppp": "edukacja"},
    "etapy": ["wywiad", "diagnoza", "kontrakt"],
}


def test_the_key_passes_with_the_explanation_per_item():
    result = check_answers(self_check(), KEYS)
    assert result.passed
    assert result.correct_count == 4
    for item, item_result in zip(self_check().items, result.items, strict=True):
        assert item_result.correct
        assert item_result.feedback == f"{RIGHT} {item.explanation}"


@pytest.mark.parametrize(
    ("item_id", "answer", "reason"),
    [
        ("zespol", "wzk", "WZK wspiera region."),
        ("lista", ["dla_kogo", "pracownicy"], "To nie ma znaczenia."),  # a wrong one chosen
        ("lista", ["dojazd"], "Usługa musi być dla tej osoby."),  # a right one missed
        ("sektory", {"pup": "edukacja", "ppp": "praca"}, "Urząd pracy to rynek pracy."),
        ("etapy", ["kontrakt", "wywiad", "diagnoza"], "Kontrakt po diagnozie."),
    ],
)
def test_a_wrong_answer_says_why_without_giving_the_key(item_id: str, answer: Any, reason: str):
    result = check_answers(self_check(), {**KEYS, item_id: answer})
    wrong = next(r for r in result.items if r.item_id == item_id)
    item = self_check().item(item_id)
    assert item is not None
    assert not wrong.correct
    assert wrong.answered
    assert wrong.feedback.startswith(WRONG)
    assert reason in wrong.feedback
    assert item.hint in wrong.feedback
    assert item.explanation not in wrong.feedback
    assert not result.passed  # threshold 1.0
    assert result.wrong_items == [item_id]


@pytest.mark.parametrize("missing", [None, "", [], {}, {"pup": ""}])
def test_no_answer_is_unanswered(missing: Any):
    item_id = "sektory" if isinstance(missing, dict) else "zespol"
    result = check_answers(self_check(), {**KEYS, item_id: missing})
    unanswered = next(r for r in result.items if r.item_id == item_id)
    assert not unanswered.correct
    assert not unanswered.answered
    assert unanswered.feedback.startswith(UNANSWERED)


def test_an_answer_of_the_wrong_shape_is_wrong_not_an_error():
    result = check_answers(self_check(), {"zespol": ["gpzk"], "lista": "dojazd", "sektory": "x", "etapy": {"a": "b"}})
    assert result.correct_count == 0


@pytest.mark.parametrize(("threshold", "required"), [(1.0, 4), (0.75, 3), (0.5, 2), (0.8, 4), (0.01, 1)])
def test_pass_threshold_is_a_share_rounded_up(threshold: float, required: int):
    check = self_check(threshold=threshold)
    assert check.required_correct == required
    answers = dict(KEYS)
    for item_id in list(KEYS)[: 4 - required]:
        answers[item_id] = None
    assert check_answers(check, answers).passed
    if required > 1:
        answers[next(i for i in KEYS if answers[i] is not None)] = None
        assert not check_answers(check, answers).passed


def issues_of(item: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(issue.loc, issue.found) for issue in self_check_issues(self_check(item))]


def test_the_bundled_shapes_have_no_issues():
    assert self_check_issues(self_check()) == []


@pytest.mark.parametrize(
    ("item", "loc", "words"),
    [
        ({**SINGLE, "answer": "gpzkk"}, ("items", 0, "answer"), "'gpzkk' nie jest żadną z opcji"),
        ({**MULTIPLE, "answer": ["dla_kogo", "nie_ma"]}, ("items", 0, "answer", 1), "'nie_ma' nie jest"),
        ({**MULTIPLE, "answer": ["dojazd", "dojazd"]}, ("items", 0, "answer", 1), "powtarza się"),
        (
            {**SINGLE, "options": [*SINGLE["options"], {"id": "gpzk", "text": "inna"}]},
            ("items", 0, "options", 3, "id"),
            "'gpzk' opcji powtarza się",
        ),
        (
            {**SINGLE, "options": [*SINGLE["options"], {"id": "x", "text": " g-pzk "}]},
            ("items", 0, "options", 3, "text"),
            "powtarza się",
        ),
        ({**MATCHING, "answer": {"pup": "praca", "ppp": "praca"}}, ("items", 0, "answer", "ppp"), "wzajemnie"),
        ({**MATCHING, "answer": {"pup": "praca"}}, ("items", 0, "answer"), "brak pary dla: ppp"),
        ({**MATCHING, "answer": {"pup": "praca", "ppp": "sport"}}, ("items", 0, "answer", "ppp"), "'sport'"),
        (
            {**MATCHING, "answer": {"pup": "praca", "ppp": "edukacja", "kurator": "zdrowie"}},
            ("items", 0, "answer", "kurator"),
            "'kurator' nie jest elementem z left",
        ),
        ({**ORDERING, "answer": ["wywiad", "diagnoza"]}, ("items", 0, "answer"), "nie jest permutacją"),
        ({**ORDERING, "answer": ["wywiad", "diagnoza", "ocena"]}, ("items", 0, "answer", 2), "'ocena'"),
        ({**ORDERING, "answer": ["kontrakt", "wywiad", "diagnoza"]}, ("items", 0, "steps"), "już podane w dobrej"),
    ],
)
def test_an_incoherent_key_is_refused_where_it_is(item: dict[str, Any], loc: tuple[Any, ...], words: str):
    found = issues_of(item)
    assert any(at == loc and words in text for at, text in found), found


def test_repeated_item_ids_are_refused():
    issues = self_check_issues(self_check(SINGLE, {**MULTIPLE, "id": "zespol"}))
    assert [(i.loc, i.found) for i in issues] == [(("items", 1, "id"), "id 'zespol' pytania powtarza się")]


def test_a_half_matching_is_wrong_and_names_what_is_unpaired():
    result = check_answers(self_check(), {**KEYS, "sektory": {"pup": "praca"}})
    half = next(r for r in result.items if r.item_id == "sektory")
    assert half.answered
    assert not half.correct
    assert "Brak pary dla: „poradnia”." in half.feedback


def test_answers_of_an_attempt_can_be_shown_again():
    assert check_answers(self_check(), KEYS).answers == KEYS
