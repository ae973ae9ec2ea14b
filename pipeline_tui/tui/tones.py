"""The styles of the tones ``domain.present`` gives a figure (good, warning, bad, neutral).

A widget styled from its stylesheet takes the tone as a class (``-good``…: ``KpiTile``); text
coloured in place (a Rich ``Text``) takes the style below.
"""

from __future__ import annotations

from pipeline_tui.domain.present import Tone

TEXT_STYLES: dict[Tone, str] = {
    "good": "green",
    "warning": "yellow",
    "bad": "bold red",
    "neutral": "",
}


def text_style(tone: Tone) -> str:
    return TEXT_STYLES[tone]
