"""short_answer: type the answer. Compared leniently, by one clear rule.

The rule, in full: case, accents, punctuation, extra spaces and a leading
"the", "a" or "an" never matter. Beyond that, a slip is forgiven in longer
answers only: one wrong, missing, extra or swapped letter in an answer of 8
or more letters, two in one of 16 or more. A forgiven slip is still right,
and the learner is told the exact spelling. Short answers (names, years)
must be exact after folding, since one letter can make another word.
"""

from __future__ import annotations

import re
import unicodedata

from tutor.content.models import Question
from tutor.kinds.base import Arrangement, Explained, ExportItem, Grade, InvalidResponse, Kind, Remark

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
#: (minimum length of the accepted answer, slips forgiven), longest first.
TYPO_ALLOWANCE = ((16, 2), (8, 1))
MAX_ANSWER_CHARS = 500


def lenient(text: str) -> str:
    """Fold case, accents, punctuation, spacing and a leading article away."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = " ".join(_PUNCT.sub(" ", plain).split())
    return _LEADING_ARTICLE.sub("", plain)


def slips(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one slip), stopping past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowance(answer: str) -> int:
    letters = len(answer.replace(" ", ""))
    return next((n for length, n in TYPO_ALLOWANCE if letters >= length), 0)


def match(response: str, accepted: tuple[str, ...]) -> tuple[bool, str]:
    """(right?, the accepted answer it matched only by forgiving a slip, else "")."""
    given = lenient(response)
    folded = [(lenient(a), a) for a in accepted]
    if any(given == f for f, _a in folded):
        return True, ""
    for f, original in folded:
        limit = allowance(f)
        if limit and slips(given, f, limit) <= limit:
            return True, original
    return False, ""


class ShortAnswer(Kind):
    name = "short_answer"
    label = "Type the answer"
    plain_hint = "Type your answer and press Enter."
    widget = "short"
    keys = ("answer", "feedback_correct", "feedback_incorrect")
    optional = ("accept",)
    picks_options = False
    interaction = "fill-in"

    def read(self, reader, fields, where):
        answer = reader.text(fields["answer"], f"answer of {where}")
        accept = reader.text_list(fields["accept"], "accept", 1) if "accept" in fields else ()
        ok = reader.text(fields["feedback_correct"], "feedback_correct")
        bad = reader.text(fields["feedback_incorrect"], "feedback_incorrect")
        if not (answer and ok and bad):
            return None
        return {"accept": (answer, *accept), "feedback_correct": ok, "feedback_incorrect": bad}

    def model_answer(self, question: Question) -> object:
        return question.accept[0]

    def arrange(self, question: Question, seed: str, shuffle: bool = True) -> Arrangement:
        return Arrangement(())

    def grade(self, question: Question, response: object) -> Grade:
        if not isinstance(response, str):
            raise InvalidResponse("expected typed text")
        if not response.strip():
            raise InvalidResponse("type an answer")
        if len(response) > MAX_ANSWER_CHARS:
            raise InvalidResponse(f"that answer is very long; keep it under {MAX_ANSWER_CHARS} characters")
        right, forgiven = match(response, question.accept)
        text = question.feedback_correct if right else question.feedback_incorrect
        note = f"Accepted with a small slip: the exact answer is “{forgiven}”." if forgiven else ""
        return Grade(right, 1.0 if right else 0.0, (("", text),), note=note)

    def explain(self, question, arranged, response, grade):
        """What the learner typed, marked; the author's feedback says why (the note, any forgiven slip)."""
        typed = Remark(str(response), grade.correct, grade.feedback[0][1] if grade.feedback else "", chosen=True)
        if grade.correct:
            return (Explained("You typed", (typed,)),)
        return (Explained("You typed", (typed,)), Explained("The expected answer", (Remark(str(self.model_answer(question))),)))

    def plain_lines(self, question: Question, arranged: Arrangement) -> list[str]:
        return []

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        if not text.strip():
            raise InvalidResponse("type an answer (an empty line is not one)")
        if len(text) > MAX_ANSWER_CHARS:
            raise InvalidResponse(f"that answer is very long; keep it under {MAX_ANSWER_CHARS} characters")
        return text.strip()

    def export(self, question: Question) -> ExportItem:
        return ExportItem(
            "short", question.prompt, answers=question.accept,
            feedback_correct=question.feedback_correct, feedback_incorrect=question.feedback_incorrect,
        )

    def xapi_interaction(self, question: Question) -> dict:
        # Every accepted answer is a correct pattern; tutor also forgives case, accents and small slips.
        return {"interactionType": self.interaction, "correctResponsesPattern": ["{case_matters=false}" + a for a in question.accept]}


KIND = ShortAnswer()
