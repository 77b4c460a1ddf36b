"""HTML views of domain objects for the dashboard; every text from data or a trainee is escaped.

These functions return strings and import no widget library, so tests check
what a trainee sees (and that ``<img onerror=…>`` stays text) without a kernel.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..domain.case import Case
from ..domain.codes import (
    AREA_LABELS,
    ART7_LABELS,
    DIFFICULTY_LABELS,
    EVIDENCE_KIND_LABELS,
    LEVEL_LABELS,
    SECTOR_LABELS,
    Area,
    Level,
)
from ..domain.directory import ServiceDirectory
from ..domain.feedback import FeedbackReport, NeedStatus
from ..domain.findings import FINDING_LEVEL_FORMS, FINDING_LEVEL_LABELS, Finding, FindingLevel
from ..domain.text import count_phrase, decimal_comma

_LEVEL_ICONS = {FindingLevel.BLAD: "✖", FindingLevel.OSTRZEZENIE: "▲", FindingLevel.WSKAZOWKA: "ℹ"}
_STATUS = {
    NeedStatus.TRAFIONA: ("sk-ok", "✔ rozpoznana"),
    NeedStatus.POMINIETA: ("sk-error", "✖ pominięta"),
    NeedStatus.NADMIAROWA: ("sk-warn", "▲ spoza wzorca"),
}


AUTOSAVED = "sk-autosave"
"""Class of the editors saved on every change: the page template (trainee_page.js) watches typing inside them."""
NOT_SAVED = "sk-not-saved"
"""Class of a field inside such an editor that is not part of the work (a search): typing in it saves nothing."""


def e(text: object) -> str:
    """Escape any value for HTML, quotes included."""
    return escape(str(text), quote=True)


def _list(items: Iterable[str], css: str = "") -> str:
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{css}">{body}</ul>' if body else "<p class='sk-muted'>brak</p>"


def case_html(case: Case, directory: ServiceDirectory) -> str:
    """Return the case file as a trainee reads it: family, interview by area, reasons, help so far."""
    gmina = directory.gmina_name(case.gmina) or case.gmina
    members = "".join(
        f"<tr><td>{e(m.name)}</td><td>{e(m.role)}</td><td>{m.age}</td>"
        f"<td>{'tak' if m.lives_in_household else 'nie'}</td></tr>"
        for m in case.members
    )
    interview = interview_html(case)
    reasons = [e(ART7_LABELS[r]) for r in case.art7]
    if case.art7_other:
        reasons.append(e(case.art7_other))
    strengths = [f"<span class='sk-id'>{e(s.id)}</span> {e(s.text)}" for s in case.strengths]
    history = []
    for episode in case.history:
        institution = directory.institution(episode.institution_id) if episode.institution_id else None
        who = f"{e(institution.name)}: " if institution else ""
        now = " <span class='sk-tag'>trwa</span>" if episode.ongoing else ""
        history.append(f"<b>{e(episode.period)}</b> — {who}{e(episode.text)}{now}")
    return (
        f"<div class='sk-case'><h2>{e(case.title)}</h2>"
        f"<p class='sk-muted'>gmina {e(gmina)} · {e(case.main_profile)}"
        f" · poziom: {e(DIFFICULTY_LABELS[case.difficulty])}"
        f" · wywiad z {case.interview_date:%d.%m.%Y}</p>"
        f"<p>{e(case.summary)}</p>"
        "<h3>Skład rodziny</h3><table class='sk-table'><tr><th>Osoba</th><th>Rola</th><th>Wiek</th>"
        f"<th>We wspólnym gospodarstwie</th></tr>{members}</table>"
        f"<h3>Przesłanki pomocy (art. 7)</h3>{_list(reasons)}"
        f"<h3>Rodzinny wywiad środowiskowy</h3>{interview}"
        f"<h3>Zasoby i mocne strony</h3>{_list(strengths)}"
        f"<h3>Czego chce rodzina</h3>{_list(e(w) for w in case.family_wants)}"
        f"<h3>Dotychczasowa pomoc</h3>{_list(history)}"
        f"<h3>Instytucje już zaangażowane</h3>{cooperation_html(case, directory)}"
        "</div>"
    )


def interview_html(case: Case) -> str:
    """Return the interview's findings by area of life, each with its id (cited as evidence) and source."""
    names = {m.id: m.name for m in case.members}
    interview = ""
    for area in Area:
        findings = case.findings_in(area)
        if not findings:
            continue
        rows = [
            f"<span class='sk-id'>{e(f.id)}</span> <span class='sk-source'>{e(EVIDENCE_KIND_LABELS[f.source])}</span>"
            f" {e(f.text)}"
            + (
                f" <span class='sk-muted'>(dotyczy: {e(', '.join(names.get(i, i) for i in f.member_ids))})</span>"
                if f.member_ids
                else ""
            )
            for f in findings
        ]
        interview += f"<h4>{e(AREA_LABELS[area])}</h4>{_list(rows)}"
    return interview


