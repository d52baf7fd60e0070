"""What every exporter shares: choosing modules, naming sources, the back of a card in words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.content.models import Module, Question
from tutor.errors import UserError
from tutor.kinds import ExportItem, kind_of

#: The parent deck, GIFT category and QTI package title.
TUTORIAL = "Russia recognises the Taliban (tutor)"
ORDINALS = ("1st", "2nd", "3rd")


def choose_modules(library, module_ids: Sequence[str]) -> list[Module]:
    """The modules to export, in the order given (no ids: every module); UserError for an unknown id."""
    if not module_ids:
        modules = list(library.modules.values())
        if not modules:
            raise UserError("there are no lesson modules to export", "check --lessons, or run 'tutor list'")
        return modules
    from tutor.content.reader import nearest

    chosen = []
    for module_id in module_ids:
        module = library.modules.get(module_id)
        if module is None:
            guess = nearest(module_id, list(library.modules))
            hint = f"did you mean '{guess}'?" if guess else "see 'tutor list' for the module ids"
            raise UserError(f"unknown module id '{module_id}'", hint)
        if module not in chosen:
            chosen.append(module)
    return chosen


@dataclass(frozen=True, slots=True)
class Item:
    """A question ready for export: its module, the question, its export shape and its sources in words."""

    module: Module
    question: Question
    shape: ExportItem
    #: (quote, article title) for every passage the question cites.
    sources: tuple[tuple[str, str], ...]


def items(modules: Sequence[Module], library) -> list[Item]:
    out = []
    for module in modules:
        for question in module.questions:
            refs = tuple((ref.quote, article_title(library, ref.source)) for ref in question.sources)
            out.append(Item(module, question, kind_of(question.type).export(question), refs))
    return out


def _article(library, article_id: str):
    articles = getattr(library, "articles", None)
    return articles.articles.get(article_id) if articles is not None else None


def article_title(library, article_id: str) -> str:
    article = _article(library, article_id)
    return article.title if article is not None else article_id


def choice_text(library, text: str, source: str) -> str:
    """An option's text, naming its article: an article as itself, a passage as “quote” (article title)."""
    if not source:
        return text
    article = _article(library, source)
    if text in (source, *((article.label, article.title) if article is not None else ())):
        return text if text != source else article_title(library, source)
    return f"“{text}” ({article_title(library, source)})"


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if n <= len(ORDINALS) else f"{n}th"


def answer_in_words(library, item: Item) -> list[str]:
    """The right answer as a learner reads it on the back of a card (one line each)."""
    shape = item.shape
    if shape.shape in ("single", "multiple", "truefalse"):
        return [choice_text(library, c.text, c.source) for c in shape.choices if c.correct]
    if shape.shape == "ordering":
        return [f"{ordinal(i)}: {text}" for i, (text, _fb) in enumerate(shape.sequence, 1)]
    if shape.shape == "matching":
        return [f"{left} → {right}" for left, right, _fb in shape.pairs]
    if shape.shape == "short":
        return [shape.answers[0], *(f"also accepted: {a}" for a in shape.answers[1:])]
    raise ValueError(f"unknown export shape {shape.shape!r}")


def ident(*parts: str) -> str:
    """An XML-id-safe identifier (letter or underscore first; letters, digits, . _ -) from tutor ids."""
    text = "_".join(re.sub(r"[^A-Za-z0-9._-]", "-", p) for p in parts)
    return text if re.match(r"[A-Za-z_]", text) else "_" + text
