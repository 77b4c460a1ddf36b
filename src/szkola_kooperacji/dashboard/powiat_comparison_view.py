"""The supra-regional comparison of practice between powiats, opened from the trainee's course.

The view only shows what ``domain.powiat_comparison`` computes: the two Listas type by type,
the gaps, what a case's family would lose in the other powiat, and the trainee's analysis
(the gap they see and how the G-PZK would fill it), kept with their drafts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as w

from ..domain.case import Case
from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS, Level
from ..domain.directory import ServiceDirectory
from ..domain.powiat_comparison import (
    MIN_ANALYSIS_CHARS,
    Availability,
    PowiatComparison,
    TypePresence,
    analysis_problems,
    case_in_powiat,
    compare_powiats,
)
from ..domain.progress import FactKind
from ..storage import DraftStore
from .guard import guarded
from .render import e
from .shared_looks import shown

ANALYSIS_SLOT = "porownanie_powiatow:{}"
"""Where a trainee's analysis of the comparison with one powiat is kept (``DraftStore.save_answers``)."""

TASK = (
    "<b>Zadanie.</b> Wybierz jedną różnicę między powiatami, która najbardziej zmienia pomoc dla rodziny z "
    "przypadku (brak instytucji, usługa nie w każdej gminie, dłuższe czekanie, brak dojazdu). Opisz ją, "
    "a potem zaproponuj, jak G-PZK w powiecie, któremu jej brakuje, wypełni tę lukę: kto (gmina, powiat, "
    "organizacja, sąsiedni powiat), co konkretnie, na jakiej podstawie (porozumienie gmina–powiat, zlecenie "
    "zadania organizacji, projekt socjalny, wpis do Listy aktywności i usług) i kiedy rodzina to odczuje."
)

MARKS = {Availability.SAME: "✔", Availability.WEAKER: "◐", Availability.MISSING: "✖"}
CLASSES = {
    Availability.SAME: "sk-cmp-same",
    Availability.WEAKER: "sk-cmp-weaker",
    Availability.MISSING: "sk-cmp-missing",
}

STYLE = """
.sk-cmp table { border-collapse: collapse; margin: 6px 0 12px; font-size: 14px; max-width: 100%; }
.sk-cmp th, .sk-cmp td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; vertical-align: top; }
.sk-cmp th { background: #f0f4f8; }
.sk-cmp .sk-cmp-cell { min-width: 8.5em; }
.sk-cmp-same { color: #18794e; }
.sk-cmp-weaker { color: #8a4b00; font-weight: 600; }
.sk-cmp-missing { color: #b42318; font-weight: 600; }
.sk-cmp-task { border-left: 4px solid #0b4f6c; background: #f0f7fb; padding: 6px 12px; margin: 8px 0; }
.sk-cmp textarea { min-height: 110px; }
"""


def comparison_title(home: ServiceDirectory, other: ServiceDirectory) -> str:
    """Return the item's title in the course: which powiats are compared."""
    return f"Porównanie praktyki: {home.powiat} i {other.powiat}"


def _presence_cell(cover: TypePresence) -> str:
    if not cover.present:
        return f"<td class='sk-cmp-cell {CLASSES[Availability.MISSING]}'>✖ brak</td>"
    levels = ", ".join(LEVEL_LABELS[level] for level in sorted(cover.levels))
    css = CLASSES[Availability.SAME if cover.everywhere else Availability.WEAKER]
    gminas = "" if Level.POWIAT in cover.levels else f"<br>gminy: {cover.gminas_with} z {cover.gminas_total}"
    return (
        f"<td class='sk-cmp-cell {css}'>{'✔' if cover.everywhere else '◐'} {cover.institutions} ({e(levels)}){gminas}"
        f"<br>usług: {len(cover.services)}</td>"
    )


def types_table(comparison: PowiatComparison) -> str:
    """Render the Listas type by type: how many institutions, at which level, in how many gminas, and the gaps."""
    head = "".join(f"<th>{e(d.powiat)}</th>" for d in comparison.powiats)
    rows = []
    for row in comparison.rows:
        gaps = "<br>".join(e(f"{comparison.powiats[g.powiat].powiat}: {g.text}") for g in row.gaps) or "–"
        cells = "".join(_presence_cell(c) for c in row.presence)
        rows.append(f"<tr><td>{e(SECTOR_LABELS[row.sector])}</td><td>{e(row.label)}</td>{cells}<td>{gaps}</td></tr>")
    return (
        f"<table class='sk-cmp-types'><tr><th>sektor</th><th>instytucja</th>{head}<th>luki</th></tr>"
        f"{''.join(rows)}</table>"
    )


