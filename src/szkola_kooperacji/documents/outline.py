"""What a printed kontrakt socjalny says, section by section, as plain text blocks.

The order and headings follow the template of the rozporządzenie Ministra Pracy i Polityki
Społecznej z dnia 8 listopada 2010 r. w sprawie wzoru kontraktu socjalnego (Dz. U. Nr 218,
poz. 1439), variant A: the office stamp and date, the parties, część I A (ocena sytuacji, cele),
część II A (ustalenia), then the signatures of the two parties only. Other institutions'
actions, the information clause and anything that could endanger a victim of violence go to
annexes (``annexes.py``). Missing values become dotted lines to fill by hand, as on a paper form.
"""

from __future__ import annotations

import datetime as dt

from ..domain.case import Case
from ..domain.codes import ART7_LABELS
from ..domain.contract import Contract
from ..domain.diagnosis import Diagnosis, Need
from ..domain.directory import Institution, InstitutionType, ServiceDirectory
from .actions import Side, action_table, goals_table, member_name, need_line, side_of
from .annexes import annexes
from .blocks import (
    BLANK,
    DATE_BLANK,
    Block,
    Bullets,
    ContractDocument,
    Fields,
    Heading,
    Para,
    Signatures,
    StampHeader,
    Table,
    Title,
    or_blank,
    printable,
)
from .safety import ClientCopy, Protection, protection, signing_parties

__all__ = ["BLANK", "TRAINING_MARK", "ContractDocument", "contract_document", "find_ops", "printable"]

TRAINING_MARK = "DOKUMENT SZKOLENIOWY – dane fikcyjne"
TRAINING_NOTICE = (
    "Dokument szkoleniowy Szkoły Kooperacji. Osoby, rodzina, instytucje i zdarzenia są fikcyjne; "
    "to nie jest dokument urzędowy i nie wywołuje skutków prawnych. Adres i PESEL pozostają puste."
)
TITLE = "KONTRAKT SOCJALNY"
SUBTITLE = (
    "określający sposób współdziałania między osobą/rodziną a pracownikiem socjalnym "
    "w zakresie rozwiązywania trudnej sytuacji życiowej (część I A i II A)"
)
"""Heading of the template (załącznik do rozporządzenia z 8 listopada 2010 r.), variant A."""
STAMP = "(pieczęć ośrodka pomocy społecznej)"
LEGAL_BASIS = (
    "Kontrakt socjalny zawiera się na podstawie art. 108 ustawy z dnia 12 marca 2004 r. o pomocy "
    "społecznej, według wzoru z rozporządzenia Ministra Pracy i Polityki Społecznej z dnia 8 listopada "
    "2010 r. w sprawie wzoru kontraktu socjalnego (Dz. U. Nr 218, poz. 1439)."
)
CLIENT_OBLIGATIONS = (
    "realizować działania przypisane osobie i rodzinie w terminach ustalonych w kontrakcie,",
    "informować pracownika socjalnego o zmianach sytuacji i o przeszkodach w realizacji działań,",
    "uczestniczyć w spotkaniach oceniających realizację kontraktu.",
)
WORKER_OBLIGATIONS = (
    "wspierać osobę i rodzinę w realizacji kontraktu i udzielać informacji o przysługujących uprawnieniach,",
    "uzgadniać z instytucjami wymienionymi w załączniku nr 1 ich działania i przekazywać im tylko "
    "informacje niezbędne do tych działań,",
    "oceniać realizację kontraktu w ustalonych terminach razem z osobą i rodziną.",
)
NON_COOPERATION = (
    "Strony przyjmują do wiadomości, że brak współdziałania osoby lub rodziny z pracownikiem socjalnym, "
    "odmowa zawarcia kontraktu socjalnego lub niedotrzymywanie jego postanowień mogą stanowić podstawę "
    "do odmowy przyznania świadczenia, uchylenia decyzji o jego przyznaniu albo wstrzymania świadczeń "
    "pieniężnych (art. 11 ust. 2 ustawy o pomocy społecznej)."
)
AMENDMENTS = "Kontrakt może zostać zmieniony za zgodą obu stron; zmiany wymagają formy pisemnej."
COPIES = "Kontrakt sporządzono w dwóch egzemplarzach: jeden dla osoby/rodziny, jeden dla ośrodka pomocy społecznej."
HIDDEN_NOTE = (
    "Ustalenia dotyczące bezpieczeństwa osoby i dzieci zapisano w odrębnym załączniku, który "
    "przechowuje ośrodek; osoba może się z nim zapoznać w ośrodku."
)
LATER_PARTY = "data przystąpienia, imię i nazwisko oraz podpis osoby przystępującej do kontraktu"


