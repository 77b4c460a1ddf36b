"""Who may sign in: a roster id with its trainer-issued code, or (no course) a name with an own code.

Both ways go through the same rate limits (per id and per client address, in the shared
store). The client address comes from the server, which records which address received
this kernel's page; the kernel finds its own id in its connection file's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.privacy import PESEL_REFUSED, contains_pesel
from ..storage import CourseCodes, DraftStore, IdentityCheck, credentials_problem, retry_message
from ..storage.drafts import short_code_message, trainee_key

WRONG_ISSUED_CODE = (
    "Nie ma takiego identyfikatora z tym kodem. Sprawdź identyfikator i kod na karcie logowania od trenera; "
    "zgubioną kartę trener zastąpi nową."
)
WRONG_OWN_CODE = (
    "Ten uczestnik ma już inny kod osobisty. Jeśli to Ty, wpisz swój kod. "
    "Jeśli nie — dopisz do imienia coś, co Cię odróżni (np. numer z listy uczestników)."
)


@dataclass(frozen=True)
class SignInOutcome:
    """The signed-in trainee (None when refused) and what to tell them."""

    trainee: str | None
    message: str = ""
    first_time: bool = False


def own_kernel_id() -> str | None:
    """Return the id of the kernel this code runs in (from its connection file), or None outside a kernel."""
    try:
        from ipykernel.connect import get_connection_file  # noqa: PLC0415 (only inside a kernel)

        name = Path(get_connection_file()).stem
    except Exception:  # not in a kernel: no address, only per-id limits
        return None
    return name.removeprefix("kernel-") if name.startswith("kernel-") else None


def client_address(store: DraftStore) -> str | None:
    """Return the address that received this kernel's page, as the server recorded it."""
    kernel_id = own_kernel_id()
    return store.limits.page_client(kernel_id) if kernel_id else None


def sign_in(store: DraftStore, course_dir: Path | None, name: str, code: str, address: str | None) -> SignInOutcome:
    """Check a sign-in under the rate limits; with a course only roster ids with their issued code get in."""
    # A name is stored and shown to the trainer: a PESEL in it is refused like in any trainee text.
    problem = PESEL_REFUSED if contains_pesel(name) else credentials_problem(name, code)
    if problem:
        return SignInOutcome(None, problem)
    subject = name.strip().casefold() if course_dir else trainee_key(name)
    attempt = store.limits.begin(subject, address)
    if attempt.wait:
        return SignInOutcome(None, retry_message(attempt.wait))
    if course_dir is not None:
        if not CourseCodes(course_dir).verify(subject, code):
            store.limits.failed(attempt)
            return SignInOutcome(None, WRONG_ISSUED_CODE)
        store.limits.succeeded(attempt)
        return SignInOutcome(subject)
    result = store.sign_in(name, code)
    if result == IdentityCheck.WRONG_CODE:
        store.limits.failed(attempt)
        return SignInOutcome(None, WRONG_OWN_CODE)
    if result == IdentityCheck.SHORT_CODE:  # stays counted: taking it back would let guesses be mixed in free
        store.limits.failed(attempt)
        return SignInOutcome(None, short_code_message())
    store.limits.succeeded(attempt)
    return SignInOutcome(" ".join(name.split()), first_time=result == IdentityCheck.NEW)
