"""The domain's public API is listed once in ``__all__`` and every name there exists."""

import inspect

from szkola_kooperacji import domain


def test_all_names_exist_and_are_sorted():
    assert domain.__all__ == sorted(domain.__all__)
    for name in domain.__all__:
        assert hasattr(domain, name), name


def test_every_imported_class_and_function_is_listed():
    public = {
        name
        for name, value in vars(domain).items()
        if not name.startswith("_") and (inspect.isclass(value) or inspect.isfunction(value))
    }
    assert public == set(domain.__all__)
