"""An expert's protokół of a G-PZK meeting on a case: the exercise's reference solution.

Written for the first meeting on the case after the family's consent: the institutions the
case names bring what they may, on the basis the case allows; the source exercise's work cell
holds it and nbgrader removes it from the released exercise.
"""

from __future__ import annotations

import datetime as dt

from .document import DocumentContext
from .minutes import Attendee, MeetingMinutes, MinutesAction, SharedInformation, knowledge_label
from .sharing import Consent, ShareBasis


def example_minutes(case_id: str, ctx: DocumentContext) -> MeetingMinutes:
    """Return complete minutes of a meeting in ``ctx``'s gmina that meet every rule.

    Information is each item the family consented to share (or that its institution may share
    anyway), named as the minutes name it, with consent as its basis.
    """
    consented = [k for k in ctx.case.knowledge if k.consent is Consent.UDZIELONA]
    allowed = list(dict.fromkeys(k.institution_id for k in consented))
    held = dt.date(2027, 1, 12)
    return MeetingMinutes(
        case_id=case_id,
        held_on=held,
        place=f"Gminny Ośrodek Pomocy Społecznej, gmina {ctx.place.gmina}",
        recorder="animator gminny – pracownik socjalny GOPS",
        attendees=[
            Attendee(institution=f"ośrodek pomocy społecznej gminy {ctx.place.gmina}", function="pracownik socjalny"),
            Attendee(institution="Powiatowe Centrum Pomocy Rodzinie", function="specjalista pracy z rodziną"),
            *(Attendee(institution=ctx.institution_name(i), function="przedstawiciel instytucji") for i in allowed),
        ],
        family_present=True,
        agenda=[
            "informacje instytucji o sytuacji rodziny za zgodą rodziny",
            "potrzeby rodziny i jej oczekiwania",
            "podział zadań i terminy",
        ],
        information=[
            SharedInformation(
                institution_id=k.institution_id, item_id=k.id, summary=knowledge_label(k), basis=ShareBasis.ZGODA
            )
            for k in consented
        ],
        decisions=[
            "zespół proponuje rodzinie kontrakt socjalny z działaniami instytucji gminy i powiatu",
            "rodzina otrzyma kopię protokołu od pracownika socjalnego",
        ],
        actions=[
            MinutesAction(
                what="przygotowanie projektu kontraktu socjalnego", who="GOPS", due=held + dt.timedelta(days=14)
            ),
            MinutesAction(
                what="spotkanie z doradcą zawodowym", who="Powiatowy Urząd Pracy", due=held + dt.timedelta(days=21)
            ),
        ],
        next_meeting=held + dt.timedelta(days=28),
        next_place="GOPS",
    )
