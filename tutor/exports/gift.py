"""``tutor export gift``: Moodle's GIFT text format, one ``$CATEGORY`` per module.

Shapes and what they become:

* single (single choice, source attribution, evidence): multiple choice,
  ``=right#feedback ~wrong#feedback``; options that are articles or passages
  name the article.
* multiple: multiple choice with weights. Each right option is worth
  100/n% (n right options, so they add up to 100%), each wrong one takes
  100/n% back: the same partial credit tutor gives. Moodle only accepts
  certain percentages; 1/n for n up to 10 is among them.
* truefalse: ``{T#feedback if wrong#feedback if right}``, the order Moodle's
  importer reads (the feedback shown to a learner who answers wrongly comes
  first). gift-pegjs calls these ``trueFeedback`` and ``falseFeedback``,
  which is only right when the answer is false: for a true statement its
  "trueFeedback" is Moodle's feedback for a wrong answer.
* ordering: matching from positions to items (``1st -> ...``).
* matching: matching; GIFT has no per-pair feedback, so the pairs' feedback
  goes into the general feedback. GIFT has no escape for ``->`` (it ends the
  left text), so one inside a left text is written as an arrow, →.
* short: short answer, every accepted answer at 100% and a ``*`` at 0%
  carrying the feedback for anything else.

Every question gets the explanation and the cited passages (with their
articles' titles) as general feedback. Every text is escaped: ``~ = # { } :``
and backslash get a backslash, line breaks become ``\\n``, and a text that
starts with ``[`` gets an explicit ``[moodle]`` format so it is not read as
one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.content.models import Module
from tutor.exports.common import TUTORIAL, Item, choice_text, items, ordinal
from tutor.fsutil import atomic_write

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Text safe anywhere in a GIFT question: special characters escaped, one line."""
    out = "".join("\\" + c if c in SPECIAL else c for c in text)
    out = out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "[moodle]" + out if out.startswith("[") else out


def category(module: Module) -> str:
    # A category path separates levels with "/", written "//" inside a name.
    return f"$CATEGORY: {TUTORIAL.replace('/', '//')}/{module.title.replace('/', '//')}"


def weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def general_feedback(item: Item) -> str:
    parts = []
    if item.shape.shape == "matching":
        parts += [f"{left} → {right}: {fb}" for left, right, fb in item.shape.pairs if fb]
    if item.shape.shape == "ordering":
        parts += [f"{text}: {fb}" for text, fb in item.shape.sequence if fb]
    if item.question.explanation:
        parts.append(f"Why: {item.question.explanation}")
    parts += [f"“{quote}” ({title})" for quote, title in item.sources]
    return "####" + escape("\n".join(parts)) if parts else ""


def answers(library, item: Item) -> list[str]:
    """The lines between the braces."""
    shape = item.shape
    if shape.shape == "single":
        return [f"{'=' if c.correct else '~'}{escape(choice_text(library, c.text, c.source))}{_feedback(c.feedback)}" for c in shape.choices]
    if shape.shape == "multiple":
        right = sum(c.correct for c in shape.choices) or 1
        share = 100 / right
        return [
            f"~{weight(share if c.correct else -share)}{escape(choice_text(library, c.text, c.source))}{_feedback(c.feedback)}"
            for c in shape.choices
        ]
    if shape.shape == "truefalse":
        truth = next(c for c in shape.choices if c.correct)
        wrong = next(c for c in shape.choices if not c.correct)
        return [f"{'T' if truth.text == 'True' else 'F'}{'#' + escape(wrong.feedback)}{'#' + escape(truth.feedback)}"]
    if shape.shape == "ordering":
        return [f"={escape(ordinal(i))} -> {escape(text)}" for i, (text, _fb) in enumerate(shape.sequence, 1)]
    if shape.shape == "matching":  # GIFT cannot escape "->", which ends the left text: it becomes an arrow
        return [f"={escape(left.replace('->', '→'))} -> {escape(right)}" for left, right, _fb in shape.pairs]
    if shape.shape == "short":
        lines = [f"={escape(a)}{_feedback(shape.feedback_correct)}" for a in shape.answers]
        return [*lines, f"=%0%*{_feedback(shape.feedback_incorrect)}"] if shape.feedback_incorrect else lines
    raise ValueError(f"unknown export shape {shape.shape!r}")


def question_text(library, item: Item) -> str:
    body = "\n".join(answers(library, item))
    title = escape(f"{item.module.id}/{item.question.id}")
    return f"::{title}::{escape(item.shape.prompt)}{{\n{body}\n{general_feedback(item)}\n}}".replace("\n\n}", "\n}")


def render(library, modules: Sequence[Module]) -> str:
    chunks = []
    by_module: dict[str, list[Item]] = {}
    for item in items(modules, library):
        by_module.setdefault(item.module.id, []).append(item)
    for module in modules:
        chunks.append(f"// {module.id}: exported by tutor\n{category(module)}")
        chunks += [question_text(library, item) for item in by_module.get(module.id, [])]
    return "\n\n".join(chunks) + "\n"


def export(library, modules: Sequence[Module], out: Path) -> int:
    text = render(library, modules)
    atomic_write(out, text, mode=0o644)
    return sum(len(m.questions) for m in modules)
