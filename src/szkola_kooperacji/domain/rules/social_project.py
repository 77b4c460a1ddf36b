"""Rules of a good group social project (projekt socjalny).

Each message says what is missing, why a project needs it and how to fix it. The rules are
good practice of project planning in social work as this training teaches it (diagnosis →
aims → actions → resources → results and their measure), with the Model Kooperacji's demand
that partners come from several sectors and from the gmina and the powiat. Declared in the one
registry with the graded part ``projekt_socjalny``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..codes import SECTOR_LABELS, SOCIAL_ASSISTANCE_SECTORS, Level
from ..document import DocumentContext, word_count
from ..document import section_at as at
from ..findings import Finding, FindingLevel
from ..parts import Part, ScoreKey
from ..privacy import contains_pesel
from ..social_project import SocialProject
from .registry import Rule, declare

B, WARN, HINT = FindingLevel.BLAD, FindingLevel.OSTRZEZENIE, FindingLevel.WSKAZOWKA
P, K = Part.PROJEKT_SOCJALNY, ScoreKey.DOCUMENT

DIAGNOSIS = declare("PSO_DIAGNOZA", B, P, K, "Diagnoza opisuje problem grupy, a nie jednej rodziny")
SCALE = declare("PSO_DIAGNOZA_SKALA", WARN, P, K, "Diagnoza podaje skalę problemu (liczby) i źródło danych")
PLACE = declare("PSO_MIEJSCE", WARN, P, K, "Projekt dotyczy gminy z przypadku, nazwanej w diagnozie lub grupie")
AIM = declare("PSO_CEL", B, P, K, "Cel główny opisany zdaniem: jaka zmiana u uczestników")
OBJECTIVES = declare("PSO_CELE_SZCZEGOLOWE", B, P, K, "Co najmniej dwa cele szczegółowe")
GROUP = declare("PSO_GRUPA", B, P, K, "Grupa docelowa opisana i policzona (co najmniej 3 osoby)")
RECRUITMENT = declare("PSO_REKRUTACJA", WARN, P, K, "Rekrutacja opisana, z dobrowolnym udziałem uczestników")
PERIOD = declare("PSO_OKRES", B, P, K, "Okres projektu: początek i koniec w poprawnej kolejności")
ACTIONS = declare("PSO_DZIALANIA", B, P, K, "Co najmniej trzy konkretne działania")
RESPONSIBLE = declare("PSO_ODPOWIEDZIALNI", B, P, K, "Każde działanie ma odpowiedzialną instytucję lub osobę")
SCHEDULE = declare("PSO_TERMINY", WARN, P, K, "Każde działanie ma termin w okresie projektu")
SECTORS = declare("PSO_PARTNERZY_SEKTORY", B, P, K, "Partnerzy z co najmniej dwóch sektorów poza pomocą społeczną")
LEVELS = declare("PSO_PARTNERZY_POZIOMY", WARN, P, K, "Partnerzy z poziomu gminy i powiatu")
ROLES = declare("PSO_PARTNERZY_ROLA", WARN, P, K, "Każdy partner ma opisany wkład w projekt")
RESOURCES = declare("PSO_ZASOBY", WARN, P, K, "Zasoby ludzkie i lokalowe opisane")
BUDGET = declare("PSO_BUDZET", B, P, K, "Budżet: pozycje z kwotą i źródłem finansowania")
RESULTS = declare("PSO_REZULTATY", B, P, K, "Rezultaty opisane jako zmiana u uczestników")
INDICATORS = declare("PSO_WSKAZNIKI", B, P, K, "Co najmniej dwa wskaźniki z liczbową wartością docelową")
VERIFICATION = declare("PSO_WSKAZNIKI_ZRODLO", WARN, P, K, "Każdy wskaźnik ma źródło weryfikacji")
EVALUATION = declare("PSO_EWALUACJA", WARN, P, K, "Ewaluacja mówi, kto, jak i kiedy oceni projekt")
SMALL_GROUP = declare("PSO_GRUPA_WIELKOSC", HINT, P, K, "Grupa warsztatowa liczy najwyżej kilkanaście osób")
PERSONAL_DATA = declare("PSO_DANE_OSOBOWE", B, P, K, "Projekt nie zawiera numeru PESEL")

SOCIAL_PROJECT_RULES: tuple[Rule, ...] = (
    DIAGNOSIS, SCALE, PLACE, AIM, OBJECTIVES, GROUP, RECRUITMENT, PERIOD, ACTIONS, RESPONSIBLE, SCHEDULE,
    SECTORS, LEVELS, ROLES, RESOURCES, BUDGET, RESULTS, INDICATORS, VERIFICATION, EVALUATION, SMALL_GROUP,
    PERSONAL_DATA,
)  # fmt: skip
"""The rules of the projekt socjalny, in the order its sections are read."""

MIN_DIAGNOSIS_WORDS = 20
MIN_AIM_WORDS = 8
MIN_OBJECTIVES = 2
MIN_GROUP = 3
MAX_WORKSHOP_GROUP = 15
MIN_ACTIONS = 3
MIN_OTHER_SECTORS = 2
MIN_INDICATORS = 2
_NUMBER = re.compile(r"\d")
_SOURCE = re.compile(r"dane|wywiad|ewidencj|rejestr|sprawozdani|ankiet|badani|statysty|ops|pup|szkoł|według|wg", re.I)
_GROUP = re.compile(r"rodzin|rodzic|osób|osoby|mieszkańc|uczestni|młodzież|dziec|senior|kobiet|mężczyzn|grup", re.I)
_VOLUNTARY = re.compile(r"dobrowoln|zgod|chętn|zaprasza|zaproszeni|zgłasza|zgłoszeni", re.I)
_CHANGE = re.compile(r"uczestni|rodzic|rodzin|osób|osoby|potrafi|umie|zwiększ|zmniejsz|popraw|nabyci|zdobyci", re.I)
_WHEN = re.compile(r"po\s|koniec|końc|zakończen|co\s|raz|miesiąc|miesięc|kwarta|\d", re.I)
_WHO = re.compile(r"koordynator|pracownik|zespół|zespoł|partner|animator|uczestni|ops|pcpr|kierownik", re.I)


def _diagnosis(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if word_count(doc.diagnosis) < MIN_DIAGNOSIS_WORDS or not _GROUP.search(doc.diagnosis):
        yield DIAGNOSIS.finding(
            at("diagnoza"),
            f"Diagnoza jest pusta albo za krótka (najmniej {MIN_DIAGNOSIS_WORDS} słów) lub nie mówi, kogo dotyczy. "
            "Projekt socjalny odpowiada na problem grupy osób, nie jednej rodziny: opisz, kogo problem dotyczy, "
            "na czym polega i dlaczego go nie rozwiązują zwykłe świadczenia.",
        )
    if not (_NUMBER.search(doc.diagnosis) and _SOURCE.search(doc.diagnosis)):
        yield SCALE.finding(
            at("diagnoza"),
            "Diagnoza nie podaje skali problemu albo źródła danych. Dopisz liczbę (np. ile rodzin w gminie ma ten "
            "problem) i skąd ją wiesz (dane OPS, wywiady, sprawozdanie szkoły) — bez tego nie da się ocenić, "
            "czy projekt jest potrzebny i czy coś zmienił.",
        )
    where = ctx.place.gmina.lower()[:5]
    if where and where not in f"{doc.title} {doc.diagnosis} {doc.target_group}".lower():
        yield PLACE.finding(
            at("diagnoza"),
            f"Projekt nie nazywa gminy {ctx.place.gmina}. Projekt socjalny jest lokalny: napisz w diagnozie lub w "
            "opisie grupy, w której gminie mieszkają uczestnicy — od tego zależą partnerzy i zasoby.",
        )


def _aims(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if word_count(doc.aim) < MIN_AIM_WORDS:
        yield AIM.finding(
            at("cele"),
            f"Cel główny jest pusty albo za krótki (najmniej {MIN_AIM_WORDS} słów). Cel mówi, jaka zmiana ma "
            "zajść u uczestników, np. „Rodzice z gminy wzmocnią umiejętności wychowawcze i zbudują grupę wsparcia”.",
        )
    objectives = [o for o in doc.objectives if word_count(o) >= 3]
    if len(objectives) < MIN_OBJECTIVES:
        yield OBJECTIVES.finding(
            at("cele"),
            f"Cele szczegółowe: {len(objectives)} (potrzeba co najmniej {MIN_OBJECTIVES}, każdy z co najmniej "
            "trzech słów). Rozłóż cel główny na konkretne kroki, które da się sprawdzić wskaźnikiem; jeden cel "
            "w wierszu.",
        )


def _group(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if word_count(doc.target_group) < 5 or doc.group_size is None or doc.group_size < MIN_GROUP:
        yield GROUP.finding(
            at("grupa"),
            f"Opisz, kto weźmie udział (co najmniej pięć słów), i podaj liczbę uczestników (co najmniej {MIN_GROUP}). "
            "Projekt socjalny jest pracą z grupą: bez opisu i liczby nie da się dobrać działań ani budżetu.",
        )
    elif doc.group_size > MAX_WORKSHOP_GROUP:
        yield SMALL_GROUP.finding(
            at("grupa"),
            f"Grupa liczy {doc.group_size} osób. Zajęcia warsztatowe i grupa wsparcia działają najlepiej przy "
            f"najwyżej {MAX_WORKSHOP_GROUP} osobach — rozważ podział na dwie grupy.",
        )
    if word_count(doc.recruitment) < 6 or not _VOLUNTARY.search(doc.recruitment):
        yield RECRUITMENT.finding(
            at("grupa"),
            "Rekrutacja nie mówi, jak uczestnicy trafią do projektu, albo pomija ich zgodę. Udział w projekcie "
            "socjalnym jest dobrowolny: opisz, kto zaprasza (np. pracownik socjalny, pedagog szkolny) i że "
            "uczestnik zgłasza się sam lub wyraża zgodę.",
        )


def _actions(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if doc.starts is None or doc.ends is None:
        yield PERIOD.finding(
            at("dzialania"),
            "Podaj datę początku i końca projektu. Okres wyznacza harmonogram działań, budżet i moment ewaluacji.",
        )
    elif doc.ends <= doc.starts:
        yield PERIOD.finding(
            at("dzialania"),
            f"Koniec ({doc.ends:%d.%m.%Y}) nie jest po początku ({doc.starts:%d.%m.%Y}); popraw daty — od okresu "
            "zależą terminy działań i budżet.",
        )
    actions = [a for a in doc.actions if word_count(a.what) >= 2]
    if len(actions) < MIN_ACTIONS:
        yield ACTIONS.finding(
            at("dzialania"),
            f"Projekt ma {len(actions)} działań (potrzeba co najmniej {MIN_ACTIONS}, każde z co najmniej dwóch "
            "słów). Wypisz, co konkretnie się wydarzy: np. rekrutacja, cykl warsztatów, spotkania grupy wsparcia, "
            "podsumowanie z uczestnikami.",
        )
    if not any(a.what for a in doc.actions):  # nothing planned: these rules are not met either
        yield RESPONSIBLE.finding(
            at("dzialania"),
            "Żadne działanie nie ma odpowiedzialnego. Działanie bez gospodarza się nie odbywa: przy każdym wpisz "
            "instytucję lub funkcję osoby, np. „pedagog PPP”, „pracownik socjalny OPS”.",
        )
        yield SCHEDULE.finding(
            at("dzialania"),
            "Żadne działanie nie ma terminu. Harmonogram pozwala partnerom zaplanować ludzi i sale: przy każdym "
            "działaniu wpisz datę w okresie projektu.",
        )
    for number, action in enumerate(doc.actions, 1):
        if action.what and not action.who:
            yield RESPONSIBLE.finding(
                at("dzialania"),
                f"Działanie {number} („{action.what}”) nie ma odpowiedzialnego. Działanie bez gospodarza się nie "
                "odbywa: wpisz instytucję lub funkcję osoby, np. „pedagog PPP”, „pracownik socjalny OPS”.",
            )
        if not action.what:
            continue
        if action.when is None:
            yield SCHEDULE.finding(
                at("dzialania"),
                f"Działanie {number} („{action.what}”) nie ma terminu. Harmonogram pozwala partnerom zaplanować "
                "ludzi i sale; wpisz datę.",
            )
        elif doc.starts and doc.ends and doc.starts < doc.ends and not doc.starts <= action.when <= doc.ends:
            yield SCHEDULE.finding(
                at("dzialania"),
                f"Termin działania {number} ({action.when:%d.%m.%Y}) wypada poza okresem projektu "
                f"({doc.starts:%d.%m.%Y} – {doc.ends:%d.%m.%Y}); popraw termin albo okres.",
            )


def _partners(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    partners = [p for p in doc.partners if p.institution]
    others = {p.sector for p in partners} - SOCIAL_ASSISTANCE_SECTORS
    if len(others) < MIN_OTHER_SECTORS:
        have = ", ".join(SECTOR_LABELS[s] for s in sorted(others))
        yield SECTORS.finding(
            at("partnerzy"),
            (
                f"Poza pomocą społeczną partnerzy są tylko z sektora: {have}."
                if have
                else "Brak partnerów spoza pomocy społecznej."
            )
            + " W Modelu Kooperacji projekt łączy co najmniej dwa inne sektory (np. edukacja — szkoła lub poradnia, "
            "rynek pracy — PUP, ochrona zdrowia, organizacja pozarządowa); dodaj partnerów.",
        )
    levels = {p.level for p in partners}
    if not {Level.GMINA, Level.POWIAT} <= levels:
        yield LEVELS.finding(
            at("partnerzy"),
            "Partnerzy są tylko z jednego poziomu. Model Kooperacji łączy instytucje gminy (OPS, szkoła) i powiatu "
            "(PCPR, PUP, poradnia psychologiczno-pedagogiczna) — dodaj partnera z brakującego poziomu.",
        )
    if not partners:
        yield ROLES.finding(
            at("partnerzy"),
            "Projekt nie ma partnerów z opisanym wkładem. Dodaj instytucje i napisz, co każda wnosi (prowadzi "
            "warsztaty, udostępnia salę, kieruje uczestników).",
        )
    for partner in partners:
        if word_count(partner.role) < 2:
            yield ROLES.finding(
                at("partnerzy"),
                f"Partner „{partner.institution}” nie ma opisanego wkładu. Napisz, co wnosi (np. prowadzi warsztaty, "
                "udostępnia salę, kieruje uczestników) — partner bez zadania jest tylko na papierze.",
            )


def _resources(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if word_count(doc.resources) < 5:
        yield RESOURCES.finding(
            at("zasoby"),
            "Opisz zasoby: kto poprowadzi zajęcia, gdzie się odbędą, jakie materiały są potrzebne. Także zasoby "
            "nieodpłatne (sala szkoły, czas pracownika) pokazują, że projekt jest wykonalny.",
        )
    lines = [b for b in doc.budget if b.item and b.amount > 0]
    if not lines:
        yield BUDGET.finding(
            at("zasoby"),
            "Budżet nie ma żadnej pozycji z kwotą. Wypisz koszty (np. materiały, poczęstunek, dojazd uczestników) "
            "z kwotą w złotych i źródłem — bez budżetu nikt nie zatwierdzi projektu.",
        )
    elif any(not b.source for b in lines):
        missing = ", ".join(f"„{b.item}”" for b in lines if not b.source)
        yield BUDGET.finding(
            at("zasoby"),
            f"Pozycje budżetu bez źródła finansowania: {missing}. Wpisz, kto pokrywa koszt (budżet OPS, partner, "
            "program gminny) — pozycja bez źródła to koszt, którego nikt nie zapłaci.",
        )


def _results(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if word_count(doc.results) < 6 or not _CHANGE.search(doc.results):
        yield RESULTS.finding(
            at("rezultaty"),
            "Opisz rezultaty jako zmianę u uczestników (co będą umieć, co się u nich poprawi), nie jako listę "
            "zajęć: „8 rodziców zna sposoby reagowania na trudne zachowania dzieci”, a nie „odbyło się 10 spotkań”.",
        )
    indicators = [i for i in doc.indicators if i.name and _NUMBER.search(i.target)]
    if len(indicators) < MIN_INDICATORS:
        yield INDICATORS.finding(
            at("rezultaty"),
            f"Wskaźniki z liczbową wartością docelową: {len(indicators)} (potrzeba co najmniej {MIN_INDICATORS}). "
            "Wskaźnik mówi, po czym poznasz, że cel osiągnięto, np. „liczba uczestników, którzy ukończyli "
            "warsztaty” — wartość docelowa „6 z 8”.",
        )
    if not any(i.name for i in doc.indicators):
        yield VERIFICATION.finding(
            at("rezultaty"),
            "Bez wskaźników nie ma też źródeł weryfikacji. Przy każdym wskaźniku napisz, skąd weźmiesz liczbę "
            "(lista obecności, ankieta na początku i na końcu, notatki pracownika socjalnego).",
        )
    for indicator in doc.indicators:
        if indicator.name and not indicator.source:
            yield VERIFICATION.finding(
                at("rezultaty"),
                f"Wskaźnik „{indicator.name}” nie ma źródła weryfikacji. Napisz, skąd weźmiesz liczbę (lista "
                "obecności, ankieta na początku i na końcu, notatki pracownika socjalnego).",
            )


def _evaluation(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if word_count(doc.evaluation) < 6 or not _WHEN.search(doc.evaluation) or not _WHO.search(doc.evaluation):
        yield EVALUATION.finding(
            at("ewaluacja"),
            "Ewaluacja nie mówi, kto, jak i kiedy oceni projekt. Napisz np.: „Koordynator z OPS po zakończeniu "
            "warsztatów porównuje ankiety z początku i końca i omawia wyniki z uczestnikami i partnerami”.",
        )


def _privacy(doc: SocialProject, ctx: DocumentContext) -> Iterable[Finding]:
    if any(contains_pesel(text) for text in doc.texts()):
        yield PERSONAL_DATA.finding(
            at("diagnoza"),
            "Tekst zawiera numer PESEL. Plan projektu opisuje grupę, nie osoby: usuń numer i dane uczestników.",
        )


SocialProjectCheck = Callable[[SocialProject, DocumentContext], Iterable[Finding]]

CHECKS: tuple[SocialProjectCheck, ...] = (
    _privacy, _diagnosis, _aims, _group, _actions, _partners, _resources, _results, _evaluation,
)  # fmt: skip


def check_social_project(doc: SocialProject, ctx: DocumentContext) -> list[Finding]:
    """Return every finding about the project, in the order its sections are read."""
    return [finding for check in CHECKS for finding in check(doc, ctx)]
