"""A lesson's self-check on the dashboard: one control per item kind, „Sprawdź”, reasons per item.

Every control works by mouse, keyboard and touch and has an accessible name: radio buttons
(single choice), a checkbox list (multiple choice), one labelled drop-down per left element
(matching), and „Wyżej”/„Niżej” buttons per position (ordering). The buttons stay in place
and the steps move between positions, so keyboard focus stays where the trainee pressed.
Checking is the domain's :func:`check_answers`; this module only shows its result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ..domain.self_check import (
    ITEM_KIND_LABELS,
    Answer,
    Item,
    MatchingItem,
    MultipleChoiceItem,
    OrderingItem,
    SelfCheck,
    SelfCheckResult,
    SingleChoiceItem,
    check_answers,
)
from ..domain.text import count_phrase
from .checklist import CheckList
from .guard import guarded
from .render import e
from .shared_looks import shown

CHOOSE = "— wybierz —"
INSTRUCTIONS = {
    "single_choice": "Wybierz jedną odpowiedź.",
    "multiple_choice": "Zaznacz wszystkie poprawne odpowiedzi.",
    "matching": "Przy każdym elemencie wybierz z listy jego parę.",
    "ordering": "Ułóż kroki przyciskami „Wyżej” i „Niżej”: pierwszy krok na górze.",
}


class ItemControl(w.VBox):
    """One item: its question, the control for its kind, and the reason after checking."""

    def __init__(self, item: Item, number: int, total: int) -> None:
        self.item = item
        self.feedback = w.HTML()
        self.feedback.add_class("sk-sc-feedback")
        heading = w.HTML(
            f"<div class='sk-sc-number'>Pytanie {number} z {total} · {e(ITEM_KIND_LABELS[item.kind])}</div>"
            f"<div class='sk-sc-question'>{e(item.question)}</div>"
            f"<div class='sk-muted'>{e(INSTRUCTIONS[item.kind])}</div>"
        )
        self.control = self._control()
        super().__init__([heading, self.control, self.feedback])
        self.add_class("sk-sc-item")
        self.add_class(f"sk-sc-{item.id}")

    def _control(self) -> w.Widget:
        item = self.item
        if isinstance(item, SingleChoiceItem):
            radio = w.RadioButtons(
                options=[(o.text, o.id) for o in item.options], value=None, layout=shown(width="100%")
            )
            radio.add_class("sk-sc-radio")
            radio.observe(self._changed, names="value")
            return radio
        if isinstance(item, MultipleChoiceItem):
            checks = CheckList([(o.text, o.id) for o in item.options], description="Odpowiedzi")
            checks.observe(self._changed, names="value")
            return checks
        if isinstance(item, MatchingItem):
            self.pairs: dict[str, w.Dropdown] = {}
            rows = []
            for left in item.left:
                pick = w.Dropdown(
                    options=[(CHOOSE, ""), *((r.text, r.id) for r in item.right)],
                    value="",
                    description=left.text,
                    style={"description_width": "45%"},
                    layout=shown(width="100%"),
                )
                pick.add_class("sk-sc-pair")
                pick.observe(self._changed, names="value")
                self.pairs[left.id] = pick
                rows.append(pick)
            box = w.VBox(rows)
            box.add_class("sk-sc-matching")
            return box
        assert isinstance(item, OrderingItem)
        self.order = [s.id for s in item.steps]
        self.texts = {s.id: s.text for s in item.steps}
        self.rows: list[tuple[w.HTML, w.Button, w.Button]] = []
        rows = []
        for position in range(len(self.order)):
            label = w.HTML(layout=shown(flex="1 1 auto"))
            up = w.Button(description="▲ Wyżej", layout=shown(width="auto"), disabled=position == 0)
            down = w.Button(description="▼ Niżej", layout=shown(width="auto"), disabled=position == len(self.order) - 1)
            up.add_class("sk-sc-up")
            down.add_class("sk-sc-down")
            up.on_click(guarded(self.feedback)(lambda _, p=position: self.move(p, -1)))
            down.on_click(guarded(self.feedback)(lambda _, p=position: self.move(p, +1)))
            self.rows.append((label, up, down))
            row = w.HBox([label, up, down])
            row.add_class("sk-sc-step")
            rows.append(row)
        self._show_order()
        box = w.VBox(rows)
        box.add_class("sk-sc-ordering")
        return box

    def move(self, position: int, step: int) -> None:
        """Swap the step at ``position`` with its neighbour above (-1) or below (+1)."""
        other = position + step
        if not 0 <= other < len(self.order):
            return
        self.order[position], self.order[other] = self.order[other], self.order[position]
        self._show_order()
        self._changed(None)

    def _show_order(self) -> None:
        for position, (label, up, down) in enumerate(self.rows):
            text = self.texts[self.order[position]]
            label.value = f"<span class='sk-sc-pos'>{position + 1}.</span> {e(text)}"
            up.tooltip = f"Przesuń wyżej: {text}"
            down.tooltip = f"Przesuń niżej: {text}"

    def answer(self) -> Answer:
        """Return what the trainee has chosen, in the domain's answer shape."""
        item = self.item
        if isinstance(item, SingleChoiceItem):
            value = self.control.value
            return str(value) if value else None
        if isinstance(item, MultipleChoiceItem):
            return [str(v) for v in self.control.value]
        if isinstance(item, MatchingItem):
            return {left: str(pick.value) for left, pick in self.pairs.items() if pick.value}
        return list(self.order)

    def set_answer(self, answer: Answer) -> None:
        """Show a saved answer again (unknown ids are ignored)."""
        item = self.item
        if isinstance(item, SingleChoiceItem):
            known = {o.id for o in item.options}
            self.control.value = answer if isinstance(answer, str) and answer in known else None
        elif isinstance(item, MultipleChoiceItem):
            self.control.value = tuple(answer) if isinstance(answer, list) else ()
        elif isinstance(item, MatchingItem):
            given = answer if isinstance(answer, dict) else {}
            rights = {r.id for r in item.right}
            for left, pick in self.pairs.items():
                pick.value = given.get(left, "") if given.get(left, "") in rights else ""
        elif isinstance(answer, list) and sorted(answer) == sorted(self.order):
            self.order = list(answer)
            self._show_order()

    def show(self, correct: bool, feedback: str, *, reveal: bool = False) -> None:
        """Show the reason for this item, marked right or wrong by a sign too (not only by colour).

        ``reveal`` adds the explanation of the key to a wrong answer, once the self-check is passed
        and a retry no longer needs the trainee to work it out.
        """
        mark, css = ("✔", "sk-sc-right") if correct else ("✖", "sk-sc-wrong")
        extra = f"<br><b>Wyjaśnienie:</b> {e(self.item.explanation)}" if reveal and not correct else ""
        self.feedback.value = f"<div class='{css}'><b>{mark}</b> {e(feedback)}{extra}</div>"

    def _changed(self, _: Any) -> None:
        """Drop the old reason: a changed answer is not the checked one any more."""
        self.feedback.value = ""


