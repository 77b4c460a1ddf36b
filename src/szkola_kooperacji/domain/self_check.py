"""Self-checks after a lesson: items of four kinds, their answer keys, and checking with reasons.

A self-check is data a trainer edits (``courses/samosprawdzenia/<lesson>.yaml``). Every item
carries the reason why its key is right (``explanation``) and what a wrong answer misses
(``hint``, shown without giving the key away, so a retry still means thinking). Whether a key
is coherent (options exist, a matching is one-to-one, an ordering is a permutation) is checked
by :func:`self_check_issues`, which the data layer runs with exact locations.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Literal

from pydantic import Field

from .base import DomainModel, Identifier, LongText, ShortText
from .integrity import Issue, Loc

MAX_OPTIONS = 10
"""More options than fit on a 1024×768 screen without scrolling past the question."""


class Option(DomainModel):
    """One answer option, matching side or step, with an optional reason shown when it is chosen wrongly."""

    id: Identifier
    text: ShortText = Field(min_length=1, description="Treść odpowiedzi, elementu albo kroku.")
    why: LongText = Field(
        default="", description="Dlaczego ta odpowiedź jest (nie)poprawna; pokazywane, gdy uczestnik się pomyli."
    )


class _ItemBase(DomainModel):
    id: Identifier
    question: LongText = Field(min_length=1, description="Pytanie albo polecenie (po polsku).")
    explanation: LongText = Field(min_length=1, description="Dlaczego odpowiedź wzorcowa jest poprawna.")
    hint: LongText = Field(min_length=1, description="Co przemyśleć po błędnej odpowiedzi – bez podawania klucza.")


class SingleChoiceItem(_ItemBase):
    """Choose exactly one option."""

    kind: Literal["single_choice"] = "single_choice"
    options: list[Option] = Field(min_length=2, max_length=MAX_OPTIONS)
    answer: Identifier = Field(description="id poprawnej odpowiedzi.")


class MultipleChoiceItem(_ItemBase):
    """Choose every correct option and none of the others."""

    kind: Literal["multiple_choice"] = "multiple_choice"
    options: list[Option] = Field(min_length=2, max_length=MAX_OPTIONS)
    answer: list[Identifier] = Field(min_length=1, max_length=MAX_OPTIONS, description="id wszystkich poprawnych.")


class MatchingItem(_ItemBase):
    """Pair each left element (e.g. a need) with one right element (e.g. a sector); extra rights are distractors."""

    kind: Literal["matching"] = "matching"
    left: list[Option] = Field(min_length=2, max_length=MAX_OPTIONS)
    right: list[Option] = Field(min_length=2, max_length=MAX_OPTIONS)
    answer: dict[Identifier, Identifier] = Field(description="id z left → id z right, każde z right najwyżej raz.")


class OrderingItem(_ItemBase):
    """Put the steps in order; ``steps`` is the order shown, ``answer`` the right one."""

    kind: Literal["ordering"] = "ordering"
    steps: list[Option] = Field(min_length=3, max_length=MAX_OPTIONS)
    answer: list[Identifier] = Field(max_length=MAX_OPTIONS, description="id kroków w dobrej kolejności.")


Item = Annotated[SingleChoiceItem | MultipleChoiceItem | MatchingItem | OrderingItem, Field(discriminator="kind")]

ITEM_KIND_LABELS: dict[str, str] = {
    "single_choice": "jednokrotny wybór",
    "multiple_choice": "wielokrotny wybór",
    "matching": "dopasowanie",
    "ordering": "kolejność",
}


class SelfCheck(DomainModel):
    """The self-check of one lesson (``kind: self_check``)."""

    schema_version: Literal[1] = 1
    kind: Literal["self_check"] = "self_check"
    lesson: Identifier = Field(description="id lekcji: nazwa notatnika z notebooks/ bez .ipynb.")
    title: ShortText = ""
    pass_threshold: float = Field(
        default=0.8, gt=0, le=1, description="Jaka część pytań (0–1) musi być poprawna, by zaliczyć."
    )
    items: list[Item] = Field(min_length=1, max_length=30)

    @property
    def required_correct(self) -> int:
        """Return how many items must be right to pass (the threshold rounded up)."""
        return max(1, math.ceil(self.pass_threshold * len(self.items) - 1e-9))

    def item(self, item_id: str) -> Item | None:
        """Return one item by id."""
        return next((i for i in self.items if i.id == item_id), None)


Answer = str | list[str] | dict[str, str] | None
"""A trainee's answer: an option id, a list of option ids or of steps in order, or left id → right id."""


