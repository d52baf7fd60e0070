"""Plain-text output for commands: safe for terminals, pipes and scripts alike."""

from __future__ import annotations

import sys

from tutor.content.text import printable


def say(text: str = "", err: bool = False) -> None:
    """Print content-derived text with control characters and escape sequences made harmless."""
    print(printable(text), file=sys.stderr if err else sys.stdout)


def say_json(data: object) -> None:
    """Print data as JSON for scripts, every string (keys too) made printable first.

    JSON escapes control characters, but a script that decodes it gets them
    back raw: a student name holding an escape sequence or a right-to-left
    override would reach whatever shows the decoded text. U+FFFD stands in for each.
    """
    import json

    say(json.dumps(_printable_data(data), indent=2, ensure_ascii=True))


def _printable_data(data: object) -> object:
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable(str(k)) if isinstance(k, str) else k: _printable_data(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_printable_data(v) for v in data]
    return data


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Align columns with spaces (by display width, so wide characters line up)."""
    from tutor.content.text import display_width

    widths = [max([display_width(h), *(display_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=False)).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def when(timestamp: str | None) -> str:
    """A stored UTC time as the learner's local date and minute."""
    if not timestamp:
        return "-"
    from datetime import datetime

    return datetime.fromisoformat(timestamp).astimezone().strftime("%Y-%m-%d %H:%M")