def sectors_table(comparison: PowiatComparison) -> str:
    """Render how many services each powiat's Lista offers in each sector."""
    head = "".join(f"<th>{e(d.powiat)}</th>" for d in comparison.powiats)
    rows = "".join(
        f"<tr><td>{e(SECTOR_LABELS[sector])}</td>{''.join(f'<td>{n}</td>' for n in counts)}</tr>"
        for sector, counts in comparison.services_by_sector().items()
    )
    return f"<table class='sk-cmp-sectors'><tr><th>sektor (liczba usług)</th>{head}</tr>{rows}</table>"


def case_table(case: Case, home: ServiceDirectory, other: ServiceDirectory) -> str:
    """Render what the reference contract of a case would give the family in the other powiat, action by action."""
    found = case_in_powiat(case, home, other)
    lost = sum(1 for a in found if a.availability is not Availability.SAME)
    rows = "".join(
        f"<tr><td>{e(a.home.name)}<br><span class='sk-muted'>{e(a.sector_label)}, {e(a.level_label)}</span></td>"
        f"<td>{e(a.service_name)}</td><td class='{CLASSES[a.availability]}'>{MARKS[a.availability]} "
        f"{e(a.availability.value)}</td><td>{e(a.reason)}</td></tr>"
        for a in found
    )
    return (
        f"<p>Kontrakt wzorcowy przypadku „{e(case.title)}” ma {len(found)} działań instytucji; w powiecie "
        f"{e(other.powiat)} rodzina dostałaby słabiej albo wcale <b>{lost}</b> z nich.</p>"
        f"<table class='sk-cmp-case'><tr><th>instytucja u nas</th><th>usługa</th><th>w powiecie {e(other.powiat)}</th>"
        f"<th>dlaczego</th></tr>{rows}</table>"
    )


