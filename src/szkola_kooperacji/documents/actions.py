"""The goals and actions tables of the contract, with their columns declared once as data.

A column is one ``Column`` in ``ACTION_COLUMNS``: its header, its relative width and how to read
its text from an action. The legal basis of a benefit or measure is printed under the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ..domain.case import Case
from ..domain.codes import AREA_LABELS, CLIENT_SIDE, RESPONSIBLE_LABELS, SEVERITY_LABELS, Responsible
from ..domain.contract import Action, Goal
from ..domain.diagnosis import Need
from ..domain.directory import ServiceDirectory
from .blocks import BLANK, DATE_BLANK, Table, or_blank, printable


def _date(value: dt.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else DATE_BLANK


@dataclass(frozen=True)
class ActionContext:
    """What a column may need besides the action: the case (names) and the Lista (institutions)."""

    case: Case
    directory: ServiceDirectory


@dataclass(frozen=True)
class Column:
    """One column of the actions table."""

    header: str
    width: float
    text: Callable[[ActionContext, Action], str]


def who(context: ActionContext, action: Action) -> str:
    """Return who carries the action out and where: a person, the worker, an institution of the Lista."""
    if action.responsible in CLIENT_SIDE:
        member = context.case.member(action.responsible_member_id) if action.responsible_member_id else None
        person = printable(member.name) if member else RESPONSIBLE_LABELS[action.responsible]
    elif action.responsible == Responsible.PRACOWNIK_SOCJALNY:
        person = "pracownik socjalny"
    else:
        person = ""
    institution = context.directory.institution(action.institution_id) if action.institution_id else None
    place = printable(institution.name) if institution else printable(action.institution_id)
    return "; ".join(part for part in (person, place) if part) or BLANK


def when(_: ActionContext, action: Action) -> str:
    """Return the action's period (or its deadline alone, or a blank) and how often it happens."""
    if action.start and action.due:
        period = f"{_date(action.start)} – {_date(action.due)}"
    elif action.due:
        period = f"do {_date(action.due)}"
    else:
        period = BLANK
    frequency = printable(action.frequency)
    return f"{period}; {frequency}" if frequency else period


def what(context: ActionContext, action: Action) -> str:
    """Return what is done and, for a benefit or a measure, the act and article it rests on (a line of its own).

    In the same cell rather than a column of its own: a seventh column makes every column too
    narrow for whole Polish words on an A4 page.
    """
    basis = printable(action.cited_legal_basis(context.directory))
    return or_blank(action.text) + (f"\nPodstawa prawna: {basis}" if basis else "")


class Side(StrEnum):
    """Where an action is printed: the two parties' parts of II A, or the G-PZK annex."""

    CLIENT = "client"
    OFFICE = "office"
    INSTITUTION = "institution"


def side_of(action: Action, ops_id: str | None) -> Side:
    """Return the side of ``action``: the office's own actions (a benefit it grants) belong to the worker's party."""
    if action.responsible in CLIENT_SIDE:
        return Side.CLIENT
    if action.responsible == Responsible.PRACOWNIK_SOCJALNY or (ops_id is not None and action.institution_id == ops_id):
        return Side.OFFICE
    return Side.INSTITUTION


ACTION_COLUMNS: tuple[Column, ...] = (
    Column("Nr", 1.0, lambda _, a: printable(a.id)),
    Column("Cel", 0.9, lambda _, a: printable(a.goal_id)),
    Column("Działanie (co i jak)", 4.5, what),
    Column("Kto / gdzie", 2.8, who),
    Column("Termin, jak często", 2.6, when),
    Column("Wskaźnik", 2.3, lambda _, a: or_blank(a.indicator)),
)
"""Columns in print order. Widths are relative: the table always fills the page width."""


def action_table(case: Case, directory: ServiceDirectory, actions: list[Action]) -> Table:
    """Return the actions as a table, or one row of blanks to fill by hand when there are none."""
    context = ActionContext(case, directory)
    rows = tuple(tuple(column.text(context, action) for column in ACTION_COLUMNS) for action in actions)
    blank_row = tuple(BLANK if column.width > 1 else "" for column in ACTION_COLUMNS)
    return Table(
        header=tuple(column.header for column in ACTION_COLUMNS),
        rows=rows or (blank_row,),
        widths=tuple(column.width for column in ACTION_COLUMNS),
    )


def goals_table(goals: list[Goal]) -> Table:
    """Return the specific goals (cele szczegółowe) with their indicator, target and deadline."""
    rows = tuple(
        (printable(g.id), or_blank(g.text), or_blank(g.indicator), or_blank(g.target), _date(g.due)) for g in goals
    ) or (("", BLANK, BLANK, BLANK, BLANK),)
    return Table(
        header=("Lp.", "Cel szczegółowy", "Wskaźnik (jak sprawdzimy)", "Wartość docelowa", "Termin"),
        rows=rows,
        widths=(0.7, 3.8, 2.8, 2.6, 1.7),
    )


def member_name(case: Case, member_id: str | None) -> str:
    """Return a household member's fictional name, or a blank."""
    member = case.member(member_id) if member_id else None
    return printable(member.name) if member else BLANK


def need_line(case: Case, need: Need) -> str:
    """Return one need as the document lists it: statement, area, urgency and whom it concerns."""
    who = ", ".join(member_name(case, m) for m in need.member_ids)
    details = [f"obszar: {AREA_LABELS[need.area].lower()}", f"pilność: {SEVERITY_LABELS[need.severity]}"]
    if who:
        details.append(f"dotyczy: {who}")
    return f"{or_blank(need.statement)} ({'; '.join(details)})"
