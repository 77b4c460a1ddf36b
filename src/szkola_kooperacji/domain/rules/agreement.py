"""Rules of a good gmina–powiat cooperation agreement (porozumienie o współpracy).

Each message says what is missing, why an agreement needs it and how to fix it. The
rules are good practice of this training (the Model Kooperacji sets the G-PZK up by
agreement, not by statute); the legal points are those of the domain brief. They are
declared in the one registry with the graded part ``porozumienie``, so the score, the
dashboard and ``szkola rules`` read the same list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..agreement import AgreementPlace, CooperationAgreement, InfoBasis, Party
from ..codes import SECTOR_LABELS, SOCIAL_ASSISTANCE_SECTORS, Level
from ..document import section_at as at
from ..document import word_count
from ..findings import Finding, FindingLevel
from ..parts import Part, ScoreKey
from ..privacy import contains_pesel
from .registry import Rule, declare

B, WARN, HINT = FindingLevel.BLAD, FindingLevel.OSTRZEZENIE, FindingLevel.WSKAZOWKA
P, K = Part.POROZUMIENIE, ScoreKey.DOCUMENT

PARTIES = declare("POR_STRONY", B, P, K, "Stronami są gmina z przypadku i jej powiat, nazwani po imieniu")
UNITS = declare("POR_REALIZATORZY", WARN, P, K, "Każda strona wskazuje jednostkę realizującą (OPS gminy, PCPR powiatu)")
PURPOSE = declare("POR_CEL", B, P, K, "Cel porozumienia opisany zdaniem, z odwołaniem do rodzin i współpracy")
SCOPE = declare("POR_ZAKRES", B, P, K, "Zakres wspólnych działań: co najmniej trzy konkretne działania")
TEAM_SECTORS = declare("POR_ZESPOL_SEKTORY", B, P, K, "Skład G-PZK: co najmniej dwa sektory poza pomocą społeczną")
TEAM_LEVELS = declare("POR_ZESPOL_POZIOMY", B, P, K, "Skład G-PZK: instytucje z poziomu gminy i powiatu")
MEETINGS = declare("POR_SPOTKANIA", WARN, P, K, "Zasady spotkań: częstotliwość i kto zwołuje")
INFO_BASIS = declare("POR_PODSTAWA_INFORMACJI", B, P, K, "Wymiana informacji ma opis i podstawę prawną")
CONSENT = declare("POR_ZGODA", WARN, P, K, "Dane rodziny w G-PZK na podstawie jej pisemnej zgody")
BLUE_CARD = declare(
    "POR_NIEBIESKIE_KARTY",
    WARN,
    P,
    K,
    "Art. 9c ustawy o przeciwdziałaniu przemocy domowej nie jest podstawą dla całego G-PZK",
)
CONFIDENTIALITY = declare("POR_POUFNOSC", WARN, P, K, "Porozumienie zobowiązuje członków zespołu do poufności")
COORDINATORS = declare("POR_KOORDYNATORZY", B, P, K, "Każda strona wskazuje koordynatora")
PERIOD = declare("POR_OKRES", B, P, K, "Okres obowiązywania: początek i koniec w poprawnej kolejności")
EVALUATION = declare("POR_OCENA", WARN, P, K, "Porozumienie mówi, jak i kiedy strony ocenią współpracę")
SIGNATURES = declare("POR_PODPISY", B, P, K, "Każda strona ma podpisującego")
POWIAT_SIGNATURES = declare(
    "POR_PODPISY_POWIAT",
    HINT,
    P,
    K,
    "Za powiat podpisują dwaj członkowie zarządu (art. 48 ust. 1 ustawy o samorządzie powiatowym)",
)
PERSONAL_DATA = declare("POR_DANE_OSOBOWE", B, P, K, "Porozumienie nie zawiera numeru PESEL")

AGREEMENT_RULES: tuple[Rule, ...] = (
    PARTIES, UNITS, PURPOSE, SCOPE, TEAM_SECTORS, TEAM_LEVELS, MEETINGS, INFO_BASIS, CONSENT, BLUE_CARD,
    CONFIDENTIALITY, COORDINATORS, PERIOD, EVALUATION, SIGNATURES, POWIAT_SIGNATURES, PERSONAL_DATA,
)  # fmt: skip
"""The rules of the agreement, in the order its sections are read."""

MIN_PURPOSE_WORDS = 8
MIN_SCOPE_ITEMS = 3
MIN_OTHER_SECTORS = 2
MIN_POWIAT_SIGNATORIES = 2
COORDINATOR_EXAMPLES = {
    Level.GMINA: "animator gminny — pracownik socjalny OPS",
    Level.POWIAT: "animator powiatowy — specjalista pracy z rodziną PCPR",
}
_FREQUENCY = re.compile(r"raz\b|co\s+\w+|miesi|tydz|tygod|kwarta|\d+\s*(razy|x)|każd|regularn", re.IGNORECASE)
_CONVENES = re.compile(r"zwołuj|zwoła|zaprasza|przewodnicz|prowadzi|koordynator|animator", re.IGNORECASE)
_FAMILY = re.compile(r"rodzin|osób|osoby|mieszkańc|klient", re.IGNORECASE)


def _names(text: str, place: str) -> bool:
    """Tell whether ``text`` names ``place`` (its stem, so "Gmina Żurawiec" and "gminą Żurawcem" count)."""
    stem = place.rsplit(maxsplit=1)[-1].lower()[:5] if place.split() else ""
    return bool(stem) and stem in text.lower()


def _label(party: Party) -> str:
    """Return how a message names a party: its name, or its level while the name is empty."""
    return f"„{party.name}”" if party.name else ("gminy" if party.level == Level.GMINA else "powiatu")


def _parties(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    official = (f"Gmina {place.gmina}", place.powiat[:1].upper() + place.powiat[1:])
    for level, name, written in ((Level.GMINA, place.gmina, official[0]), (Level.POWIAT, place.powiat, official[1])):
        party = doc.party(level)
        label = "gminy" if level == Level.GMINA else "powiatu"
        if party is None or not party.name:
            yield PARTIES.finding(
                at("strony"),
                f"Brak nazwy {label}. Porozumienie wiąże tylko strony nazwane w nim wprost; "
                f"wpisz „{written}” jako stronę.",
            )
        elif not _names(party.name, name):
            yield PARTIES.finding(
                at("strony"),
                f"Strona „{party.name}” nie jest {label} z przypadku. Porozumienie zawierają gmina rodziny "
                f"i jej powiat: wpisz „{written}”.",
            )
    for party in doc.parties:
        if not party.unit:
            yield UNITS.finding(
                at("strony"),
                f"Strona {_label(party)} nie wskazuje jednostki, która wykona porozumienie. W Modelu Kooperacji "
                "część gminy wykonuje jej ośrodek pomocy społecznej, a część powiatu — powiatowe centrum pomocy "
                "rodzinie; wpisz tę jednostkę.",
            )


def _purpose(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    if word_count(doc.purpose) < MIN_PURPOSE_WORDS:
        yield PURPOSE.finding(
            at("cel"),
            f"Cel jest pusty albo za krótki (najmniej {MIN_PURPOSE_WORDS} słów). Cel mówi, po co strony "
            "współpracują: np. wspólne, wielosektorowe wsparcie rodzin z gminy na podstawie diagnozy potrzeb.",
        )
    elif not _FAMILY.search(doc.purpose):
        yield PURPOSE.finding(
            at("cel"),
            "Cel nie mówi, komu służy współpraca. Dopisz, że chodzi o rodziny lub osoby z gminy, które wesprze "
            "zespół — bez tego porozumienie nie różni się od ogólnej deklaracji.",
        )


def _scope(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    items = [s for s in doc.scope if word_count(s) >= 2]
    if len(items) < MIN_SCOPE_ITEMS:
        yield SCOPE.finding(
            at("zakres"),
            f"Zakres ma {len(items)} działań (potrzeba co najmniej {MIN_SCOPE_ITEMS}, każde z co najmniej dwóch "
            "słów). Wypisz, co strony robią razem: np. wspólna diagnoza potrzeb rodziny, kontrakt socjalny z "
            "działaniami instytucji, aktualizacja Listy aktywności i usług.",
        )


def _team(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    members = [m for m in doc.team if m.institution]
    others = {m.sector for m in members} - SOCIAL_ASSISTANCE_SECTORS
    if len(others) < MIN_OTHER_SECTORS:
        have = ", ".join(SECTOR_LABELS[s] for s in sorted(others))
        yield TEAM_SECTORS.finding(
            at("zespol"),
            (f"Poza pomocą społeczną zespół ma tylko sektor: {have}." if have else "Zespół ma tylko pomoc społeczną.")
            + " Model Kooperacji łączy co najmniej dwa inne "
            "sektory (np. rynek pracy — PUP, edukacja — szkoła lub poradnia, bezpieczeństwo — dzielnicowy); "
            "dodaj członków zespołu.",
        )
    levels = {m.level for m in members}
    for level, example in ((Level.GMINA, "OPS, szkoła"), (Level.POWIAT, "PCPR, PUP, poradnia")):
        if level not in levels:
            yield TEAM_LEVELS.finding(
                at("zespol"),
                f"W składzie zespołu nie ma instytucji z poziomu: {level.value}. G-PZK jest gminno-powiatowy, "
                f"więc zasiadają w nim instytucje obu szczebli — dodaj np. {example}.",
            )


def _meetings(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    missing = []
    if not _FREQUENCY.search(doc.meetings):
        missing.append("jak często zespół się spotyka (np. raz w miesiącu)")
    if not _CONVENES.search(doc.meetings):
        missing.append("kto zwołuje i prowadzi spotkania (np. koordynator z OPS)")
    if missing:
        yield MEETINGS.finding(
            at("spotkania"),
            "Zasady spotkań nie mówią: " + "; ".join(missing) + ". Bez tego zespół spotyka się dopiero w kryzysie.",
        )


def _information(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    bases = set(doc.info_bases)
    if word_count(doc.information) < 4 or not (bases - {InfoBasis.POUFNOSC}):
        yield INFO_BASIS.finding(
            at("informacje"),
            "Opisz, jakie informacje zespół wymienia i w jakim celu, i zaznacz podstawę prawną. G-PZK powstaje z "
            "porozumienia, nie z ustawy: jego członkowie nie mają własnego uprawnienia do wymiany danych rodziny, "
            "a RODO wymaga podstawy przetwarzania.",
        )
    if InfoBasis.ZGODA not in bases:
        yield CONSENT.finding(
            at("informacje"),
            "Porozumienie nie przewiduje zgody rodziny. Dane rodziny (także o zdrowiu i uzależnieniach — szczególne "
            "kategorie z art. 9 RODO) członkowie G-PZK wymieniają na podstawie jej pisemnej, świadomej zgody, "
            "z nazwanymi instytucjami i celem; zaznacz tę podstawę.",
        )
    if InfoBasis.NIEBIESKIE_KARTY in bases and InfoBasis.ZGODA not in bases:
        yield BLUE_CARD.finding(
            at("informacje"),
            "Art. 9c ustawy o przeciwdziałaniu przemocy domowej pozwala wymieniać dane bez zgody tylko członkom "
            "zespołu interdyscyplinarnego i grup diagnostyczno-pomocowych w procedurze „Niebieskie Karty”, nie "
            "całemu G-PZK. Dodaj zgodę rodziny jako podstawę wymiany w zespole.",
        )
    if InfoBasis.POUFNOSC not in bases:
        yield CONFIDENTIALITY.finding(
            at("informacje"),
            "Porozumienie nie zobowiązuje członków zespołu do tajemnicy. Pomoc społeczną wiąże art. 100 ustawy "
            "o pomocy społecznej; pozostali członkowie podpisują oświadczenie o poufności — zaznacz ten punkt.",
        )


def _coordinators(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    for party in doc.parties:
        if not party.coordinator:
            yield COORDINATORS.finding(
                at("koordynatorzy"),
                f"Strona {_label(party)} nie ma koordynatora. Koordynator (animator) zwołuje zespół i pilnuje "
                f"spraw; wpisz funkcję, np. „{COORDINATOR_EXAMPLES[party.level]}”.",
            )


def _period(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    if doc.starts is None or doc.ends is None:
        yield PERIOD.finding(
            at("okres"),
            "Podaj datę początku i końca porozumienia. Strony muszą wiedzieć, do kiedy są związane i kiedy "
            "zdecydują o przedłużeniu.",
        )
    elif doc.ends <= doc.starts:
        yield PERIOD.finding(
            at("okres"),
            f"Koniec ({doc.ends:%d.%m.%Y}) nie jest po początku ({doc.starts:%d.%m.%Y}); popraw daty.",
        )
    if word_count(doc.evaluation) < 4:
        yield EVALUATION.finding(
            at("okres"),
            "Napisz, jak i kiedy strony ocenią współpracę (np. wspólne sprawozdanie po roku, wnioski do "
            "aktualizacji porozumienia). Bez oceny nie wiadomo, czy porozumienie przedłużyć lub zmienić.",
        )


def _signatures(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    for party in doc.parties:
        signatories = [s for s in party.signatories if s]
        if not signatories:
            who = "wójt (burmistrz)" if party.level == Level.GMINA else "dwóch członków zarządu powiatu"
            yield SIGNATURES.finding(
                at("podpisy"), f"Nikt nie podpisuje za stronę {_label(party)}. Wpisz funkcje podpisujących, np. {who}."
            )
        elif party.level == Level.POWIAT and len(signatories) < MIN_POWIAT_SIGNATORIES:
            yield POWIAT_SIGNATURES.finding(
                at("podpisy"),
                "Za powiat oświadczenie woli składają dwaj członkowie zarządu albo członek zarządu i osoba "
                "upoważniona przez zarząd (art. 48 ust. 1 ustawy o samorządzie powiatowym). Dopisz drugiego "
                "podpisującego.",
            )


def _privacy(doc: CooperationAgreement, place: AgreementPlace) -> Iterable[Finding]:
    if any(contains_pesel(text) for text in doc.texts()):
        yield PERSONAL_DATA.finding(
            at("strony"), "Tekst zawiera numer PESEL. Porozumienie instytucji nie zawiera danych osobowych — usuń go."
        )


AgreementCheck = Callable[[CooperationAgreement, AgreementPlace], Iterable[Finding]]

CHECKS: tuple[AgreementCheck, ...] = (
    _privacy, _parties, _purpose, _scope, _team, _meetings, _information, _coordinators, _period, _signatures,
)  # fmt: skip


def check_agreement(doc: CooperationAgreement, place: AgreementPlace) -> list[Finding]:
    """Return every finding about the agreement, in the order its sections are read."""
    return [finding for check in CHECKS for finding in check(doc, place)]
