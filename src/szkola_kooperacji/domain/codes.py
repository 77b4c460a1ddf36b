"""Closed vocabularies of the domain: stable codes with their Polish labels.

Codes are stored in data files and never change; labels may be reworded. Every
enum member's value is the code, and ``LABELS`` gives what a social worker reads.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Area(StrEnum):
    """Areas of life described by the rodzinny wywiad środowiskowy."""

    SKLAD_RODZINY = "sklad_rodziny"
    SYTUACJA_MATERIALNA = "sytuacja_materialna"
    WARUNKI_BYTOWE = "warunki_bytowe"
    SYTUACJA_ZAWODOWA = "sytuacja_zawodowa"
    ZDROWIE = "zdrowie"
    UZALEZNIENIA = "uzaleznienia"
    OPIEKA_WYCHOWANIE = "opieka_wychowanie"
    BEZPIECZENSTWO = "bezpieczenstwo"
    RELACJE_SPOLECZNE = "relacje_spoleczne"
    POTRZEBY_OCZEKIWANIA = "potrzeby_oczekiwania"
    ZASOBY = "zasoby"


AREA_LABELS: dict[Area, str] = {
    Area.SKLAD_RODZINY: "Skład rodziny",
    Area.SYTUACJA_MATERIALNA: "Sytuacja materialna (dochody, wydatki, długi)",
    Area.WARUNKI_BYTOWE: "Warunki mieszkaniowe i bytowe",
    Area.SYTUACJA_ZAWODOWA: "Sytuacja zawodowa i wykształcenie",
    Area.ZDROWIE: "Sytuacja zdrowotna",
    Area.UZALEZNIENIA: "Uzależnienia",
    Area.OPIEKA_WYCHOWANIE: "Funkcje opiekuńczo-wychowawcze",
    Area.BEZPIECZENSTWO: "Bezpieczeństwo, przemoc",
    Area.RELACJE_SPOLECZNE: "Relacje społeczne i sieć wsparcia",
    Area.POTRZEBY_OCZEKIWANIA: "Potrzeby i oczekiwania rodziny",
    Area.ZASOBY: "Zasoby i mocne strony",
}


class Art7Reason(StrEnum):
    """Reasons for social assistance from art. 7 of the ustawa o pomocy społecznej.

    ``UCHYLONY_10`` is kept so that old data still loads; it is never offered.
    """

    UBOSTWO = "ubostwo"
    SIEROCTWO = "sieroctwo"
    BEZDOMNOSC = "bezdomnosc"
    BEZROBOCIE = "bezrobocie"
    NIEPELNOSPRAWNOSC = "niepelnosprawnosc"
    CHOROBA = "choroba"
    PRZEMOC_DOMOWA = "przemoc_domowa"
    HANDEL_LUDZMI = "handel_ludzmi"
    MACIERZYNSTWO_WIELODZIETNOSC = "macierzynstwo_wielodzietnosc"
    BEZRADNOSC_OPIEKUNCZA = "bezradnosc_opiekuncza"
    UCHYLONY_10 = "uchylony_10"
    INTEGRACJA_CUDZOZIEMCOW = "integracja_cudzoziemcow"
    PO_ZAKLADZIE_KARNYM = "po_zakladzie_karnym"
    UZALEZNIENIE = "uzaleznienie"
    ZDARZENIE_LOSOWE = "zdarzenie_losowe"
    KLESKA = "kleska"
    INNY = "inny"


ART7_LABELS: dict[Art7Reason, str] = {
    Art7Reason.UBOSTWO: "ubóstwo (art. 7 pkt 1)",
    Art7Reason.SIEROCTWO: "sieroctwo (art. 7 pkt 2)",
    Art7Reason.BEZDOMNOSC: "bezdomność (art. 7 pkt 3)",
    Art7Reason.BEZROBOCIE: "bezrobocie (art. 7 pkt 4)",
    Art7Reason.NIEPELNOSPRAWNOSC: "niepełnosprawność (art. 7 pkt 5)",
    Art7Reason.CHOROBA: "długotrwała lub ciężka choroba (art. 7 pkt 6)",
    Art7Reason.PRZEMOC_DOMOWA: "przemoc domowa (art. 7 pkt 7)",
    Art7Reason.HANDEL_LUDZMI: "ochrona ofiar handlu ludźmi (art. 7 pkt 7a)",
    Art7Reason.MACIERZYNSTWO_WIELODZIETNOSC: ("ochrona macierzyństwa lub wielodzietności (art. 7 pkt 8)"),
    Art7Reason.BEZRADNOSC_OPIEKUNCZA: (
        "bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa domowego (art. 7 pkt 9)"
    ),
    Art7Reason.UCHYLONY_10: "(uchylony art. 7 pkt 10)",
    Art7Reason.INTEGRACJA_CUDZOZIEMCOW: "trudności w integracji cudzoziemców (art. 7 pkt 11)",
    Art7Reason.PO_ZAKLADZIE_KARNYM: (
        "trudności w przystosowaniu do życia po zwolnieniu z zakładu karnego (art. 7 pkt 12)"
    ),
    Art7Reason.UZALEZNIENIE: "alkoholizm lub narkomania (art. 7 pkt 13)",
    Art7Reason.ZDARZENIE_LOSOWE: "zdarzenie losowe i sytuacja kryzysowa (art. 7 pkt 14)",
    Art7Reason.KLESKA: "klęska żywiołowa lub ekologiczna (art. 7 pkt 15)",
    Art7Reason.INNY: "inna trudna sytuacja życiowa",
}

REPEALED_ART7: frozenset[Art7Reason] = frozenset({Art7Reason.UCHYLONY_10})


class Sector(StrEnum):
    """Sector of an institution in the powiat's Lista aktywności i usług."""

    POMOC_SPOLECZNA = "pomoc_spoleczna"
    WSPIERANIE_RODZINY = "wspieranie_rodziny"
    RYNEK_PRACY = "rynek_pracy"
    EDUKACJA = "edukacja"
    ZDROWIE = "zdrowie"
    PROFILAKTYKA_UZALEZNIEN = "profilaktyka_uzaleznien"
    BEZPIECZENSTWO = "bezpieczenstwo"
    WYMIAR_SPRAWIEDLIWOSCI = "wymiar_sprawiedliwosci"
    ZABEZPIECZENIE_SPOLECZNE = "zabezpieczenie_spoleczne"
    ADMINISTRACJA = "administracja"
    NGO = "ngo"
    KULTURA_SPORT = "kultura_sport"


