"""Lesson Markdown as plain text, and word wrap, for plain mode.

A screen reader reads ``**`` as "star star" and ``>`` as "greater than", so
plain mode never prints Markdown syntax: headings and block quotes are
announced in words ("Heading: ...", "Quote: ..."), emphasis markers are
dropped, list items start with "- " (or their number), and paragraphs are
reflowed. Lines are wrapped on spaces only, never inside a word: a word
longer than the line stays whole. Only the small Markdown subset lessons use
is understood; anything else is shown as the text it is.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

from tutor.content.text import display_width

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^ {0,3}>\s?(.*)$")
_BULLET = re.compile(r"^ {0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^ {0,3}(\d{1,9})[.)]\s+(.*)$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_ESCAPED = re.compile("[\ue000-\ue07f]")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph to print: its first-line marker and text; ``verbatim`` lines are never reflowed."""

    text: str
    marker: str = ""
    verbatim: bool = False
    #: A blank line came before it in the source (a new list, or a loose one).
    spaced: bool = False

    @property
    def item(self) -> bool:
        """A list item: no blank line between it and the item before."""
        return self.marker not in ("", "Quote: ", "Heading: ")


def inline(text: str) -> str:
    """Drop emphasis and code markers, show links as "text (address)", unescape ``\\*``."""
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)  # hidden from the rules below, restored at the end
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) and m.group(2) != m.group(1) else m.group(1), text)
    for _ in range(3):  # nested emphasis: ***both***
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return _ESCAPED.sub(lambda m: chr(ord(m.group()) - 0xE000), text)


def blocks(markdown: str) -> list[Block]:
    """The paragraphs, headings, quotes, list items and code of a Markdown text, in order."""
    out: list[Block] = []
    current: list[str] = []
    marker = ""
    quoting = False
    spaced = False

    def add(block: Block) -> None:
        nonlocal spaced
        out.append(block)
        spaced = False

    def flush() -> None:
        nonlocal current, marker, quoting
        if current:
            add(Block(inline(" ".join(current)), "Quote: " if quoting else marker, spaced=spaced))
        current, marker, quoting = [], "", False

    lines = markdown.expandtabs(4).splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if _FENCE.match(line):
            flush()
            while index < len(lines) and not _FENCE.match(lines[index]):
                add(Block(lines[index].rstrip(), verbatim=True))
                index += 1
            index += 1
            continue
        if not line.strip() or _RULE.match(line):
            flush()
            spaced = True
            continue
        if m := _HEADING.match(line):
            flush()
            add(Block(inline(m.group(2)), "Heading: "))
            continue
        if m := _QUOTE.match(line):
            if not quoting:
                flush()
                quoting = True
            if m.group(1).strip():
                current.append(m.group(1).strip())
            else:
                flush()
                quoting = True  # a blank quoted line: a new quoted paragraph
            continue
        if m := _BULLET.match(line):
            flush()
            marker, current = "- ", [m.group(1).strip()]
            continue
        if m := _NUMBERED.match(line):
            flush()
            marker, current = f"{m.group(1)}. ", [m.group(2).strip()]
            continue
        if quoting and not line.startswith(" "):
            flush()  # a line after a quote without ">" starts the next paragraph
        current.append(line.strip())
    flush()
    return out


def terminal_width(default: int = 80) -> int:
    """The width to wrap at: the terminal's, or ``default`` when there is none (at least 20)."""
    try:
        columns = shutil.get_terminal_size((default, 24)).columns
    except (OSError, ValueError):
        columns = default
    return max(20, columns or default)


def terminal_height(default: int = 24) -> int:
    """The terminal's height in lines (``default`` when there is none; at least 5)."""
    try:
        lines = shutil.get_terminal_size((80, default)).lines
    except (OSError, ValueError):
        lines = default
    return max(5, lines or default)


def wrap(text: str, width: int, indent: str = "", marker: str = "") -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces only; later lines hang under the text.

    ``indent`` starts every line; ``marker`` ("- ", "2. ", "b) ") starts the first,
    and the lines after it are indented by the marker's width.
    """
    first = indent + marker
    hang = indent + " " * display_width(marker)
    lines: list[str] = []
    line, used = first, display_width(first)
    empty = True
    for word in text.split():
        size = display_width(word)
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = hang, display_width(hang), True
        if empty:
            line, used, empty = line + word, used + size, False
        else:
            line, used = f"{line} {word}", used + 1 + size
    lines.append(line.rstrip() if empty else line)
    return lines


_LIST_MARK = re.compile(r"^( *)((?:[-•*]|\d{1,3}[.)]|[a-z][.)]) )")


def wrap_line(line: str, width: int) -> list[str]:
    """Wrap one printed line, keeping its leading spaces and hanging under a list marker."""
    stripped = line.lstrip(" ")
    indent = line[: len(line) - len(stripped)]
    mark = _LIST_MARK.match(line)
    if mark:
        return wrap(line[mark.end():], width, mark.group(1), mark.group(2))
    return wrap(stripped, width, indent)


def render(markdown: str, width: int) -> list[str]:
    """A lesson text as wrapped plain lines, a blank line between paragraphs."""
    return [line for group in render_groups(markdown, width) for line in group]


def render_groups(markdown: str, width: int) -> list[list[str]]:
    """The same lines, one group per paragraph or list item (a pager keeps a group on one screen when it can)."""
    groups: list[list[str]] = []
    previous: Block | None = None
    for block in blocks(markdown):
        list_item = block.item and not block.spaced and previous is not None and previous.item
        if previous is not None and not (list_item or (block.verbatim and previous.verbatim)):
            groups.append([""])
        groups.append([block.text] if block.verbatim else wrap(block.text, width, marker=block.marker))
        previous = block
    return groups