def find_ops(case: Case, directory: ServiceDirectory, contract: Contract) -> Institution | None:
    """Return the OPS/GOPS named in the contract, or else the one of the case's gmina."""
    named = directory.institution(contract.ops_institution_id) if contract.ops_institution_id else None
    if named is not None:
        return named
    return next(
        (i for i in directory.institutions if i.type == InstitutionType.OPS and i.gmina == case.gmina),
        None,
    )


def place_locative(case: Case, directory: ServiceDirectory, ops: Institution | None) -> str:
    """Return where the contract is concluded, in the locative ("Kępie Modrzewskiej"), or "" when unknown.

    The place is the seat of the office's gmina, from the Lista; the contract's own ``place``
    note (which may say where and with whom the talk took place) never goes on the client's copy.
    """
    gmina_id = (ops.gmina if ops else None) or case.gmina
    gmina = next((g for g in directory.gminas if g.id == gmina_id), None)
    return printable(gmina.seat_locative) if gmina else ""


def date(value: dt.date | None) -> str:
    """Return a date as the template prints it, or a blank to fill by hand."""
    return f"{value:%d.%m.%Y} r." if value else DATE_BLANK


def contract_document(
    case: Case, directory: ServiceDirectory, contract: Contract, diagnosis: Diagnosis
) -> ContractDocument:
    """Lay out ``contract`` with the ``diagnosis`` it rests on (a trainee's or the expert's) as the template does."""
    ops = find_ops(case, directory, contract)
    ops_name = printable(ops.name) if ops else "Ośrodek pomocy społecznej"
    gmina_name = printable(directory.gmina_name(case.gmina) or case.gmina)
    guard = protection(case, diagnosis, contract, directory)
    copy = ClientCopy(guard)
    blocks: list[Block] = [
        StampHeader(STAMP, "Data zawarcia kontraktu socjalnego:", date(contract.date_signed)),
        Title(TITLE, SUBTITLE),
        Para(TRAINING_NOTICE),
        Para(
            f"zawarty w dniu {date(contract.date_signed)} w {place_locative(case, directory, ops) or BLANK} pomiędzy:"
        ),
        *_parties(case, contract, ops_name),
        Heading("Część I A. Ocena sytuacji osoby/rodziny"),
        *_assessment(case, contract, diagnosis, copy),
        Heading("Cele kontraktu"),
        Para(or_blank(copy.text("Cel główny", contract.goal_main)), "Cel główny:"),
        Heading("Cele szczegółowe", level=2),
        goals_table([g for g in contract.goals if not guard.hides_goal(g)]),
        Heading("Część II A. Ustalenia"),
        Para(
            f"od {date(contract.period_start)} do {date(contract.period_end)}",
            "Kontrakt zawiera się na okres:",
        ),
        *_actions(case, directory, contract, guard, ops.id if ops else None),
        Heading("Zobowiązania stron"),
        Bullets(CLIENT_OBLIGATIONS, "Osoba/rodzina zobowiązuje się:"),
        Bullets(WORKER_OBLIGATIONS, "Pracownik socjalny zobowiązuje się:"),
        *([] if guard.active else [Para(NON_COOPERATION)]),
        Para(AMENDMENTS),
        Heading("Ocena realizacji kontraktu"),
        Para(or_blank(copy.text("Sposób oceny", contract.assessment_method)), "Sposób oceny:"),
        _reviews_table(contract, copy),
        Heading("Podpisy stron"),
        Signatures(lead=(COPIES,), parties=_signature_captions(case, contract), later=LATER_PARTY),
        *annexes(case, directory, contract, diagnosis, copy, ops_name=ops_name, ops_id=ops.id if ops else None),
    ]
    return ContractDocument(
        ops_name=ops_name,
        gmina_name=f"gmina {gmina_name}, {printable(directory.powiat)}",
        title=TITLE,
        subtitle=SUBTITLE,
        blocks=tuple(blocks),
    )


def _parties(case: Case, contract: Contract, ops_name: str) -> list[Block]:
    blocks: list[Block] = []
    for number, member_id in enumerate(signing_parties(case, contract) or [None]):
        member = case.member(member_id) if member_id else None
        label = "Osoba zawierająca kontrakt" if number == 0 else "Członek rodziny – strona kontraktu"
        blocks += [
            Heading(label, level=2),
            Fields(
                (
                    ("Imię i nazwisko:", member_name(case, member_id)),
                    ("Rola w rodzinie:", printable(member.role) if member else ""),
                    ("Adres zamieszkania:", ""),
                    ("PESEL:", ""),
                )
            ),
        ]
    signing = set(signing_parties(case, contract))
    covered = tuple(
        f"{member_name(case, m)} ({printable(member.role)}, {member.age} l.)"
        for m in contract.family_member_ids
        if m not in signing and (member := case.member(m)) is not None
    )
    if covered:
        blocks.append(Bullets(covered, "Członkowie rodziny objęci kontraktem (nie podpisują go):"))
    blocks += [
        Heading("a pracownikiem socjalnym", level=2),
        Fields(
            (
                ("Imię i nazwisko:", ""),
                ("Stanowisko:", or_blank(contract.worker_role)),
                ("reprezentującym:", ops_name),
            )
        ),
        Para(LEGAL_BASIS),
    ]
    return blocks