class SelfCheckView(w.VBox):
    """All items of a lesson's self-check with „Sprawdź”; calls ``on_result`` with every checked attempt."""

    def __init__(
        self,
        self_check: SelfCheck,
        on_result: Callable[[SelfCheckResult], None] | None = None,
        answers: Mapping[str, Answer] | None = None,
    ) -> None:
        self.self_check = self_check
        self.on_result = on_result
        self.result: SelfCheckResult | None = None
        total = len(self_check.items)
        self.items = [ItemControl(item, n, total) for n, item in enumerate(self_check.items, start=1)]
        for control in self.items:
            if answers and control.item.id in answers:
                control.set_answer(answers[control.item.id])
        self.summary = w.HTML()
        self.summary.add_class("sk-sc-summary")
        check = w.Button(description="Sprawdź", button_style="primary", tooltip="Sprawdź odpowiedzi")
        check.add_class("sk-sc-check")
        check.on_click(guarded(self.summary)(lambda _: self.check()))
        title = self_check.title or "Samosprawdzenie"
        intro = w.HTML(
            f"<h3>{e(title)}</h3><p>{count_phrase(total, 'pytanie', 'pytania', 'pytań')}; aby zaliczyć, "
            f"odpowiedz dobrze na co najmniej {self_check.required_correct}. Możesz sprawdzać dowolnie wiele razy.</p>"
        )
        super().__init__([intro, *self.items, check, self.summary])
        self.add_class("sk-self-check")

    def answers(self) -> dict[str, Answer]:
        """Return the trainee's current answers by item id."""
        return {control.item.id: control.answer() for control in self.items}

    def check(self) -> SelfCheckResult:
        """Check the answers, show the reason per item and the summary, and report the attempt."""
        result = check_answers(self.self_check, self.answers())
        for control, item_result in zip(self.items, result.items, strict=True):
            control.show(item_result.correct, item_result.feedback, reveal=result.passed)
        self.result = result
        if result.passed:
            self.summary.value = (
                f"<div class='sk-sc-passed'><b>✔ Zaliczone:</b> {result.correct_count} z {len(result.items)} "
                "poprawnych odpowiedzi. Przeczytaj wyjaśnienia przy pytaniach.</div>"
            )
        else:
            wrong = len(result.items) - result.correct_count
            self.summary.value = (
                f"<div class='sk-sc-failed'><b>Jeszcze nie zaliczone:</b> {result.correct_count} z "
                f"{len(result.items)} poprawnych, potrzeba {result.required}. Popraw "
                f"{count_phrase(wrong, 'pytanie oznaczone', 'pytania oznaczone', 'pytań oznaczonych')} ✖ "
                "i kliknij „Sprawdź” jeszcze raz.</div>"
            )
        if self.on_result is not None:
            self.on_result(result)
        return result
