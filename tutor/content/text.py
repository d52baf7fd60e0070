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
    if text.isascii():
        return len(text)  # every ASCII character takes one column; most cells of a report are
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_OPENING_QUOTES = "\"“‘'«"
_CLOSING_QUOTES = "\"”’'»"
_DOUBLE_QUOTES = "\"“”«»"


def quoted(passage: str) -> str:
    """A passage in quote marks that never double up and never go missing.

    Passages are verbatim, so many begin or end inside the article's own
    quotation. One that is a whole quotation already is shown as it is; one
    that only begins or ends with a double quote mark gets single marks
    around it (‘he called it “historic”’), so neither ““ nor ”” appears and
    the reader still sees where the passage starts and ends; any other gets
    double marks.
    """
    text = passage.strip()
    starts, ends = text[:1] in _OPENING_QUOTES, text[-1:] in _CLOSING_QUOTES
    if starts and ends:
        return text
    if text[:1] in _DOUBLE_QUOTES or text[-1:] in _DOUBLE_QUOTES:
        return f"‘{text}’"
    return f"“{text}”"


def label_once(label: str, text: str) -> str:
    """``label: text``, unless the text already starts with that label (content often carries it).

    "Outside the articles:" and a timeline date are written into some texts
    already; showing the label again gave "1989: 1989: ...".
    """
    bare = label.rstrip().rstrip(":").strip()
    if not bare or text.lstrip().casefold().startswith(bare.casefold()):
        return text.strip()
    return f"{bare}: {text.strip()}"


_LIST_ITEM = re.compile(r"\s*(?:[-•*–]\s|\d{1,3}[.)]\s)")
_SENTENCE_END = ".!?:;\"”’)»"


def reflow(text: str) -> str:
    """Undo a text file's hard line breaks inside paragraphs, keeping every character's position.

    Some articles arrived wrapped at about 80 columns, so each paragraph is
    several short lines that look ragged in any other width. A line break is
    turned into a space (one character for one, so passages found in the
    original text still start and end at the same offsets) when the next line
    continues the same paragraph:

    - it starts with a small letter or a digit (``In a`` / ``historic move``,
      ``On July`` / ``4, 2025``), or
    - the line is long (wrapped, 40+ characters), ends mid-sentence and is
      not a heading in title case.

    Blank lines, list items (``- ``, ``• ``, ``1. ``) and headings (short or
    title-case lines followed by a capital) stay on their own lines; a bullet
    alone on its line (``-``) joins the item after it, and so does an item
    cut off mid-sentence (``- Legal`` / ``Contradictions: ...``).
    """
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        if index == len(lines) - 1:
            break
        following = lines[index + 1]
        out.append(" " if _continues(line, following) else "\n")
    return "".join(out)


def _continues(line: str, following: str) -> bool:
    here, after = line.strip(), following.strip()
    if not here or not after or _LIST_ITEM.match(following):
        return False
    if here in ("-", "•", "*", "–"):
        return True
    mid_sentence = here[-1] not in ".!?"
    if _LIST_ITEM.match(line) and here[-1] not in _SENTENCE_END:
        return True  # "- Legal" / "Contradictions: ...": an item wrapped after its first words
    first = after[0]
    if first.islower():
        return True
    if first.isdigit() or (first in "“\"‘(" and after[1:2].islower()):
        return mid_sentence
    return len(here) >= 40 and here[-1] not in _SENTENCE_END and not _title_like(here)


def _title_like(line: str) -> bool:
    """A heading in title case ("A Global Recalibration"): most longer words capitalised."""
    words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