def cooperation_html(case: Case, directory: ServiceDirectory) -> str:
    """Return the institutions already involved with the family, grouped by level and sector."""
    involved = {}
    for episode in case.history:
        if episode.institution_id and (institution := directory.institution(episode.institution_id)):
            involved[institution.id] = institution
    if not involved:
        return "<p class='sk-muted'>Rodzina nie korzystała dotąd z pomocy instytucji.</p>"
    columns = []
    for level in Level:
        at_level = sorted((i for i in involved.values() if i.level == level), key=lambda i: (i.sector, i.name))
        if at_level:
            items = [f"{e(i.name)} <span class='sk-muted'>({e(SECTOR_LABELS[i.sector])})</span>" for i in at_level]
            columns.append(f"<div class='sk-col'><h4>{e(LEVEL_LABELS[level])}</h4>{_list(items)}</div>")
    return f"<div class='sk-cols'>{''.join(columns)}</div>"


def findings_html(findings: list[Finding]) -> str:
    """Return the rule findings as a list, errors first; an empty list says the work is in order.

    A trainee reads the Polish message only: English rule codes mean nothing to a social worker.
    """
    if not findings:
        return "<p class='sk-ok'>✔ Reguły nie zgłaszają uwag.</p>"
    counts = {level: sum(1 for f in findings if f.level == level) for level in FindingLevel}
    summary = " · ".join(count_phrase(n, *FINDING_LEVEL_FORMS[lv]) for lv, n in counts.items() if n)
    # The rule code is for trainers and tests only: kept as a data attribute, never shown nor read aloud.
    items = [
        f"<li class='sk-{f.level.value}' data-rule='{e(f.code)}'>"
        f"<span class='sk-icon' role='img' aria-label='{FINDING_LEVEL_LABELS[f.level]}'>{_LEVEL_ICONS[f.level]}</span>"
        f" {e(f.message)}</li>"
        for f in findings
    ]
    return f"<p class='sk-summary'>{e(summary)}</p><ul class='sk-findings'>{''.join(items)}</ul>"


def feedback_html(report: FeedbackReport, whose: str = "Twoim kontrakcie") -> str:
    """Return the feedback report: score with explained items, needs, sectors and levels.

    ``whose`` names the contract the sectors are counted in: a G-PZK team's is "kontrakcie zespołu".
    """
    rows = "".join(
        f"<tr><td>{e(i.label)}</td><td class='sk-num'>{decimal_comma(i.earned)} / {decimal_comma(i.possible)}</td>"
        f"<td>{e(i.explanation)}</td></tr>"
        for i in report.score.items
    )
    needs = [
        f"<span class='{_STATUS[n.status][0]}'>{e(_STATUS[n.status][1])}</span> {e(n.message)}" for n in report.needs
    ]
    return (
        f"<div class='sk-feedback'><h3>Wynik: {decimal_comma(report.score.total)} / "
        f"{decimal_comma(report.score.maximum)} pkt</h3>"
        f"<table class='sk-table'><tr><th>Co oceniono</th><th>Punkty</th><th>Dlaczego</th></tr>{rows}</table>"
        f"<h3>Potrzeby</h3>{_list(needs)}"
        f"<h3>Współpraca</h3><p>Sektory w {e(whose)}: {e(', '.join(report.sectors_used) or 'brak')}.<br>"
        f"Poziomy: {e(', '.join(report.levels_used) or 'brak')} (wymagane: {e(', '.join(report.levels_required))}).</p>"
        f"<h3>Uwagi do diagnozy i kontraktu</h3>{findings_html(list(report.findings))}</div>"
    )
