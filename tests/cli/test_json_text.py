"""``print_json``'s writer is ``json.dumps(value, indent=2, ensure_ascii=False, default=str)``,
byte for byte, on any nested value (its fast paths: flat containers, lists of rows, runs of
scalars in a dict)."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.cli.json_text import dumps

# Strings that look like the writer's joints: brackets, commas, newlines, indentation.
tricky_text = st.text(alphabet=st.sampled_from(list('{}[],:" \n\\é\x00\u2028ab')), max_size=8)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    tricky_text,
    st.dates(),  # default=str
)
keys = st.one_of(
    st.text(max_size=4), tricky_text, st.integers(), st.floats(), st.booleans(), st.none()
)
rows = st.lists(st.dictionaries(keys, scalars, min_size=1, max_size=4), min_size=1, max_size=4)
values = st.recursive(
    st.one_of(scalars, rows),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=3).map(tuple),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=30,
)


def expected(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


@given(values)
def test_the_writer_is_json_dumps_with_indent(value: object) -> None:
    assert dumps(value) == expected(value)


def test_the_shapes_of_the_commands() -> None:
    shapes = [
        {},
        [],
        [{}],
        [{"a": 1}, {}],
        {"a": [], "b": {}, "c": [[]]},
        {"rows": [{"a": "},\n    {"}, {"b": "}"}], "n": 1, "nested": {"x": [1, (2, 3)]}},
        [{"a": 1, "b": [2]}, {"c": date(2026, 11, 26)}],
        {3: "int key", 2.5: "float key", True: "bool key", None: "null key"},
        float("nan"),
        "x",
    ]
    for value in shapes:
        assert dumps(value) == expected(value)
