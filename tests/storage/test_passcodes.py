"""Issued codes are long, random, readable and stored only as salted hashes."""

from __future__ import annotations

import re

from szkola_kooperacji.storage.passcodes import (
    ISSUED_ALPHABET,
    code_matches,
    hash_code,
    issued_code_bits,
    new_issued_code,
    new_salt,
    normalise_issued,
)


def test_issued_codes_have_at_least_40_bits_and_no_look_alike_characters():
    assert issued_code_bits() >= 40
    assert len(set(ISSUED_ALPHABET)) == len(ISSUED_ALPHABET) == 32
    assert not set("01IO") & set(ISSUED_ALPHABET)
    codes = [new_issued_code() for _ in range(2000)]
    assert all(re.fullmatch(rf"[{ISSUED_ALPHABET}]{{5}}-[{ISSUED_ALPHABET}]{{5}}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    used = {ch for c in codes for ch in c if ch != "-"}
    assert used == set(ISSUED_ALPHABET)  # every symbol is drawn, so each carries its 5 bits


def test_typing_variants_of_an_issued_code_are_the_same_code():
    assert normalise_issued("abcde-fghjk") == normalise_issued(" ABCDE FGHJK ") == "ABCDEFGHJK"


def test_hash_is_salted_and_checks_only_the_right_code():
    salt_a, salt_b = new_salt(), new_salt()
    assert hash_code("ABCDEFGHJK", salt_a) != hash_code("ABCDEFGHJK", salt_b)
    stored = hash_code("ABCDEFGHJK", salt_a)
    assert code_matches("ABCDEFGHJK", salt_a, stored)
    assert not code_matches("ABCDEFGHJL", salt_a, stored)
