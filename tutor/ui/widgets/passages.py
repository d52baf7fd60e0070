"""Cited passages as list options: the article's name, then the quote, shown literally."""

from __future__ import annotations

from textual.widgets.option_list import Option

from tutor.content.models import SourceRef
from tutor.content.text import quoted
from tutor.ui.text import join, plain, styled


def passage_option(session, ref: SourceRef, index: int) -> Option:
    """One passage: quote marks added only when the quote has none of its own (walkthrough 23)."""
    article = session.article(ref.source)
    label = article.label if article else ref.source
    return Option(join(styled(label, "bold"), "\n", plain(quoted(ref.quote))), id=str(index))
