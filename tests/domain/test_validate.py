"""The check for control characters in what people type or import."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.validate import check_no_control, control_at


@given(st.text(), st.sampled_from(["", "\n\r\t"]))
def test_control_at_finds_the_first_character_of_unicodes_control_category(
    text: str, allowed: str
) -> None:
    expected = next(
        (
            i
            for i, char in enumerate(text, start=1)
            if unicodedata.category(char) == "Cc" and char not in allowed
        ),
        None,
    )
    assert control_at(text, allowed) == expected


def test_a_control_character_is_named_with_its_position() -> None:
    assert check_no_control("Acme\u00a0SAS", "name") == "Acme\u00a0SAS"  # a nbsp is not one
    assert check_no_control("two\nlines", "note", multiline=True) == "two\nlines"
    for text, position in (("Ac\x1bme", 3), ("x\x85", 2), ("line\nbreak", 5)):
        try:
            check_no_control(text, "name")
        except ValueError as exc:
            assert f"position {position}" in str(exc)
        else:
            raise AssertionError(text)
