"""What each seat at the G-PZK table sees, as HTML strings: a role's view and the facilitator's view.

A role reads only what its own institution knows (with the sharing rule and its
legal basis beside each item) plus what others said in the meeting; the
facilitator sees everyone. No widget library is imported here, so tests check
the information asymmetry and the escaping without a kernel; the dashboard
widgets (next step) only wrap these strings. Every text is escaped.
"""

from __future__ import annotations

from html import escape

from ..domain.case import Case
from ..domain.codes import AREA_LABELS, SEVERITY_LABELS
from ..domain.contract import Action
from ..domain.directory import ServiceDirectory
from ..domain.findings import FINDING_LEVEL_LABELS, Finding, FindingLevel
from ..domain.meeting import (
    PROPOSAL_STATUS_LABELS,
    SHARING_DEDUCTIONS,
    SHARING_PRINCIPLE,
    Meeting,
    MeetingFeedback,
    Proposal,
    ProposalStatus,
)
from ..domain.rules.registry import rule_of
from ..domain.rules.sharing import judge_shares
from ..domain.sharing import (
    CONSENT_LABELS,
    DATA_CATEGORY_LABELS,
    FORUM_LABELS,
    SHARE_BASIS_LABELS,
    SHARING_RULE_LABELS,
    knowledge_of,
)
from ..domain.text import decimal_comma

NO_PROPOSALS = "<tr><td colspan='4' class='sk-muted'>Nikt jeszcze nie zaproponował działania.</td></tr>"
NO_PLAN = "<p class='sk-muted'>Prowadzący nie zapisał jeszcze potrzeb rodziny ani celów kontraktu.</p>"
NOTHING_KNOWN = "<li>Twoja instytucja nie zna jeszcze tej rodziny.</li>"
NOTHING_SAID = "<li>Nikt jeszcze niczego nie przekazał.</li>"
LIST = "<ul class='sk-findings'>"


def e(text: object) -> str:
    """Escape any value for HTML, quotes included."""
    return escape(str(text), quote=True)


def _name(directory: ServiceDirectory, institution_id: str) -> str:
    institution = directory.institution(institution_id)
    return e(institution.name if institution else institution_id)


def role_html(case: Case, directory: ServiceDirectory, meeting: Meeting, institution_id: str) -> str:
    """Return one role's view: its own knowledge, what was said at the table, the shared contract, events."""
    own = knowledge_of(case.knowledge, institution_id)
    shared_ids = {s.item_id for s in meeting.shares if s.institution_id == institution_id}
    items = "".join(
        f'<li class="sk-knowledge" data-item="{e(k.id)}"><p>{e(k.text)}</p>'
        f"<p class='sk-muted'>{e(SHARING_RULE_LABELS[k.sharing])} · {e(DATA_CATEGORY_LABELS[k.category])} · "
        f"{e(CONSENT_LABELS[k.consent])}{' · przekazano zespołowi' if k.id in shared_ids else ''}</p>"
        f"<p class='sk-muted'>Podstawa: {e(k.legal_basis)}</p></li>"
        for k in own
    )
    lead = " (prowadzi spotkanie)" if institution_id == meeting.lead_institution_id else ""
    return (
        f'<section class="sk-role" data-role="{e(institution_id)}">'
        f"<h2>{_name(directory, institution_id)}{lead}</h2>"
        f"<p class='sk-muted'>{e(FORUM_LABELS[meeting.forum])}</p>{attendees_html(directory, meeting)}"
        f"<h3>Co wie Twoja instytucja</h3>{LIST}{items or NOTHING_KNOWN}</ul>"
        f"{table_html(case, directory, meeting)}</section>"
    )


def attendees_html(directory: ServiceDirectory, meeting: Meeting) -> str:
    """Return who sits at the table: each role with its participant, or "wolna" (a role nobody or the trainer freed)."""
    seats = " · ".join(
        f"<span data-seat='{e(role)}'>{_name(directory, role)}: {e(holder) if holder else '<em>wolna</em>'}</span>"
        for role, holder in meeting.roles.items()
    )
    return f"<p class='sk-attendees'><strong>Przy stole:</strong> {seats}</p>"


