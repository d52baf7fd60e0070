"""Turn content into display text that can never be read as markup or control codes.

Lesson and article text is data. It is made printable (no ESC, CSI or other
control characters) and wrapped in :class:`~textual.content.Content`, which
Textual shows literally: ``[/bold]``, ``[link=...]`` and ``[@click=...]``
stay plain text and can neither crash the app nor run an action.
"""

from __future__ import annotations

from textual.content import Content

from tutor.content.text import printable


def plain(text: str) -> Content:
    """Content text shown exactly as written."""
    return Content(printable(text))


def styled(text: str, style: str) -> Content:
    """Content text in one style (the style is ours; the text is still literal)."""
    return Content.styled(printable(text), style)


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; plain str pieces are our own literal labels."""
    return Content("").join(part if isinstance(part, Content) else Content(part) for part in parts)


def bar(done: int, total: int, width: int = 10) -> str:
    """A text progress bar: cheap to render in a list, unlike a widget per row."""
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)
