"""Feedback after an answer, in words: the verdict, why, and item by item what was right.

The content of the feedback comes from the question's kind
(:meth:`tutor.kinds.Kind.explain`, shared with the app); this module only
words it for reading aloud: "right" and "wrong" rather than check marks,
sentences rather than arrows.
"""

from __future__ import annotations

from tutor.content.models import Question, SourceRef
from tutor.kinds import Arrangement, Explained, Grade, Remark


def verdict(grade: Grade) -> str:
    if grade.correct:
        return "Right."
    if grade.score > 0:
        return f"Partly right ({round(grade.score * 100)}% of the credit)."
    return "Not quite."


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", ":")) else f"{text}."


def pair_line(remark: Remark, prefix: str) -> str:
    """A matched pair in sentences: the item, its match, the verdict, why (labels and texts may hold colons of their own)."""
    parts = [sentence(remark.text), sentence(f"{'Your match' if remark.chosen else 'Its match'}: {remark.pair}")]
    if remark.chosen and remark.right is not None:
        parts.append("Right." if remark.right else sentence(f"Wrong; the right match: {remark.instead}"))
    if remark.why:
        parts.append(remark.why)
    return prefix + " ".join(parts)


def remark_line(remark: Remark, prefix: str) -> str:
    if remark.pair:
        return pair_line(remark, prefix)
    head = remark.text
    word = ""
    if remark.chosen and remark.right is not None and not says_so(remark.why, remark.right):
        word = "right" if remark.right else "wrong"
        if remark.instead:
            word += f" (this place is for: {remark.instead})"
    tail = ". ".join(part for part in (word, remark.why) if part)
    if not tail:
        return f"{prefix}{head}"
    if head.endswith((".", ":")) and not head.endswith(".."):
        head = head[:-1]  # "... that recognition: No." rather than "... that recognition.: No."
    elif head.endswith(("?", "!")):
        return f"{prefix}{head} {tail}"
    return f"{prefix}{head}: {tail}"


_SAYS_RIGHT = ("right", "yes", "correct")
_SAYS_WRONG = ("no", "wrong", "not")


def says_so(why: str, right: bool) -> bool:
    """The author's feedback already opens with the verdict ("Right: ...", "No. ..."): no need to say it twice."""
    first = why.split(maxsplit=1)[0].strip(".,:;!").casefold() if why.strip() else ""
    return first in (_SAYS_RIGHT if right else _SAYS_WRONG)


def explained_lines(parts: tuple[Explained, ...]) -> list[str]:
    lines: list[str] = []
    for part in parts:
        lines.append(f"{part.title}:")
        for number, remark in enumerate(part.remarks, 1):
            lines.append(remark_line(remark, f"  {number}. " if part.numbered else "  - "))
    return lines


def feedback_lines(question: Question, kind, arranged: Arrangement, response: object, grade: Grade) -> list[str]:
    """Everything shown after an answer, but the passages (see :func:`cited`)."""
    lines = [f"{verdict(grade)} {question.explanation}"]
    if grade.note:
        lines.append(grade.note)
    lines += explained_lines(kind.explain(question, arranged, response, grade))
    if question.outside_knowledge:
        lines.append(outside(question.outside_knowledge))
    return lines


def outside(text: str) -> str:
    """Knowledge from outside the articles, labelled once (some lessons carry the label in the text)."""
    label = "Outside the articles:"
    return text if text.casefold().startswith(label.casefold()) else f"{label} {text}"


def cited(question: Question, arranged: Arrangement) -> list[SourceRef]:
    """The question's passages, then those of the options the learner saw (as the app lists them)."""
    refs = list(question.sources)
    for option in arranged.shown:
        refs.extend(r for r in option.sources if r not in refs)
    return refs
