"""The command palette's one provider: the app's commands, then "Open module: <title>" for every module.

The fixed commands come from ``TutorApp.get_system_commands`` (Textual's
hook); one provider yields them before the modules, so the palette lists the
app's commands first (providers running side by side arrive in any order).
Module titles are data, and the palette reads a plain string prompt as
markup (``Content.from_markup``), so every hit is built here as
:class:`Content`, shown literally whatever a title holds.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from tutor.content.text import printable

_HELP = Content("Open this module where you left it")


def _prompt(text: str, offsets: tuple[int, ...] = ()) -> Content:
    """The command's text, literal, with the letters the search matched underlined."""
    content = Content(text)
    for offset in offsets:
        content = content.stylize(Style(bold=True, underline=True), offset, offset + 1)
    return content


class TutorCommands(Provider):
    """The app's commands and every module the learner may open."""

    def _commands(self) -> list[tuple[str, Content, object]]:
        commands = [(printable(c.title), Content(printable(c.help)), c.callback) for c in self.app.get_system_commands(self.screen)]
        session = self.app.session
        for module in session.modules if session is not None else ():  # served, before a name is given: none yet
            # The id too: it is what the module list shows and what assign, report and progress take.
            commands.append((f"Open module: {printable(module.title)} ({module.id})", _HELP, partial(self.app.open_module_by_id, module.id)))
        return commands

    async def discover(self) -> Hits:
        for text, help_text, callback in self._commands():
            yield DiscoveryHit(_prompt(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, text)
            if score > 0:
                yield Hit(score, _prompt(text, tuple(offsets)), callback, text=text, help=help_text)
