"""The article viewer: what the text says about itself, the body reflowed, and the cited passage marked."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.content.models import Article
from tutor.content.text import printable
from tutor.ui.text import join, plain, styled
from tutor.ui.widgets.article_text import ArticleText
from tutor.ui.widgets.footer import Footer
from tutor.ui.widgets.lists import SafeOptionList

WHOLE_PAGE = "Showing the whole page, debris included (f: body only)"
BODY_ONLY = "Showing the article body (f: whole page)"
KIND_NAMES = {"news-report": "news report", "explainer": "explainer / blog post", "opinion": "opinion column", "analysis": "analysis"}


def given(value: str) -> bool:
    return bool(value.strip()) and value.strip().casefold() != "unknown"


def byline(article: Article) -> str:
    """Kind, author, outlet and date as the text gives them; what it does not give is said once, in words (walkthrough 24)."""
    parts = [KIND_NAMES.get(article.kind, article.kind)]
    fields = (("author", f"by {article.author}"), ("outlet", article.outlet), ("date", article.date))
    values = {"author": article.author, "outlet": article.outlet, "date": article.date}
    parts += [shown for name, shown in fields if given(values[name])]
    missing = [name for name, _shown in fields if not given(values[name])]
    if missing:
        names = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        parts.append(f"{names} not given")
    return " · ".join(parts)


def cited_spans(session, article_id: str) -> list[tuple[int, int]]:
    """Every passage of this article that any lesson cites, in reading order, without repeats."""
    quotes = {ref.quote for module in session.reference_modules for ref in module.references() if ref.source == article_id}
    spans = {session.passage(article_id, q) for q in quotes}
    return sorted(s for s in spans if s)


class ArticleScreen(Screen[None]):
    """Shows one article with a passage marked and centred; [ and ] step through every passage the lessons cite."""

    HELP_TITLE = "Article viewer"
    BINDINGS = [
        Binding("right_square_bracket,n", "step(1)", "Next passage", id="next-passage", tooltip="The next passage the lessons cite"),
        Binding("left_square_bracket,p", "step(-1)", "Previous", id="previous-passage", tooltip="The previous passage the lessons cite"),
        Binding("f", "show_full(True)", "Whole page", id="show-whole-page", tooltip="Show the whole page the article came in"),
        Binding("f", "show_full(False)", "Body only", id="show-body", tooltip="Show only the article body"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, article_id: str, quote: str | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.quote = quote
        self.full = False
        self.spans: list[tuple[int, int]] = []
        self.current = -1

    @property
    def article(self) -> Article:
        return self.app.session.article(self.article_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="article-meta")
        yield ArticleText(id="article-text")
        yield Footer()

    def on_mount(self) -> None:
        article = self.article
        if article is None:
            self.notify(f"No article with id {self.article_id!r}.", severity="error")
            self.app.pop_screen()
            return
        self.sub_title = printable(article.label)
        self.spans = cited_spans(self.app.session, self.article_id)
        target = self.app.session.passage(self.article_id, self.quote) if self.quote else None
        if target and not (article.body_start <= target[0] and target[1] <= article.body_end):
            self.full = True  # the passage is in the page around the article
        if target:
            self.current = self.spans.index(target) if target in self.spans else -1
        self.load_text(target)
        if target:
            self.show_meta(self.position())
        self.query_one("#article-text", ArticleText).focus()

    def load_text(self, span: tuple[int, int] | None = None) -> None:
        self.show_meta()
        self.query_one("#article-text", ArticleText).show(self.shown_text, self.local(span))

    def show_meta(self, where: str = "") -> None:
        """Title, byline, description, and which part is shown (and which cited passage, when stepping)."""
        article = self.article
        meta = join(
            styled(article.title if given(article.title) else "(no title in the text)", "bold"),
            "\n", plain(byline(article)),
            "\n", plain(article.description),
            "\n", styled(WHOLE_PAGE if self.full else BODY_ONLY, "italic"), styled(where, "bold"),
        )
        self.query_one("#article-meta", Static).update(meta)

    @property
    def offset(self) -> int:
        return 0 if self.full else self.article.body_start

    @property
    def shown_text(self) -> str:
        return self.article.text if self.full else self.article.body

    def local(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """A span of the article's full text as offsets into the text shown (None if it is not shown)."""
        if span is None:
            return None
        start, end = span[0] - self.offset, span[1] - self.offset
        return (start, end) if 0 <= start < end <= len(self.shown_text) else None

    def highlight(self, span: tuple[int, int]) -> None:
        self.query_one("#article-text", ArticleText).mark_passage(self.local(span))

    def action_step(self, step: int) -> None:
        visible = self.visible_spans()
        if not visible:
            self.notify("The lessons cite nothing in this part of the article.")
            return
        current = self.spans[self.current] if 0 <= self.current < len(self.spans) else None
        index = visible.index(current) if current in visible else (-1 if step > 0 else len(visible))
        index = (index + step) % len(visible)
        self.current = self.spans.index(visible[index])
        self.highlight(visible[index])
        # In the header, not a notice: stepping quickly stacked one notice per key over the text.
        self.show_meta(self.position())

    def visible_spans(self) -> list[tuple[int, int]]:
        return [s for s in self.spans if self.full or (self.article.body_start <= s[0] and s[1] <= self.article.body_end)]

    def position(self) -> str:
        """Which of the passages the lessons cite in this article is marked: said on opening too, not only after ]."""
        visible = self.visible_spans()
        current = self.spans[self.current] if 0 <= self.current < len(self.spans) else None
        if current not in visible:
            return ""
        return f"  ·  cited passage {visible.index(current) + 1} of {len(visible)}"

    def action_show_full(self, full: bool) -> None:
        self.full = full
        self.load_text(self.spans[self.current] if 0 <= self.current < len(self.spans) else None)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """f's label says what it will show next (it said "Whole page" while the whole page was shown)."""
        if action == "show_full":
            return parameters[0] != self.full
        return True


class ArticleListScreen(Screen[None]):
    """The five articles (and any a teacher added), with what their texts say about them."""

    HELP_TITLE = "Articles"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("The sources, and what each text says about itself. Enter opens an article.", markup=False)
        options = []
        session = self.app.session
        cited = {ref.source for module in session.reference_modules for ref in module.references()}
        for a in session.library.articles.articles.values():
            if a.id not in cited:
                continue  # an article no loaded module teaches from (e.g. the shipped ones under --no-shipped)
            options.append(Option(join(styled(a.label, "bold"), "\n  ", plain(byline(a))), id=a.id))
        yield SafeOptionList(*options, id="article-list")
        yield Footer()

    @on(OptionList.OptionSelected, "#article-list")
    def open_article(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(ArticleScreen(event.option.id or ""))
