"""The cooperation agreement's editor: one box per section, each with its hint and its own live findings.

Every field edits the domain model in place (``binding.bind``: the model's limits and the
PESEL check refuse bad input with a Polish message and keep the text); the workspace saves
the document and runs the rules after each change, then hands the findings back here so each
section shows what the rules say about it, beside the field to fix.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from pydantic import BaseModel

from ..domain.agreement import AGREEMENT_SECTIONS, INFO_BASIS_LABELS, CooperationAgreement, Party, TeamMember
from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS, Level, Sector
from ..domain.document import DocumentContext
from ..domain.document_task import DocumentTask
from .binding import Changed, FieldMessages, bind
from .checklist import CheckList
from .document_editor import WIDE, DocumentEditor, Part, period_fields, text_area, text_part

PARTY_TITLES = {Level.GMINA: "Gmina", Level.POWIAT: "Powiat"}
LEVEL_CHOICES = [(LEVEL_LABELS[level], level) for level in (Level.GMINA, Level.POWIAT)]
SECTOR_CHOICES = [(label, sector) for sector, label in SECTOR_LABELS.items()]


class MemberRow(w.HBox):
    """One institution of the G-PZK: name, sector, level, and a button to take it out."""

    def __init__(self, member: TeamMember, changed: Changed, remove: Callable[[MemberRow], None]) -> None:
        self.member = member
        self.message = FieldMessages()
        self.institution = w.Text(
            value=member.institution, placeholder="np. Powiatowy Urząd Pracy", continuous_update=False
        )
        self.institution.tooltip = "Instytucja w zespole"
        self.institution.add_class("sk-member-institution")
        self.sector = w.Dropdown(options=SECTOR_CHOICES, value=member.sector, layout=w.Layout(width="16em"))
        self.sector.tooltip = "Sektor instytucji"
        self.sector.add_class("sk-member-sector")
        self.level = w.Dropdown(options=LEVEL_CHOICES, value=member.level, layout=w.Layout(width="8em"))
        self.level.tooltip = "Poziom: gmina czy powiat"
        self.level.add_class("sk-member-level")
        drop = w.Button(description="Usuń", layout=w.Layout(width="auto"))
        drop.add_class("sk-member-remove")
        drop.on_click(lambda _: remove(self))
        bind(self.institution, member, "institution", changed, self.message)
        bind(self.sector, member, "sector", changed, self.message)
        bind(self.level, member, "level", changed, self.message)
        super().__init__([self.institution, self.sector, self.level, drop, self.message])
        self.add_class("sk-row")
        self.add_class("sk-member")


class AgreementEditor(DocumentEditor):
    """Edit a porozumienie o współpracy section by section; ``changed`` saves it and re-runs the rules."""

    def __init__(
        self,
        doc: CooperationAgreement,
        task: DocumentTask | None,
        changed: Changed,
        context: DocumentContext | None = None,
    ) -> None:
        self.doc, self.changed = doc, changed
        parts = [
            ("strony", self._parties_part()),
            (
                "cel",
                text_part(
                    doc, "purpose", "Po co gmina i powiat współpracują i komu to służy", "Cel porozumienia", changed
                ),
            ),
            (
                "zakres",
                text_part(
                    doc,
                    "scope",
                    "Jedno wspólne działanie w wierszu",
                    "Zakres wspólnych działań, jedno w wierszu",
                    changed,
                ),
            ),
            ("zespol", self._team_part()),
            (
                "spotkania",
                text_part(
                    doc,
                    "meetings",
                    "Jak często zespół się spotyka, kto go zwołuje i prowadzi",
                    "Zasady spotkań zespołu",
                    changed,
                ),
            ),
            ("informacje", self._information_part()),
            ("koordynatorzy", self._coordinators_part()),
            ("okres", self._period_part()),
            ("podpisy", self._signatures_part()),
        ]
        super().__init__(AGREEMENT_SECTIONS, task, changed, parts, "sk-agreement")

    def _area(self, model: BaseModel, field: str, placeholder: str, tooltip: str, message: FieldMessages) -> w.Textarea:
        return text_area(model, field, placeholder, tooltip, changed=self.changed, message=message)

    def _parties_part(self) -> Part:
        message = FieldMessages()
        fields: list[w.Widget] = []
        for party in self.doc.parties:
            fields += self._party_names(party, message)
        return fields, message

    def _team_part(self) -> Part:
        self.members = w.VBox([MemberRow(m, self.changed, self._remove_member) for m in self.doc.team])
        add = w.Button(description="Dodaj instytucję do zespołu", layout=w.Layout(width="auto"))
        add.add_class("sk-member-add")
        add.on_click(lambda _: self._add_member())
        return [self.members, add], FieldMessages()

    def _information_part(self) -> Part:
        message = FieldMessages()
        text = self._area(
            self.doc, "information", "Jakie informacje zespół wymienia i w jakim celu", "Wymiana informacji", message
        )
        self.bases = CheckList(
            [(label, basis) for basis, label in INFO_BASIS_LABELS.items()],
            tuple(self.doc.info_bases),
            description="Podstawa wymiany informacji",
            layout=WIDE,
        )
        self.bases.add_class("sk-doc-bases")
        bind(self.bases, self.doc, "info_bases", self.changed, message, to_model=list)
        return [text, self.bases], message

    def _coordinators_part(self) -> Part:
        message = FieldMessages()
        fields: list[w.Widget] = []
        for party in self.doc.parties:
            field = w.Text(
                value=party.coordinator,
                description=PARTY_TITLES[party.level],
                continuous_update=False,
                placeholder="funkcja, np. animator gminny – pracownik socjalny OPS",
                layout=WIDE,
            )
            field.add_class(f"sk-doc-coordinator-{party.level.value}")
            bind(field, party, "coordinator", self.changed, message)
            fields.append(field)
        return fields, message

    def _period_part(self) -> Part:
        message = FieldMessages()
        self.starts, self.ends = period_fields(self.doc, self.changed, message)
        evaluation = self._area(
            self.doc, "evaluation", "Jak i kiedy strony ocenią współpracę", "Ocena współpracy", message
        )
        return [w.HBox([self.starts, self.ends]), evaluation], message

    def _signatures_part(self) -> Part:
        message = FieldMessages()
        fields: list[w.Widget] = []
        for party in self.doc.parties:
            title = PARTY_TITLES[party.level]
            area = self._area(
                party, "signatories", "Funkcja podpisującego, jedna w wierszu", f"Podpisy: {title}", message
            )
            area.add_class(f"sk-doc-signatories-{party.level.value}")
            fields += [w.HTML(f"<b>{title}</b>"), area]
        return fields, message

    def _party_names(self, party: Party, message: FieldMessages) -> list[w.Widget]:
        title = PARTY_TITLES[party.level]
        name = w.Text(
            value=party.name,
            description=title,
            continuous_update=False,
            layout=WIDE,
            placeholder="np. Gmina Żurawiec" if party.level == Level.GMINA else "np. Powiat Jarzębiński",
        )
        name.add_class(f"sk-doc-party-{party.level.value}")
        unit = w.Text(
            value=party.unit,
            description="Realizuje",
            continuous_update=False,
            layout=WIDE,
            placeholder="jednostka, np. GOPS" if party.level == Level.GMINA else "jednostka, np. PCPR",
        )
        unit.add_class(f"sk-doc-unit-{party.level.value}")
        bind(name, party, "name", self.changed, message)
        bind(unit, party, "unit", self.changed, message)
        return [name, unit]

    def _add_member(self) -> None:
        member = TeamMember(institution="", sector=Sector.POMOC_SPOLECZNA, level=Level.GMINA)
        self.doc.team.append(member)
        self.members.children = [*self.members.children, MemberRow(member, self.changed, self._remove_member)]
        self.changed()

    def _remove_member(self, row: MemberRow) -> None:
        self.doc.team = [m for m in self.doc.team if m is not row.member]
        self.members.children = [r for r in self.members.children if r is not row]
        row.close()
        self.changed()
