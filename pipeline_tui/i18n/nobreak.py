"""No-break spaces do not break: a French amount (``16 450 €``: a narrow no-break space between
the thousands, a no-break space before the sign) and a French colon stay on one line.

Rich and Textual find where a line may wrap with ``\\s``, which in Python matches every Unicode
space, the no-break ones too, so ``4 000 €`` could end one line with ``4`` and start the next
with ``000 €``. :func:`keep_no_break_spaces` gives both the same patterns less the no-break
spaces (``rich._wrap.re_word``, ``textual._wrap.re_chunk``, module globals their wrapping
functions read at each call); it is called once by the CLI's terminal output and the TUI.
"""

from __future__ import annotations

import re
import sys

NO_BREAK = "\u00a0\u2007\u202f\u2060"
_SPACE = rf"[^\S{NO_BREAK}]"  # a space a line may break at
_NOT_SPACE = rf"[^\s]|[{NO_BREAK}]"


def keep_no_break_spaces(*, textual: bool = False) -> None:
    """Make Rich's line wrapping keep no-break spaces, and Textual's when ``textual`` (the TUI;
    the CLI does not import Textual for it) or when Textual is loaded already."""
    import rich._wrap

    rich._wrap.re_word = re.compile(rf"{_SPACE}*(?:{_NOT_SPACE})+{_SPACE}*")
    if textual or "textual._wrap" in sys.modules:
        import textual._wrap

        textual._wrap.re_chunk = re.compile(rf"(?:{_NOT_SPACE})+{_SPACE}*|{_SPACE}+")
