"""What each institution knows about a family, and on what terms it may tell the G-PZK.

The G-PZK role-play gives every institution its own part of the family's story.
Each item carries its sharing rule and the legal basis of that rule, written by
the trainer in the case file, so the feedback can name the law rather than a
vague "be careful". A share is an explicit act of one role in the meeting; the
rules in ``rules/sharing.py`` judge it.

The legal texts are training material (see ``/work/shared/domain/information_sharing.md``):
confidentiality is the default (art. 100 ustawy o pomocy społecznej, professional
secrecy of doctors, therapists and kuratorzy); the family's consent opens what
it covers; the zespół interdyscyplinarny's members may exchange listed data
without consent only inside the procedure „Niebieskie Karty”.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, ShortText


class SharingRule(StrEnum):
    """Whether an institution may bring an item to the G-PZK table."""

    MOZE = "moze"
    """May share: the institution's own task or what the family itself already told the team."""
    ZA_ZGODA = "za_zgoda"
    """Only with the client's (informed, explicit) consent."""
    NIE_MOZE = "nie_moze"
    """May not share with the team at all (secrecy without an exception that applies here)."""


SHARING_RULE_LABELS: dict[SharingRule, str] = {
    SharingRule.MOZE: "może udostępnić",
    SharingRule.ZA_ZGODA: "tylko za zgodą klienta",
    SharingRule.NIE_MOZE: "nie może udostępnić",
}


class Consent(StrEnum):
    """What the person the item is about said about sharing it, as the case file records."""

    UDZIELONA = "udzielona"
    ODMOWA = "odmowa"
    NIE_PYTANO = "nie_pytano"


CONSENT_LABELS: dict[Consent, str] = {
    Consent.UDZIELONA: "zgoda udzielona",
    Consent.ODMOWA: "odmowa zgody",
    Consent.NIE_PYTANO: "nie pytano o zgodę",
}


class DataCategory(StrEnum):
    """The RODO category of an item: special categories need a statute or explicit consent."""

    ZWYKLE = "zwykle"
    SZCZEGOLNE = "szczegolne"
    """Health, addiction, sexual life… (art. 9 RODO)."""
    KARNE = "karne"
    """Convictions and offences (art. 10 RODO)."""


DATA_CATEGORY_LABELS: dict[DataCategory, str] = {
    DataCategory.ZWYKLE: "dane zwykłe",
    DataCategory.SZCZEGOLNE: "szczególna kategoria danych (art. 9 RODO)",
    DataCategory.KARNE: "dane o wyrokach skazujących i czynach zabronionych (art. 10 RODO)",
}


class KnowledgeItem(DomainModel):
    """One thing one institution knows about the family, with its sharing rule and legal basis.

    ``violence_procedure`` marks data that members of a zespół interdyscyplinarny
    or a grupa diagnostyczno-pomocowa may exchange without consent while the
    procedure „Niebieskie Karty” runs (art. 9c ustawy o przeciwdziałaniu przemocy
    domowej); outside it the item's ``sharing`` rule applies.
    """

    id: Identifier
    institution_id: Identifier = Field(description="Id instytucji z Listy, która tę informację zna.")
    text: LongText = Field(min_length=1, description="Co instytucja wie (tak, jak czyta to jej rola).")
    member_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)
    sharing: SharingRule
    legal_basis: ShortText = Field(
        min_length=1, description="Dlaczego tak: przepis, np. 'art. 40 ust. 1 ustawy o zawodach lekarza'."
    )
    category: DataCategory = DataCategory.ZWYKLE
    consent: Consent = Field(
        default=Consent.NIE_PYTANO, description="Czy osoba, której dotyczy, zgodziła się na przekazanie zespołowi."
    )
    violence_procedure: bool = Field(
        default=False,
        description="Dane z zakresu art. 9c ustawy o przeciwdziałaniu przemocy domowej (procedura NK).",
    )
    needed_for_plan: bool = Field(
        default=False, description="Bez tej informacji zespół nie ułoży dobrego planu (gdy wolno ją przekazać)."
    )
    shareable_summary: ShortText = Field(
        default="",
        description="Co wystarczy powiedzieć zespołowi (np. 'regularnie uczęszcza na terapię'), gdy treść jest poufna.",
    )


class Forum(StrEnum):
    """The kind of meeting: the statute that applies depends on it."""

    G_PZK = "g_pzk"
    """The gmina-powiat cooperation team: an agreement, no statutory power to exchange data."""
    GRUPA_DIAGNOSTYCZNO_POMOCOWA = "grupa_diagnostyczno_pomocowa"
    """A group of the zespół interdyscyplinarny inside the procedure „Niebieskie Karty” (art. 9c)."""


FORUM_LABELS: dict[Forum, str] = {
    Forum.G_PZK: "spotkanie G-PZK",
    Forum.GRUPA_DIAGNOSTYCZNO_POMOCOWA: "posiedzenie grupy diagnostyczno-pomocowej (procedura „Niebieskie Karty”)",
}


class ShareBasis(StrEnum):
    """The basis the sharing role declares when it shares an item."""

    ZGODA = "zgoda"
    """The client's consent."""
    PRZEPIS = "przepis"
    """A statute (e.g. art. 9c inside the procedure „Niebieskie Karty”)."""
    BRAK = "brak"
    """None declared."""


SHARE_BASIS_LABELS: dict[ShareBasis, str] = {
    ShareBasis.ZGODA: "za zgodą klienta",
    ShareBasis.PRZEPIS: "na podstawie przepisu",
    ShareBasis.BRAK: "bez wskazania podstawy",
}


class ShareAct(DomainModel):
    """One role tells the team one item: an explicit act that everyone in the meeting sees."""

    id: Identifier
    institution_id: Identifier = Field(description="Instytucja (rola), która udostępnia.")
    item_id: Identifier
    basis: ShareBasis = ShareBasis.BRAK
    note: ShortText = Field(default="", description="Co dokładnie powiedziano zespołowi (opcjonalnie).")


def knowledge_of(items: list[KnowledgeItem], institution_id: str) -> list[KnowledgeItem]:
    """Return what one institution knows, in file order: what its role reads."""
    return [item for item in items if item.institution_id == institution_id]


def knowledge_holders(items: list[KnowledgeItem]) -> list[str]:
    """Return the institutions that know something of the family, each once, in file order."""
    return list(dict.fromkeys(item.institution_id for item in items))
