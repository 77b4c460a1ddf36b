"""An expert's projekt socjalny for a group in a case's gmina: the exercise's reference solution.

The source exercise's work cell holds it, so a trainer running the source notebook sees what a
complete project scores; nbgrader removes it from the released exercise.
"""

from __future__ import annotations

import datetime as dt

from .codes import Level, Sector
from .document import DocumentContext
from .social_project import BudgetLine, Indicator, ProjectAction, ProjectPartner, SocialProject


def example_social_project(case_id: str, ctx: DocumentContext) -> SocialProject:
    """Return a complete group project for parents of large families in ``ctx``'s gmina that meets every rule."""
    gmina = ctx.place.gmina
    return SocialProject(
        case_id=case_id,
        title=f"Klub rodziców „Razem łatwiej” w gminie {gmina}",
        diagnosis=(
            f"W gminie {gmina} według danych GOPS 14 rodzin wielodzietnych korzysta z pracy socjalnej z powodu "
            "bezradności w sprawach opiekuńczo-wychowawczych i prowadzenia domu. Z wywiadów wynika, że rodzice, "
            "najczęściej matki samotnie zajmujące się dziećmi przez większą część roku, nie mają czasu ani "
            "dojazdu do usług w mieście powiatowym, nie planują budżetu i są wyczerpani; szkoła zgłasza "
            "nieobecności dzieci. Zasiłki nie zmieniają tej sytuacji, bo problemem są umiejętności i osamotnienie."
        ),
        aim=(
            "Rodzice z rodzin wielodzietnych wzmocnią umiejętności wychowawcze i organizacji domu oraz zbudują "
            "grupę wzajemnego wsparcia, która przetrwa po projekcie."
        ),
        objectives=[
            "uczestnicy poznają sposoby planowania dnia i budżetu domowego",
            "uczestnicy ćwiczą reagowanie na trudne zachowania dzieci",
            "uczestnicy wiedzą, jak skorzystać z poradni i usług powiatu",
            "grupa umawia się na dalsze spotkania samopomocowe",
        ],
        target_group=f"Rodzice z rodzin wielodzietnych z gminy {gmina} objęci pracą socjalną GOPS.",
        group_size=8,
        recruitment=(
            "Pracownicy socjalni GOPS i pedagog szkolny zapraszają rodziców na spotkanie informacyjne; udział jest "
            "dobrowolny, rodzic zgłasza się sam i podpisuje zgodę na udział."
        ),
        starts=dt.date(2027, 2, 1),
        ends=dt.date(2027, 6, 30),
        actions=[
            ProjectAction(
                what="spotkanie informacyjne i rekrutacja", who="pracownik socjalny GOPS", when=dt.date(2027, 2, 10)
            ),
            ProjectAction(
                what="cykl 8 warsztatów umiejętności wychowawczych",
                who="psycholog Poradni Psychologiczno-Pedagogicznej",
                when=dt.date(2027, 3, 1),
            ),
            ProjectAction(
                what="warsztaty planowania budżetu domowego", who="asystent rodziny GOPS", when=dt.date(2027, 4, 5)
            ),
            ProjectAction(
                what="opieka nad dziećmi w czasie zajęć", who="Koło Gospodyń Wiejskich", when=dt.date(2027, 3, 1)
            ),
            ProjectAction(
                what="spotkanie podsumowujące z uczestnikami i partnerami",
                who="koordynator z GOPS",
                when=dt.date(2027, 6, 20),
            ),
        ],
        partners=[
            ProjectPartner(
                institution="GOPS",
                sector=Sector.POMOC_SPOLECZNA,
                level=Level.GMINA,
                role="koordynuje projekt, rekrutuje uczestników",
            ),
            ProjectPartner(
                institution="Szkoła Podstawowa",
                sector=Sector.EDUKACJA,
                level=Level.GMINA,
                role="udostępnia salę, pedagog zaprasza rodziców",
            ),
            ProjectPartner(
                institution="Poradnia Psychologiczno-Pedagogiczna",
                sector=Sector.EDUKACJA,
                level=Level.POWIAT,
                role="prowadzi warsztaty wychowawcze",
            ),
            ProjectPartner(
                institution="Gminny Ośrodek Zdrowia",
                sector=Sector.ZDROWIE,
                level=Level.GMINA,
                role="pielęgniarka środowiskowa prowadzi zajęcie o zdrowiu dzieci",
            ),
            ProjectPartner(
                institution="Koło Gospodyń Wiejskich",
                sector=Sector.NGO,
                level=Level.GMINA,
                role="opiekuje się dziećmi w czasie zajęć",
            ),
            ProjectPartner(
                institution="PCPR",
                sector=Sector.POMOC_SPOLECZNA,
                level=Level.POWIAT,
                role="informuje o usługach powiatu, doradza",
            ),
        ],
        resources=(
            "Sala w szkole podstawowej, czas pracy pracowników socjalnych, asystenta rodziny i psychologa poradni, "
            "materiały warsztatowe, dowóz uczestników busem gminnym."
        ),
        budget=[
            BudgetLine(item="materiały warsztatowe", amount=600.0, source="budżet GOPS"),
            BudgetLine(item="poczęstunek na 10 spotkaniach", amount=1000.0, source="gminny program profilaktyki"),
            BudgetLine(item="dowóz uczestników", amount=900.0, source="Urząd Gminy (bus gminny)"),
        ],
        results=(
            "Co najmniej 6 rodziców ukończy warsztaty, uczestnicy potrafią zaplanować tydzień i budżet domowy, "
            "a grupa spotyka się dalej sama raz w miesiącu."
        ),
        indicators=[
            Indicator(name="liczba rodziców, którzy ukończyli warsztaty", target="6 z 8", source="lista obecności"),
            Indicator(
                name="uczestnicy z planem budżetu domowego", target="co najmniej 5", source="notatki asystenta rodziny"
            ),
            Indicator(
                name="spotkania grupy po projekcie", target="3 w ciągu kwartału", source="informacja koordynatora"
            ),
        ],
        evaluation=(
            "Koordynator z GOPS po zakończeniu warsztatów porównuje ankiety uczestników z początku i końca projektu "
            "i omawia wyniki z partnerami; po 3 miesiącach sprawdza, czy grupa nadal się spotyka."
        ),
    )