def _assessment(case: Case, contract: Contract, diagnosis: Diagnosis, copy: ClientCopy) -> list[Block]:
    """Part I A from the contract's own lists, else from the diagnosis the contract rests on."""
    guard = copy.guard
    needs = [n for n in diagnosis.needs if not guard.hides_need(n)]
    causes = copy.items("Przyczyny", contract.causes or _art7_causes(diagnosis.needs))
    strength_ids = list(dict.fromkeys(s for n in diagnosis.needs for s in n.strength_ids))
    strengths = copy.items(
        "Zasoby", contract.strengths or [s.text for i in strength_ids if (s := case.strength(i)) is not None]
    )
    barriers = copy.items(
        "Ograniczenia",
        contract.barriers
        or [f"osoba/rodzina nie uznaje jeszcze potrzeby: {n.statement}" for n in needs if not n.client_agrees],
    )
    blocks: list[Block] = [
        Bullets(_items(causes), "1. Przyczyny trudnej sytuacji życiowej osoby/rodziny"),
        Bullets(_items(strengths), "2. Możliwości, zasoby i mocne strony osoby/rodziny"),
        Bullets(_items(barriers), "3. Ograniczenia i bariery (osobowe, rodzinne, środowiskowe, instytucjonalne)"),
        Bullets(
            tuple(need_line(case, n) for n in needs) or (BLANK,),
            "4. Potrzeby osoby/rodziny ustalone w diagnozie",
        ),
    ]
    own_lists = contract.causes or contract.strengths or contract.barriers
    if diagnosis.notes and not own_lists and not guard.active:
        blocks.append(Para(printable(diagnosis.notes), "Uwagi z diagnozy:"))
    if len(needs) < len(diagnosis.needs):
        blocks.append(Para(HIDDEN_NOTE))
    return blocks


def _art7_causes(needs: list[Need]) -> list[str]:
    reasons = dict.fromkeys(reason for need in needs for reason in need.art7)
    return [_with_act(ART7_LABELS[r]) for r in reasons]


def _with_act(label: str) -> str:
    """Return an art. 7 label naming its act: "bezrobocie (art. 7 pkt 4 ustawy o pomocy społecznej)"."""
    return f"{label[:-1]} ustawy o pomocy społecznej)" if label.endswith(")") else label


def _items(values: list[str]) -> tuple[str, ...]:
    return tuple(printable(v) for v in values if printable(v)) or (BLANK,)


ACTION_GROUPS: tuple[tuple[str, Side], ...] = (
    ("1. Działania osoby/rodziny", Side.CLIENT),
    ("2. Działania pracownika socjalnego i ośrodka", Side.OFFICE),
)
"""The two parties' actions; other institutions' actions go to annex 1 (they do not sign)."""


def _actions(
    case: Case, directory: ServiceDirectory, contract: Contract, guard: Protection, ops_id: str | None
) -> list[Block]:
    blocks: list[Block] = []
    for title, side in ACTION_GROUPS:
        actions = [a for a in contract.actions if side_of(a, ops_id) == side and not guard.hides_action(a)]
        blocks += [Heading(title, level=2), action_table(case, directory, actions)]
    blocks.append(
        Para(
            "Działania innych instytucji, uzgodnione przez pracownika socjalnego w zespole kooperacji "
            "(G-PZK), opisuje załącznik nr 1. Instytucje te nie są stronami kontraktu i go nie podpisują."
        )
    )
    if any(guard.hides_action(a) for a in contract.actions):
        blocks.append(Para(HIDDEN_NOTE))
    return blocks


def _reviews_table(contract: Contract, copy: ClientCopy) -> Table:
    rows = [
        (date(r.date), or_blank(copy.text(f"Ocena {date(r.date)}", r.note)) if r.note else "ocena okresowa", "")
        for r in contract.reviews
    ]
    rows.append((date(contract.final_evaluation), "ocena końcowa realizacji kontraktu", ""))
    return Table(
        header=("Data oceny", "Zakres", "Wynik oceny i podpisy (wypełnia się przy ocenie)"),
        rows=tuple(rows),
        widths=(2.0, 3.8, 4.8),
    )


def _signature_captions(case: Case, contract: Contract) -> tuple[str, ...]:
    parties = signing_parties(case, contract)
    captions = [f"podpis: {member_name(case, m)}" for m in parties] or ["podpis osoby zawierającej kontrakt"]
    return (*captions, "podpis pracownika socjalnego")