class ItemResult(DomainModel):
    """How one item was answered, with the Polish reason."""

    item_id: Identifier
    correct: bool
    answered: bool
    feedback: LongText
    answer: Answer = None


class SelfCheckResult(DomainModel):
    """A checked attempt: per-item results and whether the self-check is passed."""

    lesson: Identifier
    items: list[ItemResult]
    correct_count: int = Field(ge=0)
    required: int = Field(ge=1)
    passed: bool

    @property
    def answers(self) -> dict[str, Answer]:
        """Return the answers of this attempt by item id, to show them again (e.g. after a restart)."""
        return {r.item_id: r.answer for r in self.items}

    @property
    def wrong_items(self) -> list[str]:
        """Return the ids of items answered wrongly or not at all."""
        return [r.item_id for r in self.items if not r.correct]


RIGHT = "Dobrze."
WRONG = "Jeszcze nie."
UNANSWERED = "Brak odpowiedzi."


def check_answers(self_check: SelfCheck, answers: Mapping[str, Answer]) -> SelfCheckResult:
    """Check every item against its key and say why, item by item; a missing answer counts as wrong."""
    results = [_check(item, answers.get(item.id)) for item in self_check.items]
    correct = sum(r.correct for r in results)
    return SelfCheckResult(
        lesson=self_check.lesson,
        items=results,
        correct_count=correct,
        required=self_check.required_correct,
        passed=correct >= self_check.required_correct,
    )


def _check(item: Item, answer: Answer) -> ItemResult:
    if not _answered(item, answer):
        return ItemResult(
            item_id=item.id, correct=False, answered=False, feedback=f"{UNANSWERED} {item.hint}", answer=answer
        )
    reasons: list[str]
    if isinstance(item, SingleChoiceItem):
        correct = answer == item.answer
        reasons = [o.why for o in item.options if o.id == answer and o.why]
    elif isinstance(item, MultipleChoiceItem):
        chosen = set(answer) if isinstance(answer, list) else set()
        key = set(item.answer)
        correct = chosen == key
        # reasons for what is chosen but wrong, then for what is right but missed
        reasons = [o.why for o in item.options if o.why and ((o.id in chosen) != (o.id in key))]
    elif isinstance(item, MatchingItem):
        given = answer if isinstance(answer, dict) else {}
        wrong = [o for o in item.left if given.get(o.id) != item.answer.get(o.id)]
        correct = not wrong
        unpaired = [f"„{o.text}”" for o in item.left if not given.get(o.id)]
        reasons = [f"Brak pary dla: {', '.join(unpaired)}."] if unpaired else []
        reasons += [o.why for o in wrong if o.why and given.get(o.id)]
    else:
        order = answer if isinstance(answer, list) else []
        correct = order == item.answer
        misplaced = {s for s, k in zip(order, item.answer, strict=False) if s != k}
        reasons = [o.why for o in item.steps if o.id in misplaced and o.why]
    feedback = f"{RIGHT} {item.explanation}" if correct else " ".join([WRONG, *reasons, item.hint])
    return ItemResult(item_id=item.id, correct=correct, answered=True, feedback=feedback, answer=answer)


def _answered(item: Item, answer: Answer) -> bool:
    """Tell whether the trainee gave any answer at all (in a matching: at least one pair)."""
    if answer is None or answer in ("", [], {}):
        return False
    if isinstance(item, MatchingItem):
        return isinstance(answer, dict) and any(answer.get(o.id) for o in item.left)
    return True


def self_check_issues(self_check: SelfCheck) -> list[Issue]:
    """Return every incoherent answer key or repeated id, located as a trainer writes it in YAML."""
    issues = list(_repeated_ids(("items",), [i.id for i in self_check.items], "pytania"))
    for index, item in enumerate(self_check.items):
        issues.extend(item_issues(item, ("items", index)))
    return issues


