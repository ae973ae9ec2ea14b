"""Colour has one meaning everywhere: risk is red (bad) or amber (warning), good is green, money
and plain facts are neutral. The tones are ``domain.present``'s; this module says how each is
drawn, from the theme, so that it reads in the dark and the light themes alike.

A widget styled from its stylesheet takes the tone as a class (``tone_class``: ``-good``…, the
stylesheets colour it with the same theme variables); text coloured in place (a Rich ``Text`` in
a table) takes ``text_style``, which reads the current theme's colour (a screen that colours in
place draws again when the theme changes).
"""

from __future__ import annotations

from typing import Any

from pipeline_tui.domain.present import Tone

TONE_VARIABLES: dict[Tone, str | None] = {
    "good": "text-success",
    "warning": "text-warning",
    "bad": "text-error",
    "neutral": None,
}
"""The theme variable of each tone (``$text-error``…: readable on the theme's background).
"""  # not shown: a docstring


def tone_class(tone: Tone) -> str:
    return f"-{tone}"


def text_style(tone: Tone, app: Any) -> str:
    """The Rich style of ``tone`` in ``app``'s current theme ("" for neutral)."""
    variable = TONE_VARIABLES[tone]
    if variable is None:
        return ""
    colours = app.theme_variables or app.get_css_variables()
    colour = colours[variable]
    return f"bold {colour}" if tone == "bad" else colour
