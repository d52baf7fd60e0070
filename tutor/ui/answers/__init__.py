"""One answer widget per kind of answer, found by the kind's ``widget`` name.

``tutor/ui/answers/<widget>.py`` holds the widget and a ``make(arrangement)``
factory. A new question kind names an existing widget, or brings one new
module here; nothing else in the UI changes.
"""

from __future__ import annotations

from importlib import import_module

from textual.widget import Widget

from tutor.kinds import Arrangement, Kind


def make_input(kind: Kind, arranged: Arrangement) -> Widget:
    """The answer widget for a question of this kind, showing the options in the learner's order."""
    return import_module(f"tutor.ui.answers.{kind.widget}").make(arranged)


def extra_buttons(kind: Kind) -> list[tuple[str, str]]:
    """(id, label) of the buttons a widget needs for mouse-only play besides Answer, e.g. Move up/down."""
    return list(getattr(import_module(f"tutor.ui.answers.{kind.widget}"), "BUTTONS", []))


def hint_for(kind: Kind) -> str:
    """How to answer a question of this kind in the app."""
    return import_module(f"tutor.ui.answers.{kind.widget}").HINT
