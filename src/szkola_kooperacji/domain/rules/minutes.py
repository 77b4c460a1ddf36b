"""Rules of a good protokół of a G-PZK meeting.

Each message says what is missing, why minutes need it and how to fix it. Who may tell the
team what is read from the case (``domain.sharing``): an institution that knows something it
may share only with consent, or not at all, is bound by secrecy, so what it brought to the
G-PZK needs a basis in the minutes — the family's consent, since the G-PZK is set up by
agreement and has no statutory power of its own (art. 9c of the ustawa o przeciwdziałaniu
przemocy domowej covers only the zespół interdyscyplinarny and its groups).

Consent the family refused is an error (``PRO_ODMOWA``): the minutes record what must not have
been shared. Consent the case says nobody asked for is a warning (``PRO_ZGODA_NIEPYTANA``): the
family may have given it at the meeting itself, so the minutes are not wrong, only silent about it,
and the trainer's brief (information_sharing.md: prefer informed consent limited to named
institutions and purposes, note what was refused) asks them to record it among the decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..document import DocumentContext, word_count
from ..document import section_at as at
from ..findings import Finding, FindingLevel
from ..minutes import MeetingMinutes
from ..parts import Part, ScoreKey
from ..privacy import contains_pesel
from ..sharing import Consent, ShareBasis, SharingRule
from ..text import fold
from .registry import Rule, declare

B, WARN, HINT = FindingLevel.BLAD, FindingLevel.OSTRZEZENIE, FindingLevel.WSKAZOWKA
P, K = Part.PROTOKOL_GPZK, ScoreKey.DOCUMENT

MEETING = declare("PRO_SPOTKANIE", B, P, K, "Protokół podaje datę i miejsce spotkania")
RECORDER = declare("PRO_PROTOKOLANT", WARN, P, K, "Protokół mówi, kto go sporządził")
ATTENDEES = declare("PRO_OBECNI", B, P, K, "Obecni: co najmniej trzy osoby z co najmniej dwóch instytucji")
FAMILY = declare("PRO_RODZINA", HINT, P, K, "Rodzina uczestniczy w spotkaniu o swoich sprawach")
AGENDA = declare("PRO_PORZADEK", B, P, K, "Porządek spotkania: co najmniej dwa punkty")
INFORMATION = declare("PRO_INFORMACJE", WARN, P, K, "Protokół zapisuje, jakie informacje przekazano zespołowi")
BASIS = declare("PRO_PODSTAWA", B, P, K, "Informacja od instytucji związanej tajemnicą ma podstawę przekazania")
STATUTE = declare("PRO_PRZEPIS", WARN, P, K, "Przepis nie jest podstawą wymiany danych w G-PZK")
REFUSED = declare("PRO_ODMOWA", B, P, K, "Nie ma zgody, której rodzina odmówiła")
UNASKED = declare(
    "PRO_ZGODA_NIEPYTANA", WARN, P, K, "Zgoda, o którą według przypadku nie pytano, jest zapisana w ustaleniach"
)
DECISIONS = declare("PRO_USTALENIA", B, P, K, "Protokół zapisuje ustalenia zespołu")
ACTIONS = declare("PRO_ZADANIA", B, P, K, "Co najmniej dwa zadania")
RESPONSIBLE = declare("PRO_ZADANIA_KTO", B, P, K, "Każde zadanie ma odpowiedzialną instytucję")
DUE = declare("PRO_ZADANIA_TERMIN", B, P, K, "Każde zadanie ma termin po dniu spotkania")
NEXT = declare("PRO_NASTEPNE", B, P, K, "Wyznaczono datę następnego spotkania")
PERSONAL_DATA = declare("PRO_DANE_OSOBOWE", B, P, K, "Protokół nie zawiera numeru PESEL")

MINUTES_RULES: tuple[Rule, ...] = (
    MEETING, RECORDER, ATTENDEES, FAMILY, AGENDA, INFORMATION, BASIS, STATUTE, REFUSED, UNASKED, DECISIONS, ACTIONS,
    RESPONSIBLE, DUE, NEXT, PERSONAL_DATA,
)  # fmt: skip
"""The rules of the minutes, in the order their sections are read."""

MIN_ATTENDEES = 3
MIN_INSTITUTIONS = 2
MIN_AGENDA = 2
MIN_ACTIONS = 2


def secrecy_holders(ctx: DocumentContext) -> set[str]:
    """Return the institutions that know something of the family they may share only with consent, or not at all."""
    return {k.institution_id for k in ctx.case.knowledge if k.sharing is not SharingRule.MOZE}


def refused_consent(ctx: DocumentContext) -> set[str]:
    """Return the institutions whose every confidential item the family refused to let them pass on."""
    refused = set()
    for institution in secrecy_holders(ctx):
        items = [k for k in ctx.case.knowledge if k.institution_id == institution and k.sharing is not SharingRule.MOZE]
        if all(k.consent is Consent.ODMOWA for k in items):
            refused.add(institution)
    return refused


def unasked_consent(ctx: DocumentContext) -> set[str]:
    """Return the institutions whose every item is confidential and the family was never asked about.

    What they know may reach the G-PZK only with consent, and the case records none asked for: minutes
    naming consent as the basis must say when the family gave it.
    """
    return {
        institution
        for institution in secrecy_holders(ctx)
        if all(
            k.sharing is not SharingRule.MOZE and k.consent is Consent.NIE_PYTANO
            for k in ctx.case.knowledge
            if k.institution_id == institution
        )
    }


def _consent_recorded(doc: MeetingMinutes) -> bool:
    """Return True when a decision of the minutes speaks of the family's consent (given, or to be asked for)."""
    return any("zgod" in fold(decision) for decision in doc.decisions)


