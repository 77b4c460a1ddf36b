"""The protokół of a G-PZK meeting: attendees, information shared and on what basis, decisions, feedback.

It is laid out with the same blocks and writers as the kontrakt socjalny. What a
role shared without a legal basis is recorded as a fact (who, when, which rule
it broke) but its content is not copied into the protokół, which would spread
the breach further; lawfully shared special-category data is written as the
short form the case allows ("uczęszcza na terapię"), not the therapist's note.
"""

from __future__ import annotations

import datetime as dt

from ..domain.case import Case
from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS
from ..domain.directory import ServiceDirectory
from ..domain.findings import Finding, FindingLevel
from ..domain.meeting import PROPOSAL_STATUS_LABELS, Meeting, MeetingFeedback, Proposal, ProposalStatus
from ..domain.rules.registry import rule_of
from ..domain.rules.sharing import KNOWLEDGE_NOT_SHARED
from ..domain.sharing import FORUM_LABELS, SHARE_BASIS_LABELS, DataCategory, Forum, ShareAct
from ..domain.text import decimal_comma
from .actions import member_name
from .blocks import BLANK, Block, Bullets, ContractDocument, Fields, Heading, Para, Signatures, Table, Title, printable
from .formats import DocumentFormat
from .outline import TRAINING_NOTICE, date, find_ops

TITLES: dict[Forum, str] = {
    Forum.G_PZK: "PROTOKÓŁ ZE SPOTKANIA GMINNO-POWIATOWEGO ZESPOŁU KOOPERACJI (G-PZK)",
    Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA: "PROTOKÓŁ Z POSIEDZENIA GRUPY DIAGNOSTYCZNO-POMOCOWEJ",
}
NOT_RECORDED = "treści nie wpisuje się do protokołu: udostępniono ją bez podstawy prawnej"


def protocol_document(
    case: Case,
    directory: ServiceDirectory,
    meeting: Meeting,
    feedback: MeetingFeedback,
    *,
    held_on: dt.date | None = None,
    next_meeting: str = "",
) -> ContractDocument:
    """Lay out the protokół of one meeting on one case, with the team's feedback as its last part."""
    contract = meeting.contract()
    ops = find_ops(case, directory, contract)
    sections: list[tuple[str, list[Block]]] = [
        ("Obecni", [_attendees(directory, meeting)]),
        ("Informacje przekazane zespołowi i ich podstawa", _shares(case, directory, meeting, feedback)),
    ]
    if meeting.events:
        sections.append(
            (
                "Nowe okoliczności zgłoszone w trakcie spotkania",
                [Bullets(tuple(printable(e.text) for e in meeting.events))],
            )
        )
    sections += [
        ("Ustalenia: działania instytucji i rodziny", _decisions(case, directory, meeting)),
        ("Następne spotkanie", [Para(_next_meeting(meeting, next_meeting))]),
        ("Informacja zwrotna dla zespołu", _feedback(case, directory, meeting, feedback)),
    ]
    blocks: list[Block] = [
        Title(TITLES[meeting.forum], printable(case.title)),
        Para(TRAINING_NOTICE),
        Fields(
            (
                ("Data spotkania:", date(held_on)),
                ("Rodzaj spotkania:", FORUM_LABELS[meeting.forum]),
                ("Prowadzący:", _institution_name(directory, meeting.lead_institution_id)),
            )
        ),
    ]
    for number, (heading, body) in enumerate(sections, start=1):
        blocks += [Heading(f"{number}. {heading}"), *body]
    blocks.append(Signatures(lead=(), parties=("prowadzący spotkanie", "protokolant")))
    return ContractDocument(
        ops_name=printable(ops.name) if ops else "Ośrodek pomocy społecznej",
        gmina_name=printable(directory.gmina_name(case.gmina) or case.gmina),
        title=TITLES[meeting.forum],
        subtitle=printable(case.title),
        blocks=tuple(blocks),
    )


def _institution_name(directory: ServiceDirectory, institution_id: str) -> str:
    institution = directory.institution(institution_id)
    return printable(institution.name) if institution else printable(institution_id)


def _attendees(directory: ServiceDirectory, meeting: Meeting) -> Table:
    rows = []
    for institution_id, holder in meeting.roles.items():
        institution = directory.institution(institution_id)
        where = (
            f"{SECTOR_LABELS[institution.sector]}, {LEVEL_LABELS[institution.level]}" if institution is not None else ""
        )
        rows.append((_institution_name(directory, institution_id), where, printable(holder) or "nieobecny"))
    return Table(("instytucja", "sektor, poziom", "uczestnik w roli"), tuple(rows), (3, 2, 2))


def _shares(case: Case, directory: ServiceDirectory, meeting: Meeting, feedback: MeetingFeedback) -> list[Block]:
    if not meeting.shares:
        return [Para("Żadna instytucja nie przekazała zespołowi informacji o rodzinie.")]
    broken = {f.location.id: f for f in feedback.sharing if f.level == FindingLevel.BLAD}
    rows = []
    for act in meeting.shares:
        finding = broken.get(act.id)
        verdict = rule_of(finding).title if finding else "zgodnie z zasadą udostępniania"
        rows.append(
            (
                _institution_name(directory, act.institution_id),
                NOT_RECORDED if finding else _recorded_content(case, act),
                f"{SHARE_BASIS_LABELS[act.basis]}; {verdict}",
            )
        )
    return [Table(("kto przekazał", "informacja", "podstawa i ocena"), tuple(rows), (2, 4, 3))]


def _recorded_content(case: Case, act: ShareAct) -> str:
    item = case.knowledge_item(act.item_id)
    if item is None:
        return BLANK
    if item.category != DataCategory.ZWYKLE and item.shareable_summary:
        return printable(item.shareable_summary)
    return printable(act.note) or printable(item.text)


