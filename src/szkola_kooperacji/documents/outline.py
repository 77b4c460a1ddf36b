"""What a printed kontrakt socjalny says, section by section, as plain text blocks.

The DOCX and PDF writers only lay these blocks out, so both documents say the same thing in the
same order as the legal template (variant A: I A ocena sytuacji i cele, II A ustalenia, ocena,
podpisy). Every string here is plain text from the trainee or the case file: writers must print
it as it is and never interpret it as markup. Missing values become dotted lines to fill by hand,
as on a paper form.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from ..domain.case import Case
from ..domain.codes import LEVEL_LABELS, RESPONSIBLE_LABELS, SECTOR_LABELS, Responsible
from ..domain.contract import Action, Contract
from ..domain.cooperation import CooperationMap, cooperation_map
from ..domain.directory import Institution, InstitutionType, ServiceDirectory

BLANK = "………………"
DATE_BLANK = "……………"
"""A date left to fill by hand: short enough for the narrow date columns."""
TRAINING_MARK = "DOKUMENT SZKOLENIOWY – dane fikcyjne"
TRAINING_NOTICE = (
    "Dokument szkoleniowy Szkoły Kooperacji. Osoby, rodzina, instytucje i zdarzenia są fikcyjne; "
    "to nie jest dokument urzędowy i nie wywołuje skutków prawnych."
)
LEGAL_BASIS = (
    "Kontrakt socjalny w rozumieniu art. 6 pkt 7 i art. 108 ustawy z dnia 12 marca 2004 r. o pomocy "
    "społecznej; układ według wzoru z rozporządzenia Ministra Pracy i Polityki Społecznej z dnia "
    "8 listopada 2010 r. w sprawie wzoru kontraktu socjalnego (część I A i II A)."
)
CLIENT_OBLIGATIONS = (
    "realizować działania przypisane osobie i rodzinie w terminach ustalonych w kontrakcie,",
    "informować pracownika socjalnego o zmianach sytuacji i o przeszkodach w realizacji działań,",
    "uczestniczyć w spotkaniach oceniających realizację kontraktu.",
)
WORKER_OBLIGATIONS = (
    "wspierać osobę i rodzinę w realizacji kontraktu i udzielać informacji o przysługujących uprawnieniach,",
    "koordynować współpracę instytucji wymienionych w kontrakcie i przekazywać im uzgodnione informacje,",
    "oceniać realizację kontraktu w ustalonych terminach razem z osobą i rodziną.",
)
NON_COOPERATION = (
    "Strony przyjmują do wiadomości, że brak współdziałania osoby lub rodziny w realizacji kontraktu "
    "może stanowić podstawę do odmowy przyznania, uchylenia albo wstrzymania świadczeń (art. 11 ustawy "
    "o pomocy społecznej)."
)


@dataclass(frozen=True)
class Heading:
    """A numbered section title of the template."""

    text: str
    level: int = 1
    new_page: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text; ``label`` is printed in bold before it."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list under an optional label."""

    items: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class MapFigure:
    """The cooperation map of the case, drawn where the writer can draw."""

    cooperation: CooperationMap
    caption: str


@dataclass(frozen=True)
class Signatures:
    """Place and date, then a signature line for each party."""

    place_and_date: str
    parties: tuple[str, ...]


Block = Heading | Para | Bullets | Table | MapFigure | Signatures


@dataclass(frozen=True)
class ContractDocument:
    """A kontrakt socjalny ready to be laid out: page header texts, title and body blocks."""

    ops_name: str
    gmina_name: str
    title: str
    subtitle: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def printable(text: str | None) -> str:
    """Return ``text`` without the control characters a document format cannot hold.

    A trainee may paste anything; line breaks and tabs are kept, other control and unpaired
    surrogate characters are dropped so that the file stays valid.
    """
    if not text:
        return ""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    ).strip()


