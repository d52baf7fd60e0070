"""Contested claims: each article's version side by side, with what can be concluded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.footer import Footer


class ClaimsScreen(Screen[None]):
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
                with Horizontal(classes="versions"):
                    for version in claim.versions:
                        article = session.article(version.source)
                        label = article.label if article else version.source
                        text = join(styled(label, "bold underline"), "\n", plain(version.says), "\n\n“", plain(version.quote), "”")
                        yield Static(text, classes="version")
                yield Static(join(styled("What a careful reader can conclude: ", "bold"), plain(claim.conclusion)), classes="conclusion")
                if claim.outside_knowledge:
                    yield Static(join(styled("Outside the articles: ", "bold"), plain(claim.outside_knowledge)), classes="outside")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Contested claims"
        self.query_one("#claims").focus()