def item_issues(item: Item, at: Loc = ()) -> list[Issue]:
    """Return what is wrong with one item's options and answer key."""
    if isinstance(item, SingleChoiceItem | MultipleChoiceItem):
        issues = _option_issues(item.options, (*at, "options"))
        known = {o.id for o in item.options}
        keys = [item.answer] if isinstance(item, SingleChoiceItem) else item.answer
        for index, key in enumerate(keys):
            loc = (*at, "answer") if isinstance(item, SingleChoiceItem) else (*at, "answer", index)
            if key not in known:
                issues.append(Issue(loc, f"odpowiedź {key!r} nie jest żadną z opcji", _one_of(known)))
        if isinstance(item, MultipleChoiceItem):
            issues.extend(_repeated_keys((*at, "answer"), item.answer, "odpowiedź"))
        return issues
    if isinstance(item, MatchingItem):
        return _matching_issues(item, at)
    return _ordering_issues(item, at)


def _matching_issues(item: MatchingItem, at: Loc) -> list[Issue]:
    issues = [*_option_issues(item.left, (*at, "left")), *_option_issues(item.right, (*at, "right"))]
    lefts, rights = [o.id for o in item.left], {o.id for o in item.right}
    for left, right in item.answer.items():
        if left not in lefts:
            issues.append(Issue((*at, "answer", left), f"{left!r} nie jest elementem z left", _one_of(set(lefts))))
        elif right not in rights:
            issues.append(Issue((*at, "answer", left), f"{right!r} nie jest elementem z right", _one_of(rights)))
    missing = [left for left in lefts if left not in item.answer]
    if missing:
        issues.append(
            Issue((*at, "answer"), f"brak pary dla: {', '.join(missing)}", "para dla każdego elementu z left")
        )
    used: dict[str, str] = {}
    for left, right in item.answer.items():
        if right in used:
            issues.append(
                Issue(
                    (*at, "answer", left),
                    f"{right!r} jest już parą dla {used[right]!r} (dopasowanie nie jest wzajemnie jednoznaczne)",
                    "każdy element z right w najwyżej jednej parze",
                )
            )
        used.setdefault(right, left)
    return issues


def _ordering_issues(item: OrderingItem, at: Loc) -> list[Issue]:
    issues = _option_issues(item.steps, (*at, "steps"))
    steps = [s.id for s in item.steps]
    unknown = [(i, k) for i, k in enumerate(item.answer) if k not in steps]
    for index, key in unknown:
        issues.append(Issue((*at, "answer", index), f"krok {key!r} nie jest żadnym z kroków", _one_of(set(steps))))
    issues.extend(_repeated_keys((*at, "answer"), item.answer, "krok"))
    missing = [s for s in steps if s not in item.answer]
    if missing:
        issues.append(
            Issue(
                (*at, "answer"),
                f"kolejność nie jest permutacją kroków: brak {', '.join(missing)}",
                "każdy krok z steps dokładnie raz",
            )
        )
    if not issues and steps == item.answer:
        issues.append(
            Issue(
                (*at, "steps"),
                "kroki są już podane w dobrej kolejności (uczestnik nie musi nic układać)",
                "kroki w steps w innej kolejności niż w answer",
            )
        )
    return issues


def _option_issues(options: Sequence[Option], at: Loc) -> list[Issue]:
    issues = list(_repeated_ids(at, [o.id for o in options], "opcji"))
    seen: set[str] = set()
    for index, option in enumerate(options):
        text = " ".join(option.text.casefold().split())
        if text in seen:
            issues.append(
                Issue((*at, index, "text"), f"opcja {option.text!r} powtarza się", "każda opcja z inną treścią")
            )
        seen.add(text)
    return issues


def _repeated_ids(at: Loc, ids: Sequence[str], what: str) -> Iterator[Issue]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Issue((*at, index, "id"), f"id {item_id!r} {what} powtarza się", "każde id inne")
        seen.add(item_id)


def _repeated_keys(at: Loc, keys: Sequence[str], what: str) -> Iterator[Issue]:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            yield Issue((*at, index), f"{what} {key!r} powtarza się", "każde id najwyżej raz")
        seen.add(key)


def _one_of(ids: set[str]) -> str:
    return f"id jednej z: {', '.join(sorted(ids))}"
