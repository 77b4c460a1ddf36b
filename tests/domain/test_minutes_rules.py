"""Each rule of the G-PZK minutes fires on the flaw it names; who may share what is read from the case."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.document import DocumentContext
from szkola_kooperacji.domain.document_score import score_document
from szkola_kooperacji.domain.findings import FindingLevel
from szkola_kooperacji.domain.minutes import MeetingMinutes, MinutesAction, SharedInformation
from szkola_kooperacji.domain.minutes_example import example_minutes
from szkola_kooperacji.domain.parts import Part
from szkola_kooperacji.domain.rules import REGISTRY
from szkola_kooperacji.domain.rules.minutes import MINUTES_RULES, check_minutes, shared_items, verdict
from szkola_kooperacji.domain.sharing import Consent, KnowledgeItem, ShareBasis, SharingRule
from szkola_kooperacji.grading.documents import document_context

CASE = "bezrobocie_alkohol_zurawiec"
CTX = document_context(load_valid_catalog(), CASE)
Flaw = Callable[[MeetingMinutes], None]


def good() -> MeetingMinutes:
    return example_minutes(CASE, CTX)


def _no_place(doc: MeetingMinutes) -> None:
    doc.place = ""


def _no_recorder(doc: MeetingMinutes) -> None:
    doc.recorder = ""


def _one_institution(doc: MeetingMinutes) -> None:
    doc.attendees = doc.attendees[:1] * 3


def _family_absent(doc: MeetingMinutes) -> None:
    doc.family_present = False


def _one_agenda_item(doc: MeetingMinutes) -> None:
    doc.agenda = doc.agenda[:1]


def _nothing_shared(doc: MeetingMinutes) -> None:
    doc.information = []


def _secrecy_holder_without_basis(doc: MeetingMinutes) -> None:
    doc.information.append(SharedInformation(institution_id="poz_zurawiec", summary="leczenie w przychodni"))


def _statute_at_a_gpzk(doc: MeetingMinutes) -> None:
    doc.information[0].basis = ShareBasis.PRZEPIS


def _consent_the_family_refused(doc: MeetingMinutes) -> None:
    doc.information.append(
        SharedInformation(institution_id="gkrpa_zurawiec", summary="wniosek komisji", basis=ShareBasis.ZGODA)
    )


def _consent_nobody_asked_for(doc: MeetingMinutes) -> None:
    doc.information.append(
        SharedInformation(institution_id="poz_zurawiec", summary="leczenie w przychodni", basis=ShareBasis.ZGODA)
    )


def _which_of_the_schools_items(doc: MeetingMinutes) -> None:
    doc.information.append(
        SharedInformation(institution_id="sp_zurawiec", summary="sytuacja Kamila w szkole", basis=ShareBasis.ZGODA)
    )


def _no_decisions(doc: MeetingMinutes) -> None:
    doc.decisions = []


def _one_task(doc: MeetingMinutes) -> None:
    doc.actions = doc.actions[:1]


def _task_of_nobody(doc: MeetingMinutes) -> None:
    doc.actions[0].who = ""


def _task_due_before_the_meeting(doc: MeetingMinutes) -> None:
    doc.actions.append(MinutesAction(what="rozmowa z rodziną", who="GOPS", due=dt.date(2027, 1, 2)))


def _no_next_meeting(doc: MeetingMinutes) -> None:
    doc.next_meeting = None


def _pesel(doc: MeetingMinutes) -> None:
    doc.decisions.append("dotyczy 44051401359")


FLAWS: list[tuple[Flaw, str]] = [
    (_no_place, "PRO_SPOTKANIE"),
    (_no_recorder, "PRO_PROTOKOLANT"),
    (_one_institution, "PRO_OBECNI"),
    (_family_absent, "PRO_RODZINA"),
    (_one_agenda_item, "PRO_PORZADEK"),
    (_nothing_shared, "PRO_INFORMACJE"),
    (_secrecy_holder_without_basis, "PRO_PODSTAWA"),
    (_statute_at_a_gpzk, "PRO_PRZEPIS"),
    (_consent_the_family_refused, "PRO_ODMOWA"),
    (_consent_nobody_asked_for, "PRO_ZGODA_NIEPYTANA"),
    (_which_of_the_schools_items, "PRO_KTORA_INFORMACJA"),
    (_no_decisions, "PRO_USTALENIA"),
    (_one_task, "PRO_ZADANIA"),
    (_task_of_nobody, "PRO_ZADANIA_KTO"),
    (_task_due_before_the_meeting, "PRO_ZADANIA_TERMIN"),
    (_no_next_meeting, "PRO_NASTEPNE"),
    (_pesel, "PRO_DANE_OSOBOWE"),
]


ALSO = {"PRO_INFORMACJE": {"PRO_PODSTAWA"}}
"""Minutes that record no information show no basis either: an empty section is not a lawful one."""


def test_the_expert_minutes_meet_every_rule():
    assert check_minutes(good(), CTX) == []


@pytest.mark.parametrize(("flaw", "code"), FLAWS, ids=[c for _, c in FLAWS])
def test_rule_fires_on_its_flaw_with_a_section_and_a_polish_reason(flaw: Flaw, code: str):
    doc = good()
    flaw(doc)
    findings = check_minutes(doc, CTX)
    assert {f.code for f in findings} == {code} | ALSO.get(code, set()), [f.message for f in findings]
    assert findings[0].element.startswith("sekcja[")
    assert len(findings[0].message.split()) >= 10


def test_every_minutes_rule_is_raised_by_a_test_and_registered_once():
    assert {c for _, c in FLAWS} == REGISTRY.codes(part=Part.PROTOKOL_GPZK) == {r.code for r in MINUTES_RULES}


def test_secrecy_and_refusal_come_from_the_case_item_by_item():
    items = {k.id: k for k in CTX.case.knowledge}
    assert verdict(items["K1"], ShareBasis.BRAK) is None, "the GOPS's own task needs no basis"
    assert verdict(items["K9"], ShareBasis.BRAK) is not None, "the doctor's knowledge is secret"
    assert verdict(items["K3"], ShareBasis.ZGODA) is None, "the clinic's item the family allowed"
    assert verdict(items["K4"], ShareBasis.ZGODA) is not None, "the clinic's item the family refused"
    named = SharedInformation(institution_id="poradnia_uzaleznien", item_id="K3", summary="terapia")
    assert shared_items(named, CTX) == [items["K3"]]
    assert shared_items(named.model_copy(update={"item_id": None}), CTX) == [items["K3"], items["K4"]]
    message = next(f.message for f in check_minutes(_with(_secrecy_holder_without_basis), CTX))
    assert "Gminny Ośrodek Zdrowia w Żurawcu" in message  # named as the Lista names it


def _commission_with_a_shareable_item() -> DocumentContext:
    """The Żurawiec case where the GKRPA also knows something it may share: its own offer to the family."""
    own_task = KnowledgeItem(
        id="K_GKRPA_OFERTA",
        institution_id="gkrpa_zurawiec",
        text="Punkt konsultacyjny komisji przyjmuje we wtorki; rodzina może przyjść bez skierowania.",
        sharing=SharingRule.MOZE,
        legal_basis="oferta komisji dla każdego mieszkańca gminy",
        consent=Consent.UDZIELONA,
    )
    case = CTX.case.model_copy(update={"knowledge": [*CTX.case.knowledge, own_task]})
    return dataclasses.replace(CTX, case=case)


def test_consent_is_judged_by_the_item_shared_not_by_what_else_the_institution_knows():
    ctx = _commission_with_a_shareable_item()
    doc = good()
    doc.information.append(
        SharedInformation(
            institution_id="gkrpa_zurawiec", item_id="K_GKRPA_OFERTA", summary="dyżury punktu", basis=ShareBasis.ZGODA
        )
    )
    assert check_minutes(doc, ctx) == [], "what the commission may share freely is no breach of the refused consent"
    doc.information[-1].item_id = None
    assert {f.code for f in check_minutes(doc, ctx)} == {"PRO_KTORA_INFORMACJA"}, "unnamed: which one, not a guess"
    doc.information[-1].item_id = "K8"
    assert {f.code for f in check_minutes(doc, ctx)} == {"PRO_ODMOWA"}, "the item the family refused"
    doc.information[-1].basis = ShareBasis.BRAK
    assert {f.code for f in check_minutes(doc, ctx)} == {"PRO_PODSTAWA"}
    doc.information[-1].item_id = "K9"
    (finding,) = check_minutes(doc, ctx)
    assert finding.code == "PRO_KTORA_INFORMACJA", "the doctor's item is not the commission's"
    doc.information[-1].institution_id = None  # only the item chosen: it says who knows it
    (finding,) = check_minutes(doc, ctx)
    assert finding.code == "PRO_PODSTAWA"
    assert "Gminny Ośrodek Zdrowia w Żurawcu" in finding.message
    assert "nie mówi, kto" not in finding.message


def test_empty_minutes_score_little():
    findings = check_minutes(MeetingMinutes(case_id=CASE), CTX)
    met = {r.code for r in MINUTES_RULES if r.level is not FindingLevel.WSKAZOWKA} - {f.code for f in findings}
    # all an empty protokół earns is having recorded nothing wrong: no statute, no refused or unasked consent, no PESEL
    assert met == {"PRO_PRZEPIS", "PRO_ODMOWA", "PRO_ZGODA_NIEPYTANA", "PRO_DANE_OSOBOWE"}
    assert score_document(MINUTES_RULES, findings).points(15) <= 5  # a third at most; warnings cost half each


def _with(flaw: Flaw) -> MeetingMinutes:
    doc = good()
    flaw(doc)
    return doc


def test_consent_nobody_asked_for_is_a_warning_that_recording_the_consent_clears():
    doc = _with(_consent_nobody_asked_for)
    (finding,) = check_minutes(doc, CTX)
    assert finding.level is FindingLevel.OSTRZEZENIE
    assert "nikt nie pytał rodziny o zgodę" in finding.message
    doc.decisions.append(
        "Pan Krzysztof S. zgodził się na spotkaniu, by przychodnia przekazała zespołowi informację o leczeniu"
    )
    assert check_minutes(doc, CTX) == []
    refused = _with(_consent_the_family_refused)
    refused.decisions.append("rodzina zgodziła się na przekazanie informacji")
    assert {f.code for f in check_minutes(refused, CTX)} == {"PRO_ODMOWA"}, "a refusal is not cleared by a note"