def _meeting(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    if doc.held_on is None or not doc.place:
        yield MEETING.finding(
            at("spotkanie"),
            "Wpisz datę i miejsce spotkania. Protokół jest dowodem ustaleń: bez daty nie wiadomo, od kiedy biegną "
            "terminy zadań.",
        )
    if not doc.recorder:
        yield RECORDER.finding(
            at("spotkanie"),
            "Wpisz, kto sporządził protokół (funkcja, np. „animator gminny – pracownik socjalny GOPS”). Do niego "
            "zespół zgłasza poprawki, a on rozsyła protokół uczestnikom.",
        )


def _attendees(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    present = [a for a in doc.attendees if a.institution]
    institutions = {a.institution.lower() for a in present}
    if len(present) < MIN_ATTENDEES or len(institutions) < MIN_INSTITUTIONS:
        yield ATTENDEES.finding(
            at("obecni"),
            f"Obecnych z instytucją: {len(present)}, instytucji: {len(institutions)} (potrzeba co najmniej "
            f"{MIN_ATTENDEES} osób z {MIN_INSTITUTIONS} instytucji). Wpisz każdą obecną osobę z jej instytucją i "
            "funkcją: protokół mówi, kto co słyszał i kto co przyjął.",
        )
    if not doc.family_present:
        yield FAMILY.finding(
            at("obecni"),
            "Rodziny nie było na spotkaniu. W Modelu Kooperacji plan układa się razem z rodziną; jeśli nie mogła "
            "przyjść, zapisz w ustaleniach, kto i kiedy przekaże jej ustalenia.",
        )


def _agenda(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    items = [a for a in doc.agenda if word_count(a) >= 2]
    if len(items) < MIN_AGENDA:
        yield AGENDA.finding(
            at("porzadek"),
            f"Porządek ma {len(items)} punktów (potrzeba co najmniej {MIN_AGENDA}, każdy z co najmniej dwóch słów). "
            "Wypisz, o czym zespół rozmawiał, np. „informacje instytucji o rodzinie”, „podział zadań”.",
        )


def _information(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    shared = [i for i in doc.information if i.summary]
    if not shared:
        yield INFORMATION.finding(
            at("informacje"),
            "Protokół nie zapisuje żadnej informacji przekazanej zespołowi. Zapisz, która instytucja co przekazała "
            "(w zakresie potrzebnym do planu) i na jakiej podstawie.",
        )
        yield BASIS.finding(
            at("informacje"),
            "Bez zapisanych informacji protokół nie pokazuje też ich podstawy. Przy każdej informacji zaznacz, "
            "na jakiej podstawie ją przekazano (w G-PZK: zgoda rodziny).",
        )
    holders, refused, unasked = secrecy_holders(ctx), refused_consent(ctx), unasked_consent(ctx)
    consent_recorded = _consent_recorded(doc)
    for number, info in enumerate(shared, 1):
        name = ctx.institution_name(info.institution_id) if info.institution_id else "instytucji"
        if info.institution_id is None:
            yield BASIS.finding(
                at("informacje"),
                f"Informacja {number} („{info.summary}”) nie mówi, kto ją przekazał. Wybierz instytucję: od tego "
                "zależy, czy wolno ją było przekazać i na jakiej podstawie.",
            )
        elif info.institution_id in holders and info.basis is ShareBasis.BRAK:
            yield BASIS.finding(
                at("informacje"),
                f"Informacja {number} od: {name} nie ma podstawy. Ta instytucja jest związana tajemnicą, więc "
                "w G-PZK przekazuje informacje tylko za świadomą zgodą osoby, której dotyczą — zaznacz zgodę, jeśli "
                "rodzina jej udzieliła, albo usuń informację z protokołu.",
            )
        elif info.basis is ShareBasis.PRZEPIS:
            yield STATUTE.finding(
                at("informacje"),
                f"Informacja {number} od: {name} ma jako podstawę przepis. G-PZK działa na podstawie porozumienia, "
                "nie ustawy; art. 9c ustawy o przeciwdziałaniu przemocy domowej obejmuje tylko zespół "
                "interdyscyplinarny i grupy diagnostyczno-pomocowe. W G-PZK podstawą jest zgoda rodziny.",
            )
        if info.institution_id in unasked and info.basis is ShareBasis.ZGODA and not consent_recorded:
            yield UNASKED.finding(
                at("informacje"),
                f"Informacja {number} od: {name} ma jako podstawę zgodę, ale według przypadku nikt nie pytał "
                "rodziny o zgodę na przekazanie tego, co ta instytucja wie. Jeśli rodzina zgodziła się na tym "
                "spotkaniu, zapisz to w ustaleniach (kto zgodził się na przekazanie czego i komu); jeśli nie, usuń "
                "informację z protokołu i zapisz, kto zapyta rodzinę o zgodę.",
            )
        if info.institution_id in refused and info.basis is ShareBasis.ZGODA:
            yield REFUSED.finding(
                at("informacje"),
                f"Informacja {number} od: {name} ma jako podstawę zgodę, ale według przypadku rodzina odmówiła "
                "zgody na przekazanie tych informacji. Usuń ją z protokołu; zespół może tylko zapytać rodzinę, "
                "czy zmieni zdanie.",
            )


def _decisions(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    if not [d for d in doc.decisions if word_count(d) >= 3]:
        yield DECISIONS.finding(
            at("ustalenia"),
            "Protokół nie zapisuje ustaleń (każde z co najmniej trzech słów). Zapisz, na co zespół się umówił, "
            "np. „zespół proponuje rodzinie kontrakt socjalny z działaniami PUP i szkoły”.",
        )


def _actions(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    actions = [a for a in doc.actions if word_count(a.what) >= 2]
    if len(actions) < MIN_ACTIONS:
        yield ACTIONS.finding(
            at("zadania"),
            f"Zadań: {len(actions)} (potrzeba co najmniej {MIN_ACTIONS}, każde z co najmniej dwóch słów). Spotkanie "
            "bez zadań niczego nie zmienia: zapisz, co która instytucja zrobi do następnego spotkania.",
        )
    if not actions:
        yield RESPONSIBLE.finding(
            at("zadania"), "Nie ma zadań, więc nikt za nic nie odpowiada. Przy każdym zadaniu wpisz instytucję."
        )
        yield DUE.finding(at("zadania"), "Nie ma zadań, więc nie ma terminów. Przy każdym zadaniu wpisz termin.")
    for number, action in enumerate(actions, 1):
        if not action.who:
            yield RESPONSIBLE.finding(
                at("zadania"),
                f"Zadanie {number} („{action.what}”) nie ma odpowiedzialnej instytucji. Zadanie „wszystkich” nie "
                "jest niczyje: wpisz jedną instytucję, która je wykona i zda z niego sprawę.",
            )
        if action.due is None:
            yield DUE.finding(
                at("zadania"),
                f"Zadanie {number} („{action.what}”) nie ma terminu. Wpisz datę — na następnym spotkaniu zespół "
                "sprawdzi, czy zadanie wykonano.",
            )
        elif doc.held_on and action.due <= doc.held_on:
            yield DUE.finding(
                at("zadania"),
                f"Termin zadania {number} ({action.due:%d.%m.%Y}) nie jest po dniu spotkania "
                f"({doc.held_on:%d.%m.%Y}); popraw termin.",
            )


def _next(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    if doc.next_meeting is None:
        yield NEXT.finding(
            at("nastepne"),
            "Wyznacz datę następnego spotkania. Bez niej zespół zbiera się dopiero w kryzysie, a terminów zadań "
            "nikt nie sprawdza.",
        )
    elif doc.held_on and doc.next_meeting <= doc.held_on:
        yield NEXT.finding(
            at("nastepne"),
            f"Następne spotkanie ({doc.next_meeting:%d.%m.%Y}) nie jest po tym ({doc.held_on:%d.%m.%Y}); popraw datę.",
        )


def _privacy(doc: MeetingMinutes, ctx: DocumentContext) -> Iterable[Finding]:
    if any(contains_pesel(text) for text in doc.texts()):
        yield PERSONAL_DATA.finding(
            at("spotkanie"),
            "Tekst zawiera numer PESEL. Protokół zespołu nie potrzebuje numerów identyfikacyjnych — usuń go.",
        )


MinutesCheck = Callable[[MeetingMinutes, DocumentContext], Iterable[Finding]]

CHECKS: tuple[MinutesCheck, ...] = (
    _privacy, _meeting, _attendees, _agenda, _information, _decisions, _actions, _next,
)  # fmt: skip


def check_minutes(doc: MeetingMinutes, ctx: DocumentContext) -> list[Finding]:
    """Return every finding about the minutes, in the order their sections are read."""
    return [finding for check in CHECKS for finding in check(doc, ctx)]
