"""Which titles of a file listed alone count as an entry's record in another paper."""

from __future__ import annotations

from pubdedup.library_sources import _Titles


def test_a_title_close_to_one_of_the_files_is_found_and_another_is_not():
    titles = _Titles()
    for title in ("graph neural networks for lagrangian fluid simulation", "a survey of x"):
        titles.add(title)
    assert titles.has("graph neural networks for lagrangian fluid simulation")
    assert titles.has("graph neural network for lagrangian fluid simulations")  # a typo apart
    assert not titles.has("graph neural networks for eulerian fluid simulation of smoke")
    assert not titles.has("a survey of y")