def table_html(case: Case, directory: ServiceDirectory, meeting: Meeting) -> str:
    """Return what everyone at the table sees: what was said, the events, the proposals and the contract."""
    said = "".join(
        f"<li><strong>{_name(directory, s.institution_id)}</strong> ({e(SHARE_BASIS_LABELS[s.basis])}): "
        f"{e(_said(case, s.item_id, s.note))}</li>"
        for s in meeting.shares
    )
    events = "".join(f"<li class='sk-event sk-ostrzezenie'>{e(ev.text)}</li>" for ev in meeting.events)
    proposals = "".join(
        f'<tr data-proposal="{e(p.action.id)}"><td>{_name(directory, p.institution_id)}</td>'
        f"<td>{e(p.action.text)}{_details(case, directory, meeting, p)}</td>"
        f"<td>{e(PROPOSAL_STATUS_LABELS[p.status])}</td><td>{e(p.comment)}</td></tr>"
        for p in meeting.proposals
    )
    accepted = sum(1 for p in meeting.proposals if p.status == ProposalStatus.PRZYJETE)
    return (
        f"<h3>Powiedziano na spotkaniu</h3>{LIST}{said or NOTHING_SAID}</ul>"
        + (f"<h3>Nowe okoliczności</h3><ul class='sk-findings'>{events}</ul>" if events else "")
        + plan_html(meeting)
        + "<h3>Wspólny kontrakt: propozycje działań</h3>"
        + f"<p class='sk-muted'>Przyjęte do kontraktu: {accepted} z {len(meeting.proposals)}.</p>"
        + "<table class='sk-table'><thead><tr><th>instytucja</th><th>działanie</th><th>stan</th>"
        + "<th>komentarz prowadzącego</th>"
        + f"</tr></thead><tbody>{proposals or NO_PROPOSALS}</tbody></table>"
    )


def plan_html(meeting: Meeting) -> str:
    """Return the team's diagnosis and goals as the lead wrote them: what proposals link to."""
    needs = "".join(
        f"<li data-need='{e(n.id)}'><strong>{e(n.id)}</strong> ({e(AREA_LABELS[n.area])}, "
        f"{e(SEVERITY_LABELS[n.severity])}): {e(n.statement or 'bez opisu')}</li>"
        for n in meeting.diagnosis.needs
    )
    frame = meeting.frame
    goals = "".join(
        f"<li data-goal='{e(g.id)}'><strong>{e(g.id)}</strong>: {e(g.text or 'bez opisu')}"
        + (f" <span class='sk-muted'>(potrzeby: {e(', '.join(g.need_ids))})</span>" if g.need_ids else "")
        + (f"<br><span class='sk-muted'>Wskaźnik: {e(g.indicator)}" if g.indicator else "")
        + (f" · wartość: {e(g.target)}" if g.indicator and g.target else "")
        + (f" · termin: {g.due:%d.%m.%Y}" if g.indicator and g.due else "")
        + ("</span>" if g.indicator else "")
        + "</li>"
        for g in frame.goals
    )
    main = f"<p><strong>Cel główny:</strong> {e(frame.goal_main)}</p>" if frame.goal_main else ""
    body = (
        (f"<h4>Potrzeby rodziny</h4>{LIST}{needs}</ul>" if needs else "")
        + main
        + (f"<h4>Cele szczegółowe</h4>{LIST}{goals}</ul>" if goals else "")
    )
    return f"<h3>Diagnoza i cele zespołu</h3><div class='sk-team-plan'>{body or NO_PLAN}</div>"


def _details(case: Case, directory: ServiceDirectory, meeting: Meeting, proposal: Proposal) -> str:
    """Return the goal, service, people and dates of a proposed action, one muted line."""
    action: Action = proposal.action
    parts: list[str] = []
    if action.goal_id:
        goal = meeting.frame.goal(action.goal_id)
        parts.append(f"cel {action.goal_id}" + (f": {goal.text[:60]}" if goal and goal.text else ""))
    else:
        parts.append("bez celu")
    institution = directory.institution(action.institution_id) if action.institution_id else None
    service = institution.service(action.service_id) if institution and action.service_id else None
    if service:
        parts.append(f"usługa: {service.name}")
    if action.responsible_member_id:
        parts.append(f"wykonuje: {_member(case, action.responsible_member_id)}")
    if action.member_ids:
        parts.append("dotyczy: " + ", ".join(_member(case, m) for m in action.member_ids))
    if action.start or action.due:
        start = f"{action.start:%d.%m.%Y}" if action.start else "…"
        due = f"{action.due:%d.%m.%Y}" if action.due else "…"
        parts.append(f"termin: {start} – {due}")
    if action.frequency:
        parts.append(action.frequency)
    return f"<br><span class='sk-muted sk-proposal-details'>{e(' · '.join(parts))}</span>"


def _member(case: Case, member_id: str) -> str:
    member = case.member(member_id)
    return member.name if member else member_id


def _said(case: Case, item_id: str, note: str) -> str:
    """Return what the table heard: the role's own words when given, else the item as its institution knows it."""
    item = case.knowledge_item(item_id)
    return note or (item.text if item else "(informacja nieznana w aktach sprawy)")


