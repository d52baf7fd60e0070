"""The command palette's module commands: "Open module: <title>" for every module.

Textual's system commands (``TutorApp.get_system_commands``) carry the app's
fixed commands; module titles are data, and the palette reads a plain string
prompt as markup (``Content.from_markup``), so these hits are built here as
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


class ModulesProvider(Provider):
    """Offers every module the learner may open."""

    def _commands(self) -> list[tuple[str, str]]:
        return [(f"Open module: {printable(module.title)}", module.id) for module in self.app.session.modules]

    async def discover(self) -> Hits:
        for text, module_id in self._commands():
            yield DiscoveryHit(_prompt(text), partial(self.app.open_module_by_id, module_id), text=text, help=_HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, module_id in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, text)
            if score > 0:
                yield Hit(score, _prompt(text, tuple(offsets)), partial(self.app.open_module_by_id, module_id), text=text, help=_HELP)
