"""Rules of a good protokół of a G-PZK meeting.

Each message says what is missing, why minutes need it and how to fix it. Who may tell the
team what is read from the case (``domain.sharing``), item by item: an entry of the minutes names
the institution and, in the editor, which of the things it knows it passed on. What it may share
freely needs no basis; what it may share only with consent, or not at all, is secret, so the
minutes need a basis for it — the family's consent, since the G-PZK is set up by
agreement and has no statutory power of its own (art. 9c of the ustawa o przeciwdziałaniu
przemocy domowej covers only the zespół interdyscyplinarny and its groups).

Consent the family refused is an error (``PRO_ODMOWA``): the minutes record what must not have
been shared. Consent the case says nobody asked for is a warning (``PRO_ZGODA_NIEPYTANA``): the
family may have given it at the meeting itself, so the minutes are not wrong, only silent about it,
and the trainer's brief (information_sharing.md: prefer informed consent limited to named
institutions and purposes, note what was refused) asks them to record it among the decisions.
An entry that names no item is judged by everything its institution knows when all of it is
judged alike; when not (a school that may report absences but was never asked about the pupil's
confidences) it gets a hint (``PRO_KTORA_INFORMACJA``) to name the item, not a guessed error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..document import DocumentContext, word_count
from ..document import section_at as at
from ..findings import Finding, FindingLevel
from ..minutes import MeetingMinutes, SharedInformation, knowledge_label
from ..parts import Part, ScoreKey
from ..privacy import contains_pesel
from ..sharing import Consent, KnowledgeItem, ShareBasis, SharingRule
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
WHICH = declare("PRO_KTORA_INFORMACJA", HINT, P, K, "Wiadomo, którą informację instytucji przekazano")
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
    MEETING, RECORDER, ATTENDEES, FAMILY, AGENDA, INFORMATION, BASIS, STATUTE, REFUSED, UNASKED, WHICH, DECISIONS,
    ACTIONS, RESPONSIBLE, DUE, NEXT, PERSONAL_DATA,
)  # fmt: skip
"""The rules of the minutes, in the order their sections are read."""

MIN_ATTENDEES = 3
MIN_INSTITUTIONS = 2
MIN_AGENDA = 2
MIN_ACTIONS = 2


def shared_items(info: SharedInformation, ctx: DocumentContext) -> list[KnowledgeItem]:
    """Return what an entry of the minutes may have passed on: the item it names, else all its institution knows.

    An item named but not the entry's institution's (or not in the case) names nothing: the entry
    is then read as its institution's, and ``WHICH`` says the two disagree.
    """
    own = [k for k in ctx.case.knowledge if k.institution_id == info.institution_id]
    named = [k for k in own if k.id == info.item_id]
    return named or own


def verdict(item: KnowledgeItem, basis: ShareBasis) -> Rule | None:
    """Return the rule broken by passing ``item`` to the G-PZK on ``basis``, or None when it may be passed so.

    What the institution may share freely needs no basis; a confidential item needs the family's consent
    (``information_sharing.md``): none declared is ``BASIS``, consent the family refused is ``REFUSED``,
    consent nobody asked for is ``UNASKED`` (unless the minutes record it). A statute is ``STATUTE``,
    judged for every entry on its own.
    """
    if item.sharing is SharingRule.MOZE or basis is ShareBasis.PRZEPIS:
        return None
    if basis is ShareBasis.BRAK:
        return BASIS
    return {Consent.ODMOWA: REFUSED, Consent.NIE_PYTANO: UNASKED}.get(item.consent)


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
    consent_recorded = _consent_recorded(doc)
    for number, entry in enumerate(shared, 1):
        info = _with_source(entry, ctx)
        if info.institution_id is None:
            yield BASIS.finding(
                at("informacje"),
                f"Informacja {number} („{info.summary}”) nie mówi, kto ją przekazał. Wybierz instytucję: od tego "
                "zależy, czy wolno ją było przekazać i na jakiej podstawie.",
            )
            continue
        if info.basis is ShareBasis.PRZEPIS:
            yield STATUTE.finding(
                at("informacje"),
                f"Informacja {number} od: {ctx.institution_name(info.institution_id)} ma jako podstawę przepis. "
                "G-PZK działa na podstawie porozumienia, nie ustawy; art. 9c ustawy o przeciwdziałaniu przemocy "
                "domowej obejmuje tylko zespół interdyscyplinarny i grupy diagnostyczno-pomocowe. W G-PZK "
                "podstawą jest zgoda rodziny.",
            )
        yield from _judged(number, info, ctx, consent_recorded)


def _with_source(info: SharedInformation, ctx: DocumentContext) -> SharedInformation:
    """Return the entry with its institution read from the item it names, when the trainee chose only the item."""
    if info.institution_id is not None or info.item_id is None:
        return info
    item = next((k for k in ctx.case.knowledge if k.id == info.item_id), None)
    return info.model_copy(update={"institution_id": item.institution_id}) if item else info


def _judged(number: int, info: SharedInformation, ctx: DocumentContext, consent_recorded: bool) -> Iterable[Finding]:
    """Judge one entry by what it passed on: the item it names, or everything its institution knows when all agree."""
    items = shared_items(info, ctx)
    name = ctx.institution_name(info.institution_id or "")
    named = len(items) == 1 and items[0].id == info.item_id
    if info.item_id and not named:
        yield WHICH.finding(
            at("informacje"),
            f"Informacja {number}: wybrana informacja z przypadku nie jest tym, co wie {name}. Wybierz "
            "instytucję, która ją zna, albo jedną z informacji tej instytucji: od tego zależy, czy wolno ją było "
            "przekazać i na jakiej podstawie.",
        )
    broken = {verdict(k, info.basis) for k in items}
    if consent_recorded and UNASKED in broken:
        broken = (broken - {UNASKED}) | {None}
    if len(broken) > 1:
        if info.item_id is None:
            yield WHICH.finding(
                at("informacje"),
                f"Informacja {number} od: {name} nie mówi, którą z informacji tej instytucji przekazano, "
                "a nie każdą wolno przekazać tak samo (na jedne nie trzeba zgody, na inne rodzina się nie "
                "zgodziła albo nikt jej nie pytał). Wybierz w kolumnie „Która informacja z przypadku”, co przekazano.",
            )
        return
    rule = next(iter(broken), None)
    what = f" („{knowledge_label(items[0])}”)" if named else ""
    if rule is BASIS:
        yield BASIS.finding(
            at("informacje"),
            f"Informacja {number} od: {name}{what} nie ma podstawy. To, co ta instytucja wie, jest objęte "
            "tajemnicą, więc w G-PZK przekazuje to tylko za świadomą zgodą osoby, której dotyczy — zaznacz zgodę, "
            "jeśli rodzina jej udzieliła, albo usuń informację z protokołu.",
        )
    elif rule is UNASKED:
        yield UNASKED.finding(
            at("informacje"),
            f"Informacja {number} od: {name}{what} ma jako podstawę zgodę, ale według przypadku nikt nie pytał "
            "rodziny o zgodę na przekazanie tej informacji. Jeśli rodzina zgodziła się na tym spotkaniu, zapisz to "
            "w ustaleniach (kto zgodził się na przekazanie czego i komu); jeśli nie, usuń informację z protokołu "
            "i zapisz, kto zapyta rodzinę o zgodę.",
        )
    elif rule is REFUSED:
        yield REFUSED.finding(
            at("informacje"),
            f"Informacja {number} od: {name}{what} ma jako podstawę zgodę, ale według przypadku rodzina odmówiła "
            "zgody na przekazanie tej informacji. Usuń ją z protokołu; zespół może tylko zapytać rodzinę, "
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