def _date(value: dt.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else DATE_BLANK


def _or_blank(text: str | None) -> str:
    return printable(text) or BLANK


def find_ops(case: Case, directory: ServiceDirectory, contract: Contract) -> Institution | None:
    """Return the OPS/GOPS named in the contract, or else the one of the case's gmina."""
    named = directory.institution(contract.ops_institution_id) if contract.ops_institution_id else None
    if named is not None:
        return named
    return next(
        (i for i in directory.institutions if i.type == InstitutionType.OPS and i.gmina == case.gmina),
        None,
    )


def contract_document(case: Case, directory: ServiceDirectory, contract: Contract) -> ContractDocument:
    """Lay out ``contract`` (a trainee's draft or the expert reference) for ``case`` as the template does."""
    ops = find_ops(case, directory, contract)
    ops_name = printable(ops.name) if ops else "Ośrodek pomocy społecznej"
    gmina_name = printable(directory.gmina_name(case.gmina) or case.gmina)
    blocks: list[Block] = [
        Para(TRAINING_NOTICE),
        *_parties(case, contract, ops_name),
        Heading("I A. Ocena sytuacji osoby / rodziny"),
        Bullets(_items(contract.causes), "Przyczyny trudnej sytuacji życiowej"),
        Bullets(_items(contract.strengths), "Możliwości i zasoby osoby / rodziny"),
        Bullets(_items(contract.barriers), "Ograniczenia i bariery"),
        Heading("Cele kontraktu"),
        Para(_or_blank(contract.goal_main), "Cel główny:"),
        _goals_table(contract),
        Para(f"od {_date(contract.period_start)} do {_date(contract.period_end)}", "Okres obowiązywania kontraktu:"),
        Heading("II A. Ustalenia"),
        *_actions_section(case, directory, contract),
        Heading("Zobowiązania stron"),
        Bullets(CLIENT_OBLIGATIONS, "Osoba / rodzina zobowiązuje się:"),
        Bullets(WORKER_OBLIGATIONS, "Pracownik socjalny zobowiązuje się:"),
        Para(NON_COOPERATION),
        Heading("Ocena realizacji kontraktu"),
        Para(_or_blank(contract.assessment_method), "Sposób oceny:"),
        _reviews_table(contract),
        Heading("Podpisy stron"),
        Signatures(
            place_and_date=f"{_or_blank(contract.place)}, dnia {_date(contract.date_signed)}",
            parties=("podpis osoby / członków rodziny", "podpis pracownika socjalnego"),
        ),
        Heading("Załącznik. Mapa współpracy instytucji wokół rodziny", new_page=True),
        *_cooperation(case, directory, contract),
    ]
    return ContractDocument(
        ops_name=ops_name,
        gmina_name=f"gmina {gmina_name}, {printable(directory.powiat)}",
        title="KONTRAKT SOCJALNY",
        subtitle=f"zawarty w dniu {_date(contract.date_signed)} w {_or_blank(contract.place)}",
        blocks=tuple(blocks),
    )


def _items(values: list[str]) -> tuple[str, ...]:
    return tuple(printable(v) for v in values if printable(v)) or (BLANK,)


def _member_name(case: Case, member_id: str | None) -> str:
    member = case.member(member_id) if member_id else None
    return f"{printable(member.name)} ({printable(member.role)})" if member else BLANK


def _parties(case: Case, contract: Contract, ops_name: str) -> list[Block]:
    family = tuple(_member_name(case, m) for m in contract.family_member_ids if m != contract.client_member_id)
    blocks: list[Block] = [
        Heading("Strony kontraktu"),
        Para(_member_name(case, contract.client_member_id), "Osoba zawierająca kontrakt:"),
    ]
    if family:
        blocks.append(Bullets(family, "Członkowie rodziny objęci kontraktem:"))
    blocks += [
        Para(f"{_or_blank(contract.worker_role)}, działający w imieniu: {ops_name}", "Pracownik socjalny:"),
        Para(LEGAL_BASIS),
    ]
    return blocks


def _goals_table(contract: Contract) -> Table:
    rows = tuple(
        (
            printable(goal.id),
            _or_blank(goal.text),
            _or_blank(goal.indicator),
            _or_blank(goal.target),
            _date(goal.due),
        )
        for goal in contract.goals
    ) or (("", BLANK, BLANK, BLANK, BLANK),)
    return Table(
        header=("Lp.", "Cel szczegółowy", "Wskaźnik (jak sprawdzimy)", "Wartość docelowa", "Termin"),
        rows=rows,
        widths=(0.6, 3.6, 2.6, 2.4, 1.2),
    )


ACTION_GROUPS: tuple[tuple[str, frozenset[Responsible | None]], ...] = (
    ("Działania osoby / rodziny", frozenset({Responsible.KLIENT, Responsible.CZLONEK_RODZINY})),
    ("Działania pracownika socjalnego", frozenset({Responsible.PRACOWNIK_SOCJALNY})),
    ("Działania instytucji współpracujących", frozenset({Responsible.INSTYTUCJA, None})),
)


def _actions_section(case: Case, directory: ServiceDirectory, contract: Contract) -> list[Block]:
    blocks: list[Block] = []
    for title, responsible in ACTION_GROUPS:
        actions = [a for a in contract.actions if a.responsible in responsible]
        rows = tuple(_action_row(case, directory, a) for a in actions) or (("", "", BLANK, BLANK, BLANK, "", BLANK),)
        blocks += [
            Heading(title, level=2),
            Table(
                header=("Nr", "Cel", "Działanie (co i jak)", "Kto / instytucja", "Termin", "Jak często", "Wskaźnik"),
                rows=rows,
                widths=(0.6, 0.6, 3.2, 2.4, 1.6, 1.2, 1.6),
            ),
        ]
    return blocks


def _who(case: Case, directory: ServiceDirectory, action: Action) -> str:
    if action.responsible in (Responsible.KLIENT, Responsible.CZLONEK_RODZINY):
        member = case.member(action.responsible_member_id) if action.responsible_member_id else None
        who = printable(member.name) if member else RESPONSIBLE_LABELS[action.responsible]
    elif action.responsible == Responsible.PRACOWNIK_SOCJALNY:
        who = "pracownik socjalny"
    else:
        who = ""
    institution = directory.institution(action.institution_id) if action.institution_id else None
    place = printable(institution.name) if institution else printable(action.institution_id)
    return "; ".join(part for part in (who, place) if part) or BLANK


def _action_row(case: Case, directory: ServiceDirectory, action: Action) -> tuple[str, ...]:
    if action.start and action.due:
        when = f"{_date(action.start)} – {_date(action.due)}"
    elif action.due:
        when = f"do {_date(action.due)}"
    else:
        when = BLANK
    return (
        printable(action.id),
        printable(action.goal_id),
        _or_blank(action.text),
        _who(case, directory, action),
        when,
        printable(action.frequency) or "–",
        _or_blank(action.indicator),
    )


def _reviews_table(contract: Contract) -> Table:
    rows = [(_date(r.date), _or_blank(r.note) if r.note else "ocena okresowa", "") for r in contract.reviews]
    rows.append((_date(contract.final_evaluation), "ocena końcowa realizacji kontraktu", ""))
    return Table(
        header=("Data oceny", "Zakres", "Wynik oceny i podpisy (wypełnia się przy ocenie)"),
        rows=tuple(rows),
        widths=(1.4, 3.8, 4.8),
    )


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
        MapFigure(
            shown,
            "Mapa współpracy: rodzina w środku, instytucje według poziomu (gmina, powiat, województwo) i sektora; "
            "linie łączą instytucję z osobą, której dotyczy działanie.",
        ),
        Table(
            header=("Instytucja", "Sektor", "Poziom", "Udział", "Działania"),
            rows=rows or (("–", "–", "–", "–", "–"),),
            widths=(3.2, 2.5, 1.1, 1.8, 1.4),
        ),
    ]


def _involvement(before: bool, in_contract: bool) -> str:
    if before and in_contract:
        return "pomagała wcześniej, w kontrakcie"
    if before:
        return "pomagała wcześniej"
    return "nowa w kontrakcie"
