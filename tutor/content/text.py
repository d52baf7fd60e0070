"""Make content safe to print: no control characters or escape sequences.

Neither Rich nor Textual strips ESC (0x1b) or the C1 CSI (0x9b), so an
article or lesson holding one could retitle the window or clear the screen.
Everything tutor shows from content passes through :func:`printable` first.
"""

from __future__ import annotations

import re

from tutor.errors import UNSAFE_CHARS

# C0 controls except tab and newline, DEL, C1 controls, the bidi overrides
# that can make text display in a misleading order, and lone surrogates.
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")


def printable(text: str) -> str:
    """Replace every control or escape character with U+FFFD; keep tabs and newlines."""
    text = text.replace("\r\n", "\n")
    return _UNSAFE.sub("\ufffd", text)


def unsafe_character(text: str) -> str | None:
    """The first character of ``text`` that printable() would replace, if any (for refusing it with its place)."""
    found = _UNSAFE.search(text)
    return found.group() if found else None


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: wide (CJK) characters take two, combining marks none."""
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_OPENING = "\"“‘'«"
_CLOSING = "\"”’'»"


def quoted(text: str) -> str:
    """A passage in curly quotes, unless it already starts or ends with a quote mark of its own.

    Passages are verbatim, so many begin or end inside the article's own
    quotation; wrapping those again shows doubled marks (““…”).
    """
    text = text.strip()
    if text[:1] in _OPENING or text[-1:] in _CLOSING:
        return text
    return f"“{text}”"
