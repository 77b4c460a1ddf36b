"""Feedback against the expert reference: found, missed and extra needs, and the explained score."""

from __future__ import annotations

import datetime as dt

from szkola_kooperacji.domain import Action, Contract, Diagnosis, Evidence, Goal, Need, NeedStatus, give_feedback
from szkola_kooperacji.domain.codes import Area, Responsible, Severity


def _trainee_diagnosis() -> Diagnosis:
    """A plausible partial diagnosis: reworded, one need missed, one extra."""
    return Diagnosis(
        needs=[
            Need(
                id="A",
                area=Area.UZALEZNIENIA,
                statement="Ojciec nadużywa alkoholu, pije codziennie",
                severity=Severity.WYSOKA,
                evidence=[Evidence(finding_id="W6")],
            ),
            Need(
                id="B",
                area=Area.OPIEKA_WYCHOWANIE,
                statement="Córka ma dużo nieobecności w szkole",
                severity=Severity.UMIARKOWANA,
                evidence=[Evidence(finding_id="W7")],
            ),
            Need(id="C", area=Area.WARUNKI_BYTOWE, statement="Remont dachu", severity=Severity.NISKA),
        ]
    )


def test_reference_scores_full_points_against_itself(case, directory, diagnosis, contract):
    report = give_feedback(case, directory, diagnosis, contract)
    assert report.score.total == report.score.maximum == 100
    assert report.found == 3
    assert report.missed == 0
    assert all(item.earned == item.possible for item in report.score.items)


def test_partial_diagnosis_found_missed_and_extra(case, directory):
    report = give_feedback(case, directory, _trainee_diagnosis(), Contract())
    by_status = {}
    for item in report.needs:
        by_status.setdefault(item.status, []).append(item)
    assert [n.trainee_need_id for n in by_status[NeedStatus.TRAFIONA]] == ["A", "B"]
    assert len(by_status[NeedStatus.POMINIETA]) == 1
    missed = by_status[NeedStatus.POMINIETA][0]
    assert missed.area == "sytuacja_zawodowa"
    assert "W4" in missed.message  # points to the interview finding to reread
    assert "sześciu lat bez zatrudnienia" not in missed.message  # never quotes the reference
    assert [n.trainee_need_id for n in by_status[NeedStatus.NADMIAROWA]] == ["C"]
    assert "Nie wskazuje też żadnego ustalenia" in by_status[NeedStatus.NADMIAROWA][0].message


def test_partial_work_scores_between_zero_and_full(case, directory, contract):
    report = give_feedback(case, directory, _trainee_diagnosis(), contract)
    assert 0 < report.score.total < 100
    needs_found = next(i for i in report.score.items if i.key == "needs_found")
    assert needs_found.earned == round(24 * (3 + 2) / (3 + 3 + 2), 1)  # severities of found / all
    assert "z rozwiązania wzorcowego: 2 z 3" in needs_found.explanation


def test_matching_is_by_meaning_not_wording(case, directory):
    reworded = Diagnosis(
        needs=[
            Need(id="X", area=Area.SYTUACJA_ZAWODOWA, statement="Brak zatrudnienia, nie jest zarejestrowany w PUP"),
        ]
    )
    report = give_feedback(case, directory, reworded, Contract())
    assert report.found == 1


def test_same_evidence_in_another_area_still_matches_with_a_hint(case, directory):
    elsewhere = Diagnosis(
        needs=[
            Need(
                id="X",
                area=Area.ZDROWIE,
                statement="Leczenie alkoholizmu i terapia",
                evidence=[Evidence(finding_id="W6")],
                art7=["uzaleznienie"],
            ),
        ]
    )
    report = give_feedback(case, directory, elsewhere, Contract())
    found = next(n for n in report.needs if n.status == NeedStatus.TRAFIONA)
    assert "Lepiej pasuje do obszaru „Uzależnienia”" in found.message


def test_unrelated_text_in_the_same_area_does_not_match(case, directory):
    unrelated = Diagnosis(needs=[Need(id="X", area=Area.UZALEZNIENIA, statement="Hazard w internecie")])
    assert give_feedback(case, directory, unrelated, Contract()).found == 0


def test_severity_understated_by_two_is_named(case, directory, diagnosis):
    diagnosis.needs[0].severity = Severity.NISKA
    report = give_feedback(case, directory, diagnosis, case.reference.contract)
    message = next(n.message for n in report.needs if n.trainee_need_id == "N1")
    assert "Pilność zaniżona" in message
    severity = next(i for i in report.score.items if i.key == "severity")
    assert severity.earned < severity.possible


def test_duplicate_needs_count_once(case, directory, diagnosis):
    diagnosis.needs.append(diagnosis.needs[0].model_copy(update={"id": "N1bis"}))
    report = give_feedback(case, directory, diagnosis, case.reference.contract)
    assert report.found == 3
    assert [n.trainee_need_id for n in report.needs if n.status == NeedStatus.NADMIAROWA] == ["N1bis"]
    assert "need_duplicate" in {f.code for f in report.findings}


def test_empty_work_scores_zero_with_reasons(case, directory):
    report = give_feedback(case, directory, Diagnosis(), Contract())
    assert report.score.total == 0
    assert report.missed == 3
    assert all(item.explanation for item in report.score.items)


def test_contract_without_actions_earns_no_contract_points(case, directory, diagnosis, contract):
    contract.actions = []
    report = give_feedback(case, directory, diagnosis, contract)
    contract_keys = {"coverage", "institutions", "sectors", "levels", "obligations"}
    assert all(i.earned == 0 for i in report.score.items if i.key in contract_keys)
    assert report.score.total <= 40 + 6 + 6  # diagnosis, measurable goals, schedule at most


def test_same_inputs_same_score_whatever_the_order(case, directory, diagnosis, contract):
    first = give_feedback(case, directory, _trainee_diagnosis(), contract)
    reordered = Diagnosis(needs=list(reversed(_trainee_diagnosis().needs)))
    second = give_feedback(case, directory, reordered, contract)
    assert first.score == second.score
    assert give_feedback(case, directory, _trainee_diagnosis(), contract) == first


def test_score_items_add_up_and_are_explained(case, directory, contract):
    report = give_feedback(case, directory, _trainee_diagnosis(), contract)
    assert report.score.maximum == sum(i.possible for i in report.score.items) == 100
    assert report.score.total == round(sum(i.earned for i in report.score.items), 1)
    assert all(i.label and i.explanation for i in report.score.items)


def test_sectors_and_levels_are_reported(case, directory, diagnosis):
    contract = Contract(
        goals=[Goal(id="C1", text="Praca", need_ids=["N1"], indicator="zaświadczenie", target="1")],
        actions=[
            Action(
                id="D1",
                goal_id="C1",
                text="Rejestracja",
                responsible=Responsible.KLIENT,
                responsible_member_id="m1",
                institution_id="pup",
                service_id="rejestracja",
                start=dt.date(2026, 11, 2),
                due=dt.date(2026, 11, 30),
            )
        ],
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2027, 4, 30),
    )
    report = give_feedback(case, directory, diagnosis, contract)
    assert report.sectors_used == ("rynek pracy",)
    assert report.levels_used == ("powiat",)
    assert set(report.sectors_in_reference) >= {"rynek pracy", "ochrona zdrowia", "edukacja"}
    sectors = next(i for i in report.score.items if i.key == "sectors")
    assert "Nie wykorzystano m.in.: edukacja, ochrona zdrowia" in sectors.explanation
