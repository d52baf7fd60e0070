"""Lists that survive keys arriving before they are laid out (hardening F24).

Textual 8's ``OptionList._move_page`` reads the line map of the list, which
is only built once the list has a size; PageUp/PageDown that arrive first (a
burst of keys, or a list just made visible, as the command palette's is)
raised ``KeyError``. Paging a list that is not on screen yet does nothing.
"""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList


class SafePaging:
    """Mixin for OptionList and its subclasses (SelectionList included)."""

    def _move_page(self, direction) -> None:
        if not self._lines or (self.highlighted or 0) not in self._index_to_line:
            return
        super()._move_page(direction)


class SafeOptionList(SafePaging, OptionList):
    """An OptionList that pages only once it is laid out."""


class TutorCommandPalette(CommandPalette):
    """Textual's palette, paging its command list only once the list is laid out."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            commands = self.query_one("CommandList", OptionList)
            if not commands.scrollable_content_region.height or not commands._lines:
                return
        super()._action_command_list(action)
