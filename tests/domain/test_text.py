import pytest

from szkola_kooperacji.domain.text import count_phrase, dice, fold, shorten, stems, term_hits


def test_fold_strips_polish_diacritics():
    assert fold("Łąka Żółć ŚĆŃ") == "laka zolc scn"


def test_stems_merge_inflected_forms():
    assert stems("alkoholu") == stems("alkoholem") == {"alko"}
    assert stems("pracy") == stems("pracę") == {"prac"}


def test_stems_drop_stop_words_and_short_words():
    assert stems("i w na do pana jest") == frozenset()


def test_dice_is_zero_for_empty_and_one_for_equal():
    assert dice(frozenset(), stems("praca")) == 0
    assert dice(stems("brak pracy"), stems("brak pracy")) == 1


def test_term_hits_needs_all_stems_of_a_term():
    text = stems("Pan Jan nadużywa alkoholu i nie chce terapii")
    assert term_hits(text, ["alkohol", "terapia odwykowa", "terapii"]) == 2


def test_shorten_cuts_at_word_boundary():
    assert shorten("jedno dwa trzy cztery", limit=10) == "jedno dwa…"
    assert shorten("   ") == "bez opisu"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 błędów"), (1, "1 błąd"), (2, "2 błędy"), (5, "5 błędów"), (12, "12 błędów"), (22, "22 błędy")],
)
def test_count_phrase_uses_the_polish_plural(n: int, expected: str):
    assert count_phrase(n, "błąd", "błędy", "błędów") == expected
