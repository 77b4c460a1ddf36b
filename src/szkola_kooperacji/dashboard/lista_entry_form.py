"""The fields of a proposed Lista entry: the institution's, and one card per service, labelled in Polish.

Each field edits the trainee's ``EntryDraft`` (``binding.bind``: a PESEL or a character the printed
contract cannot draw is refused there, as in every editor) and shows under itself what the Lista's
check (``data.proposal.check_draft``) found in it. The trainee never sees the Lista's field names or
ids: a finding is placed by its field path (``services[1].for_whom``) and worded for the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionWidget

from ..data.problems import Problem
from ..domain.codes import (
    AREA_LABELS,
    CLIENT_GROUP_LABELS,
    LEVEL_LABELS,
    SECTOR_LABELS,
    Area,
    ClientGroup,
    Level,
    Sector,
)
from ..domain.directory import InstitutionType, ServiceDirectory, ServiceKind
from ..domain.lista_entry import (
    INSTITUTION_FIELD_LABELS,
    SERVICE_FIELD_LABELS,
    SERVICE_PATH,
    EntryDraft,
    ServiceDraft,
    slug,
)
from ..domain.powiat_comparison import INSTITUTION_TYPE_LABELS
from . import options
from .binding import Changed, FieldMessages, bind
from .checklist import CheckList
from .confirm import ConfirmedDelete
from .diagnosis_builder import row
from .render import e
from .shared_looks import shown

FULL = shown(width="100%")
LISTA = "lista"
"""Key of a field's message from the Lista's check (``bind`` keys its refusals by the model's field)."""

KIND_LABELS: dict[ServiceKind, str] = {
    ServiceKind.USLUGA: "usługa: pomoc, poradnictwo, zajęcia",
    ServiceKind.SWIADCZENIE: "świadczenie: zasiłek, dodatek, dofinansowanie (przyznawane decyzją lub na wniosek)",
    ServiceKind.SRODEK: "środek: skierowanie, zobowiązanie, nadzór (decyduje sąd lub organ)",
}
GMINA_NONE = "— cały powiat albo kilka gmin —"


class FormField(w.VBox):
    """One field: its label and a short help above the control, its refusals and findings below."""

    def __init__(self, control: w.DOMWidget, label: str, help_text: str, css: str) -> None:
        """Label ``control``; a checkbox list is labelled by its own title (``checks`` makes it so)."""
        self.control, self.label = control, label
        help_part = f"<span class='sk-entry-help'>{e(help_text)}</span>" if help_text else ""
        parts: list[w.Widget] = [control]
        if isinstance(control, w.Checkbox):
            control.description = label  # a checkbox is named by the label beside it
            parts += [w.HTML(help_part)] if help_part else []
        elif isinstance(control, DescriptionWidget):
            control.tooltip = label  # its name for a screen reader (the label above is not tied to it)
            parts.insert(0, w.HTML(f"<span class='sk-entry-label'>{e(label)}</span>{help_part}"))
        control.add_class(css)
        self.messages = FieldMessages()
        self.messages.add_class("sk-entry-message")
        super().__init__([*parts, self.messages])
        self.add_class("sk-entry-field")

    def show(self, findings: list[str]) -> None:
        """Show the Lista's findings about this field (escaped text), or clear them."""
        self.messages.report(LISTA, "<br>".join(e(f) for f in findings) or None)


def text_field(
    value: str, label: str, help_text: str, css: str, placeholder: str = "", *, long: bool = False
) -> FormField:
    """Return a one-line (or, ``long``, a several-line) text field."""
    kind = w.Textarea if long else w.Text
    control = kind(value=value, placeholder=placeholder, continuous_update=False)  # as wide as the field (CSS)
    return FormField(control, label, help_text, css)


def choice_field(
    choices: Iterable[tuple[str, Any]], value: Any, label: str, help_text: str, css: str, *, blank: bool = True
) -> FormField:
    """Return a dropdown that starts at "— wybierz —" until something is chosen (``blank``), else at ``value``."""
    offered = [(options.NONE_LABEL, options.NONE), *choices] if blank else list(choices)
    chosen = options.NONE if value is None else value
    return FormField(w.Dropdown(options=offered, value=chosen), label, help_text, css)


def checks(choices: list[tuple[str, Any]], value: Iterable[Any], label: str, help_text: str, css: str) -> FormField:
    """Return a list of checkboxes titled by the label and its help (the title names the group)."""
    control = CheckList(choices, tuple(value), description=f"{label} ({help_text})")
    return FormField(control, label, "", css)


class ServiceCard(w.VBox):
    """One service of the entry: what it gives, to whom, on what terms; removable."""

    def __init__(
        self, service: ServiceDraft, number: int, changed: Changed, remove: Callable[[ServiceCard], None]
    ) -> None:
        self.service = service
        self.title = w.HTML()
        self.delete = ConfirmedDelete("Usuń usługę", "Usunąć tę usługę z propozycji?", lambda: remove(self))
        self.fields: dict[str, FormField] = {
            "name": text_field(
                service.name,
                SERVICE_FIELD_LABELS["name"],
                "np. „Warsztaty kulinarne dla rodzin”",
                "sk-entry-service-name",
            ),
            "description": text_field(
                service.description,
                SERVICE_FIELD_LABELS["description"],
                "co dokładnie daje, komu, jak często",
                "sk-entry-description",
                long=True,
            ),
            "for_whom": checks(
                [(CLIENT_GROUP_LABELS[g], g) for g in ClientGroup],
                service.for_whom,
                SERVICE_FIELD_LABELS["for_whom"],
                "co najmniej jedna grupa",
                "sk-entry-for-whom",
            ),
            "areas": checks(
                [(AREA_LABELS[a], a) for a in Area],
                service.areas,
                SERVICE_FIELD_LABELS["areas"],
                "po tych potrzebach znajdzie się usługę na Liście",
                "sk-entry-areas",
            ),
            "kind": choice_field(
                [(KIND_LABELS[k], k) for k in ServiceKind],
                service.kind,
                SERVICE_FIELD_LABELS["kind"],
                "",
                "sk-entry-kind",
                blank=False,
            ),
            "legal_basis": text_field(
                service.legal_basis,
                SERVICE_FIELD_LABELS["legal_basis"],
                "wymagana przy świadczeniu i środku",
                "sk-entry-legal-basis",
                "np. art. 41 ust. 1 ustawy o pomocy społecznej",
            ),
            "eligibility": text_field(
                service.eligibility,
                SERVICE_FIELD_LABELS["eligibility"],
                "kto może skorzystać, np. kryterium dochodowe",
                "sk-entry-eligibility",
            ),
            "cost": text_field(service.cost, SERVICE_FIELD_LABELS["cost"], "", "sk-entry-cost"),
            "wait_days": FormField(
                w.IntText(value=service.wait_days, description="dni"),  # a number field is named by its label
                SERVICE_FIELD_LABELS["wait_days"],
                "0 – od razu",
                "sk-entry-wait",
            ),
            "referral_needed": FormField(
                w.Checkbox(value=service.referral_needed, indent=False, layout=FULL),
                SERVICE_FIELD_LABELS["referral_needed"],
                "",
                "sk-entry-referral",
            ),
        }
        for name, field in self.fields.items():
            convert = list if name in ("for_whom", "areas") else _same
            bind(field.control, service, name, changed, field.messages, to_model=convert)
        self.card_messages = FieldMessages()  # findings about the service as a whole (a kind without its basis)
        f = self.fields
        self.number(number)
        super().__init__(
            [
                w.VBox([row(self.title, self.delete, css="sk-card-head"), self.delete.bar]),
                f["name"],
                f["description"],
                row(f["for_whom"], f["areas"], css="sk-pair"),
                f["kind"],
                f["legal_basis"],
                self.card_messages,
                f["eligibility"],
                row(f["cost"], f["wait_days"], css="sk-pair"),
                f["referral_needed"],
            ]
        )
        self.add_class("sk-card")
        self.add_class("sk-entry-service")

    def show_whole(self, problems: list[Problem]) -> None:
        """Show what the Lista's rules found in the service as a whole, its field names as the form labels them."""
        labels = {name: f"„{field.label}”" for name, field in self.fields.items()}
        words = re.compile(r"\b(" + "|".join(labels) + r")\b")
        texts = [words.sub(lambda m: labels[m.group(1)], p.found) for p in problems]
        self.card_messages.report(LISTA, "<br>".join(e(t) for t in texts) or None)

    def number(self, number: int) -> None:
        """Title the card by its place in the entry (after a service above it is removed)."""
        self.title.value = f"<b>Usługa {number}</b>"


def _same(value: Any) -> Any:
    return value


class InstitutionFields(w.VBox):
    """The institution's own fields: name, type, sector, level, gmina, place, bus, contact."""

    def __init__(self, draft: EntryDraft, directory: ServiceDirectory, changed: Changed) -> None:
        gminas = [(GMINA_NONE, options.NONE), *((g.name, g.id) for g in directory.gminas)]
        gmina = FormField(
            # a kept gmina the Lista no longer has shows as none chosen; the check names it at the field
            w.Dropdown(options=gminas, value=draft.gmina if directory.gmina_name(draft.gmina or "") else options.NONE),
            INSTITUTION_FIELD_LABELS["gmina"],
            "gdy instytucja działa w jednej gminie",
            "sk-entry-gmina",
        )
        self.fields: dict[str, FormField] = {
            "name": text_field(
                draft.name,
                INSTITUTION_FIELD_LABELS["name"],
                "pełna nazwa, np. „Koło Gospodyń Wiejskich w Czaplicach” (instytucja fikcyjna)",
                "sk-entry-name",
            ),
            "type": choice_field(
                [(INSTITUTION_TYPE_LABELS[t], t) for t in InstitutionType],
                draft.type,
                INSTITUTION_FIELD_LABELS["type"],
                "",
                "sk-entry-type",
            ),
            "sector": choice_field(
                [(SECTOR_LABELS[s], s) for s in Sector],
                draft.sector,
                INSTITUTION_FIELD_LABELS["sector"],
                "",
                "sk-entry-sector",
            ),
            "level": choice_field(
                [(LEVEL_LABELS[lv], lv) for lv in Level],
                draft.level,
                INSTITUTION_FIELD_LABELS["level"],
                "dla kogo działa: gmina, powiat czy województwo",
                "sk-entry-level",
            ),
            "gmina": gmina,
            "address_note": text_field(
                draft.address_note,
                INSTITUTION_FIELD_LABELS["address_note"],
                "miejscowość i ulica bez numeru, np. „Czaplice, ul. Szkolna”",
                "sk-entry-place",
            ),
            "reachable_by_bus": FormField(
                w.Checkbox(value=draft.reachable_by_bus, indent=False, layout=FULL),
                INSTITUTION_FIELD_LABELS["reachable_by_bus"],
                "",
                "sk-entry-bus",
            ),
            "contact_role": text_field(
                draft.contact_role,
                INSTITUTION_FIELD_LABELS["contact_role"],
                "funkcja, nie imię i nazwisko, np. „przewodnicząca koła”",
                "sk-entry-contact",
            ),
        }
        for name, field in self.fields.items():
            convert = options.or_none if name in ("type", "sector", "level", "gmina") else _same
            bind(field.control, draft, name, changed, field.messages, to_model=convert)
        f = self.fields
        super().__init__(
            # type and sector each on a whole row: their longest choices would be cut in half a row
            [f["name"], f["type"], f["sector"], row(f["level"], f["gmina"], css="sk-pair"),
             f["address_note"], f["reachable_by_bus"], f["contact_role"]]
        )  # fmt: skip


def placed(problems: Iterable[Problem]) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Return the problems by the form field they belong to (``name``, ``services[0].for_whom``), and the rest.

    An id is made from a name, so a problem with an id is shown at the name. A problem with a whole
    service (the model's own rule) is keyed by the service (``services[0]``).
    """
    by_field: dict[str, list[Problem]] = {}
    rest: list[Problem] = []
    for problem in problems:
        key = _field_key(problem.field)
        if key is None:
            rest.append(problem)
        else:
            by_field.setdefault(key, []).append(problem)
    return by_field, rest


def _field_key(field: str) -> str | None:
    top = re.split(r"[.\[]", field, maxsplit=1)[0]
    if top == "id":
        return "name"
    if top in EntryDraft.model_fields and top != "services":
        return top
    service = SERVICE_PATH.match(field)
    if service is None:
        return None
    index, name = service.groups()
    if name is None:
        return f"services[{index}]"
    name = "name" if name == "id" else name
    return f"services[{index}].{name}" if name in ServiceDraft.model_fields else f"services[{index}]"


def finding_text(problem: Problem, control: w.DOMWidget, named: str) -> str:
    """Word one problem for the form: what to do in this field, not the Lista file's field names.

    ``named`` is the text the field holds (the name an id was made from), for a duplicate id.
    """
    choice = isinstance(control, w.Dropdown)
    if problem.found in ("brak pola", "pusty tekst"):
        return "Wybierz jedną z pozycji listy." if choice else "Uzupełnij to pole."
    if problem.field.endswith("id") and "powtarza się" in problem.found:
        made = slug(named)
        if problem.field == "id":
            return (
                f"Na Liście jest już instytucja o takiej nazwie (identyfikator „{made}”). Jeśli to ta sama, "
                "nie trzeba jej dodawać; jeśli inna, dopisz do nazwy np. miejscowość."
            )
        return "Dwie usługi tej instytucji mają tę samą nazwę: nazwij je różnie."
    if problem.field.endswith("id"):
        return "Nazwa musi zawierać litery lub cyfry."
    if problem.found.endswith("elementów") and problem.expected.startswith("co najmniej"):
        return f"Zaznacz {problem.expected} pozycję."
    found = problem.found[:1].upper() + problem.found[1:]
    if choice:  # the list offers only what the Lista takes (a kept value it no longer has)
        return f"{found}: wybierz jedną z pozycji listy."
    return f"{found}; oczekiwano: {problem.expected}."
