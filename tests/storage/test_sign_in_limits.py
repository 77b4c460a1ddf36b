"""Failed sign-ins slow down per id and per address, in the store every kernel shares."""

from __future__ import annotations

import threading
from pathlib import Path

from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.database import connect
from szkola_kooperacji.storage.sign_in_limits import (
    FIRST_WAIT_S,
    FORGET_AFTER_S,
    FREE_FAILURES_PER_ADDRESS,
    FREE_FAILURES_PER_ID,
    MAX_WAIT_S,
    SignInLimiter,
    retry_message,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _limiter(location: Path | str, clock: Clock) -> SignInLimiter:
    return SignInLimiter(connect(location), clock)


def test_after_the_free_failures_each_wait_doubles_up_to_the_ceiling(store_location: Path | str):
    clock = Clock()
    limits = _limiter(store_location, clock)
    for _ in range(FREE_FAILURES_PER_ID):
        assert limits.begin("anowak", None).wait == 0
    assert limits.begin("anowak", None).wait == FIRST_WAIT_S
    waits = []
    for _ in range(8):
        clock.now += limits.begin("anowak", None).wait
        assert limits.begin("anowak", None).wait == 0  # the wait is over: one more try
        waits.append(limits.begin("anowak", None).wait)
    assert waits[:3] == [2 * FIRST_WAIT_S, 4 * FIRST_WAIT_S, 8 * FIRST_WAIT_S]
    assert waits[-1] == MAX_WAIT_S
    assert limits.begin("jkowalski", None).wait == 0  # another id is not slowed down


def test_limits_hold_across_connections_like_separate_kernels(store_location: Path | str):
    clock = Clock()
    path = store_location
    for _ in range(FREE_FAILURES_PER_ID):
        assert _limiter(path, clock).begin("anowak", None).wait == 0
    assert _limiter(path, clock).begin("anowak", None).wait > 0


def test_a_success_clears_the_id_and_a_quiet_hour_forgets(store_location: Path | str):
    clock = Clock()
    limits = _limiter(store_location, clock)
    for _ in range(FREE_FAILURES_PER_ID - 1):
        limits.begin("anowak", None)
    limits.succeeded(limits.begin("anowak", None))
    for _ in range(FREE_FAILURES_PER_ID):
        assert limits.begin("anowak", None).wait == 0
    assert limits.begin("anowak", None).wait > 0
    clock.now += FORGET_AFTER_S + 1
    assert limits.begin("anowak", None).wait == 0


def test_one_address_trying_many_ids_is_slowed_down(store_location: Path | str):
    clock = Clock()
    limits = _limiter(store_location, clock)
    for number in range(FREE_FAILURES_PER_ADDRESS):
        attempt = limits.begin(f"osoba{number}", "10.0.0.7")
        assert attempt.wait == 0
        limits.failed(attempt)
    assert limits.begin("nowa-osoba", "10.0.0.7").wait == FIRST_WAIT_S
    assert limits.begin("nowa-osoba", "10.0.0.8").wait == 0


def test_a_classroom_behind_one_address_signs_in_without_waiting(store_location: Path | str):
    limits = _limiter(store_location, Clock())
    for number in range(3 * FREE_FAILURES_PER_ADDRESS):
        attempt = limits.begin(f"osoba{number}", "10.0.0.1")
        assert attempt.wait == 0
        limits.succeeded(attempt)


def test_a_room_signing_in_in_the_same_second_is_not_refused_while_codes_are_checked(store_location: Path | str):
    """Attempts from one address still being checked do not count against it: only failures do."""
    limits = _limiter(store_location, Clock())
    pending = [limits.begin(f"osoba{number}", "10.0.0.1") for number in range(2 * FREE_FAILURES_PER_ADDRESS)]
    assert [attempt.wait for attempt in pending] == [0] * len(pending)
    assert limits.begin("osoba0", "10.0.0.1").wait == 0, "the id counts its own attempts in advance, one so far"


def test_retry_message_is_polish_and_says_when():
    assert retry_message(30) == "Zbyt wiele nieudanych prób. Spróbuj ponownie za 30 s."
    assert retry_message(0.2) == "Zbyt wiele nieudanych prób. Spróbuj ponownie za 1 s."
    assert retry_message(121) == "Zbyt wiele nieudanych prób. Spróbuj ponownie za 3 min."


def test_store_remembers_which_address_got_a_page(store_location: Path | str):
    store = DraftStore(store_location)
    store.limits.record_page_client("kernel-1", "10.0.0.7")
    assert DraftStore(store_location).limits.page_client("kernel-1") == "10.0.0.7"
    assert store.limits.page_client("kernel-2") is None


def test_parallel_kernels_lose_no_failed_attempt(store_location: Path | str):
    """Attempts counted at once from separate connections all count: no read-then-write race."""
    clock = Clock()
    limiters = [_limiter(store_location, clock) for _ in range(4)]
    per_thread = FREE_FAILURES_PER_ADDRESS // 4

    def try_codes(limits: SignInLimiter) -> None:
        for number in range(per_thread):
            limits.failed(limits.begin(f"osoba{number}", "10.0.0.9"))

    threads = [threading.Thread(target=try_codes, args=(limits,)) for limits in limiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert limiters[0].begin("nowa-osoba", "10.0.0.9").wait == FIRST_WAIT_S
