"""Cited passages as list options: the article's name, then the quote, shown literally."""

from __future__ import annotations

from textual.widgets.option_list import Option

from tutor.content.models import SourceRef
from tutor.content.text import quoted
from tutor.ui.text import join, plain, styled


def passage_option(session, ref: SourceRef, index: int, numbered: bool = False) -> Option:
    """One passage (numbered where its number key opens it): quote marks added only when the quote has none of its own (23)."""
    article = session.article(ref.source)
    label = article.label if article else ref.source
    number = styled(f"{index + 1}. ", "bold") if numbered else ""
    return Option(join(number, styled(label, "bold"), "\n", plain(quoted(ref.quote))), id=str(index))