def facilitator_html(case: Case, directory: ServiceDirectory, meeting: Meeting, feedback: MeetingFeedback) -> str:
    """Return the trainer's view: who is in, what each role contributed and shared, and how sharing is judged."""
    findings = "".join(_finding_li(f) for f in feedback.sharing)
    return (
        '<section class="sk-facilitator">'
        f"<h2>Spotkanie: {e(case.title)}</h2><p class='sk-muted'>{e(FORUM_LABELS[meeting.forum])}</p>"
        f"{contributions_html(directory, feedback)}"
        f"{team_score_summary_html(feedback)}"
        f"<h3>Udostępnianie informacji</h3><ul class='sk-findings'>{findings or '<li>Bez uwag.</li>'}</ul>"
        f"{table_html(case, directory, meeting)}</section>"
    )


def contributions_html(directory: ServiceDirectory, feedback: MeetingFeedback) -> str:
    """Return what each role brought to the meeting: proposals and their fate, shares and sharing errors.

    The same table on the trainer's page and in every role's score tab: how the team cooperated.
    """
    rows = "".join(
        f"<tr data-contribution='{e(c.institution_id)}'><td>{_name(directory, c.institution_id)}</td>"
        f"<td>{e(c.holder or 'wolna')}</td><td>{c.proposed}</td><td>{c.accepted}</td><td>{c.returned}</td>"
        f"<td>{c.shared}</td><td>{c.sharing_errors}</td></tr>"
        for c in feedback.contributions
    )
    return (
        "<table class='sk-table sk-contributions'><thead><tr><th>rola</th><th>uczestnik</th><th>zaproponowane</th>"
        "<th>przyjęte</th><th>zwrócone</th><th>udostępnienia</th><th>błędy udostępniania</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _finding_li(finding: Finding) -> str:
    label = FINDING_LEVEL_LABELS[finding.level]
    return f'<li class="sk-{e(finding.level.value)}">{e(label)}: {e(finding.message)}</li>'


def sharing_feedback_html(case: Case, meeting: Meeting, institution_id: str) -> str:
    """Return how the law judges this role's own shares: the consequence a participant sees at once."""
    own = {s.id for s in meeting.shares if s.institution_id == institution_id}
    findings = [f for f in judge_shares(case, meeting.shares, meeting.forum) if f.location.id in own]
    if not own:
        return ""
    items = "".join(_finding_li(f) for f in findings) or "<li class='sk-ok'>Przekazano zgodnie z zasadami.</li>"
    return f"<h3>Ocena Twoich udostępnień</h3><ul class='sk-sharing-feedback sk-findings'>{items}</ul>"


def team_score_summary_html(feedback: MeetingFeedback) -> str:
    """Return the team's total and its two parts: the contract as a trainee's is scored, and sharing."""
    contract, sharing = feedback.report.score, feedback.sharing_score
    return (
        f"<p class='sk-team-score'><strong>Wynik zespołu: {decimal_comma(feedback.total)} / "
        f"{decimal_comma(feedback.maximum)} pkt</strong> – kontrakt {decimal_comma(contract.total)} / "
        f"{decimal_comma(contract.maximum)} pkt (jak w pracy indywidualnej) + udostępnianie informacji "
        f"{decimal_comma(sharing.earned)} / {decimal_comma(sharing.possible)} pkt.</p>"
    )


def sharing_score_html(feedback: MeetingFeedback) -> str:
    """Return the sharing part of the team's score: each rule that cost points, then the principle."""
    item = feedback.sharing_score
    lost: dict[tuple[str, FindingLevel], int] = {}
    for finding in feedback.sharing:
        if finding.level in SHARING_DEDUCTIONS:
            key = (rule_of(finding).title, finding.level)
            lost[key] = lost.get(key, 0) + 1
    rows = "".join(
        f"<li class='sk-{e(level.value)}'>−{decimal_comma(SHARING_DEDUCTIONS[level] * n)} pkt: {e(title)}"
        + (f" (×{n})" if n > 1 else "")
        + "</li>"
        for (title, level), n in lost.items()
    )
    verdict = (
        f"<ul class='sk-findings'>{rows}</ul>"
        if rows
        else "<p class='sk-ok'>Każda przekazana informacja miała podstawę prawną, a zespół usłyszał to, "
        "czego potrzebował do planu.</p>"
    )
    return (
        f"<div class='sk-sharing-score'><h3>{e(item.label)}: "
        f"{decimal_comma(item.earned)} / {decimal_comma(item.possible)} pkt</h3>"
        f"{verdict}<p class='sk-muted'>{e(SHARING_PRINCIPLE)}</p></div>"
    )
