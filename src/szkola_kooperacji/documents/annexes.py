"""The annexes of the printed contract: G-PZK arrangements, the information clause, the worker-only part.

Only the client and the social worker sign a kontrakt socjalny, so other institutions' actions
are arrangements of the cooperation team (G-PZK), printed in annex 1 for both copies. Annex 2
is the information clause of art. 13 RODO that the client keeps. Annex 3 exists only when a
victim of domestic violence signs (see ``safety.py``): it holds what must not go home with her,
is printed last so that it comes off the client's copy, and says so in a frame.
"""

from __future__ import annotations

from ..domain.case import Case
from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS, Area, Art7Reason
from ..domain.contract import Contract
from ..domain.cooperation import cooperation_map
from ..domain.diagnosis import Diagnosis
from ..domain.directory import ServiceDirectory
from .actions import Side, action_table, goals_table, need_line, side_of
from .blocks import LINE_BLANK, Block, Bullets, Fields, Heading, MapFigure, Notice, Para, Table, printable
from .safety import ClientCopy, Protection

GPZK_INTRO = (
    "Działania, które pracownik socjalny uzgodnił z instytucjami w Gminno-Powiatowym Zespole Kooperacji "
    "(G-PZK). Instytucje nie są stronami kontraktu i go nie podpisują; ustalenia z nimi dokumentuje zespół. "
    "Ośrodek przekazuje instytucjom tylko informacje niezbędne do tych działań i tylko w zakresie, na który "
    "osoba lub rodzina wyraziła zgodę, chyba że przepis prawa pozwala na to bez zgody."
)
MAP_CAPTION = (
    "Mapa współpracy: rodzina w środku, instytucje według poziomu (gmina, powiat, województwo) i sektora; "
    "linie łączą instytucję z osobą, której dotyczy działanie."
)
CONFIDENTIAL_NOTICE = (
    "POUFNE – tylko egzemplarz ośrodka. Załącznik zostaje w aktach; nie wydaje się go osobie ani rodzinie "
    "i nie wysyła pocztą na adres domowy, bo może go przeczytać osoba stosująca przemoc. Osoba może się z "
    "nim zapoznać w ośrodku."
)
PAGE_MARK = "POUFNE – tylko egzemplarz ośrodka"
"""Printed in the page header of the confidential annex, so that its pages are easy to take out."""
SPECIAL_CATEGORY_AREAS = frozenset({Area.ZDROWIE, Area.UZALEZNIENIA})
SPECIAL_CATEGORY_REASONS = frozenset(
    {Art7Reason.CHOROBA, Art7Reason.NIEPELNOSPRAWNOSC, Art7Reason.UZALEZNIENIE, Art7Reason.PRZEMOC_DOMOWA}
)
"""Diagnoses that put health data (art. 9 RODO) in the file: illness, disability, addiction, and
domestic violence (injuries, medical certificates, psychological help)."""


def annexes(
    case: Case,
    directory: ServiceDirectory,
    contract: Contract,
    diagnosis: Diagnosis,
    copy: ClientCopy,
    *,
    ops_name: str,
    ops_id: str | None,
) -> list[Block]:
    """Return annexes 1 and 2, and annex 3 when a victim of violence is a party."""
    guard = copy.guard
    shared = [a for a in contract.actions if side_of(a, ops_id) == Side.INSTITUTION and not guard.hides_action(a)]
    blocks: list[Block] = [
        Heading("Załącznik nr 1. Ustalenia z instytucjami współpracującymi (G-PZK)", new_page=True),
        Para(GPZK_INTRO),
        action_table(case, directory, shared),
    ]
    if not guard.active:
        blocks += _cooperation(case, directory, contract)
    blocks += information_clause(diagnosis, guard, ops_name)
    if guard.active:
        blocks += _worker_only(case, directory, contract, diagnosis, copy)
    return blocks


