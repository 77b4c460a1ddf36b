"""The domain's public API is listed once in ``__all__`` and every name there exists."""

import szkola_kooperacji.domain as domain


def test_all_names_exist_and_are_sorted():
    assert domain.__all__ == sorted(domain.__all__)
    for name in domain.__all__:
        assert hasattr(domain, name), name


def test_public_names_are_all_listed():
    public = {n for n in vars(domain) if not n.startswith("_") and n[0].isupper() or n in {"give_feedback"}}
    public -= {"annotations"}
    modules = {n for n, v in vars(domain).items() if type(v).__name__ == "module"}
    assert public - modules <= set(domain.__all__)
