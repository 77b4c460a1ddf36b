"""Which items a group gets wrong: first and latest attempts per trainee, hardest first."""

from __future__ import annotations

from szkola_kooperacji.domain.self_check import check_answers
from szkola_kooperacji.domain.self_check_stats import item_statistics
from szkola_kooperacji.grading.self_check_report import SELF_CHECK_COLUMNS, self_check_frame

from .test_self_check import KEYS, self_check


def attempt(**wrong: object):
    return check_answers(self_check(), {**KEYS, **wrong})


def group():
    return {
        "anowak": [attempt(etapy=["kontrakt", "wywiad", "diagnoza"], zespol="wzk"), attempt()],
        "bkowal": [
            attempt(etapy=["kontrakt", "wywiad", "diagnoza"]),
            attempt(etapy=["diagnoza", "wywiad", "kontrakt"]),
        ],
        "cwisniewska": [attempt()],
        "nikt": [],
    }


def test_shares_per_item_over_trainees_with_attempts():
    stats = {s.item_id: s for s in item_statistics(self_check(), group())}
    assert stats["etapy"].trainees == 3
    assert (stats["etapy"].wrong_first, stats["etapy"].wrong_last) == (2, 1)
    assert stats["etapy"].share_wrong_first == 2 / 3
    assert (stats["zespol"].wrong_first, stats["zespol"].wrong_last) == (1, 0)
    assert (stats["lista"].wrong_first, stats["lista"].wrong_last) == (0, 0)
    assert stats["etapy"].kind == "kolejność"


def test_hardest_item_first_and_other_lessons_ignored():
    other = attempt()
    other = other.model_copy(update={"lesson": "inna_lekcja"})
    stats = item_statistics(self_check(), {**group(), "dnowak": [other]})
    assert [s.item_id for s in stats][:2] == ["etapy", "zespol"]
    assert stats[0].trainees == 3


def test_no_attempts_no_division_by_zero():
    stats = item_statistics(self_check(), {})
    assert all(s.trainees == 0 and s.share_wrong_first == 0.0 for s in stats)


def test_frame_for_the_trainer():
    frame = self_check_frame(self_check(), group())
    assert list(frame.columns) == list(SELF_CHECK_COLUMNS)
    first = frame.iloc[0]
    assert (first["pytanie_id"], first["odsetek_zle_za_pierwszym"], first["odsetek_zle_ostatnio"]) == (
        "etapy",
        66.7,
        33.3,
    )
    polish = self_check_frame(self_check(), group(), headers=True)
    assert "% źle za pierwszym razem" in polish.columns
    assert len(polish) == 4
