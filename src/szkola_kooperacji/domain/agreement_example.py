"""An expert's cooperation agreement for a case's gmina and powiat: the exercise's reference solution.

The source exercise's work cell holds it, so a trainer running the source notebook sees what a
complete agreement scores; nbgrader removes it from the released exercise.
"""

from __future__ import annotations

import datetime as dt

from .agreement import AgreementPlace, CooperationAgreement, InfoBasis, Party, TeamMember
from .codes import Level, Sector


def example_agreement(case_id: str, place: AgreementPlace) -> CooperationAgreement:
    """Return a complete agreement between ``place``'s gmina and powiat that meets every rule."""
    return CooperationAgreement(
        case_id=case_id,
        parties=[
            Party(
                level=Level.GMINA,
                name=f"Gmina {place.gmina}",
                unit="Gminny Ośrodek Pomocy Społecznej",
                coordinator="animator gminny – pracownik socjalny GOPS",
                signatories=["Wójt Gminy", "Skarbnik Gminy (kontrasygnata)"],
            ),
            Party(
                level=Level.POWIAT,
                name=place.powiat[:1].upper() + place.powiat[1:],
                unit="Powiatowe Centrum Pomocy Rodzinie",
                coordinator="animator powiatowy – specjalista pracy z rodziną PCPR",
                signatories=["Starosta", "Wicestarosta"],
            ),
        ],
        purpose=(
            "Wspólne, wielosektorowe wsparcie rodzin i osób z gminy w trudnej sytuacji na podstawie "
            "zindywidualizowanej diagnozy potrzeb i kontraktu socjalnego."
        ),
        scope=[
            "wspólna diagnoza potrzeb rodziny w gminno-powiatowym zespole kooperacji",
            "kontrakt socjalny z działaniami instytucji gminy i powiatu",
            "aktualizacja Listy aktywności i usług powiatu raz w roku",
            "wymiana doświadczeń i wspólne szkolenia pracowników",
        ],
        team=[
            TeamMember(institution="GOPS", sector=Sector.POMOC_SPOLECZNA, level=Level.GMINA),
            TeamMember(institution="szkoła podstawowa w gminie", sector=Sector.EDUKACJA, level=Level.GMINA),
            TeamMember(institution="PCPR", sector=Sector.POMOC_SPOLECZNA, level=Level.POWIAT),
            TeamMember(institution="Powiatowy Urząd Pracy", sector=Sector.RYNEK_PRACY, level=Level.POWIAT),
            TeamMember(
                institution="dzielnicowy Komendy Powiatowej Policji", sector=Sector.BEZPIECZENSTWO, level=Level.POWIAT
            ),
        ],
        meetings=(
            "Zespół spotyka się raz w miesiącu, a w sprawie pilnej w ciągu 7 dni. Spotkania zwołuje i prowadzi "
            "animator gminny; decyzje zapadają w porozumieniu z rodziną i są zapisywane w protokole."
        ),
        information=(
            "Członkowie zespołu wymieniają tylko informacje potrzebne do diagnozy i realizacji kontraktu "
            "socjalnego rodziny, w zakresie wskazanym w jej zgodzie."
        ),
        info_bases=[InfoBasis.ZGODA, InfoBasis.POUFNOSC],
        starts=dt.date(2027, 1, 1),
        ends=dt.date(2028, 12, 31),
        evaluation="Po każdym roku strony przygotowują wspólne sprawozdanie i wnioski do zmiany porozumienia.",
    )
