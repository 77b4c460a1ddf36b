"""Which self-check items a group gets wrong: per item, the share of trainees who missed it.

A trainee may try a self-check several times; the first attempt shows what the lesson did
not get across, the last one what is still not understood. Both are counted per trainee,
so one trainee's many retries do not weigh more than another's single attempt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .self_check import ITEM_KIND_LABELS, SelfCheck, SelfCheckResult


@dataclass(frozen=True)
class ItemStatistic:
    """One item's figures over a group."""

    item_id: str
    kind: str
    question: str
    trainees: int
    wrong_first: int
    wrong_last: int

    @property
    def share_wrong_first(self) -> float:
        """Return the share (0–1) of trainees who got the item wrong on their first attempt."""
        return self.wrong_first / self.trainees if self.trainees else 0.0

    @property
    def share_wrong_last(self) -> float:
        """Return the share (0–1) of trainees still wrong on their latest attempt."""
        return self.wrong_last / self.trainees if self.trainees else 0.0


def item_statistics(self_check: SelfCheck, attempts: Mapping[str, Sequence[SelfCheckResult]]) -> list[ItemStatistic]:
    """Return per-item figures over trainees' attempts (trainee → attempts, oldest first), hardest first.

    Attempts of another lesson are ignored; a trainee with no attempt is not counted.
    """
    mine = {t: [a for a in tried if a.lesson == self_check.lesson] for t, tried in attempts.items()}
    mine = {t: tried for t, tried in mine.items() if tried}
    stats = []
    for item in self_check.items:
        first = [_wrong(tried[0], item.id) for tried in mine.values()]
        last = [_wrong(tried[-1], item.id) for tried in mine.values()]
        stats.append(
            ItemStatistic(
                item_id=item.id,
                kind=ITEM_KIND_LABELS[item.kind],
                question=item.question,
                trainees=len(mine),
                wrong_first=sum(first),
                wrong_last=sum(last),
            )
        )
    return sorted(stats, key=lambda s: (-s.share_wrong_first, -s.share_wrong_last))


def _wrong(result: SelfCheckResult, item_id: str) -> bool:
    """Tell whether the attempt got the item wrong; an item added after the attempt is not counted wrong."""
    found = next((r for r in result.items if r.item_id == item_id), None)
    return found is not None and not found.correct
