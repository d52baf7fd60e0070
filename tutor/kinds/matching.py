"""matching: pair each item on the left with one on the right; partial credit per pair."""

from __future__ import annotations

import random

from tutor.content.models import Question
from tutor.kinds.base import LETTERS, Arrangement, Explained, ExportItem, Grade, InvalidResponse, Kind, Remark, component


class Matching(Kind):
    name = "matching"
    label = "Match the pairs"
    plain_hint = "For each item on the left, in order, type the letter of its match, e.g. b a c."
    widget = "matching"
    keys = ("left", "right", "answer")
    picks_options = False
    interaction = "matching"

    def read(self, reader, fields, where):
        from tutor.content.reader import nearest  # only when reading YAML: keeps yaml off the start path

        left = reader.options(fields["left"], where, "item")
        right = reader.options(fields["right"], where, "right")
        answer = reader.mapping(fields["answer"], f"answer of {where}", [o.id for o in left])
        if answer is None:
            return None
        right_ids = [o.id for o in right]
        pairs = []
        for left_id, rnode in answer.items():
            rid = reader.text(rnode, f"match for '{left_id}'")
            if rid is not None and rid not in right_ids:
                guess = nearest(rid, right_ids)
                hint = f"did you mean '{guess}'?" if guess else "right ids: " + ", ".join(right_ids)
                reader.error(rnode, f"'{rid}' is not an id in the right column of {where}", hint)
                return None
            pairs.append((left_id, rid))
        used = [rid for _left, rid in pairs]
        if len(set(used)) != len(used) or len(right) != len(left):
            reader.error(
                fields["answer"], f"the pairs of {where} do not line up", "give both columns the same number of items and pair each right item once"
            )
            return None
        return {"options": tuple(left), "right": tuple(right), "pairs": tuple(pairs), "correct": tuple(used)}

    def arrange(self, question: Question, seed: str, shuffle: bool = True) -> Arrangement:
        """Each column shuffled on its own, and never lined up so that row i matches row i."""
        left, right = list(question.options), list(question.right)
        if shuffle:
            random.Random(f"{seed}\x1fleft\x1f{len(left)}").shuffle(left)
            random.Random(f"{seed}\x1fright\x1f{len(right)}").shuffle(right)
        pairs = dict(question.pairs)
        if len(right) > 1 and all(pairs.get(a.id) == b.id for a, b in zip(left, right, strict=True)):
            right = right[1:] + right[:1]
        return Arrangement(tuple(left), tuple(right))

    def model_answer(self, question: Question) -> object:
        return [[left, right] for left, right in question.pairs]

    def grade(self, question: Question, response: object) -> Grade:
        if not isinstance(response, list | tuple):
            raise InvalidResponse("expected a list of [left, right] pairs")
        try:
            pairs = {str(left): str(right) for left, right in response}
        except (TypeError, ValueError):
            raise InvalidResponse("expected a list of [left, right] pairs") from None
        expected = dict(question.pairs)
        rights = {o.id for o in question.right}
        if set(pairs) != set(expected) or not set(pairs.values()) <= rights:
            raise InvalidResponse("pair every item on the left with one on the right")
        marks = tuple((o.id, pairs[o.id] == expected[o.id]) for o in question.options)
        hits = sum(ok for _id, ok in marks)
        feedback = tuple((o.id, o.feedback) for o in question.options)
        return Grade(hits == len(expected), hits / len(expected), feedback, marks)

    def plain_lines(self, question: Question, arranged: Arrangement) -> list[str]:
        lines = ["Match each item on the left with one on the right:"]
        lines += [f"{i}. {item.text}" for i, item in enumerate(arranged.shown, 1)]
        lines += [f"{LETTERS[i]}) {item.text}" for i, item in enumerate(arranged.right)]
        return lines

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        letters = [t for t in text.replace(",", " ").split() if t]
        last = LETTERS[len(arranged.right) - 1]
        example = " ".join(LETTERS[: len(arranged.shown)])
        wanted = f"type {len(arranged.shown)} letters from a to {last}, one for each item on the left, in order (e.g. {example})"
        if len(letters) != len(arranged.shown):
            raise InvalidResponse(wanted)
        if len({letter.casefold() for letter in letters}) != len(letters):
            raise InvalidResponse(f"use each letter once: every item on the right is the match of exactly one item; {wanted}")
        picks = []
        for letter in letters:
            index = LETTERS.find(letter.casefold()) if len(letter) == 1 else -1
            if not 0 <= index < len(arranged.right):
                raise InvalidResponse(wanted)
            picks.append(arranged.right[index].id)
        return [[item.id, pick] for item, pick in zip(arranged.shown, picks, strict=True)]

    def explain(self, question, arranged, response, grade):
        """The learner's pairs in the order shown, each marked (with the right match), then the right pairs."""
        names = {o.id: o.text for o in (*question.options, *question.right)}
        right = dict(question.pairs)
        try:
            given = {str(a): str(b) for a, b in response}  # type: ignore[union-attr]
        except (TypeError, ValueError):
            given = {}
        order = [o for o in (arranged.shown or question.options) if o.id in right]
        yours = tuple(
            Remark(o.text, given[o.id] == right[o.id], chosen=True, pair=names.get(given[o.id], given[o.id]),
                   instead="" if given[o.id] == right[o.id] else names[right[o.id]])
            for o in order if o.id in given
        )
        model = tuple(Remark(o.text, why=o.feedback, pair=names[right[o.id]]) for o in order)
        return tuple(p for p in (Explained("Your pairs", yours, True), Explained("The right pairs", model, True)) if p.remarks)

    def describe(self, question: Question, response: object) -> str:
        names = {o.id: o.text for o in (*question.options, *question.right)}
        try:
            return "; ".join(f"{names.get(str(a), a)} → {names.get(str(b), b)}" for a, b in response)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return str(response)

    def export(self, question: Question) -> ExportItem:
        right = {o.id: o.text for o in question.right}
        pairs = dict(question.pairs)
        return ExportItem("matching", question.prompt, pairs=tuple((o.text, right[pairs[o.id]], o.feedback) for o in question.options))

    def xapi_response(self, question: Question, response: object) -> str:
        try:
            return "[,]".join(f"{left}[.]{right}" for left, right in response)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return str(response)

    def xapi_interaction(self, question: Question) -> dict:
        return {
            "interactionType": self.interaction,
            "correctResponsesPattern": [self.xapi_response(question, self.model_answer(question))],
            "source": [component(o.id, o.text) for o in question.options],
            "target": [component(o.id, o.text) for o in question.right],
        }


KIND = Matching()
