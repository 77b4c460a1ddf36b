"""Match a trainee's needs to the expert reference by area and meaning, not wording.

Signals, strongest first: the same interview findings cited as evidence, the
reference's ``match_terms`` found in the trainee's words, the overlap of word
stems, and shared art. 7 reasons. A need in the same area matches on a modest
signal; in another area only on a strong one. Pairs are taken greedily from
the best score down with ties broken by ids, so the result never depends on
dictionary order: same inputs, same matching.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnosis import Diagnosis, Need
from .text import dice, stems, term_hits

SAME_AREA_THRESHOLD = 0.25
OTHER_AREA_THRESHOLD = 0.6
TERMS_FOR_FULL_MEANING = 2
EVIDENCE_WEIGHT = 0.5
ART7_WEIGHT = 0.1


@dataclass(frozen=True)
class NeedMatch:
    """A trainee's need recognised as one of the reference needs."""

    trainee: Need
    reference: Need
    meaning: float
    same_area: bool


@dataclass(frozen=True)
class NeedMatching:
    """The outcome of matching: pairs, reference needs missed, trainee needs with no counterpart."""

    matches: tuple[NeedMatch, ...]
    missed: tuple[Need, ...]
    spurious: tuple[Need, ...]


def meaning_score(trainee: Need, reference: Need) -> float:
    """Return how strongly a trainee's need means the same as a reference need (0–1+)."""
    trainee_stems = stems(trainee.statement)
    wording = dice(trainee_stems, stems(reference.statement))
    terms = min(1.0, term_hits(trainee_stems, reference.match_terms) / TERMS_FOR_FULL_MEANING)
    score = max(wording, terms)
    cited = {e.finding_id for e in trainee.evidence}
    expected = {e.finding_id for e in reference.evidence}
    if cited and expected:
        score += EVIDENCE_WEIGHT * len(cited & expected) / len(cited | expected)
    if set(trainee.art7) & set(reference.art7):
        score += ART7_WEIGHT
    return score


def match_needs(trainee: Diagnosis, reference: Diagnosis) -> NeedMatching:
    """Pair each reference need with at most one trainee need, best pairs first."""
    candidates: list[tuple[float, str, str, NeedMatch]] = []
    for ref in reference.needs:
        for own in trainee.needs:
            meaning = meaning_score(own, ref)
            same_area = own.area == ref.area
            threshold = SAME_AREA_THRESHOLD if same_area else OTHER_AREA_THRESHOLD
            if meaning >= threshold:
                rank = meaning + (1.0 if same_area else 0.0)
                candidates.append((rank, ref.id, own.id, NeedMatch(own, ref, meaning, same_area)))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_ref: set[str] = set()
    taken_own: set[str] = set()
    matches: list[NeedMatch] = []
    for _, ref_id, own_id, match in candidates:
        if ref_id in taken_ref or own_id in taken_own:
            continue
        taken_ref.add(ref_id)
        taken_own.add(own_id)
        matches.append(match)
    order = {need.id: index for index, need in enumerate(reference.needs)}
    matches.sort(key=lambda m: order[m.reference.id])
    return NeedMatching(
        matches=tuple(matches),
        missed=tuple(n for n in reference.needs if n.id not in taken_ref),
        spurious=tuple(n for n in trainee.needs if n.id not in taken_own),
    )
