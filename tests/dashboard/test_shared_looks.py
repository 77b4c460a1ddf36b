"""Widgets with default looks share one Layout and one style per kind, and a shared one cannot be changed."""

from __future__ import annotations

import ipywidgets as w
import pytest

import szkola_kooperacji.dashboard  # noqa: F401 (importing the dashboard shares the default looks)
from szkola_kooperacji.dashboard.checklist import FoldedCheckList
from szkola_kooperacji.dashboard.shared_looks import SharedDefaultError, is_visible


def test_widgets_of_one_kind_share_their_default_layout_and_style():
    first, second = w.Checkbox(), w.Checkbox()
    assert first.layout is second.layout
    assert first.style is second.style
    assert w.Button().style is not first.style, "each kind has its own style class"
    own = w.Checkbox(layout=w.Layout(width="10px"))
    assert own.layout is not first.layout, "a widget given its own layout keeps it"
    own.layout.width = "20px"  # and may change it


def test_changing_a_shared_layout_in_place_is_refused():
    with pytest.raises(SharedDefaultError, match="shared by many widgets"):
        w.HTML().layout.display = "none"
    assert w.HTML().layout.display is None, "nothing changed for the other widgets"


def test_folding_a_group_hides_by_class_instead_of_changing_a_shared_layout():
    checks = FoldedCheckList(
        [("W1", "w1"), ("W2", "w2")], ("w2",), description="Dowody", groups={"w1": "Dom", "w2": "Dom"}
    )
    one, two = checks.boxes
    assert not is_visible(one), "a folded group hides what is not chosen"
    assert is_visible(two), "and keeps the chosen item in view"
    checks.unfold("Dom")
    assert is_visible(one), "unfolded, both show"
    assert one.layout is two.layout, "with the same shared layout, never changed in place"
