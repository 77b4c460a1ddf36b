"""Rules of sharing information in a G-PZK meeting: each share judged against the law the case names.

The judgement follows the order a lawyer would ask in: does this institution
know it at all; does a statute open it here (art. 9c inside the procedure
„Niebieskie Karty”); did the person refuse; is it secret without exception;
does it need consent, and was consent given. A lawful share of special-category
data still earns a hint to say only what the plan needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..case import Case
from ..findings import Finding, FindingLevel, share_at
from ..parts import Part, ScoreKey
from ..sharing import (
    DATA_CATEGORY_LABELS,
    Consent,
    DataCategory,
    Forum,
    KnowledgeItem,
    ShareAct,
    ShareBasis,
    SharingRule,
)
from ..text import shorten
from .registry import declare

_PART, _SCORE = Part.UDOSTEPNIANIE, ScoreKey.SHARING

SHARE_NOT_HOLDER = declare(
    "share_not_holder", FindingLevel.BLAD, _PART, _SCORE, "Instytucja udostępnia informację, której nie posiada"
)
SHARE_CONSENT_REFUSED = declare(
    "share_consent_refused", FindingLevel.BLAD, _PART, _SCORE, "Udostępniono informację wbrew odmowie zgody klienta"
)
SHARE_FORBIDDEN = declare(
    "share_forbidden",
    FindingLevel.BLAD,
    _PART,
    _SCORE,
    "Udostępniono informację objętą tajemnicą, której nie wolno przekazać zespołowi",
)
SHARE_WITHOUT_CONSENT = declare(
    "share_without_consent",
    FindingLevel.BLAD,
    _PART,
    _SCORE,
    "Udostępniono bez zgody klienta informację, która tej zgody wymaga",
)
SHARE_CONSENT_CLAIMED = declare(
    "share_consent_claimed", FindingLevel.BLAD, _PART, _SCORE, "Powołano się na zgodę, której klient nie udzielił"
)
SHARE_UNDER_PROCEDURE = declare(
    "share_under_violence_procedure",
    FindingLevel.WSKAZOWKA,
    _PART,
    _SCORE,
    "Udostępniono bez zgody w ramach procedury „Niebieskie Karty” (art. 9c): obowiązuje poufność",
)
SHARE_MINIMISE = declare(
    "share_minimise",
    FindingLevel.WSKAZOWKA,
    _PART,
    _SCORE,
    "Dane szczególnej kategorii: przekazuje się tylko to, co potrzebne do planu",
)
KNOWLEDGE_NOT_SHARED = declare(
    "knowledge_not_shared",
    FindingLevel.OSTRZEZENIE,
    _PART,
    _SCORE,
    "Informacja potrzebna do planu, którą wolno było przekazać, nie trafiła do zespołu",
)

VIOLENCE_PROCEDURE_BASIS = "art. 9c ustawy o przeciwdziałaniu przemocy domowej"
"""The statute that lets the interdisciplinary team's members exchange listed data without consent."""


def judge_share(case: Case, act: ShareAct, forum: Forum) -> list[Finding]:
    """Return what the law says about one act of sharing in a meeting of this kind."""
    item = next((k for k in case.knowledge if k.id == act.item_id), None)
    where = share_at(act.id)
    if item is None or item.institution_id != act.institution_id:
        return [
            SHARE_NOT_HOLDER.finding(
                where, f"Instytucja {act.institution_id} nie posiada informacji {act.item_id}: dzieli się tylko swoją."
            )
        ]
    what = f"„{shorten(item.text)}”"
    if forum == Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA and item.violence_procedure:
        return [
            SHARE_UNDER_PROCEDURE.finding(
                where,
                f"Informację {what} wolno przekazać bez zgody w grupie diagnostyczno-pomocowej "
                f"({VIOLENCE_PROCEDURE_BASIS}), w zakresie niezbędnym do jej zadań; członkowie grupy "
                "zachowują ją w tajemnicy.",
            )
        ]
    if item.sharing != SharingRule.MOZE and item.consent == Consent.ODMOWA:
        return [
            SHARE_CONSENT_REFUSED.finding(
                where,
                f"Osoba, której dotyczy informacja {what}, odmówiła zgody na jej przekazanie. "
                f"Podstawa ochrony: {item.legal_basis}.",
            )
        ]
    if item.sharing == SharingRule.NIE_MOZE:
        return [
            SHARE_FORBIDDEN.finding(
                where,
                f"Informacji {what} nie wolno przekazać zespołowi: {item.legal_basis}." + _instead(item),
            )
        ]
    if item.sharing == SharingRule.ZA_ZGODA and item.consent != Consent.UDZIELONA:
        if act.basis == ShareBasis.ZGODA:
            return [
                SHARE_CONSENT_CLAIMED.finding(
                    where,
                    f"Udostępniono {what} „za zgodą klienta”, ale klient takiej zgody nie udzielił. "
                    f"Zgodę trzeba uzyskać i odnotować przed spotkaniem ({item.legal_basis}).",
                )
            ]
        return [
            SHARE_WITHOUT_CONSENT.finding(
                where,
                f"Informację {what} wolno przekazać tylko za zgodą klienta ({item.legal_basis}); "
                "zgody nie było." + _instead(item),
            )
        ]
    return list(_minimise(item, act))


def _instead(item: KnowledgeItem) -> str:
    if item.shareable_summary:
        return f" Zespołowi wystarczyłoby: „{item.shareable_summary}” – i to za zgodą klienta."
    return ""


def _minimise(item: KnowledgeItem, act: ShareAct) -> Iterator[Finding]:
    if item.category != DataCategory.ZWYKLE and item.shareable_summary:
        yield SHARE_MINIMISE.finding(
            share_at(act.id),
            f"To {DATA_CATEGORY_LABELS[item.category]}: zespołowi wystarczy „{item.shareable_summary}”, "
            "bez szczegółów leczenia lub akt (zasada minimalizacji danych, art. 5 ust. 1 lit. c RODO).",
        )


def judge_shares(case: Case, acts: Iterable[ShareAct], forum: Forum) -> list[Finding]:
    """Return the findings of every share of a meeting, then what the team needed but never heard."""
    acts = list(acts)
    findings = [finding for act in acts for finding in judge_share(case, act, forum)]
    shared = {act.item_id for act in acts}
    for item in case.knowledge:
        if item.needed_for_plan and item.id not in shared and _lawful_without_act(item, forum):
            findings.append(
                KNOWLEDGE_NOT_SHARED.finding(
                    share_at(item.id),
                    f"Instytucja {item.institution_id} mogła przekazać zespołowi informację "
                    f"„{shorten(item.text)}”, potrzebną do planu, ale tego nie zrobiła.",
                )
            )
    return findings


def _lawful_without_act(item: KnowledgeItem, forum: Forum) -> bool:
    """Whether the item could have been shared lawfully in this meeting."""
    if forum == Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA and item.violence_procedure:
        return True
    if item.sharing == SharingRule.MOZE:
        return True
    return item.sharing == SharingRule.ZA_ZGODA and item.consent == Consent.UDZIELONA