SECTOR_LABELS: dict[Sector, str] = {
    Sector.POMOC_SPOLECZNA: "pomoc społeczna",
    Sector.WSPIERANIE_RODZINY: "wspieranie rodziny",
    Sector.RYNEK_PRACY: "rynek pracy",
    Sector.EDUKACJA: "edukacja",
    Sector.ZDROWIE: "ochrona zdrowia",
    Sector.PROFILAKTYKA_UZALEZNIEN: "profilaktyka i rozwiązywanie problemów uzależnień",
    Sector.BEZPIECZENSTWO: "bezpieczeństwo publiczne i przeciwdziałanie przemocy",
    Sector.WYMIAR_SPRAWIEDLIWOSCI: "wymiar sprawiedliwości",
    Sector.ZABEZPIECZENIE_SPOLECZNE: "zabezpieczenie społeczne (ZUS, KRUS)",
    Sector.ADMINISTRACJA: "administracja samorządowa",
    Sector.NGO: "organizacje pozarządowe",
    Sector.KULTURA_SPORT: "kultura i sport",
}


SOCIAL_ASSISTANCE_SECTORS: frozenset[Sector] = frozenset({Sector.POMOC_SPOLECZNA, Sector.WSPIERANIE_RODZINY})
"""Sectors that count as social assistance when a course rule counts the other sectors.

The family support system (asystent rodziny, placówki wsparcia dziennego) is run
by the gmina's social assistance centre, so it does not add a sector of its own.
"""


class Level(StrEnum):
    """Administrative level at which an institution works for a rural family."""

    GMINA = "gmina"
    POWIAT = "powiat"
    REGION = "region"


LEVEL_LABELS: dict[Level, str] = {
    Level.GMINA: "gmina",
    Level.POWIAT: "powiat",
    Level.REGION: "województwo",
}


class ClientGroup(StrEnum):
    """Groups of clients a service is meant for (``for_whom`` in the Lista)."""

    WSZYSCY = "wszyscy"
    RODZINY_Z_DZIECMI = "rodziny_z_dziecmi"
    DZIECI_MLODZIEZ = "dzieci_mlodziez"
    DOROSLI = "dorosli"
    SENIORZY = "seniorzy"
    BEZROBOTNI = "bezrobotni"
    OSOBY_Z_NIEPELNOSPRAWNOSCIA = "osoby_z_niepelnosprawnoscia"
    OSOBY_CHORE = "osoby_chore"
    OSOBY_UZALEZNIONE = "osoby_uzaleznione"
    OSOBY_DOZNAJACE_PRZEMOCY = "osoby_doznajace_przemocy"
    OSOBY_STOSUJACE_PRZEMOC = "osoby_stosujace_przemoc"
    OSOBY_PO_ZAKLADZIE_KARNYM = "osoby_po_zakladzie_karnym"
    USAMODZIELNIANI_WYCHOWANKOWIE = "usamodzielniani_wychowankowie"
    OSOBY_W_KRYZYSIE = "osoby_w_kryzysie"
    ROLNICY = "rolnicy"


