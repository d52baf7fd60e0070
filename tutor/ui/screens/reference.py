"""Glossary and timeline: every module's terms and a timeline of events across modules."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane

from tutor.content.models import Module
from tutor.content.text import label_once, printable
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.hanging import Hanging


class ReferenceScreen(Screen[None]):
    HELP_TITLE = "Glossary and timeline"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, module: Module | None = None) -> None:
        super().__init__()
        self.module = module

    def on_mount(self) -> None:
        self.sub_title = printable(self.module.title) if self.module is not None else "Glossary and timeline"

    def compose(self) -> ComposeResult:
        modules = self.app.session.reference_modules
        terms = {}
        for module in modules:
            for term in module.glossary:
                terms.setdefault(term.term.casefold(), term)
        events = {}
        for module in modules:
            for event in module.timeline:
                events.setdefault((event.date, event.event), event)
        yield Header()
        with TabbedContent(initial="glossary"):
            with TabPane("Glossary", id="glossary"), VerticalScroll():
                for term in sorted(terms.values(), key=lambda t: t.term.casefold()):
                    yield Hanging("", join(styled(term.term, "bold"), "\n", plain(term.definition)), classes="entry")
            with TabPane("Timeline", id="timeline"), VerticalScroll():
                for event in sorted(events.values(), key=lambda e: _year(e.date)):
                    date, rest = dated(event.date, event.event)
                    yield Hanging(join(styled(date, "bold"), "  "), plain(rest), classes="entry")
        yield Footer()


def dated(date: str, text: str) -> tuple[str, str]:
    """The date and the event, the date said once even when the event's text starts with it (walkthrough 22)."""
    rest = label_once(date, text)[len(date.rstrip(":").strip()) :].lstrip(" :-–—")
    return date, rest


def _year(date: str) -> tuple[int, str]:
    """Sort key for dates given as text: the first four-digit year, then the text."""
    digits = [int(w) for w in date.replace("-", " ").replace(",", " ").split() if w.isdigit() and len(w) == 4]
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    month = next((i for i, name in enumerate(months, 1) if name in date.lower()), 0)
    return (digits[0] * 100 + month if digits else 0, date)
