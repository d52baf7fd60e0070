"""The key footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds every one of its key widgets each time the
bindings may have changed, which is every focus change: answering a
question, opening a screen or pressing Tab rebuilt the footer two to six
times, about 5 ms a key each on a school laptop, even when the keys shown
stayed the same. This one rebuilds at most once per refresh, and only when
what it would show differs from what it shows; and it shows the keys in its
first frame instead of rebuilding right after it. bench_keys.py measures it.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self, *args, **kwargs) -> None:
        # Compact (one space between keys, not two): at 80 columns the
        # lesson's and the ordering question's keys ran past the edge and hid
        # Back, Quit and Help (tests/functional/test_footer.py checks every screen).
        kwargs.setdefault("compact", True)
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None
        self._pending = False
        # Textual's footer draws nothing until told the bindings are ready, then
        # rebuilds: this one shows the screen's keys in its first frame.
        self.set_reactive(TextualFooter._bindings_ready, True)

    def compose(self):
        self._shown = self.keys_shown()
        yield from super().compose()

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if self._pending or not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        self._pending = True
        self.call_after_refresh(self._update)

    async def _update(self) -> None:
        self._pending = False
        if not self.is_attached or self.screen not in self.app.screen_stack:
            return  # its screen went away before the refresh (e.g. the lesson, replaced by its quiz)
        shown = self.keys_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def keys_shown(self) -> tuple:
        """What compose would draw: per action, its first shown key, label and state (as Textual's compose groups them)."""
        first: dict[str, tuple] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding.key, binding.description, enabled, tooltip, binding.group)
        return tuple(first.items())