CLIENT_GROUP_LABELS: dict[ClientGroup, str] = {
    ClientGroup.WSZYSCY: "wszyscy mieszkańcy",
    ClientGroup.RODZINY_Z_DZIECMI: "rodziny z dziećmi",
    ClientGroup.DZIECI_MLODZIEZ: "dzieci i młodzież",
    ClientGroup.DOROSLI: "osoby dorosłe",
    ClientGroup.SENIORZY: "seniorzy",
    ClientGroup.BEZROBOTNI: "osoby bezrobotne",
    ClientGroup.OSOBY_Z_NIEPELNOSPRAWNOSCIA: "osoby z niepełnosprawnością",
    ClientGroup.OSOBY_CHORE: "osoby przewlekle chore",
    ClientGroup.OSOBY_UZALEZNIONE: "osoby uzależnione i współuzależnione",
    ClientGroup.OSOBY_DOZNAJACE_PRZEMOCY: "osoby doznające przemocy domowej",
    ClientGroup.OSOBY_STOSUJACE_PRZEMOC: "osoby stosujące przemoc domową",
    ClientGroup.OSOBY_PO_ZAKLADZIE_KARNYM: "osoby opuszczające zakład karny",
    ClientGroup.USAMODZIELNIANI_WYCHOWANKOWIE: "usamodzielniani wychowankowie pieczy zastępczej",
    ClientGroup.OSOBY_W_KRYZYSIE: "osoby w sytuacji kryzysowej",
    ClientGroup.ROLNICY: "rolnicy i ich rodziny",
}


class Severity(IntEnum):
    """How pressing a need is: 1 low, 2 moderate, 3 high, 4 critical (safety)."""

    NISKA = 1
    UMIARKOWANA = 2
    WYSOKA = 3
    KRYTYCZNA = 4


SEVERITY_TITLE = "Pilność"
"""What a trainee reads for severity: "pilność" (urgency); "ważność" would read as a document's validity."""

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.NISKA: "niska",
    Severity.UMIARKOWANA: "umiarkowana",
    Severity.WYSOKA: "wysoka",
    Severity.KRYTYCZNA: "krytyczna (bezpieczeństwo)",
}


class EvidenceKind(StrEnum):
    """Source of an interview finding, as a social worker records it."""

    OBSERWACJA = "obserwacja"
    WYPOWIEDZ_KLIENTA = "wypowiedz_klienta"
    DOKUMENT = "dokument"
    INFORMACJA_INSTYTUCJI = "informacja_instytucji"


EVIDENCE_KIND_LABELS: dict[EvidenceKind, str] = {
    EvidenceKind.OBSERWACJA: "obserwacja pracownika socjalnego",
    EvidenceKind.WYPOWIEDZ_KLIENTA: "wypowiedź klienta",
    EvidenceKind.DOKUMENT: "dokument",
    EvidenceKind.INFORMACJA_INSTYTUCJI: "informacja z instytucji",
}


class Responsible(StrEnum):
    """Who carries out an action of the kontrakt socjalny."""

    KLIENT = "klient"
    CZLONEK_RODZINY = "czlonek_rodziny"
    PRACOWNIK_SOCJALNY = "pracownik_socjalny"
    INSTYTUCJA = "instytucja"


RESPONSIBLE_LABELS: dict[Responsible, str] = {
    Responsible.KLIENT: "klient (osoba zawierająca kontrakt)",
    Responsible.CZLONEK_RODZINY: "członek rodziny",
    Responsible.PRACOWNIK_SOCJALNY: "pracownik socjalny",
    Responsible.INSTYTUCJA: "instytucja z Listy aktywności i usług",
}

CLIENT_SIDE: frozenset[Responsible] = frozenset({Responsible.KLIENT, Responsible.CZLONEK_RODZINY})


class ContractStatus(StrEnum):
    """Life cycle of a kontrakt socjalny."""

    PROJEKT = "projekt"
    ZAWARTY = "zawarty"
    W_REALIZACJI = "w_realizacji"
    ZMODYFIKOWANY = "zmodyfikowany"
    ZREALIZOWANY = "zrealizowany"
    CZESCIOWO_ZREALIZOWANY = "czesciowo_zrealizowany"
    NIEZREALIZOWANY = "niezrealizowany"
    ZERWANY = "zerwany"


class Difficulty(StrEnum):
    """How hard a training case is for a trainee."""

    PODSTAWOWY = "podstawowy"
    SREDNI = "sredni"
    ZAAWANSOWANY = "zaawansowany"


DIFFICULTY_LABELS: dict[Difficulty, str] = {
    Difficulty.PODSTAWOWY: "podstawowy",
    Difficulty.SREDNI: "średni",
    Difficulty.ZAAWANSOWANY: "zaawansowany",
}
