"""An article's text, reflowed to the window and capped at a reading width, with one passage marked.

A line-API widget rather than a TextArea or one Static per paragraph,
because it has to know exactly which screen line a passage starts on:

- paragraphs are reflowed (``tutor.content.text.reflow`` undoes a file's hard
  line breaks, one character for one) and wrapped here at the window's
  width, at most ``MEASURE`` columns, centred (walkthrough 19, 25);
- the marked passage is highlighted and every line of it carries a bar in
  the left margin, so it shows in any theme and without colour;
- it is centred only once the widget has its size (after layout), and kept
  centred on resize while it was on screen (walkthrough 2).

Offsets are those of the article's text, so a passage found by the session
(``session.passage``) marks exactly its characters.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tutor.content.text import printable, reflow

#: The longest line, in columns: about the measure of a printed page.
MEASURE = 78
GUTTER = 2
MARKER = "▌ "
_WORD = re.compile(r"\S+")
_BLANK = (-1, -1)


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` in ``width`` cells, as (start, end) offsets into ``text``.

    Words longer than a line are cut; wide (CJK) characters count two.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    used = 0
    for match in _WORD.finditer(text, start, end):
        w_start, w_end = match.span()
        size = cell_len(text[w_start:w_end])
        gap = w_start - line_end  # the spaces between this word and the last, as the text has them
        if line_start >= 0 and used + gap + size <= width:
            line_end, used = w_end, used + gap + size
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        while size > width:  # a word longer than the line: cut it
            cut, cells = w_start, 0
            while cut < w_end and cells + cell_len(text[cut]) <= width:
                cells += cell_len(text[cut])
                cut += 1
            cut = max(cut, w_start + 1)
            lines.append((w_start, cut))
            w_start = cut
            size = cell_len(text[w_start:w_end])
        line_start, line_end, used = w_start, w_end, size
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


class ArticleText(ScrollView, can_focus=True):
    """Shows one text; ``show(text, mark)`` marks the passage ``text[mark[0]:mark[1]]`` and centres it."""

    COMPONENT_CLASSES = {"article-text--passage", "article-text--marker"}
    DEFAULT_CSS = """
    ArticleText {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        & > .article-text--passage { background: $passage-background; color: $passage-foreground; text-style: bold; }
        & > .article-text--marker { color: $accent; }
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.mark: tuple[int, int] | None = None
        self.lines: list[tuple[int, int]] = []
        self._wrapped_at = 0
        #: The view's height when the lines were last laid out: whether the passage *was* in view is judged by it.
        self._height = 0
        self._centre_pending = False

    @property
    def marked_text(self) -> str:
        return self.text[self.mark[0] : self.mark[1]] if self.mark else ""

    def show(self, text: str, mark: tuple[int, int] | None = None) -> None:
        """Show ``text`` (offsets kept: "\\r\\n", tabs and control characters become one character each) with a passage marked."""
        self.text = reflow(printable(text.replace("\r\n", " \n").replace("\t", " ")))
        self.mark = mark if mark and 0 <= mark[0] < mark[1] <= len(self.text) else None
        self._centre_pending = True
        self._wrapped_at = 0
        self._rewrap()

    def mark_passage(self, mark: tuple[int, int] | None) -> None:
        self.mark = mark if mark and 0 <= mark[0] < mark[1] <= len(self.text) else None
        self._centre_pending = True
        self.refresh()
        self._centre_when_laid_out()

    # -- layout -------------------------------------------------------------------
    @property
    def measure(self) -> int:
        return max(1, min(MEASURE, self.scrollable_content_region.width - GUTTER))

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: on_resize wraps
        anchor = self._top_offset()
        marked_was_visible = self._mark_visible()
        lines: list[tuple[int, int]] = []
        position = 0
        for paragraph in self.text.split("\n"):
            end = position + len(paragraph)
            if paragraph.strip():
                if lines:
                    lines.append(_BLANK)  # one blank line between paragraphs, however many the file has
                lines.extend(wrap_offsets(self.text, position, end, self.measure))
            position = end + 1
        self.lines = lines
        self._wrapped_at = width
        self._height = self.scrollable_content_region.height
        self.virtual_size = Size(width, len(lines))
        self.refresh()
        if self._centre_pending or marked_was_visible:
            self._centre_when_laid_out()
        elif anchor is not None:
            self.scroll_to(y=self._line_of(anchor), animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._wrapped_at:
            self._rewrap()
        elif self.mark and self._mark_visible():
            self._centre_when_laid_out()
        self._height = self.scrollable_content_region.height

    def _centre_when_laid_out(self) -> None:
        if self.scrollable_content_region.height <= 0 or not self.lines:
            return  # on_resize comes back here
        self.call_after_refresh(self.centre)

    def centre(self) -> None:
        """Scroll so the marked passage sits in the middle (its first line at the top when it is taller than the view)."""
        self._centre_pending = False
        if not self.mark:
            return
        first, last = self._line_of(self.mark[0]), self._line_of(self.mark[1] - 1)
        height = self.scrollable_content_region.height
        top = (first + last + 1) // 2 - height // 2 if last - first + 1 <= height else first - 1
        self.scroll_to(y=max(0, top), animate=False, immediate=True, force=True)

    def _line_of(self, offset: int) -> int:
        for index, (start, end) in enumerate(self.lines):
            if start <= offset < end or (start > offset and start >= 0):
                return index
        return max(0, len(self.lines) - 1)

    def _top_offset(self) -> int | None:
        top = int(self.scroll_offset.y)
        for start, _end in self.lines[top:]:
            if start >= 0:
                return start
        return None

    def _mark_visible(self) -> bool:
        if not self.mark or not self.lines:
            return False
        top = int(self.scroll_offset.y)
        bottom = top + (self._height or self.scrollable_content_region.height)
        first, last = self._line_of(self.mark[0]), self._line_of(self.mark[1] - 1)
        return first < bottom and last >= top

    # -- rendering ------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + int(self.scroll_offset.y)
        if index >= len(self.lines) or self.lines[index] == _BLANK:
            return Strip.blank(width, base)
        start, end = self.lines[index]
        margin = max(0, (width - GUTTER - self.measure) // 2)
        segments = [Segment(" " * margin, base)]
        mark = self.mark
        inside = mark is not None and start < mark[1] and end > mark[0]
        marker = self.get_component_rich_style("article-text--marker")
        segments.append(Segment(MARKER if inside else " " * GUTTER, base + marker if inside else base))
        if inside:
            passage = base + self.get_component_rich_style("article-text--passage")
            cut_in, cut_out = max(start, mark[0]), min(end, mark[1])
            for piece_start, piece_end, style in ((start, cut_in, base), (cut_in, cut_out, passage), (cut_out, end, base)):
                if piece_end > piece_start:
                    segments.append(Segment(self.text[piece_start:piece_end], style))
        else:
            segments.append(Segment(self.text[start:end], base))
        return Strip(segments).adjust_cell_length(width, base)
