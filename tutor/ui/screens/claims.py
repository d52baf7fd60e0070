"""Contested claims: each article's version side by side, with what can be concluded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.content.text import label_once, quoted
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.footer import Footer

#: The narrowest a version's column may be; fewer columns, down to one, when the screen is narrower (walkthrough 14).
COLUMN_WIDTH = 44


def labelled(label: str, text: str):
    """A bold label and its text, the label shown once even if the text carries it."""
    head, _, rest = label_once(label, text).partition(":")
    return join(styled(f"{head}:", "bold"), plain(rest))


class ClaimsScreen(Screen[None]):
    """Each claim the articles disagree on: every article's version, then what a careful reader can conclude.

    The versions sit in a grid of as many columns of at least
    ``COLUMN_WIDTH`` as the screen holds: one column, stacked, at 80x24;
    two at 120 columns. Side-by-side columns of a few words were unreadable.
    """

    HELP_TITLE = "Contested claims"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        session = self.app.session
        yield Header()
        with VerticalScroll(id="claims"):
            claims = [c for m in session.reference_modules for c in m.claims]
            if not claims:
                yield Static("No module has contested claims.", markup=False)
            for claim in claims:
                yield Static(styled(claim.claim, "bold"), classes="claim-title")
                with Grid(classes="versions") as grid:
                    grid.styles.grid_size_columns = 1
                    for version in claim.versions:
                        article = session.article(version.source)
                        label = article.label if article else version.source
                        text = join(styled(label, "bold underline"), "\n", plain(version.says), "\n\n", styled(quoted(version.quote), "italic"))
                        yield Static(text, classes="version")
                yield Static(labelled("What a careful reader can conclude", claim.conclusion), classes="conclusion")
                if claim.outside_knowledge:
                    yield Static(labelled("Outside the articles", claim.outside_knowledge), classes="outside")
        yield Footer()

    def on_resize(self) -> None:
        columns = max(1, (self.size.width - 4) // COLUMN_WIDTH)
        for grid in self.query(".versions").results(Grid):
            grid.styles.grid_size_columns = min(columns, len(grid.children))

    def on_mount(self) -> None:
        self.sub_title = "Contested claims"
        self.query_one("#claims").focus()