def _decisions(case: Case, directory: ServiceDirectory, meeting: Meeting) -> list[Block]:
    accepted = [p for p in meeting.proposals if p.status == ProposalStatus.PRZYJETE]
    blocks = _goals(meeting)
    if accepted:
        rows = tuple(
            (
                _institution_name(directory, p.institution_id),
                printable(p.action.text) or BLANK,
                _goal(meeting, p.action.goal_id),
                _persons(case, p),
                f"{date(p.action.start)} – {date(p.action.due)}",
            )
            for p in accepted
        )
        blocks.append(Table(("instytucja", "działanie", "cel", "osoby z rodziny", "termin"), rows, (2.2, 4, 1, 2.4, 2)))
    else:
        blocks.append(Para("Zespół nie przyjął jeszcze żadnego działania."))
    others = [p for p in meeting.proposals if p.status != ProposalStatus.PRZYJETE]
    if others:
        blocks.append(
            Bullets(
                tuple(
                    f"{_institution_name(directory, p.institution_id)}: {printable(p.action.text) or BLANK} "
                    f"({PROPOSAL_STATUS_LABELS[p.status]}" + (f": {printable(p.comment)}" if p.comment else "") + ")"
                    for p in others
                ),
                "Propozycje nieprzyjęte:",
            )
        )
    return blocks


def _goal(meeting: Meeting, goal_id: str | None) -> str:
    """Return the goal an action serves by its id (the goals are listed in full above the table)."""
    if not goal_id:
        return BLANK
    return printable(goal_id) if meeting.frame.goal(goal_id) else f"{printable(goal_id)} (brak celu)"


def _goals(meeting: Meeting) -> list[Block]:
    """List the team's goals, so the decisions table can name each by its id."""
    goals = tuple(f"{printable(g.id)}: {printable(g.text) or BLANK}" for g in meeting.frame.goals)
    blocks: list[Block] = [Para(printable(meeting.frame.goal_main), "Cel główny:")] if meeting.frame.goal_main else []
    if goals:
        blocks.append(Bullets(goals, "Cele szczegółowe kontraktu zespołu:"))
    return blocks


def _persons(case: Case, proposal: Proposal) -> str:
    """Return who of the family carries the action out, if anyone, and whom it concerns."""
    action = proposal.action
    parts = [f"wykonuje: {member_name(case, action.responsible_member_id)}"] if action.responsible_member_id else []
    if action.member_ids:
        parts.append("dotyczy: " + ", ".join(member_name(case, m) for m in action.member_ids))
    return "; ".join(parts) or BLANK


def _next_meeting(meeting: Meeting, given: str) -> str:
    """Return the next meeting as given here, else as the trainer recorded it, else the contract's first review."""
    return printable(given or meeting.next_meeting) or _first_review(meeting) or BLANK


def _first_review(meeting: Meeting) -> str:
    reviews = sorted(r.date for r in meeting.contract().reviews)
    return f"Przegląd realizacji kontraktu: {date(reviews[0])}" if reviews else ""


def _feedback(case: Case, directory: ServiceDirectory, meeting: Meeting, feedback: MeetingFeedback) -> list[Block]:
    score, sharing = feedback.report.score, feedback.sharing_score
    rows = tuple(
        (
            _institution_name(directory, c.institution_id),
            str(c.proposed),
            str(c.accepted),
            str(c.returned),
            str(c.shared),
            str(c.sharing_errors),
        )
        for c in feedback.contributions
    )
    blocks: list[Block] = [
        Para(
            f"{decimal_comma(feedback.total)} z {decimal_comma(feedback.maximum)} pkt: kontrakt "
            f"{decimal_comma(score.total)} z {decimal_comma(score.maximum)} pkt (ta sama punktacja co kontrakt "
            "uczestnika) i udostępnianie informacji "
            f"{decimal_comma(sharing.earned)} z {decimal_comma(sharing.possible)} pkt.",
            "Wynik zespołu:",
        ),
        Para(printable(sharing.explanation), f"{sharing.label}:"),
        Table(
            ("rola", "zaproponowane", "przyjęte", "zwrócone", "udostępnienia", "błędy udostępniania"),
            rows,
            (3.2, 2.6, 1.6, 1.7, 2.6, 2.6),
        ),
    ]
    lessons = [_lesson(case, directory, meeting, f) for f in feedback.sharing if f.level != FindingLevel.WSKAZOWKA]
    if lessons:
        blocks.append(Bullets(tuple(dict.fromkeys(lessons)), "Udostępnianie informacji – do omówienia:"))
    return blocks


def _lesson(case: Case, directory: ServiceDirectory, meeting: Meeting, finding: Finding) -> str:
    """Name the institution and the rule — who shared wrongly or left knowledge unsaid; never the content."""
    where = finding.location.id or ""
    item = case.knowledge_item(where) if finding.code == KNOWLEDGE_NOT_SHARED.code else None
    act = next((a for a in meeting.shares if a.id == where), None)
    who = item.institution_id if item is not None else act.institution_id if act is not None else None
    return f"{_institution_name(directory, who)}: {rule_of(finding).title}" if who else rule_of(finding).title


def render_protocol(document: ContractDocument, fmt: DocumentFormat) -> bytes:
    """Return the protokół as DOCX or PDF bytes (the writers load on first use, as for the contract)."""
    if fmt == DocumentFormat.DOCX:
        from .docx_writer import write_docx  # noqa: PLC0415

        return write_docx(document)
    from .pdf_writer import write_pdf  # noqa: PLC0415

    return write_pdf(document)
