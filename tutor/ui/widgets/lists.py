"""Lists that survive keys arriving before they are laid out (hardening F24).

Textual 8's ``OptionList._move_page`` reads the line map of the list, which
is only built once the list has a size; PageUp/PageDown that arrive first (a
burst of keys, or a list just made visible, as the command palette's is)
raised ``KeyError``. Paging a list that is not on screen yet does nothing.
"""

from __future__ import annotations

from textual.command import CommandPalette
from textual.reactive import reactive
from textual.widgets import OptionList


class SafePaging:
    """Mixin for OptionList and its subclasses: pages only once laid out, and repaints only the options a move changes.

    Textual's OptionList repaints all of itself when the highlight moves: on
    the module list that was 6 KB of output per arrow key, which a pty
    delivers in two pieces a scheduler tick apart (bench_keys.py: 19 ms a
    key against 9 ms for a shorter list). Here only the lines of the option
    left and the option reached are repainted (a scroll repaints the rest).
    """

    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def _move_page(self, direction) -> None:
        if not self._lines or (self.highlighted or 0) not in self._index_to_line:
            return
        super()._move_page(direction)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        OptionList.watch_highlighted(self, new)
        if not self._lines:
            self.refresh()
            return
        for index in (old, new):
            if index is not None and index in self._index_to_line:
                self.refresh_lines(self._index_to_line[index], self._heights.get(index, 1))


class SafeOptionList(SafePaging, OptionList):
    """An OptionList that pages only once it is laid out, and repaints only what a move changes."""


class TutorCommandPalette(CommandPalette):
    """Textual's palette, paging its command list only once the list is laid out."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            commands = self.query_one("CommandList", OptionList)
            if not commands.scrollable_content_region.height or not commands._lines:
                return
        super()._action_command_list(action)