class PowiatComparisonView(w.VBox):
    """Two powiats side by side, a case moved between them, and the trainee's analysis with a G-PZK proposal."""

    def __init__(
        self,
        trainee: str,
        home: ServiceDirectory,
        other: ServiceDirectory,
        *,
        cases: Mapping[str, Case],
        store: DraftStore,
        on_back: Callable[[], None],
    ) -> None:
        """Build the view for ``trainee``; opening it is recorded as a fact of their progress."""
        assert other.id is not None  # a comparison Lista has an id (the model requires it)
        self.trainee, self.home, self.other, self.store = trainee, home, other, store
        self.slot = ANALYSIS_SLOT.format(other.id)
        self.message = w.HTML()
        comparison = compare_powiats([home, other])
        notes = "".join(f"<li><b>{e(d.powiat)}</b>: {e(d.note)}</li>" for d in (home, other) if d.note)
        intro = w.HTML(
            f"<h2>{e(comparison_title(home, other))}</h2><ul>{notes}</ul>"
            "<p>Obie Listy aktywności i usług zestawione typ po typie instytucji: ile ich jest, na jakim poziomie "
            "(gmina, powiat), w ilu gminach i z iloma usługami. ✔ – w każdej gminie albo dla całego powiatu, "
            "◐ – nie wszędzie, ✖ – brak.</p>"
        )
        self.types = w.HTML(types_table(comparison))
        self.sectors = w.HTML(sectors_table(comparison))
        self.case_choice = w.Dropdown(
            options=[(c.title, c.id) for c in sorted(cases.values(), key=lambda c: c.title)],
            description="Przypadek",
            layout=shown(width="min(640px, 96%)"),
            style={"description_width": "80px"},
        )
        self.case_choice.add_class("sk-cmp-case-choice")
        self.case_box = w.HTML()
        self.cases = cases
        self.case_choice.observe(guarded(self.message)(lambda _: self._show_case()), names="value")
        self._show_case()
        saved = store.load_answers(trainee, self.slot)
        self.gap = self._area("Luka albo różnica, którą widzę", saved.get("gap", ""), "sk-cmp-gap")
        self.proposal = self._area("Jak G-PZK wypełni tę lukę", saved.get("proposal", ""), "sk-cmp-proposal")
        save = w.Button(description="Zapisz analizę", button_style="primary", layout=shown(width="auto"))
        save.add_class("sk-cmp-save")
        save.on_click(guarded(self.message)(lambda _: self.save()))
        self.status = w.HTML()
        self.status.add_class("sk-cmp-status")
        task = w.HTML(TASK)
        task.add_class("sk-cmp-task")
        back_top, back_bottom = self._back(on_back), self._back(on_back)
        super().__init__(
            [
                w.HTML(f"<style>{STYLE}</style>"),
                back_top,
                intro,
                self.message,
                w.HTML("<h3>1. Instytucje i luki</h3>"),
                self.types,
                w.HTML("<h3>2. Usługi według sektorów</h3>"),
                self.sectors,
                w.HTML("<h3>3. Gdzie rodzina z przypadku dostałaby mniej pomocy</h3>"),
                self.case_choice,
                self.case_box,
                w.HTML("<h3>4. Twoja analiza</h3>"),
                task,
                self.gap,
                self.proposal,
                w.HBox([save, self.status], layout=shown(align_items="center")),
                back_bottom,
            ]
        )
        self.add_class("sk-cmp")
        store.progress.record(trainee, FactKind.COMPARISON_OPENED, other.id)

    def _area(self, label: str, value: str, css: str) -> w.Textarea:
        area = w.Textarea(
            value=value,
            description=label,
            placeholder=f"co najmniej {MIN_ANALYSIS_CHARS} znaków",
            layout=shown(width="min(860px, 98%)"),
            style={"description_width": "initial"},
        )
        area.add_class(css)
        return area

    def _back(self, on_back: Callable[[], None]) -> w.Button:
        button = w.Button(description="← Wróć do kursu", layout=shown(width="auto"))
        button.add_class("sk-cmp-back")
        button.on_click(guarded(self.message)(lambda _: on_back()))
        return button

    def _show_case(self) -> None:
        case = self.cases.get(self.case_choice.value or "")
        self.case_box.value = case_table(case, self.home, self.other) if case else "<p>Brak przypadków.</p>"

    def save(self) -> None:
        """Keep the analysis as written; count the item done only when both parts say enough."""
        gap, proposal = self.gap.value, self.proposal.value
        self.store.save_answers(self.trainee, self.slot, {"gap": gap, "proposal": proposal})
        problems = analysis_problems(gap, proposal)
        if problems:
            self.status.value = f"<span class='sk-cmp-weaker'>Zapisano, ale jeszcze: {e('; '.join(problems))}.</span>"
            return
        assert self.other.id is not None
        self.store.progress.record(self.trainee, FactKind.COMPARISON_ANALYSED, self.other.id)
        self.status.value = "<span class='sk-cmp-same'>✔ Analiza zapisana – porównanie ukończone.</span>"


class ComparisonOpener:
    """What the course view needs for its comparison items: their titles, and the view to show for one."""

    def __init__(
        self,
        home: ServiceDirectory,
        others: Mapping[str, ServiceDirectory],
        *,
        cases: Mapping[str, Case],
        store: DraftStore,
        back: Callable[[], None],
    ) -> None:
        """``others`` are the comparison Listas by id; ``back`` returns to the course."""
        self.home, self.others, self.cases, self.store, self.back = (
            home,
            others,
            cases,
            store,
            back,
        )

    def title(self, powiat_id: str) -> str:
        """Return the course item's title."""
        other = self.others.get(powiat_id)
        return comparison_title(self.home, other) if other else f"Porównanie z powiatem {powiat_id}"

    def open(self, powiat_id: str, trainee: str) -> w.Widget:
        """Build the trainee's comparison with one powiat (or say plainly that its Lista is not on this server)."""
        other = self.others.get(powiat_id)
        if other is not None:
            return PowiatComparisonView(
                trainee, self.home, other, cases=self.cases, store=self.store, on_back=self.back
            )
        back = w.Button(description="← Wróć do kursu", layout=shown(width="auto"))
        back.add_class("sk-cmp-back")
        back.on_click(lambda _: self.back())
        text = f"Nie ma Listy aktywności i usług powiatu {powiat_id!r} na tym serwerze; powiedz o tym trenerowi."
        return w.VBox([w.HTML(f"<p class='sk-message'>{e(text)}</p>"), back])