def information_clause(diagnosis: Diagnosis, guard: Protection, ops_name: str) -> list[Block]:
    """Return the information clause of art. 13 RODO for the person who signs the contract."""
    special = guard.active or any(
        n.area in SPECIAL_CATEGORY_AREAS or SPECIAL_CATEGORY_REASONS & set(n.art7) for n in diagnosis.needs
    )
    bases = [
        "art. 6 ust. 1 lit. c RODO – wypełnienie obowiązku prawnego ośrodka wynikającego z ustawy z dnia "
        "12 marca 2004 r. o pomocy społecznej (art. 108: kontrakt socjalny);",
        "art. 6 ust. 1 lit. e RODO – wykonanie zadania realizowanego w interesie publicznym (praca socjalna, art. 45 "
        "tej ustawy);",
    ]
    if special:
        bases += [
            "art. 9 ust. 2 lit. b RODO – dane o zdrowiu i uzależnieniach w zakresie niezbędnym do wykonania "
            "obowiązków w dziedzinie zabezpieczenia społecznego i ochrony socjalnej;",
            "art. 9 ust. 2 lit. h RODO – zapewnienie opieki i zabezpieczenia społecznego na podstawie prawa krajowego;",
        ]
    # No basis naming the procedure „Niebieskie Karty” here: this clause goes home with the client,
    # and in a violence case the person using violence may read it (see safety.py).
    return [
        Heading("Załącznik nr 2. Informacja o przetwarzaniu danych osobowych (art. 13 RODO)", new_page=True),
        Para(
            "Na podstawie art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia "
            "2016 r. (RODO) informujemy:"
        ),
        Para(
            f"{ops_name}, adres: {LINE_BLANK}, tel.: {LINE_BLANK}, reprezentowany przez kierownika ośrodka.",
            "Administrator danych:",
        ),
        Para(f"{LINE_BLANK} (adres e-mail lub pocztowy).", "Inspektor ochrony danych:"),
        Para(
            "zawarcie i realizacja kontraktu socjalnego oraz praca socjalna z osobą i rodziną.",
            "Cel przetwarzania:",
        ),
        Bullets(tuple(bases), "Podstawa prawna:"),
        Para(
            "podmioty uprawnione na podstawie przepisów prawa (np. sąd, policja, organy pomocy społecznej); "
            "instytucje z załącznika nr 1 – w zakresie niezbędnym do uzgodnionych działań, za zgodą osoby, "
            "chyba że przepis prawa pozwala przekazać dane bez zgody; podmioty przetwarzające dane na zlecenie "
            "ośrodka (np. dostawca systemu informatycznego) na podstawie umowy powierzenia.",
            "Odbiorcy danych:",
        ),
        Para("dane nie są przekazywane do państw spoza Europejskiego Obszaru Gospodarczego.", "Państwa trzecie:"),
        Para(
            "przez czas realizacji kontraktu, a następnie przez okres określony w przepisach o archiwizacji "
            "(instrukcja kancelaryjna i jednolity rzeczowy wykaz akt ośrodka).",
            "Okres przechowywania:",
        ),
        Bullets(
            (
                "dostępu do danych i otrzymania ich kopii (art. 15 RODO), sprostowania (art. 16) i ograniczenia "
                "przetwarzania (art. 18);",
                "sprzeciwu wobec przetwarzania opartego na art. 6 ust. 1 lit. e (art. 21); usunięcia danych – "
                "gdy nie ma obowiązku prawnego ich przetwarzania (art. 17 ust. 3 lit. b);",
                "wycofania w każdej chwili zgody na przekazanie danych instytucjom z załącznika nr 1, bez wpływu "
                "na zgodność z prawem wcześniejszego przekazania;",
                "wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa).",
            ),
            "Przysługuje Pani/Panu prawo:",
        ),
        Para(
            "podanie danych jest warunkiem zawarcia kontraktu socjalnego; bez nich kontraktu nie można zawrzeć. "
            "Dane nie służą do zautomatyzowanego podejmowania decyzji ani profilowania (art. 22 RODO).",
            "Obowiązek podania danych:",
        ),
        Fields((("Otrzymałam/otrzymałem tę informację (data i podpis):", ""),)),
    ]


def _worker_only(
    case: Case, directory: ServiceDirectory, contract: Contract, diagnosis: Diagnosis, copy: ClientCopy
) -> list[Block]:
    """Annex 3: what the client's copy leaves out, for the office's file only."""
    guard = copy.guard
    hidden_actions = [a for a in contract.actions if guard.hides_action(a)]
    blocks: list[Block] = [
        Heading("Załącznik nr 3 (poufny). Ustalenia dotyczące bezpieczeństwa", new_page=True, page_mark=PAGE_MARK),
        Notice(CONFIDENTIAL_NOTICE),
    ]
    if printable(contract.place):
        blocks.append(Para(printable(contract.place), "Miejsce i okoliczności rozmowy:"))
    hidden_needs = tuple(need_line(case, n) for n in diagnosis.needs if guard.hides_need(n))
    if hidden_needs:
        blocks.append(Bullets(hidden_needs, "Potrzeby dotyczące bezpieczeństwa i osoby stosującej przemoc"))
    if printable(diagnosis.notes):
        blocks.append(Para(printable(diagnosis.notes), "Uwagi z diagnozy:"))
    blocks += [Para(printable(value), f"{label}:") for label, value in copy.moved]
    hidden_goals = [g for g in contract.goals if guard.hides_goal(g)]
    if hidden_goals:
        blocks += [Heading("Cele", level=2), goals_table(hidden_goals)]
    if hidden_actions:
        blocks += [
            Heading("Działania (w tym plan bezpieczeństwa)", level=2),
            action_table(case, directory, hidden_actions),
        ]
    return blocks + _cooperation(case, directory, contract)


def _cooperation(case: Case, directory: ServiceDirectory, contract: Contract) -> list[Block]:
    shown = cooperation_map(case, directory, contract)
    actions_of: dict[str, list[str]] = {}
    for edge in shown.edges:
        ids = actions_of.setdefault(edge.institution_id, [])
        if edge.action_id not in ids:
            ids.append(edge.action_id)
    rows = tuple(
        (
            printable(i.label),
            SECTOR_LABELS[i.sector],
            LEVEL_LABELS[i.level],
            _involvement(i.before_contract, i.in_contract),
            ", ".join(printable(a) for a in actions_of.get(i.id, [])) or "–",
        )
        for i in shown.institutions
    )
    return [
        Heading("Mapa współpracy instytucji wokół rodziny", level=2, new_page=True),
        MapFigure(shown, MAP_CAPTION),
        Table(
            header=("Instytucja", "Sektor", "Poziom", "Udział", "Działania"),
            rows=rows or (("–", "–", "–", "–", "–"),),
            widths=(3.4, 2.8, 1.4, 2.2, 1.6),
        ),
    ]


def _involvement(before: bool, in_contract: bool) -> str:
    if before and in_contract:
        return "pomagała wcześniej, w kontrakcie"
    if before:
        return "pomagała wcześniej"
    return "nowa w kontrakcie"
